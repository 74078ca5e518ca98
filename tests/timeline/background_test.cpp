// The scene's background colour (Manim's self.camera.background_color) is timeline data: every
// frame from the moment it is set carries it, and the renderer paints it. Also Scene::mobjects
// (Manim's self.mobjects).
#include <gtest/gtest.h>

#include <stdexcept>

#include "timeline/timeline.h"
#include "render/render.h"

namespace reel {
namespace {

// The colour of the top-left pixel (ARGB32 little-endian: B, G, R, A).
std::array<int, 3> corner(const Image& img) {
    const std::uint8_t* p = img.row(0);
    return {p[2], p[1], p[0]};
}

TEST(BackgroundNegative, MalformedColourIsRefused) {
    Scene s;
    EXPECT_THROW(s.set_background_color("ece6e2x"), std::invalid_argument);
    EXPECT_THROW(s.set_background_color("#ece6e"), std::invalid_argument);
}

TEST(BackgroundNegative, UnsetIsBlack) {
    Scene s;
    s.add(Square());
    s.wait();
    Timeline t = s.finish();
    EXPECT_EQ(t.state_at(0.5).background, BLACK);
    EXPECT_EQ(t.state_at(5).background, BLACK);
}

TEST(Background, SetFirstHoldsEverywhere) {
    Scene s;
    s.set_background_color("#ece6e2");
    s.add(Square());
    s.wait();
    Timeline t = s.finish();
    const Color want = Color::hex("#ece6e2");
    EXPECT_EQ(t.state_at(0).background, want);
    EXPECT_EQ(t.state_at(0.5).background, want);
    EXPECT_EQ(t.state_at(1).background, want); // the final state
    // The renderer and the layer cache paint it.
    const Image img = render_frame(t.state_at(0.5), 64, 36);
    EXPECT_EQ(corner(img), (std::array<int, 3>{0xec, 0xe6, 0xe2}));
    LayerCache cache;
    Image buf(64, 36);
    cache.render(t.state_at(0.5), buf.pixels.data(), 64, 36, buf.stride);
    EXPECT_EQ(corner(buf), (std::array<int, 3>{0xec, 0xe6, 0xe2}));
    // A camera's own background still wins (reel tex --background).
    EXPECT_EQ(corner(render_frame(t.state_at(0.5), 64, 36, Camera{BLACK})),
              (std::array<int, 3>{0, 0, 0}));
}

TEST(Background, ChangesFromTheMomentItIsSet) {
    Scene s;
    s.add(Square());
    s.wait(1);
    s.set_background_color(BLUE_E);
    s.wait(1);
    s.set_background_color(RED);
    s.set_background_color(GREEN); // the same moment: the later one
    s.wait(1);
    Timeline t = s.finish();
    EXPECT_EQ(t.state_at(0.99).background, BLACK);
    EXPECT_EQ(t.state_at(1.0).background, BLUE_E);
    EXPECT_EQ(t.state_at(1.5).background, BLUE_E);
    EXPECT_EQ(t.state_at(2.5).background, GREEN);
    EXPECT_EQ(t.state_at(9).background, GREEN);
    // A cache that drew the black frame does not reuse it for the blue one.
    LayerCache cache;
    Image buf(32, 18);
    cache.render(t.state_at(0.5), buf.pixels.data(), 32, 18, buf.stride);
    cache.render(t.state_at(1.5), buf.pixels.data(), 32, 18, buf.stride);
    EXPECT_EQ(corner(buf), (std::array<int, 3>{0x23, 0x6b, 0x8e}));
}

TEST(SceneMobjects, WhatIsOnStageInOrder) {
    Scene s;
    EXPECT_TRUE(s.mobjects().empty());
    Mobject a = Square(), b = Circle(), c = Dot();
    s.add(a, b);
    s.play(FadeIn(c));
    auto on = s.mobjects();
    ASSERT_EQ(on.size(), 3u);
    EXPECT_TRUE(on[0].same(a));
    EXPECT_TRUE(on[1].same(b));
    EXPECT_TRUE(on[2].same(c));
    // FadeOut(*self.mobjects) empties the stage.
    std::vector<AnimationPtr> outs;
    for (const auto& m : s.mobjects()) outs.push_back(FadeOut(m));
    s.play(outs);
    EXPECT_TRUE(s.mobjects().empty());
    Timeline t = s.finish();
    EXPECT_TRUE(t.state_at(t.duration()).items.empty());
}

} // namespace
} // namespace reel
