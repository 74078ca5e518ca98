// The golden frames of the promo's gqa section: what is drawn and at which times. Shared by
// render_test (compares) and tests/support/regenerate_goldens.cpp (writes them on purpose).
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "render/render.h"
#include "reel/text.h"
#include "timeline/timeline.h"
#include "scenes/transformer/transformer.h"

namespace reel::test {

constexpr int kGqaGoldenWidth = 960;
constexpr int kGqaGoldenHeight = 540;

// The times of Manim's reference frames in section A (tests/data/reference/frames/INDEX.tsv): mid
// Write, mid FadeIn, the complete diagram, mid Create + Write, static highlight, mid Write,
// mid FadeOut.
inline const std::vector<int>& gqa_golden_times() {
    static const std::vector<int> times = {1000, 4900, 9000, 10000, 16500, 19500, 22550};
    return times;
}

/// "t001000.png" for 1000 ms.
inline std::string gqa_golden_name(int ms) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "t%06d.png", ms);
    return buf;
}

inline Timeline record_gqa_for_goldens() {
    Scene s; // a fresh recording: the font is set inside it, as the promo's scene does
    set_default_text_font("Times New Roman");
    set_manim_glyph_rounding(false);
    scenes::transformer::gqa(s);
    return s.finish();
}

inline Image render_gqa_golden(const Timeline& tl, int ms) {
    return render_frame(tl.state_at(ms / 1000.0), kGqaGoldenWidth, kGqaGoldenHeight);
}

} // namespace reel::test
