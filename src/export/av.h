// RAII wrappers for the libav handles the exporter uses, and libav errors as text.
// Only src/export includes libav headers.
#pragma once

#include <memory>
#include <string>
#include <vector>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
#include <libavutil/base64.h>
#include <libavutil/dict.h>
#include <libavutil/frame.h>
#include <libavutil/opt.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>
}

namespace reel::av {

/// av_strerror as a string ("File too large", "Invalid argument").
std::string error_text(int error);

/// Routes libav's log into a buffer instead of stderr (REEL_AV_LOG=1 prints it too).
/// Safe to call more than once.
void capture_log();
/// The last error-level message libav logged since the last call, then forgets it ("" if none).
std::string take_logged_error();
/// Warning-level messages logged since the last call (at most 32), then forgets them.
std::vector<std::string> take_logged_warnings();

struct CodecContextDeleter {
    void operator()(AVCodecContext* c) const { avcodec_free_context(&c); }
};
/// Owns an AVCodecContext.
using CodecContextPtr = std::unique_ptr<AVCodecContext, CodecContextDeleter>;

struct FrameDeleter {
    void operator()(AVFrame* f) const { av_frame_free(&f); }
};
/// Owns an AVFrame (and its references to buffers).
using FramePtr = std::unique_ptr<AVFrame, FrameDeleter>;

struct PacketDeleter {
    void operator()(AVPacket* p) const { av_packet_free(&p); }
};
/// Owns an AVPacket.
using PacketPtr = std::unique_ptr<AVPacket, PacketDeleter>;

struct SwsContextDeleter {
    void operator()(SwsContext* s) const { sws_freeContext(s); }
};
/// Owns a SwsContext.
using SwsContextPtr = std::unique_ptr<SwsContext, SwsContextDeleter>;

struct OutputFormatDeleter {
    void operator()(AVFormatContext* f) const;
};
/// Owns an output AVFormatContext and closes its AVIOContext if still open (errors ignored:
/// the success path closes it itself and checks).
using OutputFormatPtr = std::unique_ptr<AVFormatContext, OutputFormatDeleter>;

/// Owns an AVDictionary of options.
class Dictionary {
public:
    Dictionary() = default;
    ~Dictionary() { av_dict_free(&dict_); }
    Dictionary(const Dictionary&) = delete;
    Dictionary& operator=(const Dictionary&) = delete;

    /// Sets key = value; throws std::bad_alloc when libav cannot.
    void set(const char* key, const std::string& value);
    /// For functions that take AVDictionary** (they may replace it).
    AVDictionary** address() { return &dict_; }

private:
    AVDictionary* dict_ = nullptr;
};

/// A new frame with buffers for `format` at w x h; throws std::runtime_error with libav's text.
FramePtr allocate_frame(AVPixelFormat format, int width, int height);
/// Gives `frame` buffers of its own (fresh ones when any are shared); throws like allocate_frame.
void make_frame_writable(AVFrame& frame, AVPixelFormat format, int width, int height);

} // namespace reel::av
