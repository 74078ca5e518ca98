// The Manim vocabulary beyond the promo in one scene: every shape, animation, annotation and
// the number/updater pieces Reel has, section by section (paths and planes: the boolean
// operations, angles, traced paths and NumberPlane of Manim's gallery). `reel frame gallery --at T` shows
// any moment; tests/updaters checks that seeking through its updaters gives the played frames.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>

#include <reel/reel.h>

#include "cameras.h"

using namespace reel;

namespace {

Mobject caption(const char* s) {
    Mobject t = Text(s, {.font_size = 18, .color = GRAY});
    return t;
}

} // namespace

REEL_SCENE(gallery, "Every shape, animation, annotation and updater piece, one section each") {
    // ── shapes ────────────────────────────────────────────────────────────────────────────
    s.section("shapes");
    auto title = Text("Shapes", {.font_size = 36});
    title.to_edge(UP, 0.3);
    s.play(Write(title), {.run_time = 0.5});
    Mobject smooth = VMobject({.color = TEAL});
    smooth.set_points_smoothly({{-0.6, -0.3}, {-0.2, 0.4}, {0.2, -0.4}, {0.6, 0.3}});
    std::vector<std::pair<Mobject, const char*>> items = {
        {Circle(0.5), "Circle"},
        {VGroup({Dot(LEFT * 0.2), SmallDot(RIGHT * 0.2)}), "Dot, SmallDot"},
        {Ellipse({.width = 1.2, .height = 0.6, .color = BLUE}), "Ellipse"},
        {Arc({.radius = 0.5, .angle = PI, .color = YELLOW}), "Arc"},
        {ArcBetweenPoints(LEFT * 0.5, RIGHT * 0.5, {.angle = PI / 2, .color = GREEN}), "ArcBetweenPoints"},
        {Annulus({.inner_radius = 0.25, .outer_radius = 0.5, .color = PURPLE}), "Annulus"},
        {Sector({.outer_radius = 0.6, .angle = PI / 3, .color = ORANGE}), "Sector"},
        {Polygon({{-0.5, -0.4}, {0.5, -0.4}, {0.2, 0.4}, {-0.3, 0.3}}), "Polygon"},
        {RegularPolygon(6, {.radius = 0.5, .color = RED}), "RegularPolygon"},
        {Triangle({.color = GREEN, .fill_opacity = 0.5}), "Triangle"},
        {Star({.outer_radius = 0.55, .color = YELLOW, .fill_opacity = 0.6}), "Star"},
        {DashedLine(LEFT * 0.6, RIGHT * 0.6), "DashedLine"},
        {DoubleArrow(LEFT * 0.8, RIGHT * 0.8, {.color = BLUE}), "DoubleArrow"},
        {Vector({0.7, 0.5}, {.color = ORANGE}), "Vector"},
        {CurvedArrow(LEFT * 0.6, RIGHT * 0.6), "CurvedArrow"},
        {CurvedDoubleArrow(LEFT * 0.6, RIGHT * 0.6, {.angle = PI / 2, .color = TEAL}), "CurvedDoubleArrow"},
        {smooth, "set_points_smoothly"},
        {Polyline({{-0.6, -0.3}, {-0.2, 0.4}, {0.2, -0.4}, {0.6, 0.3}}, {.color = RED}), "set_points_as_corners"},
    };
    std::vector<Mobject> cells;
    for (auto& [m, name] : items) {
        if (m.width() > 1.3) m.scale_to_fit_width(1.3);
        Mobject label = caption(name);
        label.next_to(m, DOWN, 0.15);
        cells.push_back(VGroup({m, label}));
    }
    // A 6 x 3 grid.
    for (std::size_t i = 0; i < cells.size(); ++i) {
        double x = -5.5 + 2.2 * static_cast<double>(i % 6);
        double y = 1.9 - 2.0 * static_cast<double>(i / 6);
        cells[i].move_to(Vec2{x, y});
    }
    std::vector<AnimationPtr> intro;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        Mobject shape = cells[i][0];
        Mobject label = cells[i][1];
        AnimationPtr a;
        switch (i % 6) {
        case 0: a = GrowFromCenter(shape); break;
        case 1: a = Create(shape); break;
        case 2: a = DrawBorderThenFill(shape, {.run_time = 1.0}); break;
        case 3: a = SpinInFromNothing(shape); break;
        case 4: a = GrowFromPoint(shape, shape.get_bottom()); break;
        default: a = FadeIn(shape, {.shift = UP * 0.3}); break;
        }
        intro.push_back(AnimationGroup({a, FadeIn(label)}));
    }
    s.play(LaggedStart(intro, {.lag_ratio = 0.15}));
    s.play(GrowArrow(Arrow(LEFT * 6 + DOWN * 3.6, RIGHT * 6 + DOWN * 3.6, {.color = GRAY})));
    s.wait(0.5);

    // ── indications and movement ──────────────────────────────────────────────────────────
    s.section("indications");
    Mobject circle = cells[0][0], star = cells[10][0], hexagon = cells[8][0], dot = cells[1][0][0];
    s.play(Indicate(circle));
    s.play(Circumscribe(star));
    s.play(Flash(hexagon, {.flash_radius = 0.6}));
    s.play(ShowPassingFlash(cells[7][0].copy().set_color(YELLOW), 0.3));
    s.play(Wiggle(cells[9][0]));
    s.play(Rotate(cells[11][0], PI / 2));
    s.play(Rotating(cells[12][0], {.radians = PI, .run_time = 1.0}));
    s.play(MoveAlongPath(dot, cells[5][0]), {.run_time = 1.5});
    s.play(FocusOn(cells[14][0].get_center(), {.run_time = 1.0}));

    // ── annotation and transforms ─────────────────────────────────────────────────────────
    s.section("transforms");
    s.play(Uncreate(VGroup(cells)), {.run_time = 1.0});
    s.play(Unwrite(title));
    auto word = Text("Annotate me", {.font_size = 44});
    word.shift(UP * 2);
    auto back = BackgroundRectangle(word, {.buff = 0.15, .color = DARK_BLUE, .fill_opacity = 0.8});
    s.play(FadeIn(back), Write(word));
    auto under = Underline(word, {.color = YELLOW});
    auto cross = Cross(word);
    s.play(Create(under));
    s.play(Create(cross));
    auto sq = Square(1.5, {.color = BLUE, .fill_opacity = 0.4});
    sq.shift(LEFT * 4 + DOWN * 1);
    auto ci = Circle(0.8, {.color = GREEN, .fill_opacity = 0.4});
    ci.shift(LEFT * 1.5 + DOWN * 1);
    auto tri = Triangle({.color = YELLOW, .fill_opacity = 0.4});
    tri.shift(RIGHT * 1 + DOWN * 1);
    s.play(Create(sq));
    s.play(ReplacementTransform(sq, ci));
    s.play(FadeTransform(ci, tri));
    auto eq1 = MathTex({"a^2", "+", "b^2", "=", "c^2"});
    auto eq2 = MathTex({"c^2", "=", "a^2", "+", "b^2"});
    eq1.move_to(Vec2{3.5, -2.5});
    eq2.move_to(Vec2{3.5, -2.5});
    s.play(Write(eq1));
    s.play(TransformMatchingTex(eq1, eq2));
    s.play(Succession({FadeOut(cross), Uncreate(under), Wait(0.2)}));

    // ── braces and graphs ─────────────────────────────────────────────────────────────────
    s.section("graphs");
    s.play(FadeOut(VGroup({back, word, tri, eq2})), {.run_time = 0.5});
    Axes ax({.x_range = {-3, 3, 1}, .y_range = {-1.5, 1.5, 0.5}, .x_length = 6, .y_length = 3,
             .include_numbers = true, .font_size = 24});
    ax.to_corner(UL, 0.4).shift(DOWN * 0.8);
    auto sig = ax.plot([](double x) { return std::tanh(x); }, {.color = YELLOW});
    auto sig_label = ax.get_graph_label(sig, MathTex(R"(\tanh x)", {.font_size = 30}), {.x_val = -2.0, .direction = UP});
    auto area = ax.get_area(sig, std::array<double, 2>{0, 2}, GREEN, 0.4);
    s.play(Create(ax), {.run_time = 1.5});
    s.play(Create(sig), FadeIn(sig_label));
    s.play(FadeIn(area));
    auto chart = BarChart({3, 5, 2, 6, 4}, {.bar_names = {"a", "b", "c", "d", "e"}, .y_length = 3});
    chart.to_corner(UR, 0.5);
    auto brace = Brace(chart.bars(), DOWN, {.buff = 0.5});
    auto brace_label = BraceLabel(area, "\\int_0^2 \\tanh x\\,dx", {.brace_direction = UP, .font_size = 30});
    s.play(DrawBorderThenFill(chart, {.run_time = 1.5}));
    s.play(GrowFromCenter(brace));
    auto nl = NumberLine({.x_range = {0, 1, 0.25}, .length = 5, .include_tip = true, .include_numbers = true,
                          .font_size = 24});
    nl.move_to(Vec2{3.5, -2.3});
    auto bbp = BraceBetweenPoints(nl.n2p(0.25), nl.n2p(0.75), UP);
    s.play(Create(nl));
    s.play(GrowFromCenter(bbp), FadeIn(brace_label));
    s.wait(0.5);

    // ── matrices and tables ───────────────────────────────────────────────────────────────
    s.section("tables");
    s.play(FadeOut(VGroup({ax, sig, sig_label, area, brace, brace_label, chart, nl, bbp})), {.run_time = 0.5});
    Matrix w({{"w_{11}", "w_{12}"}, {"w_{21}", "w_{22}"}});
    Matrix ints = IntegerMatrix({{1, 0, -1}, {2, 5, 3}});
    Matrix decs = DecimalMatrix({{0.5, 0.25}, {1.75, -2.0}}, 2);
    auto mats = VGroup({w, ints, decs});
    mats.arrange(RIGHT, 0.8).scale(0.7).to_edge(UP, 0.6);
    s.play(Write(w), Write(ints), Write(decs));
    s.play(Circumscribe(ints.get_columns()[1]));
    s.play(Indicate(w.get_rows()[0]), Indicate(decs.get_brackets()));
    Table table({{"0.91", "0.07", "0.02"}, {"0.10", "0.85", "0.05"}},
                {.row_labels = {"cat", "dog"}, .col_labels = {"cat", "dog", "fox"},
                 .include_outer_lines = true, .font_size = 30, .line_stroke_width = 2});
    table.to_edge(DOWN, 0.8);
    s.play(Create(table.get_horizontal_lines()), Create(table.get_vertical_lines()),
           Write(table.get_entries()));
    s.play(Indicate(table.get_entries_without_labels()[0], {.color = GREEN}),
           Indicate(table.get_entries_without_labels()[4], {.color = GREEN}));
    s.wait(0.5);

    // ── images ────────────────────────────────────────────────────────────────────────────
    s.section("images");
    s.play(FadeOut(VGroup({mats, table})), {.run_time = 0.5});
    // A procedural 256 x 256 image (no file needed), and the same as a PNG if the source tree
    // is at hand.
    auto raster = std::make_shared<RasterImage>();
    raster->width = raster->height = 256;
    raster->bgra.resize(256 * 256 * 4);
    for (int y = 0; y < 256; ++y)
        for (int x = 0; x < 256; ++x) {
            std::uint8_t* p = &raster->bgra[static_cast<std::size_t>(4 * (y * 256 + x))];
            double r = std::hypot(x - 128.0, y - 128.0) / 128.0;
            p[0] = static_cast<std::uint8_t>(255 * std::clamp(1.0 - r, 0.0, 1.0));
            p[1] = static_cast<std::uint8_t>(y);
            p[2] = static_cast<std::uint8_t>(x);
            p[3] = 255;
        }
    Mobject img = ImageMobject(RasterPtr(raster));
    img.scale(2.0).shift(LEFT * 3);
    s.play(FadeIn(img, {.shift = UP * 0.5}));
    s.play(animate(img).scale(0.6).rotate(PI / 6).shift(RIGHT * 2));
    s.play(animate(img).set_opacity(0.3));
    Mobject logo;
    try {
        logo = ImageMobject(std::string(REEL_GALLERY_DIR) + "/reel-logo.png");
    } catch (const std::exception&) {
        logo = Text("(scenes/gallery/reel-logo.png not found)", {.font_size = 20});
    }
    logo.shift(RIGHT * 3.5);
    s.play(GrowFromCenter(logo));
    s.wait(0.5);

    // ── numbers and updaters ──────────────────────────────────────────────────────────────
    s.section("numbers");
    s.play(FadeOut(VGroup({img, logo})), {.run_time = 0.5});
    ValueTracker value(0.0);
    Mobject bar = always_redraw([value] {
        double h = std::max(0.01, value.get_value() / 30.0);
        Mobject r = Rectangle({.width = 1.0, .height = h, .color = BLUE, .fill_opacity = 0.8});
        r.move_to(Vec2{-2, -3}, DOWN);
        return r;
    });
    Mobject counter = always_redraw([value, bar] {
        Mobject n = Integer(std::lround(value.get_value()));
        n.next_to(bar, UP);
        return n;
    });
    DecimalNumber ratio(0.0, {.num_decimal_places = 3, .color = YELLOW});
    ratio.move_to(Vec2{2.5, 0});
    ratio.add_updater([value](Mobject& m) { DecimalNumber(m).set_value(value.get_value() / 150.0); });
    Mobject spinner = Line(ORIGIN, RIGHT * 1.2, {.color = GREEN});
    spinner.shift(Vec2{2.5, -2});
    spinner.add_updater([](Mobject& m, double dt) { m.rotate(dt * 2, Vec2{2.5, -2}); });
    s.add(bar);
    s.add(counter);
    s.add(ratio);
    s.add(spinner);
    s.play(animate(value).set_value(150), {.run_time = 3.0, .rate_func = linear});
    s.wait(1.0);
    s.play(animate(value).set_value(60), {.run_time = 1.5});
    s.wait(0.5);

    // ── paths: boolean operations, angles, a traced path ──────────────────────────────────
    s.section("paths");
    {
        std::vector<AnimationPtr> out;
        for (const auto& m : s.mobjects()) out.push_back(FadeOut(m)); // FadeOut(*self.mobjects)
        s.play(out, {.run_time = 0.5});
    }
    auto a = Circle(1.0, {.color = BLUE, .fill_opacity = 0.3});
    auto b = Square(1.6, {.color = RED, .fill_opacity = 0.3});
    a.shift(Vec2{-5.0, 1.6});
    b.shift(Vec2{-4.2, 1.0});
    s.play(Create(a), Create(b), {.run_time = 0.8});
    std::vector<std::pair<Mobject, const char*>> ops = {
        {Union(a, b, {.color = ORANGE, .fill_opacity = 0.5}), "Union"},
        {Intersection(a, b, {.color = GREEN, .fill_opacity = 0.5}), "Intersection"},
        {Difference(a, b, {.color = PINK, .fill_opacity = 0.5}), "Difference"},
        {Exclusion(a, b, {.color = YELLOW, .fill_opacity = 0.5}), "Exclusion"}};
    for (std::size_t k = 0; k < ops.size(); ++k) {
        auto& [op, name] = ops[k];
        op.scale(0.5).move_to(Vec2{-5.6 + 1.5 * static_cast<double>(k), -1.2});
        s.play(FadeIn(op), FadeIn(caption(name).next_to(op, DOWN, 0.15)), {.run_time = 0.4});
    }

    // An angle that follows a turning line (MovingAngle's pattern), a right angle, z_index.
    ValueTracker theta(30);
    auto base = Line(Vec2{0, 0.5}, Vec2{2.5, 0.5});
    auto arm = Line(Vec2{0, 0.5}, Vec2{2.5, 0.5});
    auto arm_ref = arm.copy();
    arm.rotate(theta.get_value() * DEGREES, Vec2{0, 0.5});
    auto angle = Angle(base, arm, {.radius = 0.7, .color = YELLOW});
    arm.add_updater([=](Mobject& m) {
        m.become(arm_ref.copy());
        m.rotate(theta.get_value() * DEGREES, Vec2{0, 0.5});
    });
    angle.add_updater([=](Mobject& m) { m.become(Angle(base, arm, {.radius = 0.7, .color = YELLOW})); });
    auto right = RightAngle(Line(Vec2{0, -2.5}, Vec2{1.5, -2.5}), Line(Vec2{0, -2.5}, Vec2{0, -1}),
                            {.length = 0.4, .color = TEAL});
    auto legs = VGroup(Line(Vec2{0, -2.5}, Vec2{1.5, -2.5}), Line(Vec2{0, -2.5}, Vec2{0, -1}));
    auto cover = Square(0.9, {.color = PURPLE, .fill_opacity = 1});
    cover.move_to(Vec2{0.2, -2.3});
    cover.set_z_index(-1); // drawn under the legs although added after them
    s.add(base, arm, angle, legs, right, cover);
    s.play(animate(theta).set_value(135), {.run_time = 1.5});

    // A dot on a circle drawing its path; a label kept next to it by UpdateFromFunc.
    auto orbit = Circle(0.9, {.color = GRAY});
    orbit.move_to(Vec2{4.6, 1.4});
    auto mover = Dot({.color = YELLOW});
    mover.move_to(orbit.point_from_proportion(0));
    auto trace = TracedPath([=] { return mover.get_center(); }, {.stroke_color = YELLOW});
    auto tag = caption("dot");
    tag.next_to(mover, RIGHT, 0.1);
    s.add(orbit, trace, mover, tag);
    s.play(MoveAlongPath(mover, orbit), UpdateFromFunc(tag, [=](Mobject& m) { m.next_to(mover, RIGHT, 0.1); }),
           {.run_time = 2, .rate_func = linear});
    s.play(animate(mover).shift(DOWN * 1.5), UpdateFromFunc(tag, [=](Mobject& m) { m.next_to(mover, RIGHT, 0.1); }));

    // save_state / Restore and ScaleInPlace.
    cover.save_state();
    s.play(animate(cover).shift(RIGHT * 2).set_fill(GREEN), {.run_time = 0.6});
    s.play(ScaleInPlace(cover, 0.5), {.run_time = 0.5});
    s.play(Restore(cover), {.run_time = 0.6});
    s.wait(0.5);

    // ── planes: NumberPlane bent by a non-linear function (OpeningManim's grid) ────────────
    s.section("planes");
    {
        std::vector<AnimationPtr> out;
        for (const auto& m : s.mobjects()) out.push_back(FadeOut(m));
        s.play(out, {.run_time = 0.5});
    }
    auto grid = NumberPlane();
    s.play(Create(grid, {.run_time = 2, .lag_ratio = 0.1}));
    grid.prepare_for_nonlinear_transform();
    s.play(animate(grid).apply_function([](Vec2 p) {
        return p + Vec2{std::sin(p.y), std::sin(p.x)};
    }), {.run_time = 2});
    s.wait(0.5);

    // ── titles: Tex's logo and lines, Transform and ReplacementTransform between unmatched
    // formulas (Manim's align_data), a BraceText grown by its creation_anim, MarkupText ─────
    s.section("titles");
    auto logo_title = Tex("This is some \\LaTeX");
    logo_title.to_edge(UP);
    s.play(Write(logo_title), FadeOut(grid));
    auto two_lines = Tex("That was a non-linear function \\\\ applied to the grid");
    two_lines.to_corner(UL);
    s.play(Transform(logo_title, two_lines));
    auto unit_bar = Rectangle({.width = 5, .height = 0.6, .fill_opacity = 0.5});
    auto bar_text = BraceText(unit_bar, "five units");
    s.play(FadeIn(unit_bar), creation_anim(bar_text));
    auto euler = MathTex("e^{i\\pi} + 1 = 0");
    euler.shift(DOWN * 2.8);
    auto basel = MathTex({"\\sum_{n=1}^\\infty \\frac{1}{n^2}", "=", "\\frac{\\pi^2}{6}"});
    basel.move_to(euler);
    s.play(Write(euler), {.run_time = 0.8});
    s.play(ReplacementTransform(euler, basel), {.run_time = 1.5});
    // MarkupText: Pango markup (an underline joined across runs, a span's colour, a
    // superscript, a strikethrough) and Manim's own <gradient> tag, written glyph by glyph.
    // (Manim counts characters, not submobjects, for its tags: the gradient comes first, as
    // a line drawn before it would shift its range by one, in Manim as here.)
    auto markup = MarkupText("<gradient from=\"YELLOW\" to=\"RED\">Markup</gradient>: <u>underlined</u>, "
                             "<b>bold</b>, <i>italic</i>, <span foreground=\"#58C4DD\">blue</span>, "
                             "x<sup>2</sup>, <s>struck</s>",
                             {.font_size = 30});
    markup.move_to(UP * 1.6);
    s.play(Write(markup), {.run_time = 1.5});
    s.play(Indicate(markup[0]));
    s.wait(0.5);

    gallery_cameras(s); // the camera and 3-D sections
}
