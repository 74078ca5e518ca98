// Manim's documentation example SineCurveUnitCircle ("Advanced Projects" gallery, contributed
// by heejin_park), line by line. Manim accumulates the time in
// self.t_offset (+= dt * rate each frame) and appends a Line to the curve at every frame; Reel's
// updaters get the time since the wait began, so t_offset is rate * dt, and the curve is the
// lines through where the dot was at each frame (60 per second) up to then.
#include <cmath>

#include <reel/reel.h>

using namespace reel;

REEL_SCENE(sine_curve_unit_circle, "Manim docs: SineCurveUnitCircle (a dot on a circle draws a sine)") {
    // show_axis
    Vec2 x_start{-6, 0}, x_end{6, 0};
    Vec2 y_start{-4, -2}, y_end{-4, 2};
    auto x_axis = Line(x_start, x_end);
    auto y_axis = Line(y_start, y_end);
    s.add(x_axis, y_axis);
    // add_x_labels
    std::vector<Mobject> x_labels{MathTex("\\pi"), MathTex("2 \\pi"), MathTex("3 \\pi"),
                                  MathTex("4 \\pi")};
    for (std::size_t i = 0; i < x_labels.size(); ++i) {
        x_labels[i].next_to(Vec2{-1.0 + 2.0 * static_cast<double>(i), 0}, DOWN);
        s.add(x_labels[i]);
    }
    const Vec2 origin_point{-4, 0};
    const Vec2 curve_start{-3, 0};

    // show_circle
    auto circle = Circle(1);
    circle.move_to(origin_point);
    s.add(circle);

    // move_dot_and_draw_curve
    auto orbit = circle;
    auto dot = Dot({.radius = 0.08, .color = YELLOW});
    dot.move_to(orbit.point_from_proportion(0));
    const double rate = 0.25;

    auto go_around_circle = [=](Mobject& mob, double dt) {
        const double t_offset = dt * rate;
        mob.move_to(orbit.point_from_proportion(std::fmod(t_offset, 1.0)));
    };
    auto get_line_to_circle = [=] { return Line(origin_point, dot.get_center(), {.color = BLUE}); };
    auto get_line_to_curve = [=](double t_offset) {
        const double x = curve_start.x + t_offset * 4;
        const double y = dot.get_center().y;
        return Line(dot.get_center(), Vec2{x, y}, {.color = YELLOW_A, .stroke_width = 2});
    };
    // The curve: Line(curve_start, curve_start), then a line from the last end to (x, y) for
    // every frame so far, y being the dot's height at that frame.
    auto get_curve = [=](double elapsed) {
        auto curve = VGroup(Line(curve_start, curve_start));
        Vec2 last = curve_start;
        const long frames = std::lround(std::floor(elapsed * 60 + 1e-6));
        for (long k = 0; k <= frames; ++k) {
            const double t_offset = static_cast<double>(k) / 60 * rate;
            const double x = curve_start.x + t_offset * 4;
            const double y = orbit.point_from_proportion(std::fmod(t_offset, 1.0)).y;
            curve.add(Line(last, Vec2{x, y}, {.color = YELLOW_D}));
            last = Vec2{x, y};
        }
        return curve;
    };

    dot.add_updater(go_around_circle);

    auto origin_to_circle_line = always_redraw(get_line_to_circle);
    auto dot_to_curve_line = get_line_to_curve(0);
    dot_to_curve_line.add_updater([=](Mobject& m, double dt) { m.become(get_line_to_curve(dt * rate)); });
    auto sine_curve_line = get_curve(0);
    sine_curve_line.add_updater([=](Mobject& m, double dt) { m.become(get_curve(dt)); });

    s.add(dot);
    s.add(orbit, origin_to_circle_line, dot_to_curve_line, sine_curve_line);
    s.wait(8.5);

    dot.remove_updater(go_around_circle);
    // construct's last self.wait(). Manim's curve and line updaters read self.t_offset, which
    // only go_around_circle advanced: from here on they redraw the same picture (the curve
    // grows by lines of length 0). Reel's read the time since the wait began, so they stop here.
    dot_to_curve_line.clear_updaters();
    sine_curve_line.clear_updaters();
    s.wait();
}
