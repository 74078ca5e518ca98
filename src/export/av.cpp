// libav handles and error text.
#include "av.h"

#include <cstdio>
#include <new>
#include <stdexcept>

#include <fmt/format.h>

namespace reel::av {


std::string error_text(int error) {
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    if (av_strerror(error, text, sizeof text) < 0)
        return fmt::format("libav error {}", error);
    return text;
}

void close_output(AVFormatContext* f) {
    if (f->pb && !(f->oformat->flags & AVFMT_NOFILE)) avio_closep(&f->pb);
    avformat_free_context(f);
}

void Dictionary::set(const char* key, const std::string& value) {
    if (av_dict_set(&dict_, key, value.c_str(), 0) < 0) throw std::bad_alloc();
}

FramePtr allocate_frame(AVPixelFormat format, int width, int height) {
    FramePtr frame(av_frame_alloc());
    if (!frame) throw std::bad_alloc();
    make_frame_writable(*frame, format, width, height);
    return frame;
}

void make_frame_writable(AVFrame& frame, AVPixelFormat format, int width, int height) {
    if (frame.buf[0] && av_frame_is_writable(&frame)) return;
    // The encoder may still hold the old buffers (it references, never copies, what it is
    // sent): take new ones rather than copying pixels that are about to be overwritten.
    av_frame_unref(&frame);
    frame.format = format;
    frame.width = width;
    frame.height = height;
    int ret = av_frame_get_buffer(&frame, 0);
    if (ret < 0)
        throw std::runtime_error(fmt::format("cannot allocate a {}x{} {} frame: {}", width, height,
                                             av_get_pix_fmt_name(format), error_text(ret)));
}

} // namespace reel::av
