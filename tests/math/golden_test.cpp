// Golden images of formulas typical of ML explainers, rendered through the real renderer and
// compared with the one comparator of tests/support/golden.h. The goldens in tests/golden/math/
// are made by a separate command (cmake --build build --target regenerate-goldens); on a
// mismatch the actual image and a difference image go to the build folder's test-output/math/.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "golden_cases.h"
#include "support/golden.h"

namespace reel {
namespace {

namespace fs = std::filesystem;
using test::MathGoldenCase;

class MathGolden : public ::testing::TestWithParam<MathGoldenCase> {};

TEST(MathGoldenHelpers, MissingGoldenIsReported) {
    std::string err;
    EXPECT_EQ(test::load_png("/nonexistent/golden.png", err).width, 0);
    EXPECT_FALSE(err.empty());
    EXPECT_FALSE(test::matches_golden(Image(4, 4), "/nonexistent/golden.png", REEL_TEST_OUTPUT_DIR));
}

TEST_P(MathGolden, MatchesGolden) {
    const MathGoldenCase& c = GetParam();
    const Image actual = test::render_math_golden(c.tex);
    const fs::path golden = fs::path(REEL_TEST_GOLDEN_DIR) / "math" / (std::string(c.name) + ".png");
    EXPECT_TRUE(test::matches_golden(actual, golden, fs::path(REEL_TEST_OUTPUT_DIR) / "math"));
}

INSTANTIATE_TEST_SUITE_P(Formulas, MathGolden, ::testing::ValuesIn(test::kMathGoldenCases),
                         [](const ::testing::TestParamInfo<MathGoldenCase>& i) { return std::string(i.param.name); });

} // namespace
} // namespace reel
