// Decoding with libavformat/libavcodec and resampling with libswresample, one packet at a time.
#include "sound/decoder.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <system_error>
#include <vector>

#include <fmt/format.h>

#include "reel/sound.h"
#include "sound/av_log.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libavutil/error.h>
#include <libswresample/swresample.h>
}

namespace reel::sound {

namespace {

namespace fs = std::filesystem;

std::string av_error(int error) {
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(error, text, sizeof text);
    return text;
}

[[noreturn]] void fail(const std::string& path, const std::string& what) {
    throw std::runtime_error(fmt::format("sound '{}': {}", path, what));
}

struct FormatDeleter {
    void operator()(AVFormatContext* f) const { avformat_close_input(&f); }
};
struct CodecDeleter {
    void operator()(AVCodecContext* c) const { avcodec_free_context(&c); }
};
struct SwrDeleter {
    void operator()(SwrContext* s) const { swr_free(&s); }
};
struct PacketDeleter {
    void operator()(AVPacket* p) const { av_packet_free(&p); }
};
struct FrameDeleter {
    void operator()(AVFrame* f) const { av_frame_free(&f); }
};

// The checks libav would answer less clearly: what is at the path at all.
void check_path(const std::string& path) {
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (!fs::exists(st)) fail(path, "no such file");
    if (fs::is_directory(st)) fail(path, "is a directory, not a sound file");
    const auto size = fs::file_size(path, ec);
    if (!ec && size == 0) fail(path, "is empty (0 bytes)");
}

} // namespace

struct Reader::Impl {
    std::string path;
    std::unique_ptr<AVFormatContext, FormatDeleter> format;
    std::unique_ptr<AVCodecContext, CodecDeleter> codec;
    std::unique_ptr<SwrContext, SwrDeleter> swr;
    std::unique_ptr<AVPacket, PacketDeleter> packet{av_packet_alloc()};
    std::unique_ptr<AVFrame, FrameDeleter> frame{av_frame_alloc()};
    int stream = -1;
    SourceInfo info;
    std::vector<float> buffer; // converted frames, interleaved; [head * 2, end) not yet read
    std::size_t head = 0;
    std::int64_t position = 0;
    enum class Stage { Reading, Draining, Done } stage = Stage::Reading;

    explicit Impl(std::string p) : path(std::move(p)) {
        if (!packet || !frame) throw std::bad_alloc();
        open();
    }

    void open() {
        check_path(path);
        av::capture_log(); // a decoder's warnings go to the log buffer, not stderr
        AVFormatContext* raw = nullptr;
        if (int r = avformat_open_input(&raw, path.c_str(), nullptr, nullptr); r < 0)
            fail(path, fmt::format("not a sound file libav can read ({})", av_error(r)));
        format.reset(raw);
        if (int r = avformat_find_stream_info(format.get(), nullptr); r < 0)
            fail(path, fmt::format("corrupt: cannot read its streams ({})", av_error(r)));
        const AVCodec* decoder = nullptr;
        stream = av_find_best_stream(format.get(), AVMEDIA_TYPE_AUDIO, -1, -1, &decoder, 0);
        if (stream == AVERROR_DECODER_NOT_FOUND) fail(path, "libav has no decoder for its audio");
        if (stream < 0) fail(path, "has no audio stream");
        for (unsigned i = 0; i < format->nb_streams; ++i)
            if (static_cast<int>(i) != stream) format->streams[i]->discard = AVDISCARD_ALL;
        codec.reset(avcodec_alloc_context3(decoder));
        if (!codec) throw std::bad_alloc();
        const AVCodecParameters* par = format->streams[stream]->codecpar;
        if (int r = avcodec_parameters_to_context(codec.get(), par); r < 0)
            fail(path, fmt::format("cannot set up its decoder ({})", av_error(r)));
        if (int r = avcodec_open2(codec.get(), decoder, nullptr); r < 0)
            fail(path, fmt::format("cannot open its {} decoder ({})", decoder->name, av_error(r)));
        info.rate = par->sample_rate;
        info.channels = par->ch_layout.nb_channels;
        info.codec = decoder->name;
        if (info.rate <= 0 || info.channels <= 0) fail(path, "corrupt: no sample rate or channel count");
        swr.reset();
        buffer.clear();
        head = 0;
        position = 0;
        stage = Stage::Reading;
    }

    // The resampler, made for the first decoded frame's format (some decoders only know it then).
    void make_resampler(const AVFrame& f) {
        AVChannelLayout in{};
        if (f.ch_layout.order == AV_CHANNEL_ORDER_UNSPEC || f.ch_layout.nb_channels <= 0)
            av_channel_layout_default(&in, f.ch_layout.nb_channels > 0 ? f.ch_layout.nb_channels : info.channels);
        else if (av_channel_layout_copy(&in, &f.ch_layout) < 0)
            throw std::bad_alloc();
        AVChannelLayout out = AV_CHANNEL_LAYOUT_STEREO;
        SwrContext* s = nullptr;
        int r = swr_alloc_set_opts2(&s, &out, AV_SAMPLE_FMT_FLT, kSampleRate, &in,
                                    static_cast<AVSampleFormat>(f.format), f.sample_rate, 0, nullptr);
        swr.reset(s);
        const int in_channels = in.nb_channels;
        av_channel_layout_uninit(&in);
        if (r < 0) fail(path, fmt::format("cannot resample its audio ({})", av_error(r)));
        if (in_channels == 1) {
            // Mono at full level on both sides (libswresample's default puts it at -3 dB).
            const double matrix[2] = {1.0, 1.0};
            if ((r = swr_set_matrix(swr.get(), matrix, 1)) < 0)
                fail(path, fmt::format("cannot resample its audio ({})", av_error(r)));
        }
        if ((r = swr_init(swr.get())) < 0) fail(path, fmt::format("cannot resample its audio ({})", av_error(r)));
    }

    // Appends up to `in_count` input samples (nullptr: the resampler's tail) to the buffer.
    void convert(const std::uint8_t** in, int in_count) {
        if (head > 0) { // drop what was read before growing
            buffer.erase(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(head * 2));
            head = 0;
        }
        for (;;) {
            const int room = swr_get_out_samples(swr.get(), in_count) + 32;
            const std::size_t have = buffer.size() / 2;
            buffer.resize((have + static_cast<std::size_t>(room)) * 2);
            auto* out = reinterpret_cast<std::uint8_t*>(buffer.data() + have * 2);
            const int n = swr_convert(swr.get(), &out, room, in, in_count);
            if (n < 0) fail(path, fmt::format("cannot resample its audio ({})", av_error(n)));
            buffer.resize((have + static_cast<std::size_t>(n)) * 2);
            if (in != nullptr || n == 0) return;
        }
    }

    std::size_t available() const { return buffer.size() / 2 - head; }
    double decoded_seconds() const {
        return static_cast<double>(position + static_cast<std::int64_t>(available())) / kSampleRate;
    }
    [[noreturn]] void fail_decoding(int error) const {
        fail(path, fmt::format("corrupt or truncated: its audio does not decode after {:.2f} s ({})",
                               decoded_seconds(), av_error(error)));
    }

    void take_frames() {
        for (;;) {
            const int r = avcodec_receive_frame(codec.get(), frame.get());
            if (r == AVERROR(EAGAIN)) return;
            if (r == AVERROR_EOF) {
                if (swr) convert(nullptr, 0);
                stage = Stage::Done;
                return;
            }
            if (r < 0) fail_decoding(r);
            if (!swr) make_resampler(*frame);
            convert(const_cast<const std::uint8_t**>(frame->extended_data), frame->nb_samples);
            av_frame_unref(frame.get());
        }
    }

    // Decodes until there is something to read or the file has ended; false at the end.
    bool refill() {
        while (available() == 0 && stage != Stage::Done) {
            if (stage == Stage::Draining) {
                take_frames();
                continue;
            }
            const int r = av_read_frame(format.get(), packet.get());
            if (r == AVERROR_EOF) {
                avcodec_send_packet(codec.get(), nullptr);
                stage = Stage::Draining;
                continue;
            }
            if (r < 0) fail(path, fmt::format("corrupt or truncated: reading stopped ({})", av_error(r)));
            if (packet->stream_index == stream) {
                // libav marks a packet it could read only part of (a file shorter than its
                // header says) as corrupt and hands it over anyway.
                if (packet->flags & AV_PKT_FLAG_CORRUPT)
                    fail(path, fmt::format("corrupt or truncated: its data breaks off after {:.2f} s", decoded_seconds()));
                const int s = avcodec_send_packet(codec.get(), packet.get());
                av_packet_unref(packet.get());
                if (s < 0 && s != AVERROR(EAGAIN)) fail_decoding(s);
                take_frames();
            } else {
                av_packet_unref(packet.get());
            }
        }
        return available() > 0;
    }
};

Reader::Reader(const std::string& path) : impl_(std::make_unique<Impl>(path)) {}
Reader::~Reader() = default;

std::size_t Reader::read(float* out, std::size_t frames) {
    std::size_t done = 0;
    while (done < frames && impl_->refill()) {
        const std::size_t n = std::min(frames - done, impl_->available());
        std::copy_n(impl_->buffer.data() + impl_->head * 2, n * 2, out + done * 2);
        impl_->head += n;
        done += n;
    }
    impl_->position += static_cast<std::int64_t>(done);
    return done;
}

std::int64_t Reader::position() const { return impl_->position; }

void Reader::seek(std::int64_t frame) {
    if (frame < impl_->position) impl_->open();
    while (impl_->position < frame && impl_->refill()) {
        const auto n = std::min<std::size_t>(static_cast<std::size_t>(frame - impl_->position), impl_->available());
        impl_->head += n;
        impl_->position += static_cast<std::int64_t>(n);
    }
}

const SourceInfo& Reader::info() const { return impl_->info; }

double Reader::declared_seconds() const {
    const AVFormatContext* format = impl_->format.get();
    if (format->duration_estimation_method == AVFMT_DURATION_FROM_BITRATE) return -1;
    const AVStream* stream = format->streams[impl_->stream];
    if (stream->duration != AV_NOPTS_VALUE && stream->duration > 0)
        return static_cast<double>(stream->duration) * av_q2d(stream->time_base);
    if (format->duration != AV_NOPTS_VALUE && format->duration > 0)
        return static_cast<double>(format->duration) / AV_TIME_BASE;
    return -1;
}

SourceInfo probe(const std::string& path) {
    Reader reader(path);
    std::vector<float> scratch(2 * 8192);
    std::int64_t frames = 0;
    while (std::size_t n = reader.read(scratch.data(), 8192)) frames += static_cast<std::int64_t>(n);
    SourceInfo info = reader.info();
    info.frames = frames;
    if (frames == 0) fail(path, "has no sound in it (0 samples)");
    // A file cut short (a copy that stopped, a download that broke) decodes without an error:
    // its header still says how long it should be. (Lengths estimated from the bit rate, as
    // for an MP3 without a length header, are not a promise.)
    const double declared = reader.declared_seconds();
    const double decoded = static_cast<double>(frames) / kSampleRate;
    if (declared > 0 && decoded < declared - 0.05)
        fail(path, fmt::format("truncated: its header says {:.3f} s of sound, its data ends after {:.3f} s",
                               declared, decoded));
    return info;
}

} // namespace reel::sound
