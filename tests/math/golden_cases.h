// The math golden images: which formulas and how they are drawn. Shared by golden_test
// (compares) and tests/support/regenerate_goldens.cpp (writes them on purpose).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstring>

#include "reel/math.h"
#include "render/render.h"

namespace reel::test {

struct MathGoldenCase {
    const char* name;
    const char* tex;
};

inline constexpr MathGoldenCase kMathGoldenCases[] = {
#define MATH_FORMULA(name, tex) {#name, tex},
#include "formulas.inc"
#undef MATH_FORMULA
};

// 90 px per unit (Manim's 720p density), formula centred, 0.1 unit margin.
inline Image render_math_golden(const char* tex) {
    const Mobject m = MathTex(tex, {.font_size = 48, .color = WHITE});
    Frame frame;
    for (const Mobject& leaf : m.leaves()) frame.items.push_back(leaf.leaf_state());
    const Bounds b = m.all_bounds();
    const double ppu = 1280.0 / kFrameWidth;
    const double half_w = std::max(-b.min.x, b.max.x) + 0.1;
    const double half_h = std::max(-b.min.y, b.max.y) + 0.1;
    const int height = static_cast<int>(std::ceil(2 * half_h * ppu));
    const int width = std::min(1280, static_cast<int>(std::ceil(2 * half_w * ppu)));
    const Image full = render_frame(frame, 1280, height, Camera{BLACK});
    Image out(width, height);
    const int x0 = (1280 - width) / 2;
    for (int y = 0; y < height; ++y)
        std::memcpy(out.row(y), full.row(y) + static_cast<std::size_t>(x0) * 4,
                    static_cast<std::size_t>(width) * 4);
    return out;
}

} // namespace reel::test
