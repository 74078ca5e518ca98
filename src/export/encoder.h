// One output file: codec context, muxer and the packet loop. Every libav call is checked.
#pragma once

#include <string>

#include "av.h"
#include "reel/export.h"

namespace reel {

/// What the encoder needs to know (validated by validate_export before).
struct EncoderSettings {
    VideoFormat format = VideoFormat::Mp4;
    int width = 0;
    int height = 0;
    int fps = 0;
    int crf = 18;
    std::string preset = "medium";
    std::string x264_params;
    bool chroma_centred = false; ///< chroma samples sit between the luma samples (2x2 means)
};

/// Encodes frames in order into `file` (a temporary path); messages name `shown` (the target).
class Encoder {
public:
    Encoder(const EncoderSettings& settings, const std::string& file, const std::string& shown);
    Encoder(const Encoder&) = delete;
    Encoder& operator=(const Encoder&) = delete;

    /// The pixel format frames must have (yuv420p, or pal8 for GIF).
    AVPixelFormat pixel_format() const { return pixel_format_; }
    /// Encodes one frame; `frame.pts` is its index (time base 1 / fps). Throws ExportError.
    void write(AVFrame& frame);
    /// Flushes the encoder, writes the trailer (moves the index to the front for MP4) and
    /// closes the file. Throws ExportError.
    void finish();

private:
    void drain(bool flushing);
    [[noreturn]] void fail(const char* what, int error) const;

    std::string shown_;
    AVPixelFormat pixel_format_ = AV_PIX_FMT_NONE;
    av::OutputFormatPtr format_;
    av::CodecContextPtr codec_;
    av::PacketPtr packet_;
    AVStream* stream_ = nullptr; ///< owned by format_
};

} // namespace reel
