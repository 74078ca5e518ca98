// AAC / Opus encoding of an export's sound, packets cut to the file's span (see audio_stream.h).
#include "audio_stream.h"

#include <algorithm>
#include <cstring>
#include <new>
#include <stdexcept>

#include <fmt/format.h>

extern "C" {
#include <libavutil/channel_layout.h>
}

namespace reel {

namespace {

// Packets before a part's first sample that it carries so that it decodes alone: AAC's frames
// overlap their neighbour by one frame; Opus needs 80 ms to settle (its SeekPreRoll).
int preroll_packets(VideoFormat kind) { return kind == VideoFormat::Mp4 ? 1 : 4; }

// One clear message for a failed libav call on the sound of `shown`, with what libav logged.
[[noreturn]] void fail_on(const std::string& shown, const std::string& what, int error) {
    std::string detail = av::take_logged_error();
    throw ExportError(fmt::format("'{}': {} failed: {}{}", shown, what, av::error_text(error),
                                  detail.empty() ? "" : " (" + detail + ")"));
}

} // namespace

std::int64_t sample_of_frame(long frame, int fps, int fps_den) {
    const std::int64_t num = static_cast<std::int64_t>(frame) * kSampleRate * fps_den;
    return (2 * num + fps) / (2 * static_cast<std::int64_t>(fps));
}

int audio_packet_samples(VideoFormat format) { return format == VideoFormat::WebM ? 960 : 1024; }

const char* audio_encoder_name(VideoFormat format) {
    switch (format) {
    case VideoFormat::Mp4: return "aac";
    case VideoFormat::WebM: return "libopus";
    case VideoFormat::Gif: return nullptr;
    }
    return nullptr;
}

int aac_cutoff(int bandwidth) { return bandwidth > 0 && bandwidth < kAacDefaultCutoff ? bandwidth : 0; }

void AudioStream::fail(const char* what, int error) const { fail_on(shown_, what, error); }

av::CodecContextPtr open_audio_encoder(VideoFormat kind, int bandwidth, bool global_header, const std::string& shown,
                                       const AacSettings& aac) {
    const char* name = audio_encoder_name(kind);
    const AVCodec* codec = name ? avcodec_find_encoder_by_name(name) : nullptr;
    if (!codec)
        throw ExportError(fmt::format("'{}': this FFmpeg has no {} encoder for the sound (install one built with it, "
                                      "or export with --audio none)",
                                      shown, name ? name : format_name(kind)));
    av::CodecContextPtr context(avcodec_alloc_context3(codec));
    if (!context) throw std::bad_alloc();
    AVCodecContext& c = *context;
    c.sample_rate = kSampleRate;
    const AVChannelLayout stereo = AV_CHANNEL_LAYOUT_STEREO;
    if (av_channel_layout_copy(&c.ch_layout, &stereo) < 0) throw std::bad_alloc();
    // libavcodec's AAC encoder takes planar float; libopus takes interleaved float.
    c.sample_fmt = kind == VideoFormat::Mp4 ? AV_SAMPLE_FMT_FLTP : AV_SAMPLE_FMT_FLT;
    c.bit_rate = kind == VideoFormat::Mp4 ? aac.bit_rate : 128000;
    c.time_base = AVRational{1, kSampleRate};
    if (kind == VideoFormat::Mp4) c.cutoff = aac_cutoff(bandwidth);
    if (global_header) c.flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    av::Dictionary options;
    if (kind == VideoFormat::WebM) options.set("frame_duration", "20");
    if (kind == VideoFormat::Mp4) options.set("aac_coder", aac.coder);
    int ret = avcodec_open2(&c, codec, options.address());
    if (ret < 0) fail_on(shown, fmt::format("opening the {} encoder", name), ret);
    // avcodec_open2 hands back the options the encoder did not take.
    if (const AVDictionaryEntry* left = av_dict_get(*options.address(), "", nullptr, AV_DICT_IGNORE_SUFFIX))
        throw ExportError(fmt::format("'{}': the {} encoder of this FFmpeg has no option {} (={})", shown, name,
                                      left->key, left->value));
    return context;
}

AudioStream::AudioStream(AVFormatContext& format, VideoFormat kind, AudioSource& source, const AudioSpan& span,
                         const std::string& shown)
    : format_(format), source_(source), span_(span), shown_(shown) {
    const char* name = audio_encoder_name(kind);
    codec_ = open_audio_encoder(kind, kind == VideoFormat::Mp4 ? source_.bandwidth() : 0,
                                (format.oformat->flags & AVFMT_GLOBALHEADER) != 0, shown_);
    AVCodecContext& c = *codec_;
    frame_size_ = c.frame_size;
    // join_parts counts packets on this grid.
    if (frame_size_ != audio_packet_samples(kind))
        throw ExportError(fmt::format("'{}': the {} encoder makes packets of {} samples, not {}", shown_, name,
                                      frame_size_, audio_packet_samples(kind)));
    // Matroska counts milliseconds: Opus's 312 samples of delay become 336 (7 ms) with 24
    // samples of silence in front, so every packet starts on a whole millisecond.
    lead_ = kind == VideoFormat::WebM ? (48 - c.initial_padding % 48) % 48 : 0;
    priming_ = c.initial_padding + lead_;
    // The first packet this file keeps (see audio_stream.h): the one holding its first sample,
    // less the pre-roll; a whole export's (or the first part's) first packet is the priming.
    keep_from_ = -priming_;
    if (span_.first > 0) {
        const std::int64_t j = std::max<std::int64_t>(0, (span_.first + priming_) / frame_size_ - preroll_packets(kind));
        keep_from_ = -priming_ + j * frame_size_;
    }

    stream_ = avformat_new_stream(&format, nullptr);
    if (!stream_) throw ExportError(fmt::format("'{}': cannot add an audio stream", shown_));
    int ret = avcodec_parameters_from_context(stream_->codecpar, &c);
    if (ret < 0) fail("copying the audio encoder parameters", ret);
    stream_->time_base = c.time_base;
    // What a decoder skips before the file's first sample: the priming, or for a later part the
    // packets before its span. MP4 says it in the edit list (from the first packet's negative
    // timestamp); WebM in CodecDelay (from initial_padding) and Opus's own header.
    const auto skip = static_cast<int>(span_.first - keep_from_);
    stream_->codecpar->initial_padding = skip;
    if (kind == VideoFormat::WebM) {
        // A Matroska block's timestamp is its sound's time plus CodecDelay (the demuxer subtracts
        // it). libavformat 5.1's muxer writes the packet's timestamp as it is (later ones add the
        // delay themselves), so the packets go in that much later. tests/export/audio_test
        // checks the decoded sound's timing.
#if LIBAVFORMAT_VERSION_MAJOR < 60
        block_shift_ = skip;
#endif
        AVCodecParameters& par = *stream_->codecpar;
        if (par.extradata_size < 19 || std::memcmp(par.extradata, "OpusHead", 8) != 0)
            throw ExportError(fmt::format("'{}': the Opus encoder wrote no OpusHead", shown_));
        par.extradata[10] = static_cast<std::uint8_t>(skip & 0xff); // pre-skip, little-endian
        par.extradata[11] = static_cast<std::uint8_t>((skip >> 8) & 0xff);
    }

    frame_.reset(av_frame_alloc());
    packet_.reset(av_packet_alloc());
    held_.reset(av_packet_alloc());
    if (!frame_ || !packet_ || !held_) throw std::bad_alloc();
    buffer_.resize(static_cast<std::size_t>(frame_size_) * 2);
}

void AudioStream::feed(std::int64_t until) {
    AVCodecContext& c = *codec_;
    // Whole frames only, except the last of the range (which the encoders allow to be short).
    for (;;) {
        const std::int64_t at = fed_ - lead_; // range sample of this frame's first sample
        const std::int64_t left = source_.length() - at;
        if (left <= 0) return;
        const std::int64_t n = std::min<std::int64_t>(frame_size_, left);
        if (at + n > until) return;
        if (n < frame_size_ && until < source_.length()) return;
        // The encoder may still hold the last frame's buffers: take fresh ones then.
        if (!frame_->buf[0] || !av_frame_is_writable(frame_.get()) || frame_->nb_samples != n) {
            av_frame_unref(frame_.get());
            frame_->nb_samples = static_cast<int>(n);
            frame_->format = c.sample_fmt;
            frame_->sample_rate = c.sample_rate;
            if (av_channel_layout_copy(&frame_->ch_layout, &c.ch_layout) < 0) throw std::bad_alloc();
            int ret = av_frame_get_buffer(frame_.get(), 0);
            if (ret < 0) fail("allocating an audio frame", ret);
        }
        // The lead's silence, then the range's samples.
        const std::int64_t silent = std::clamp<std::int64_t>(-at, 0, n);
        std::fill_n(buffer_.begin(), silent * 2, 0.0f);
        if (n > silent) {
            try {
                source_.read(at + silent, n - silent, buffer_.data() + silent * 2);
            } catch (const ExportError&) {
                throw;
            } catch (const std::runtime_error& e) { // a sound file that stopped decoding
                throw ExportError(fmt::format("'{}': {}", shown_, e.what()));
            }
        }
        if (c.sample_fmt == AV_SAMPLE_FMT_FLTP) {
            auto* left_ch = reinterpret_cast<float*>(frame_->data[0]);
            auto* right_ch = reinterpret_cast<float*>(frame_->data[1]);
            for (std::int64_t k = 0; k < n; ++k) {
                left_ch[k] = buffer_[static_cast<std::size_t>(k) * 2];
                right_ch[k] = buffer_[static_cast<std::size_t>(k) * 2 + 1];
            }
        } else {
            std::copy_n(buffer_.begin(), n * 2, reinterpret_cast<float*>(frame_->data[0]));
        }
        frame_->pts = at;
        int ret = avcodec_send_frame(&c, frame_.get());
        if (ret < 0) fail("encoding the sound", ret);
        fed_ += n;
        drain(false);
        if (done_) return;
    }
}

void AudioStream::drain(bool flushing) {
    for (;;) {
        int ret = avcodec_receive_packet(codec_.get(), packet_.get());
        if (ret == AVERROR(EAGAIN) && !flushing) return;
        if (ret == AVERROR_EOF) return;
        if (ret < 0) fail("encoding the sound", ret);
        keep(*packet_);
    }
}

void AudioStream::keep(AVPacket& packet) {
    const std::int64_t p = packet.pts;
    if (p < keep_from_ || done_ || (!span_.last && p >= span_.end)) {
        // An earlier part's packet, or a later one's: encoded only so that this part's packets
        // are the ones a whole export writes.
        if (!span_.last && p >= span_.end) done_ = true;
        av_packet_unref(&packet);
        return;
    }
    if (held_->data) write_held(false);
    av_packet_move_ref(held_.get(), &packet);
}

void AudioStream::write_held(bool final_packet) {
    AVPacket& pk = *held_;
    if (final_packet && !span_.last) {
        // A part's last packet reaches into the next part: it lasts until the span's end here
        // (the edit list, or WebM's discard padding, ends the part's sound there), and join_parts
        // gives it back its whole length.
        const std::int64_t keep = span_.end - pk.pts;
        if (keep < pk.duration) {
            const std::int64_t discard = pk.duration - keep;
            pk.duration = keep;
            std::uint8_t* side = av_packet_new_side_data(&pk, AV_PKT_DATA_SKIP_SAMPLES, 10);
            if (!side) throw std::bad_alloc();
            std::memset(side, 0, 10);
            for (int b = 0; b < 4; ++b) side[4 + b] = static_cast<std::uint8_t>((discard >> (8 * b)) & 0xff); // skip at the end, LE
        }
    }
    pk.pts -= span_.first;
    pk.dts = pk.dts == AV_NOPTS_VALUE ? pk.pts : pk.dts - span_.first;
    pk.pts += block_shift_;
    pk.dts += block_shift_;
    pk.stream_index = stream_->index;
    av_packet_rescale_ts(&pk, codec_->time_base, stream_->time_base);
    int ret = av_interleaved_write_frame(&format_, &pk);
    if (ret < 0) fail("writing the sound", ret);
    av_packet_unref(&pk);
}

void AudioStream::write_until(std::int64_t until) {
    if (!done_ && !flushed_) feed(until);
}

void AudioStream::finish() {
    if (!flushed_ && !done_) {
        // A part stops once the packet after its span has come out; the range's end flushes.
        const std::int64_t end = source_.length();
        if (span_.last) {
            feed(end);
        } else {
            while (!done_ && fed_ - lead_ < end) feed(std::min(end, fed_ - lead_ + frame_size_));
        }
        if (!done_) {
            int ret = avcodec_send_frame(codec_.get(), nullptr);
            if (ret < 0) fail("flushing the sound encoder", ret);
            drain(true);
        }
        flushed_ = true;
    }
    if (held_->data) write_held(true);
}

} // namespace reel
