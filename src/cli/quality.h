// Manim's quality presets (`-q l/m/h/p/k`): a command-line spelling of size and frame rate.
#pragma once

#include <array>

namespace reel {

/// One of Manim's quality presets.
struct Quality {
    char flag;
    int width;
    int height;
    int fps;
};

/// l 854x480@15, m 1280x720@30, h 1920x1080@60, p 2560x1440@60, k 3840x2160@60.
inline constexpr std::array<Quality, 5> kQualities{{
    {'l', 854, 480, 15}, {'m', 1280, 720, 30}, {'h', 1920, 1080, 60},
    {'p', 2560, 1440, 60}, {'k', 3840, 2160, 60}}};

/// nullptr if `flag` is unknown.
constexpr const Quality* find_quality(char flag) {
    for (const Quality& q : kQualities)
        if (q.flag == flag) return &q;
    return nullptr;
}

} // namespace reel
