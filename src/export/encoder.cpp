// libavcodec + libavformat: H.264 / VP9 / GIF into MP4 / WebM / GIF, the sound beside them (audio_stream).
#include "chapters.h"
#include "encoder.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <new>
#include <thread>
#include <vector>

#include <pthread.h>
#include <sched.h>

#include <fmt/format.h>

namespace reel {

namespace {

// libvpx's speed knob, from the x264 preset name (same intent: faster <-> smaller).
const char* vpx_cpu_used(const std::string& preset) {
    if (preset == "ultrafast") return "8";
    if (preset == "superfast") return "7";
    if (preset == "veryfast") return "6";
    if (preset == "faster" || preset == "fast") return "5";
    if (preset == "slow") return "3";
    if (preset == "slower") return "2";
    if (preset == "veryslow") return "1";
    if (preset == "placebo") return "0";
    return "4";
}

void set_option(AVCodecContext& c, const char* key, const std::string& value, const std::string& shown) {
    int ret = av_opt_set(c.priv_data, key, value.c_str(), 0);
    if (ret < 0)
        throw ExportError(fmt::format("'{}': cannot set encoder option {}={}: {}", shown, key, value,
                                      av::error_text(ret)));
}

// AVCodecContext::get_encode_buffer: the pool is the context's opaque.
int pooled_packet(AVCodecContext* c, AVPacket* packet, int /*flags*/) {
    return static_cast<PacketPool*>(c->opaque)->attach(*packet);
}

} // namespace

int usable_cpus() {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) != 0)
        return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    return std::max(1, CPU_COUNT(&set));
}

int x264_frame_threads(int cpus, int height) {
    // x264's X264_THREADS_AUTO for frame threads, and its cap: two macroblock rows a thread.
    const int rows_cap = std::max(1, (height + 15) / 16 / 2);
    const int own = std::min(cpus * 3 / 2, rows_cap);
    const int ours = std::min(cpus + 2, rows_cap);
    return cpus >= 2 && ours > own ? ours : 0;
}

PacketPool::PacketPool(std::size_t size) : size_(size) {
    pool_ = av_buffer_pool_init(size_, nullptr);
    if (!pool_) throw std::bad_alloc();
}

PacketPool::~PacketPool() { av_buffer_pool_uninit(&pool_); }

int PacketPool::attach(AVPacket& packet) {
    const std::size_t need = static_cast<std::size_t>(packet.size) + AV_INPUT_BUFFER_PADDING_SIZE;
    if (need > size_) {
        // Buffers still out (in the muxer) keep the old pool until they come back.
        std::size_t size = size_;
        while (size < need) size *= 2;
        AVBufferPool* bigger = av_buffer_pool_init(size, nullptr);
        if (!bigger) return AVERROR(ENOMEM);
        av_buffer_pool_uninit(&pool_);
        pool_ = bigger;
        size_ = size;
    }
    packet.buf = av_buffer_pool_get(pool_);
    if (!packet.buf) return AVERROR(ENOMEM);
    packet.data = packet.buf->data;
    return 0;
}

void Encoder::fail(const char* what, int error) const {
    std::string detail = av::take_logged_error();
    throw ExportError(fmt::format("'{}': {} failed: {}{}", shown_, what, av::error_text(error),
                                  detail.empty() ? "" : " (" + detail + ")"));
}

Encoder::Encoder(const EncoderSettings& s, const std::string& file, const std::string& shown)
    // A raw picture's size: more than x264 or libvpx give a picture at any usual quality (only
    // the first buffers are allocated, and only the bytes written are ever touched).
    : shown_(shown), packets_(static_cast<std::size_t>(s.width) * static_cast<std::size_t>(s.height) * 3 / 2),
      format_kind_(s.format) {
    av::capture_log();
    const char* muxer = nullptr;
    const char* encoder = nullptr;
    switch (s.format) {
    case VideoFormat::Mp4: muxer = "mp4"; encoder = "libx264"; pixel_format_ = AV_PIX_FMT_YUV420P; break;
    case VideoFormat::WebM: muxer = "webm"; encoder = "libvpx-vp9"; pixel_format_ = AV_PIX_FMT_YUV420P; break;
    case VideoFormat::Gif: muxer = "gif"; encoder = "gif"; pixel_format_ = AV_PIX_FMT_PAL8; break;
    }

    AVFormatContext* raw_format = nullptr;
    int ret = avformat_alloc_output_context2(&raw_format, nullptr, muxer, file.c_str());
    if (ret < 0 || !raw_format) fail(fmt::format("setting up the {} muxer", muxer).c_str(), ret);
    format_.reset(raw_format);

    const AVCodec* codec = avcodec_find_encoder_by_name(encoder);
    if (!codec)
        throw ExportError(fmt::format("'{}': this FFmpeg has no {} encoder (install one built with it)",
                                      shown_, encoder));
    codec_.reset(avcodec_alloc_context3(codec));
    if (!codec_) throw ExportError(fmt::format("'{}': cannot allocate the {} encoder", shown_, encoder));
    AVCodecContext& c = *codec_;
    c.width = s.width;
    c.height = s.height;
    c.pix_fmt = pixel_format_;
    c.time_base = AVRational{s.fps_den, s.fps};
    c.framerate = AVRational{s.fps, s.fps_den};
    c.sample_aspect_ratio = AVRational{1, 1};
    if (s.format != VideoFormat::Gif) {
        // Rendered sRGB converted with the BT.709 matrix to limited range: say so, or players
        // guess (BT.601 for small sizes) and shift the colours.
        c.color_primaries = AVCOL_PRI_BT709;
        c.color_trc = AVCOL_TRC_BT709;
        c.colorspace = AVCOL_SPC_BT709;
        c.color_range = AVCOL_RANGE_MPEG;
        if (s.chroma_centred) c.chroma_sample_location = AVCHROMA_LOC_CENTER;
    }
    if (s.format == VideoFormat::Mp4) {
        set_option(c, "preset", s.preset, shown_);
        // crf 0 is lossless, which needs High 4:4:4 Predictive (High refuses it).
        set_option(c, "profile", s.crf == 0 ? "high444" : "high", shown_);
        // x264 signals the lowest profile its tools need; ultrafast turns the 8x8 transform
        // off and would come out as Constrained Baseline.
        set_option(c, "8x8dct", "1", shown_);
        // libx264 hands thread_count to x264 (0: x264's own count); threads= in --x264-params wins.
        c.thread_count = x264_frame_threads(usable_cpus(), s.height);
        if (!s.x264_params.empty()) set_option(c, "x264-params", s.x264_params, shown_);
        set_option(c, "crf", std::to_string(s.crf), shown_);
    } else if (s.format == VideoFormat::WebM) {
        c.bit_rate = 0; // constant quality: crf alone
        c.thread_count = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
        set_option(c, "crf", std::to_string(s.crf), shown_);
        set_option(c, "deadline", "good", shown_);
        set_option(c, "cpu-used", vpx_cpu_used(s.preset), shown_);
        set_option(c, "row-mt", "1", shown_);
    }
    if (format_->oformat->flags & AVFMT_GLOBALHEADER) c.flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    if (codec->capabilities & AV_CODEC_CAP_DR1) { // libx264 and libvpx; the GIF encoder allocates its own
        c.opaque = &packets_;
        c.get_encode_buffer = pooled_packet;
    }
    av::take_logged_warnings();
    {
        // x264 and libvpx start their threads while opening; a thread is born with its
        // creator's name, so they come out as "reel-encode" (top -H, perf: drawing and
        // encoding apart) and this thread gets its own name back.
        char name[16] = {};
        const bool named = pthread_getname_np(pthread_self(), name, sizeof name) == 0 &&
                           pthread_setname_np(pthread_self(), "reel-encode") == 0;
        ret = avcodec_open2(&c, codec, nullptr);
        if (named) pthread_setname_np(pthread_self(), name);
    }
    if (ret < 0) fail(fmt::format("opening the {} encoder", encoder).c_str(), ret);
    // libx264 only warns about x264-params it cannot parse, then ignores them.
    for (const std::string& w : av::take_logged_warnings())
        if (w.find("Error parsing option") != std::string::npos)
            throw ExportError(fmt::format("'{}': --x264-params: {}", shown_, w.substr(w.find("Error parsing"))));

    stream_ = avformat_new_stream(format_.get(), nullptr);
    if (!stream_) throw ExportError(fmt::format("'{}': cannot add a video stream", shown_));
    ret = avcodec_parameters_from_context(stream_->codecpar, &c);
    if (ret < 0) fail("copying the encoder parameters", ret);
    stream_->time_base = c.time_base;
    stream_->avg_frame_rate = c.framerate;
    stream_->r_frame_rate = c.framerate;
    if (s.audio) {
        if (s.format == VideoFormat::Gif) throw ExportError(fmt::format("'{}': a GIF has no sound", shown_));
        audio_.emplace(*format_, s.format, *s.audio, s.audio_span, shown_);
        // A held picture is one packet written when the next picture comes: wait for it rather
        // than write the sound of a long hold ahead of it (the interleaver keeps the packets).
        format_->max_interleave_delta = 0;
        // Every stream's timestamps stay as given: libavformat would move them all later when
        // one starts before 0 (the sound's priming), and the pictures with them.
        if (s.format == VideoFormat::WebM) format_->avoid_negative_ts = AVFMT_AVOID_NEG_TS_DISABLED;
    }

    if (!s.subtitles.empty() && s.format != VideoFormat::Gif) add_subtitle_stream(s);

    ret = avio_open(&format_->pb, file.c_str(), AVIO_FLAG_WRITE);
    if (ret < 0) fail("opening the file", ret);
    if (!s.comment.empty() && av_dict_set(&format_->metadata, "comment", s.comment.c_str(), 0) < 0)
        throw std::bad_alloc();
    if (s.format != VideoFormat::Gif) attach_chapters(*format_, s.chapters);
    av::Dictionary options;
    if (s.format == VideoFormat::Mp4) options.set("movflags", "+faststart");
    // MP4 edit lists count in the movie's timescale, 1000 by default: the sound's would end on a
    // whole millisecond, up to 0.5 ms off its pictures'. A sample's precision instead.
    if (s.format == VideoFormat::Mp4 && audio_) options.set("movie_timescale", std::to_string(kSampleRate));
    ret = avformat_write_header(format_.get(), options.address());
    if (ret < 0) fail("writing the header", ret);
    header_written_ = true;

    packet_.reset(av_packet_alloc());
    last_packet_.reset(av_packet_alloc());
    if (!packet_ || !last_packet_) throw std::bad_alloc();
}

namespace {

// The ASS header libavcodec's text subtitle encoders parse their styles from (what FFmpeg's
// own default header says; mov_text and WebVTT keep only the text).
constexpr const char* kAssHeader =
    "[Script Info]\r\nScriptType: v4.00+\r\nPlayResX: 384\r\nPlayResY: 288\r\n\r\n"
    "[V4+ Styles]\r\nFormat: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, "
    "Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, "
    "MarginL, MarginR, MarginV, Encoding\r\n"
    "Style: Default,Arial,16,&Hffffff,&Hffffff,&H0,&H0,0,0,0,0,100,100,0,0,1,1,0,2,10,10,10,0\r\n\r\n"
    "[Events]\r\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\r\n";

// A cue's text as an ASS dialogue event's text: \N between lines; braces would start overrides.
std::string ass_text(const std::string& text) {
    std::string s;
    for (char c : text) {
        if (c == '\n') s += "\\N";
        else if (c == '{') s += '(';
        else if (c == '}') s += ')';
        else if (c == '\\') s += '/';
        else s += c;
    }
    return s;
}

} // namespace

void Encoder::add_subtitle_stream(const EncoderSettings& s) {
    const char* name = s.format == VideoFormat::Mp4 ? "mov_text" : "webvtt";
    const AVCodec* codec = avcodec_find_encoder_by_name(name);
    if (!codec) throw ExportError(fmt::format("'{}': this FFmpeg has no {} subtitle encoder", shown_, name));
    subtitle_codec_.reset(avcodec_alloc_context3(codec));
    if (!subtitle_codec_) throw std::bad_alloc();
    AVCodecContext& c = *subtitle_codec_;
    c.time_base = AVRational{1, 1000};
    const std::size_t header_size = std::strlen(kAssHeader);
    c.subtitle_header = static_cast<std::uint8_t*>(av_mallocz(header_size + 1));
    if (!c.subtitle_header) throw std::bad_alloc();
    std::memcpy(c.subtitle_header, kAssHeader, header_size);
    c.subtitle_header_size = static_cast<int>(header_size);
    if (format_->oformat->flags & AVFMT_GLOBALHEADER) c.flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    int ret = avcodec_open2(&c, codec, nullptr);
    if (ret < 0) fail(fmt::format("opening the {} encoder", name).c_str(), ret);
    subtitle_stream_ = avformat_new_stream(format_.get(), nullptr);
    if (!subtitle_stream_) throw ExportError(fmt::format("'{}': cannot add a subtitle stream", shown_));
    ret = avcodec_parameters_from_context(subtitle_stream_->codecpar, &c);
    if (ret < 0) fail("copying the subtitle encoder parameters", ret);
    subtitle_stream_->time_base = c.time_base;
    if (av_dict_set(&subtitle_stream_->metadata, "title", "Voice-over", 0) < 0) throw std::bad_alloc();
    cues_ = s.subtitles;
}

void Encoder::write_subtitles_until(Seconds t) {
    if (!subtitle_stream_) return;
    for (; next_cue_ < cues_.size() && cues_[next_cue_].start < t; ++next_cue_) {
        const SubtitleCue& cue = cues_[next_cue_];
        const std::int64_t start = std::llround(cue.start * 1000), end = std::llround(cue.end * 1000);
        std::string event = "0,0,Default,,0,0,0,," + ass_text(cue.text);
        AVSubtitleRect rect{};
        rect.type = SUBTITLE_ASS;
        rect.ass = event.data();
        AVSubtitleRect* rects[] = {&rect};
        AVSubtitle sub{};
        sub.num_rects = 1;
        sub.rects = rects;
        sub.pts = av_rescale_q(start, AVRational{1, 1000}, AV_TIME_BASE_Q);
        sub.end_display_time = static_cast<std::uint32_t>(end - start);
        std::vector<std::uint8_t>& buf = subtitle_buffer_;
        buf.resize(std::max(buf.size(), 4096 + 4 * event.size()));
        const int n = avcodec_encode_subtitle(subtitle_codec_.get(), buf.data(), static_cast<int>(buf.size()), &sub);
        if (n < 0) fail("encoding a subtitle", n);
        av::PacketPtr packet(av_packet_alloc());
        if (!packet) throw std::bad_alloc();
        int ret = av_new_packet(packet.get(), n);
        if (ret < 0) fail("allocating a subtitle packet", ret);
        std::memcpy(packet->data, buf.data(), static_cast<std::size_t>(n));
        packet->pts = packet->dts = start;
        packet->duration = end - start;
        packet->stream_index = subtitle_stream_->index;
        av_packet_rescale_ts(packet.get(), AVRational{1, 1000}, subtitle_stream_->time_base);
        ret = av_interleaved_write_frame(format_.get(), packet.get());
        if (ret < 0) fail("writing a subtitle", ret);
    }
}

Encoder::~Encoder() {
    if (header_written_ && !finished_ && format_kind_ == VideoFormat::Gif && format_ && format_->pb) {
        av_write_trailer(format_.get());
        av::take_logged_error(); // a failure here says nothing new
    }
}

void Encoder::write(AVFrame& frame, long duration) {
    durations_[frame.pts] = duration;
    int ret = avcodec_send_frame(codec_.get(), &frame);
    if (ret < 0) fail("encoding a frame", ret);
    drain(false);
}

void Encoder::drain(bool flushing) {
    for (;;) {
        int ret = avcodec_receive_packet(codec_.get(), packet_.get());
        if (ret == AVERROR(EAGAIN) && !flushing) return;
        if (ret == AVERROR_EOF) return;
        if (ret < 0) fail("encoding", ret);
        // Each packet lasts as long as its picture is shown (1 frame at a constant rate, the
        // hold otherwise). libx264 leaves durations at 0, which would shorten the file.
        if (auto it = durations_.find(packet_->pts); it != durations_.end()) {
            packet_->duration = it->second;
            durations_.erase(it);
        } else {
            packet_->duration = 1;
        }
        // The last packet in decode order is written only at the end, when its duration can
        // be made to reach the end of the file (see finish()).
        if (last_packet_->data) write_packet(*last_packet_);
        av_packet_move_ref(last_packet_.get(), packet_.get());
    }
}

void Encoder::write_packet(AVPacket& packet) {
    packet.stream_index = stream_->index;
    av_packet_rescale_ts(&packet, codec_->time_base, stream_->time_base);
    int ret = av_interleaved_write_frame(format_.get(), &packet);
    if (ret < 0) fail("writing", ret);
    av_packet_unref(&packet);
}

void Encoder::finish(std::int64_t end) {
    int ret = avcodec_send_frame(codec_.get(), nullptr);
    if (ret < 0) fail("flushing the encoder", ret);
    drain(true);
    if (last_packet_->data) {
        // MP4 sample durations are the steps between decode timestamps, the last one the last
        // packet's duration. With B-frames that packet is not the last picture shown, and a
        // hold at the end would vanish from the sample table (decoders would end the film at
        // the last picture's start plus one frame). The last packet lasts until `end` instead:
        // the edit list (pts + duration) still ends exactly at `end`.
        const std::int64_t pts = last_packet_->pts;
        if (pts != AV_NOPTS_VALUE && end - pts > last_packet_->duration) last_packet_->duration = end - pts;
        write_packet(*last_packet_);
    }
    if (audio_) audio_->finish();
    write_subtitles_until(std::numeric_limits<double>::infinity());
    finished_ = true; // the trailer is written (or tried) here, once
    ret = av_write_trailer(format_.get());
    if (ret < 0) fail("writing the trailer", ret);
    ret = avio_closep(&format_->pb);
    if (ret < 0) fail("closing the file", ret);
}

} // namespace reel
