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
#include <libavutil/dict.h>
#include <libavutil/frame.h>
#include <libavutil/opt.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>
}

#include "base/c_handle.h"
#include "sound/av_log.h" // capture_log, take_logged_error, take_logged_warnings

namespace reel::av {

/// av_strerror as a string ("File too large", "Invalid argument").
std::string error_text(int error);

// libav's free functions that take the address of the pointer, as CHandle's deleters.
inline void free_codec_context(AVCodecContext* c) { avcodec_free_context(&c); }
inline void free_frame(AVFrame* f) { av_frame_free(&f); }
inline void free_packet(AVPacket* p) { av_packet_free(&p); }
inline void close_input(AVFormatContext* f) { avformat_close_input(&f); }
/// Closes an output's AVIOContext if still open (errors ignored: the success path closes it
/// itself and checks), then frees the context.
void close_output(AVFormatContext* f);

/// Owns an AVCodecContext.
using CodecContextPtr = CHandle<AVCodecContext, free_codec_context>;
/// Owns an AVFrame (and its references to buffers).
using FramePtr = CHandle<AVFrame, free_frame>;
/// Owns an AVPacket.
using PacketPtr = CHandle<AVPacket, free_packet>;
/// Owns a SwsContext.
using SwsContextPtr = CHandle<SwsContext, sws_freeContext>;
/// Owns an output AVFormatContext (see close_output).
using OutputFormatPtr = CHandle<AVFormatContext, close_output>;
/// Owns an input AVFormatContext (avformat_open_input's).
using InputFormatPtr = CHandle<AVFormatContext, close_input>;

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
