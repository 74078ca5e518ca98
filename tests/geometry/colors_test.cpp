// Manim CE 0.17.3's named colours (manim/utils/color.py, class Colors) and DEGREES.
#include <gtest/gtest.h>

#include "reel/geometry.h"

namespace reel {
namespace {

std::string hex(Color c) { return std::string(c.to_hex().data()); }

TEST(ColorsNegative, RgbReadsEachByteAlone) {
    EXPECT_EQ(rgb(0x000000), BLACK);
    EXPECT_EQ(hex(rgb(0x0000FF)), "#0000ff");
    EXPECT_EQ(hex(rgb(0xFF0000)), "#ff0000");
}

TEST(Colors, ManimHexValues) {
    const std::pair<Color, const char*> table[] = {
        {WHITE, "#ffffff"},   {GRAY_A, "#dddddd"},  {GREY_B, "#bbbbbb"},  {GRAY_C, "#888888"},
        {GREY_D, "#444444"},  {GRAY_E, "#222222"},  {LIGHTER_GREY, "#dddddd"},
        {LIGHT_GRAY, "#bbbbbb"}, {GREY, "#888888"}, {DARK_GREY, "#444444"},
        {DARKER_GRAY, "#222222"}, {BLUE_A, "#c7e9f1"}, {BLUE_B, "#9cdceb"},
        {BLUE_C, "#58c4dd"},  {BLUE_D, "#29abca"},  {BLUE_E, "#236b8e"},  {PURE_BLUE, "#0000ff"},
        {BLUE, "#58c4dd"},    {DARK_BLUE, "#236b8e"}, {TEAL_A, "#acead7"}, {TEAL_B, "#76ddc0"},
        {TEAL_C, "#5cd0b3"},  {TEAL_D, "#55c1a7"},  {TEAL_E, "#49a88f"},  {TEAL, "#5cd0b3"},
        {GREEN_A, "#c9e2ae"}, {GREEN_B, "#a6cf8c"}, {GREEN_C, "#83c167"}, {GREEN_D, "#77b05d"},
        {GREEN_E, "#699c52"}, {PURE_GREEN, "#00ff00"}, {GREEN, "#83c167"},
        {YELLOW_A, "#fff1b6"}, {YELLOW_B, "#ffea94"}, {YELLOW_C, "#ffff00"},
        {YELLOW_D, "#f4d345"}, {YELLOW_E, "#e8c11c"}, {YELLOW, "#ffff00"}, {GOLD_A, "#f7c797"},
        {GOLD_B, "#f9b775"},  {GOLD_C, "#f0ac5f"},  {GOLD_D, "#e1a158"},  {GOLD_E, "#c78d46"},
        {GOLD, "#f0ac5f"},    {RED_A, "#f7a1a3"},   {RED_B, "#ff8080"},   {RED_C, "#fc6255"},
        {RED_D, "#e65a4c"},   {RED_E, "#cf5044"},   {PURE_RED, "#ff0000"}, {RED, "#fc6255"},
        {MAROON_A, "#ecabc1"}, {MAROON_B, "#ec92ab"}, {MAROON_C, "#c55f73"},
        {MAROON_D, "#a24d61"}, {MAROON_E, "#94424f"}, {MAROON, "#c55f73"},
        {PURPLE_A, "#caa3e8"}, {PURPLE_B, "#b189c6"}, {PURPLE_C, "#9a72ac"},
        {PURPLE_D, "#715582"}, {PURPLE_E, "#644172"}, {PURPLE, "#9a72ac"}, {PINK, "#d147bd"},
        {LIGHT_PINK, "#dc75cd"}, {ORANGE, "#ff862f"}, {LIGHT_BROWN, "#cd853f"},
        {DARK_BROWN, "#8b4513"}, {GRAY_BROWN, "#736357"}, {GREY_BROWN, "#736357"},
        {BLACK, "#000000"}};
    for (const auto& [c, h] : table) EXPECT_EQ(hex(c), h);
    // The same doubles as parsing Manim's hex string.
    EXPECT_EQ(BLUE_D, Color::hex("#29ABCA"));
    EXPECT_EQ(MAROON, Color::hex("#C55F73"));
}

TEST(Colors, Degrees) {
    EXPECT_DOUBLE_EQ(90 * DEGREES, PI / 2);
    EXPECT_DOUBLE_EQ(DEGREES, TAU / 360);
}

} // namespace
} // namespace reel
