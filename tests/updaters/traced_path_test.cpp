// TracedPath as Manim builds it (one corner per frame at the traced point, from the first frame
// the path is updated), pure in time: the trace after a seek, backwards or scrambled, is the
// one playing shows. Also add_points_as_corners.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "reel/shapes/traced_path.h"
#include "timeline/timeline.h"

namespace reel {
namespace {

bool same(const Frame& a, const Frame& b) {
    if (a.items.size() != b.items.size()) return false;
    for (std::size_t i = 0; i < a.items.size(); ++i)
        if (!(*a.items[i].points == *b.items[i].points) || !(a.items[i].style == b.items[i].style))
            return false;
    return true;
}

// Manim's PointWithTrace: a dot rotated half a turn about RIGHT in 2 s, a wait, two shifts.
Timeline point_with_trace(std::optional<double> dissipating = std::nullopt) {
    Scene s;
    Mobject dot = Dot();
    Mobject path = TracedPath([=] { return dot.get_center(); },
                              {.stroke_width = 4, .dissipating_time = dissipating});
    s.add(path, dot);
    s.play(Rotating(dot, {.radians = PI, .about_point = RIGHT, .run_time = 2}));
    s.wait();
    s.play(animate(dot).shift(UP));
    s.play(animate(dot).shift(LEFT));
    s.wait();
    return s.finish();
}

// The anchors (every fourth point from 0, and the last) of the path drawn first.
std::vector<Vec2> anchors(const Frame& f) {
    const Points& p = *f.items.at(0).points;
    std::vector<Vec2> out;
    for (std::size_t i = 0; i < p.size(); i += 4) out.push_back(p[i]);
    if (!p.empty()) out.push_back(p.back());
    return out;
}

TEST(AddPointsAsCornersNegative, NeedsALastPoint) {
    Mobject m = VMobject();
    EXPECT_THROW(m.add_points_as_corners({RIGHT}), std::invalid_argument);
}

TEST(AddPointsAsCorners, StraightCubicsFromTheLastPoint) {
    Mobject m = VMobject();
    m.set_points_as_corners({ORIGIN, RIGHT});
    m.add_points_as_corners({RIGHT + UP, UP});
    ASSERT_EQ(m.points().size(), 12u);
    EXPECT_EQ(m.points()[4], RIGHT);
    EXPECT_NEAR(m.points()[5].y, 1.0 / 3, 1e-12);
    EXPECT_NEAR(m.points()[6].y, 2.0 / 3, 1e-12);
    EXPECT_EQ(m.points()[11], UP);
}

TEST(TracedPathNegative, NothingBeforeTheFirstFrame) {
    Timeline tl = point_with_trace();
    // Frame 0: the point twice (start_new_path, add_line_to): a zero-length path at the dot.
    auto a = anchors(tl.state_at(0));
    ASSERT_FALSE(a.empty());
    for (Vec2 p : a) EXPECT_NEAR(p.norm(), 0.0, 1e-12);
}

TEST(TracedPath, OneCornerPerFrameOnTheArc) {
    Timeline tl = point_with_trace();
    // At 1 s (frame 60): frames 0..60, the first twice, each on the half circle about RIGHT.
    auto a = anchors(tl.state_at(1.0));
    ASSERT_EQ(a.size(), 62u);
    for (int k = 0; k <= 60; ++k) {
        const double th = PI * k / 120.0; // Rotating is linear: pi over 120 frames
        const Vec2 want{1 - std::cos(th), -std::sin(th)};
        EXPECT_NEAR(a[static_cast<std::size_t>(k) + 1].x, want.x, 1e-9) << k;
        EXPECT_NEAR(a[static_cast<std::size_t>(k) + 1].y, want.y, 1e-9) << k;
    }
    // After the wait and both shifts the path ends where the dot is: (2, 0) + UP + LEFT.
    auto end = anchors(tl.state_at(tl.duration()));
    EXPECT_NEAR(end.back().x, 1.0, 1e-9);
    EXPECT_NEAR(end.back().y, 1.0, 1e-9);
    EXPECT_EQ(tl.state_at(tl.duration()).items[0].style.stroke_width, 4.0);
}

TEST(TracedPath, SeekingGivesThePlayedTrace) {
    Timeline tl = point_with_trace();
    std::vector<Seconds> times;
    for (Seconds t = 0; t <= tl.duration(); t += 1.0 / 30) times.push_back(t);
    std::vector<Frame> played;
    for (Seconds t : times) played.push_back(tl.state_at(t));
    for (std::size_t k = times.size(); k-- > 0;)
        ASSERT_TRUE(same(tl.state_at(times[k]), played[k])) << "backwards at t = " << times[k];
    for (std::size_t k = 0; k < times.size(); ++k) {
        const std::size_t j = (k * 101) % times.size();
        ASSERT_TRUE(same(tl.state_at(times[j]), played[j])) << "jumping to t = " << times[j];
    }
    // A second recording evaluated in another order agrees too.
    Timeline again = point_with_trace();
    EXPECT_TRUE(same(again.state_at(times[135]), played[135]));
}

TEST(TracedPath, DissipatingKeepsTheLastSeconds) {
    Timeline tl = point_with_trace(0.5);
    // At 1 s only the frames from 0.5 s on: 31 samples, the first twice.
    auto a = anchors(tl.state_at(1.0));
    ASSERT_EQ(a.size(), 32u);
    const double th = PI * 30 / 120.0;
    EXPECT_NEAR(a[0].x, 1 - std::cos(th), 1e-9);
}

TEST(TracedPath, AnAnimationStartsFromTheWholeTrace) {
    Scene s;
    Mobject dot = Dot();
    Mobject path = TracedPath([=] { return dot.get_center(); });
    s.add(path, dot);
    s.play(animate(dot).shift(RIGHT * 2));
    s.play(FadeOut(path));
    Timeline tl = s.finish();
    // Half way through the fade the path still reaches from the origin to (2, 0).
    Frame f = tl.state_at(1.5);
    Bounds b = anchor_bounds(*f.items.at(0).points);
    EXPECT_NEAR(b.min.x, 0.0, 1e-9);
    EXPECT_NEAR(b.max.x, 2.0, 1e-9);
}

} // namespace
} // namespace reel
