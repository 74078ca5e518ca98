// libFuzzer target: parse + layout + outlines of arbitrary bytes. Malformed input must end in
// MathError; anything else (a crash, a hang, a leak, another exception) is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "reel/math.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view latex(reinterpret_cast<const char*>(data), size);
    try {
        const reel::math::MathLayout layout = reel::math::typeset(latex);
        // Touch the result so the work cannot be optimised away.
        volatile std::size_t n = layout.items.size();
        (void)n;
    } catch (const reel::math::MathError&) {
    }
    return 0;
}
