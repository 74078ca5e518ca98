#include "clock.h"

#include <time.h>

#include <cmath>

#include <fmt/format.h>

namespace reel {

std::string format_clock(double seconds) {
    if (!(seconds > 0)) seconds = 0;
    // The epsilon keeps 16.5 (16.499999... in binary) at 0:16.5.
    const long tenths = static_cast<long>(std::floor(seconds * 10.0 + 1e-6));
    return fmt::format("{}:{:02d}.{}", tenths / 600, (tenths / 10) % 60, tenths % 10);
}

std::string format_clock_seconds(double seconds) {
    if (!(seconds > 0)) seconds = 0;
    const long s = static_cast<long>(std::floor(seconds));
    if (s >= 3600) return fmt::format("{}:{:02d}:{:02d}", s / 3600, s / 60 % 60, s % 60);
    return fmt::format("{}:{:02d}", s / 60, s % 60);
}

std::string format_wall_clock(const std::timespec& moment) {
    tm local{};
    localtime_r(&moment.tv_sec, &local);
    return fmt::format("{:02d}:{:02d}:{:02d}.{:03d}", local.tm_hour, local.tm_min, local.tm_sec,
                       moment.tv_nsec / 1000000L);
}

std::string wall_clock_now() {
    timespec now{};
    clock_gettime(CLOCK_REALTIME, &now);
    return format_wall_clock(now);
}

double thread_cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

} // namespace reel
