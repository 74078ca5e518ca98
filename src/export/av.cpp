// libav handles and error text.
#include "av.h"

#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <new>
#include <stdexcept>

#include <fmt/format.h>

namespace reel::av {

namespace {

std::mutex g_log_mutex;
std::string g_last_error;
std::vector<std::string> g_warnings;
bool g_forward_log = false;

void log_callback(void* object, int level, const char* format, va_list args) {
    if (level > AV_LOG_WARNING && !g_forward_log) return;
    char line[1024];
    int print_prefix = 1;
    va_list copy;
    va_copy(copy, args);
    av_log_format_line2(object, level, format, copy, line, sizeof line, &print_prefix);
    va_end(copy);
    std::string text = line;
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    std::lock_guard lock(g_log_mutex);
    if (level <= AV_LOG_ERROR) g_last_error = text;
    else if (level <= AV_LOG_WARNING && g_warnings.size() < 32) g_warnings.push_back(text);
    if (g_forward_log) std::fputs(line, stderr);
}

} // namespace

std::string error_text(int error) {
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    if (av_strerror(error, text, sizeof text) < 0)
        return fmt::format("libav error {}", error);
    return text;
}

void capture_log() {
    std::lock_guard lock(g_log_mutex);
    const char* env = std::getenv("REEL_AV_LOG");
    g_forward_log = env && *env && std::string(env) != "0";
    av_log_set_level(g_forward_log ? AV_LOG_INFO : AV_LOG_WARNING);
    av_log_set_callback(log_callback);
}

std::string take_logged_error() {
    std::lock_guard lock(g_log_mutex);
    std::string e = std::move(g_last_error);
    g_last_error.clear();
    return e;
}

std::vector<std::string> take_logged_warnings() {
    std::lock_guard lock(g_log_mutex);
    std::vector<std::string> w = std::move(g_warnings);
    g_warnings.clear();
    return w;
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
