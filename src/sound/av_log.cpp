// libav's log captured in a buffer (see av_log.h).
#include "sound/av_log.h"

#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <mutex>

extern "C" {
#include <libavutil/log.h>
}

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

} // namespace reel::av
