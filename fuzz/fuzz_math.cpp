// libFuzzer target over the parser and the layout: any byte string either lays out or ends in
// MathError; anything else (a crash, a hang, a leak, another exception) is a bug. Outlines are
// left out on purpose: they are copies of cached glyph paths, and skipping them doubles the rate.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "font.h"
#include "layout.h"
#include "parser.h"
#include "reel/math.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view latex(reinterpret_cast<const char*>(data), size);
    try {
        const reel::math::NodeList formula = reel::math::parse(latex);
        const reel::math::Box box =
            reel::math::layout_formula(formula, reel::math::FontSet::get());
        // Every glyph must exist in its font and every number must be finite.
        for (const reel::math::Placed& p : box.items) {
            if (!(p.x == p.x) || !(p.y == p.y) || !(p.w == p.w) || !(p.h == p.h)) __builtin_trap();
            if (!p.rule)
                (void)reel::math::FontSet::get().font(p.font).metrics(p.glyph);
        }
    } catch (const reel::math::MathError&) {
    }
    return 0;
}
