#include "clock.h"

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

} // namespace reel
