// Manim's ZoomedScene as timeline state: the zoomed camera's frame, the display inset showing
// what the frame covers at every moment (drawn by the renderer), foreground mobjects, and the
// wait that lasts as Manim's when updaters run through it.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "timeline/timeline.h"
#include "reel/zoomed_scene.h"
#include "render/render.h"

namespace reel {
namespace {

// The BGRA pixel at (x, y) as 0xRRGGBB.
unsigned rgb_at(const Image& img, int x, int y) {
    const std::uint8_t* p = img.row(y) + 4 * x;
    return (unsigned{p[2]} << 16) | (unsigned{p[1]} << 8) | p[0];
}

// Where a scene point lands in a w x h picture of the default camera.
std::pair<int, int> pixel_of(Vec2 p, int w, int h) {
    const double s = w / kFrameWidth;
    return {static_cast<int>(w / 2.0 + p.x * s), static_cast<int>(h / 2.0 - p.y * s)};
}

unsigned hex(Color c) {
    auto v = [](double x) { return static_cast<unsigned>(std::lround(x * 255)); };
    return (v(c.r) << 16) | (v(c.g) << 8) | v(c.b);
}

const LeafState* display_item(const Frame& f) {
    for (const auto& it : f.items)
        if (it.inset) return &it;
    return nullptr;
}

TEST(ZoomedScene, SetUpAsManimDoes) {
    Scene s;
    ZoomedScene z(s, {.zoomed_display_height = 1, .zoomed_display_width = 6, .zoom_factor = 0.3});
    // Frame: the display's size times zoom_factor at ORIGIN; display in the UR corner, 0.5 in.
    EXPECT_NEAR(z.zoomed_camera.frame.width(), 1.8, 1e-9);
    EXPECT_NEAR(z.zoomed_camera.frame.height(), 0.3, 1e-9);
    EXPECT_NEAR(z.zoomed_camera.frame.get_center().x, 0, 1e-12);
    EXPECT_NEAR(z.zoomed_display.width(), 6, 1e-9);
    EXPECT_NEAR(z.zoomed_display.height(), 1, 1e-9);
    EXPECT_NEAR(z.zoomed_display.get_right().x, kFrameWidth / 2 - 0.5, 1e-9);
    EXPECT_NEAR(z.zoomed_display.get_top().y, kFrameHeight / 2 - 0.5, 1e-9);
    EXPECT_NEAR(z.get_zoom_factor(), 0.3, 1e-9);
    EXPECT_EQ(z.zoomed_display.display_frame.style().stroke_width, 3.0);
    EXPECT_EQ(z.zoomed_camera.frame.style().stroke_width, 2.0);
    EXPECT_EQ(z.zoomed_display.kind(), "ImageMobjectFromCamera");
}

TEST(ZoomedScene, ReplaceStretchesOntoTheOtherMobject) {
    Mobject a = Rectangle({.width = 4, .height = 1});
    Mobject b = Square(2.0).shift(Vec2{3, 1});
    a.replace(b, true);
    EXPECT_NEAR(a.width(), 2, 1e-9);
    EXPECT_NEAR(a.height(), 2, 1e-9);
    EXPECT_NEAR(a.get_center().x, 3, 1e-9);
    Mobject c = Rectangle({.width = 4, .height = 1});
    c.replace(b); // scaled to the width, aspect kept
    EXPECT_NEAR(c.width(), 2, 1e-9);
    EXPECT_NEAR(c.height(), 0.5, 1e-9);
    EXPECT_THROW(c.replace(Mobject()), std::invalid_argument);
}

// A red square under the zoomed frame at (-3, 0); the display (3 x 3) in the top right corner.
Timeline zoomed_timeline(bool activate) {
    Scene s;
    ZoomedScene z(s, {.zoom_factor = 0.5});
    Mobject red = Square(1.0, {.color = RED, .fill_opacity = 1}).move_to(Vec2{-3, 0});
    s.add(red);
    z.zoomed_camera.frame.move_to(red);
    if (activate) z.activate_zooming();
    s.play(animate(z.zoomed_camera.frame).shift(Vec2{0, 1}), {.run_time = 1});
    s.wait(1);
    return s.finish();
}

TEST(ZoomedScene, TheDisplayShowsWhatTheFrameCoversAtThatMoment) {
    const Timeline t = zoomed_timeline(true);
    const int w = 320, h = 180;
    // The display's centre (UR corner, 3 x 3, buff 0.5).
    const Vec2 dc{kFrameWidth / 2 - 2, kFrameHeight / 2 - 2};
    auto [x, y] = pixel_of(dc, w, h);
    // At 0 the frame (1.5 x 1.5) is centred on the square: the display's middle is red.
    EXPECT_EQ(rgb_at(render_frame(t.state_at(0), w, h), x, y), hex(RED)) << "t=0";
    // At the end it has moved up by 1: the display's middle shows y = 1, above the square
    // (black background); the square's top edge (y = 0.5) is 2/3 of the way down the display.
    const Image end = render_frame(t.state_at(1.5), w, h);
    EXPECT_EQ(rgb_at(end, x, y), 0u);
    auto [x2, y2] = pixel_of(Vec2{dc.x, dc.y - 1.3}, w, h);
    EXPECT_EQ(rgb_at(end, x2, y2), hex(RED));
    // The inset follows the frame at every moment: the view at t is the frame's place at t.
    for (double at : {0.0, 0.25, 0.5, 0.75, 1.0, 1.5}) {
        const Frame f = t.state_at(at);
        const LeafState* d = display_item(f);
        ASSERT_NE(d, nullptr) << at;
        EXPECT_NEAR(d->inset->center.y, at >= 1 ? 1.0 : smooth(at), 1e-9) << at;
        EXPECT_NEAR(d->inset->width, 1.5, 1e-9);
        EXPECT_NEAR(d->inset->height, 1.5, 1e-9);
        EXPECT_EQ(d->inset->hidden.size(), 2u); // the display and its frame
    }
    // Seeking in any order gives the played picture.
    const Image a = render_frame(t.state_at(0.4), w, h);
    (void)render_frame(t.state_at(1.9), w, h);
    const Image b = render_frame(t.state_at(0.4), w, h);
    EXPECT_EQ(a.pixels, b.pixels);
}

TEST(ZoomedScene, NoDisplayBeforeZoomingIsActivated) {
    const Timeline t = zoomed_timeline(false);
    EXPECT_EQ(display_item(t.state_at(0.5)), nullptr);
    const int w = 320, h = 180;
    auto [x, y] = pixel_of(Vec2{kFrameWidth / 2 - 2, kFrameHeight / 2 - 2}, w, h);
    EXPECT_EQ(rgb_at(render_frame(t.state_at(0), w, h), x, y), 0u);
}

TEST(ZoomedScene, PopOutGrowsTheDisplayFromTheFrame) {
    Scene s;
    ZoomedScene z(s, {.zoom_factor = 0.5});
    z.zoomed_camera.frame.move_to(Vec2{-3, -1});
    z.activate_zooming();
    const Vec2 home = z.zoomed_display.get_center();
    s.play(z.get_zoomed_display_pop_out_animation());
    EXPECT_NEAR(z.zoomed_display.get_center().x, home.x, 1e-9);
    const Timeline t = s.finish();
    // At the start the display lies on the frame (1.5 x 1.5 at (-3, -1)).
    const Frame start = t.state_at(0); // kept: the display item lives in the frame
    const LeafState* d = display_item(start);
    ASSERT_NE(d, nullptr);
    const Bounds b = anchor_bounds(*d->points);
    EXPECT_NEAR(b.center().x, -3, 1e-9);
    EXPECT_NEAR(b.center().y, -1, 1e-9);
    EXPECT_NEAR(b.width(), 1.5, 1e-9);
}

TEST(ZoomedScene, ForegroundMobjectsStayOnTop) {
    Scene s;
    Mobject top = Square({.color = RED, .fill_opacity = 1});
    Mobject later = Circle({.color = BLUE, .fill_opacity = 1});
    s.add_foreground_mobject(top);
    s.add(later);
    ASSERT_EQ(s.mobjects().size(), 2u);
    EXPECT_TRUE(s.mobjects()[0].same(later));
    EXPECT_TRUE(s.mobjects()[1].same(top));
    // An animation's mobject added by play goes below them too.
    Mobject third = Triangle();
    s.play(Create(third));
    EXPECT_TRUE(s.mobjects().back().same(top));
    s.remove(top);
    s.add(Dot());
    EXPECT_FALSE(s.mobjects().back().same(top));
}

TEST(SceneWait, LastsAsAPlayWhenATimeBasedUpdaterRuns) {
    // Manim's wait: a frozen frame of int(d * 60) frames, unless a mobject on screen has an
    // updater that takes dt: then ceil(d * 60), as ThreeDCameraIllusionRotation's 95 frames.
    {
        Scene s;
        s.add(Square());
        s.wait(PI / 2);
        EXPECT_EQ(s.finish().frame_count(60), 94);
    }
    {
        Scene s;
        Mobject sq = Square();
        sq.add_updater([](Mobject& m) { m.set_fill_opacity(0.5); }); // no dt: still frozen
        s.add(sq);
        s.wait(PI / 2);
        EXPECT_EQ(s.finish().frame_count(60), 94);
    }
    {
        Scene s;
        Mobject sq = Square();
        sq.add_updater([](Mobject& m, double dt) { m.rotate(dt); });
        s.add(sq);
        s.wait(PI / 2);
        EXPECT_EQ(s.finish().frame_count(60), 95);
    }
}

} // namespace
} // namespace reel
