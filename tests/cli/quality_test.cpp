// Manim's quality presets as the command line reads them (-q l/m/h/p/k).
#include <gtest/gtest.h>

#include "cli/quality.h"

namespace reel {
namespace {

TEST(Quality, PresetsAreManims) {
    ASSERT_NE(find_quality('l'), nullptr);
    EXPECT_EQ(find_quality('l')->width, 854);
    EXPECT_EQ(find_quality('l')->height, 480);
    EXPECT_EQ(find_quality('l')->fps, 15);
    EXPECT_EQ(find_quality('m')->fps, 30);
    EXPECT_EQ(find_quality('h')->width, 1920);
    EXPECT_EQ(find_quality('h')->fps, 60);
    EXPECT_EQ(find_quality('p')->width, 2560);
    EXPECT_EQ(find_quality('k')->height, 2160);
    EXPECT_EQ(find_quality('x'), nullptr);
}

} // namespace
} // namespace reel
