// NumberLine, Axes, plot, get_area and BarChart against Manim CE 0.17.3 (number_line.py and
// its doctests, coordinate_systems.py, probability.py; values worked out by hand from them).
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "reel/graphing.h"
#include "reel/math.h"
#include "reel/numbers.h"
#include "support/expect_near.h"

namespace reel {
namespace {

TEST(GraphingNegative, BadRangesAndWrongHandles) {
    EXPECT_THROW(NumberLine({.x_range = {3, 1, 1}}), std::invalid_argument);
    EXPECT_THROW(NumberLine({.x_range = {0, 1, -1}}), std::invalid_argument);
    EXPECT_THROW(NumberLine(Mobject(Square())), std::invalid_argument);
    EXPECT_THROW(BarChart({}), std::invalid_argument);
    Axes ax;
    EXPECT_THROW(ax.get_area(Square()), std::invalid_argument);
}

TEST(NumberLine, DefaultsAsInManimsDoctests) {
    NumberLine l;
    // number_to_point(0) == [0, 0, 0], number_to_point(1) == [1, 0, 0]; point_to_number((1,0,0)) == 1.
    expect_near(l.n2p(0), {0, 0});
    expect_near(l.n2p(1), {1, 0});
    EXPECT_NEAR(l.p2n({1, 0}), 1.0, 1e-12);
    EXPECT_NEAR(l.p2n({0.5, 3}), 0.5, 1e-12);
    // [-7, 7, 1] without a tip: ticks -7 .. 7, height 2 * 0.1, width 2.
    ASSERT_EQ(l.ticks().size(), 15u);
    EXPECT_NEAR(l.ticks()[0].height(), 0.2, 1e-12);
    expect_near(l.ticks()[0].get_center(), {-7, 0});
    EXPECT_EQ(l.style().stroke_width, 2.0);
    EXPECT_EQ(l.numbers().size(), 0u);
}

TEST(NumberLine, LengthUnitSizeElongatedTicksAndNumbers) {
    NumberLine l({.x_range = {-10, 10, 2}, .length = 10, .numbers_with_elongated_ticks = {-2, 4},
                  .include_numbers = true});
    EXPECT_NEAR(l.unit_size(), 0.5, 1e-12);
    expect_near(l.n2p(4), {2, 0});
    ASSERT_EQ(l.ticks().size(), 11u);
    EXPECT_NEAR(l.ticks()[4].height(), 0.4, 1e-12); // -2, elongated x2
    EXPECT_NEAR(l.ticks()[5].height(), 0.2, 1e-12);
    ASSERT_EQ(l.numbers().size(), 11u);
    // next_to(n2p(x), DOWN, buff=0.25): the top of each label 0.25 below the line.
    EXPECT_NEAR(l.numbers()[6].get_top().y, -0.25, 1e-9);
    EXPECT_NEAR(l.numbers()[6].get_center().x, 1.0, 1e-9);
    // Negative labels are shifted left by half the minus sign's width.
    DecimalNumber minus4(l.numbers()[3]);
    EXPECT_LT(minus4.get_center().x, l.n2p(-4).x);
}

TEST(NumberLine, TipMovesTheTicksEndAndKeepsN2P) {
    NumberLine l({.x_range = {0, 5, 1}, .include_tip = true});
    // Centred: 0 at -2.5, 5 at the apex 2.5; no tick under the tip (arange(0, 5)).
    expect_near(l.n2p(5), {2.5, 0});
    EXPECT_EQ(l.ticks().size(), 5u);
    expect_near(l.points().back(), {2.5 - 0.35, 0});
}

TEST(Axes, DefaultsAndCoordinates) {
    Axes ax;
    // x: [-7, 7] over 12 units, y: [-4, 4] over 6 units, centred on the origin.
    expect_near(ax.c2p(0, 0), {0, 0});
    expect_near(ax.c2p(7, 0), {6, 0});
    expect_near(ax.c2p(0, 4), {0, 3});
    expect_near(ax.c2p(-3.5, -2), {-3, -1.5});
    auto c = ax.p2c({1.5, -0.75});
    EXPECT_NEAR(c[0], 1.75, 1e-12);
    EXPECT_NEAR(c[1], -1.0, 1e-12);
    // Tips: no tick at the ends under them, and none at the origin (Axes sets
    // exclude_origin_tick): x -7 .. -1, 1 .. 6, y -4 .. -1, 1 .. 3.
    EXPECT_EQ(ax.x_axis().ticks().size(), 13u);
    EXPECT_EQ(ax.y_axis().ticks().size(), 7u);
    for (const Mobject& t : ax.x_axis().ticks().children()) EXPECT_GT(t.get_center().norm(), 0.5);
    for (const Mobject& t : ax.y_axis().ticks().children()) EXPECT_GT(t.get_center().norm(), 0.5);
    // A NumberLine alone keeps its origin tick (NumberLine's own default).
    EXPECT_EQ(NumberLine().ticks().size(), 15u);
}

TEST(Axes, PositiveRangesPutTheOriginInTheCorner) {
    Axes ax({.x_range = {0, 10, 1}, .y_range = {0, 100, 10}, .x_length = 10, .y_length = 6,
             .include_numbers = true});
    expect_near(ax.c2p(0, 0), {-5, -3});
    expect_near(ax.c2p(10, 100), {5, 3});
    expect_near(ax.c2p(4, 50), {-1, 0});
    // Numbers exclude 0: x 1 .. 9 (10 is under the tip), y 10 .. 90.
    EXPECT_EQ(ax.x_axis().numbers().size(), 9u);
    EXPECT_EQ(ax.y_axis().numbers().size(), 9u);
    // y labels sit left of the axis.
    EXPECT_LT(ax.y_axis().numbers()[0].get_right().x, -5.0);
}

TEST(Axes, PlotPassesThroughTheSamples) {
    Axes ax;
    Mobject g = ax.plot([](double x) { return x * x / 10; }, {.x_range = std::array<double, 3>{0, 2, 0.5}});
    ASSERT_EQ(g.points().size(), 16u); // anchors 0, .5, 1, 1.5, 2
    for (int k = 0; k <= 4; ++k) {
        double x = 0.5 * k;
        expect_near(g.points()[static_cast<std::size_t>(std::min(4 * k, 15))], ax.c2p(x, x * x / 10));
    }
    expect_near(ax.input_to_graph_point(1.0, g), ax.c2p(1.0, 0.1));
    // Default range: the axes' x range at a tenth of the step.
    Mobject d = ax.plot([](double x) { return std::sin(x); });
    EXPECT_EQ(d.points().size(), 4u * 140u);
    EXPECT_EQ(d.style().stroke_color, WHITE);
}

TEST(Axes, AreaLabelAndAxisLabels) {
    Axes ax;
    Mobject g = ax.plot([](double x) { return x; }, {.color = RED});
    Mobject area = ax.get_area(g, std::array<double, 2>{0, 2});
    expect_near(area.points().front(), ax.c2p(0, 0));
    EXPECT_NEAR(area.style().fill_opacity, 0.3, 1e-12);
    EXPECT_EQ(area.style().fill_color, BLUE);
    Bounds b = area.anchor_bounds();
    EXPECT_NEAR(b.max.x, ax.c2p(2, 0).x, 1e-9);
    Mobject label = ax.get_graph_label(g, Square(0.3), {.x_val = 1.0});
    EXPECT_EQ(label.style().stroke_color, RED);
    EXPECT_NEAR(label.get_left().x, ax.c2p(1, 1).x + MED_SMALL_BUFF, 1e-9);
    Mobject labels = ax.get_axis_labels(Square(0.2), Square(0.2));
    EXPECT_GT(labels[0].get_bottom().y, 0.0);
    EXPECT_GT(labels[1].get_left().x, 0.0);
}

TEST(Axes, KeywordOptionsAndStrLabelsAsManimWritesThem) {
    Axes ax({.x_range = {-10, 10.3, 1}, .y_range = {-1.5, 1.5, 1}, .x_length = 10, .tips = false});
    Mobject g = ax.plot([](double x) { return std::cos(x); }, {.color = RED, .stroke_width = 2});
    EXPECT_EQ(g.style().stroke_color, RED);
    EXPECT_EQ(g.style().stroke_width, 2.0);
    // A str label is a MathTex of it, placed exactly as the MathTex would be.
    Mobject from_str = ax.get_graph_label(g, "x=2\\pi", {.x_val = TAU, .direction = UR, .color = WHITE});
    Mobject from_tex = ax.get_graph_label(g, MathTex("x=2\\pi"), {.x_val = TAU, .direction = UR, .color = WHITE});
    EXPECT_EQ(from_str.kind(), "MathTex");
    expect_near(from_str.get_center(), from_tex.get_center(), 1e-12);
    EXPECT_EQ(from_str.leaves()[0].style().fill_color, WHITE);
    // Default: the graph's colour, RIGHT of the point at x_val.
    Mobject right = ax.get_graph_label(g, "c", {.x_val = 0});
    EXPECT_EQ(right.leaves()[0].style().fill_color, RED);
    EXPECT_NEAR(right.get_left().x, ax.c2p(0, 1).x + MED_SMALL_BUFF, 1e-9);
    // get_axis_labels() is get_axis_labels(MathTex("x"), MathTex("y")).
    Mobject labels = ax.get_axis_labels(), explicit_labels = ax.get_axis_labels(MathTex("x"), MathTex("y"));
    expect_near(labels[0].get_center(), explicit_labels[0].get_center(), 1e-12);
    expect_near(labels[1].get_center(), explicit_labels[1].get_center(), 1e-12);
    // get_vertical_line: dashed by default, a Line with dashed = false; i2gp is input_to_graph_point.
    Vec2 p = ax.i2gp(TAU, g);
    expect_near(p, ax.input_to_graph_point(TAU, g), 0.0);
    Mobject dashed = ax.get_vertical_line(p), solid = ax.get_vertical_line(p, {.dashed = false, .color = YELLOW});
    EXPECT_GT(dashed.size(), 2u);
    EXPECT_EQ(solid.kind(), "VMobject");
    EXPECT_EQ(solid.size(), 0u);
    EXPECT_EQ(solid.style().stroke_color, YELLOW);
    expect_near(solid.get_end(), p, 1e-12);
    expect_near(solid.get_start(), ax.c2p(TAU, 0), 1e-12);
}

// ArgMinExample's Axes(x_range=[0, 10], y_range=[0, 100, 10]): two numbers take the step 1;
// ticks 1 .. 10 (no tip: the end gets one; the origin none); plot samples every 0.1.
TEST(Axes, TwoNumberRangesTakeManimsSteps) {
    Axes ax({.x_range = {0, 10}, .y_range = {0, 100, 10}, .tips = false});
    EXPECT_EQ(ax.x_axis().options().x_range[2], 1.0);
    EXPECT_EQ(ax.x_axis().ticks().size(), 10u);
    EXPECT_EQ(ax.y_axis().ticks().size(), 10u);
    expect_near(ax.c2p(0, 0), {-6, -3});
    expect_near(ax.c2p(10, 100), {6, 3});
    Mobject g = ax.plot([](double x) { return 2 * (x - 5) * (x - 5); });
    EXPECT_EQ(g.points().size(), 4u * 100u);
    // GraphAreaPlot's plot(f, x_range=[0, 4]) on x_range [0, 5]: the axis' step / 10 (41 samples).
    Axes a2({.x_range = {0, 5}, .y_range = {0, 6}, .tips = false});
    Mobject c = a2.plot([](double x) { return 4 * x - x * x; }, {.x_range = {{0, 4}}});
    EXPECT_EQ(c.points().size(), 4u * 40u);
    expect_near(c.points().back(), a2.c2p(4, 0), 1e-12);
    EXPECT_THROW(a2.plot([](double x) { return x; }, {.x_range = {{0, 4, -0.1}}}), std::invalid_argument);
}

// PolygonOnAxes' plot(k / x, x_range=[k / 10, 10, 0.01], use_smoothing=False): straight cubics
// (handles at thirds of each chord), ending on the last sample.
TEST(Axes, PlotWithoutSmoothingJoinsTheSamplesStraight) {
    Axes ax({.x_range = {0, 10}, .y_range = {0, 10}, .x_length = 6, .y_length = 6, .tips = false});
    auto f = [](double x) { return 25 / x; };
    Mobject g = ax.plot(f, {.x_range = {{2.5, 10.0, 0.01}}, .use_smoothing = false});
    Mobject smooth = ax.plot(f, {.x_range = {{2.5, 10.0, 0.01}}});
    ASSERT_EQ(g.points().size(), smooth.points().size());
    ASSERT_EQ(g.points().size() % 4, 0u);
    for (std::size_t i = 0; i < g.points().size(); i += 4) {
        const Vec2 a = g.points()[i], b = g.points()[i + 3];
        expect_near(g.points()[i + 1], a + (b - a) / 3.0, 1e-9);
        expect_near(g.points()[i + 2], a + (b - a) * (2.0 / 3.0), 1e-9);
    }
    EXPECT_GT((g.points()[1] - smooth.points()[1]).norm(), 1e-6);
    expect_near(g.points().back(), ax.c2p(10, 2.5), 1e-12);
}

// HeatDiagramPlot's axes: numbers_to_include per axis (0 still excluded), decimal places from
// the step (5: none), decimal_number_config over them; its plot_line_graph.
TEST(Axes, PerAxisConfigAndLineGraph) {
    Axes ax({.x_range = {0, 40, 5}, .y_range = {-8, 32, 5}, .x_length = 9, .y_length = 6, .tips = false,
             .x_axis_config = {.numbers_to_include = arange(0, 40, 5)},
             .y_axis_config = {.numbers_to_include = arange(-5, 34, 5),
                               .decimal_number_config = DecimalOptions{.num_decimal_places = 1}}});
    expect_near(ax.c2p(20, 12), {0, 0});
    expect_near(ax.c2p(0, 20), {-4.5, 1.2});
    ASSERT_EQ(ax.x_axis().numbers().size(), 7u); // 5 .. 35
    ASSERT_EQ(ax.y_axis().numbers().size(), 7u); // -5, 5 .. 30
    EXPECT_EQ(DecimalNumber(ax.x_axis().numbers()[0]).get_value(), 5.0);
    EXPECT_EQ(ax.x_axis().numbers()[0].size(), 1u);       // "5": no decimals
    EXPECT_EQ(ax.y_axis().numbers()[0].size(), 4u);       // "-5.0"
    EXPECT_NEAR(ax.y_axis().numbers()[0].get_right().x, ax.c2p(0, -5).x - MED_SMALL_BUFF, 1e-9);
    EXPECT_EQ(ax.y_axis().ticks().size(), 7u);            // -5, 5 .. 30: no origin tick
    Mobject lg = ax.plot_line_graph({0, 8, 38, 39}, {20, 0, 0, -5});
    ASSERT_EQ(lg.size(), 2u);
    const Mobject line = lg[0], dots = lg[1];
    EXPECT_EQ(line.style().stroke_color, YELLOW);
    EXPECT_EQ(line.style().stroke_width, 4.0);
    ASSERT_EQ(line.points().size(), 12u);
    expect_near(line.points()[3], {-2.7, -1.8}, 1e-12);
    expect_near(line.points()[11], {4.275, -2.55}, 1e-12);
    ASSERT_EQ(dots.size(), 4u);
    expect_near(dots[2].get_center(), {4.05, -1.8}, 1e-12);
    EXPECT_NEAR(dots[2].width(), 0.16, 1e-9);
    EXPECT_THROW(ax.plot_line_graph({0, 1}, {0}), std::invalid_argument);
}

// GraphAreaPlot: get_riemann_rectangles(curve_1, x_range=[0.3, 0.6], dx=0.03, color=BLUE,
// fill_opacity=0.5) and get_area(curve_2, [2, 3], bounded_graph=curve_1, color=GREY, opacity=0.5).
// c2p(x, y) = ((x - 2.5) * 2.4, y - 3).
TEST(Axes, RiemannRectanglesAndAreaBetweenGraphs) {
    Axes ax({.x_range = {0, 5}, .y_range = {0, 6}, .tips = false});
    auto f1 = [](double x) { return 4 * x - x * x; };
    auto f2 = [](double x) { return 0.8 * x * x - 3 * x + 4; };
    Mobject c1 = ax.plot(f1, {.x_range = {{0, 4}}, .color = BLUE});
    Mobject c2 = ax.plot(f2, {.x_range = {{0, 4}}});
    Mobject r = ax.get_riemann_rectangles(c1, {.x_range = {{0.3, 0.6}}, .dx = 0.03, .fill_opacity = 0.5,
                                               .color = {BLUE}});
    ASSERT_EQ(r.size(), 10u); // np.arange(0.3, 0.6, 0.03)
    const Mobject r0 = r[0];
    EXPECT_NEAR(r0.width(), 1.001 * 0.03 * 2.4, 1e-9);
    EXPECT_NEAR(r0.height(), f1(0.3), 1e-9);
    expect_near(r0.get_corner(DL), ax.c2p(0.3, 0), 1e-9);
    EXPECT_EQ(r0.style().fill_color, BLUE);
    EXPECT_NEAR(r0.style().fill_opacity, 0.5, 1e-12);
    EXPECT_EQ(r0.style().stroke_color, BLACK);
    EXPECT_EQ(r0.style().stroke_width, 1.0);
    EXPECT_NEAR(r[9].height(), f1(0.3 + 9 * 0.03), 1e-9);
    // The default colours: a BLUE to GREEN gradient; below the axis the colour is inverted.
    Mobject g = ax.get_riemann_rectangles(c1, {.x_range = {{0, 1}}, .dx = 0.5});
    EXPECT_EQ(g[0].style().fill_color, BLUE);
    EXPECT_EQ(g[1].style().fill_color, GREEN);
    Mobject neg = ax.plot([](double x) { return -1.0 + 0 * x; }, {.x_range = {{0, 1}}});
    Mobject n = ax.get_riemann_rectangles(neg, {.x_range = {{0, 1}}, .dx = 0.5, .color = {BLUE}});
    EXPECT_EQ(n[0].style().fill_color, (Color{1 - BLUE.r, 1 - BLUE.g, 1 - BLUE.b}));
    // Between the graphs on [2, 3]: Manim's polygon of curve_2's points there and curve_1's back.
    Mobject area = ax.get_area(c2, {{2, 3}}, {.color = GREY, .opacity = 0.5, .bounded_graph = c1});
    EXPECT_EQ(area.style().fill_color, GREY);
    EXPECT_NEAR(area.style().fill_opacity, 0.5, 1e-12);
    expect_near(area.points().front(), ax.c2p(2, f2(2)), 1e-9);
    // Its area: the integral of f1 - f2 over [2, 3] (2.1) times 2.4 square units.
    const Points& p = area.points();
    double twice = 0;
    for (std::size_t i = 0; i + 3 < p.size(); i += 4) twice += p[i].x * p[i + 3].y - p[i + 3].x * p[i].y;
    EXPECT_NEAR(std::abs(twice) / 2, 2.1 * 2.4, 0.01);
    EXPECT_THROW(ax.get_area(c2, {{4.5, 5}}, {.bounded_graph = c1}), std::invalid_argument);
}

TEST(BarChart, DefaultsFromProbabilityPy) {
    BarChart c({1, 2, 3});
    // x_length min(3, 12.2), y_length 4, y_range [0, 3, round(3 / 4, 2)].
    expect_near(c.c2p(0, 0), {-1.5, -2});
    expect_near(c.c2p(3, 3), {1.5, 2});
    Mobject bars = c.bars();
    ASSERT_EQ(bars.size(), 3u);
    EXPECT_NEAR(bars[2].height(), 4.0, 1e-9);
    EXPECT_NEAR(bars[0].width(), 0.6, 1e-9);
    expect_near(bars[1].get_bottom(), c.c2p(1.5, 0));
    // color_gradient(5 colours, 3) = colours 0, 2 and 4.
    EXPECT_EQ(bars[0].style().fill_color, Color::hex("#003f5c"));
    EXPECT_EQ(bars[1].style().fill_color, Color::hex("#bc5090"));
    EXPECT_EQ(bars[2].style().fill_color, Color::hex("#ffa600"));
    EXPECT_EQ(bars[0].style().fill_opacity, 0.7);
    EXPECT_EQ(bars[0].style().stroke_width, 3.0);
    // Bars are drawn first, under the axes.
    EXPECT_TRUE(c[0].same(bars));
    // A negative bar hangs below the axis.
    BarChart n({-2, 4}, {.bar_names = {"a", "b"}});
    EXPECT_NEAR(n.bars()[0].get_top().y, n.c2p(0, 0).y, 1e-9);
}

} // namespace
} // namespace reel
