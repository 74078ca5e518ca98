// Manim's Arrow, DoubleArrow and Vector (line.py, tips.py), and Arrow.scale's tip rule.
#include <algorithm>
#include <cmath>
#include <memory>

#include "shape_util.h"

namespace reel {

namespace {

using detail::make_style;
using detail::shape;
using detail::tip_base;

// Manim's Arrow.scale: pop the tips (shaft extended to the apexes), scale the shaft,
// re-attach the unscaled tips at the new ends, shaft width from the new length. The width
// Manim ends with comes from the re-trimmed shaft (start to tip base): add_tip's
// put_start_and_end_on calls Arrow.scale again before the tip is attached.
class ArrowBehavior final : public Behavior {
public:
    ArrowBehavior(double initial_width, double max_ratio)
        : initial_width_(initial_width), max_ratio_(max_ratio) {}
    std::string_view kind() const override { return "Arrow"; }

    bool scale(Mobject& m, double factor, std::optional<Vec2> about) const override {
        auto kids = m.children();
        if (kids.empty() || kids.size() > 2 || m.points().size() < 4) return false;
        Mobject end_tip = kids[0];
        std::optional<Mobject> start_tip;
        if (kids.size() == 2) start_tip = kids[1];
        Vec2 end_apex = end_tip.points().front();
        Vec2 start_apex = start_tip ? start_tip->points().front() : m.points().front();
        Points shaft;
        add_line(shaft, start_apex, end_apex);
        Vec2 c = about.value_or((start_apex + end_apex) * 0.5);
        shaft = transform_points(shaft, Affine::scale_about(c, factor, factor));
        Vec2 new_start = shaft.front(), new_end = shaft.back();
        Vec2 d = new_end - new_start;
        double len = d.norm();
        double width_len = len;
        if (len > 0) {
            Vec2 u = d / len;
            auto replace = [&](Mobject& tip, Vec2 apex_to, Vec2 dir) {
                const Points& tp = tip.points();
                Vec2 apex = tp.front();
                Vec2 old_dir = apex - tip_base(tp);
                if (old_dir.norm() == 0) return apex_to;
                double angle = std::atan2(dir.y, dir.x) - std::atan2(old_dir.y, old_dir.x);
                Points q = transform_points(tp, Affine::rotate_about(apex, angle));
                tip.set_points(transform_points(q, Affine::translate(apex_to - apex)));
                return tip_base(tip.points());
            };
            Vec2 base_end = replace(end_tip, new_end, u);
            Vec2 base_start = start_tip ? replace(*start_tip, new_start, -u) : new_start;
            width_len = (base_end - new_start).norm();
            Points trimmed;
            add_line(trimmed, base_start, base_end);
            m.set_points(std::move(trimmed));
        } else {
            m.set_points(std::move(shaft));
        }
        Style s = m.style();
        s.stroke_width = std::min(initial_width_, max_ratio_ * width_len);
        m.set_style(s);
        return true;
    }

    // TipableVMobject.get_end / get_start: the tips' apexes (children 0 and 1).
    std::optional<Vec2> end(const Mobject& m) const override {
        auto kids = m.children();
        if (kids.empty() || kids[0].points().empty()) return std::nullopt;
        return kids[0].points().front();
    }
    std::optional<Vec2> start(const Mobject& m) const override {
        auto kids = m.children();
        if (kids.size() < 2 || kids[1].points().empty()) return std::nullopt;
        return kids[1].points().front();
    }

private:
    double initial_width_;
    double max_ratio_;
};

} // namespace

Mobject Arrow(Vec2 start, Vec2 end, const ArrowOptions& o) {
    Style s = make_style(WHITE, o, 0.0, 6.0);
    const double stroke_width = s.stroke_width;
    const Color color = s.stroke_color;
    double len0 = (end - start).norm();
    if (o.buff > 0 && len0 >= 2 * o.buff) {
        Vec2 d = (end - start) / len0;
        start = start + d * o.buff;
        end = end - d * o.buff;
    }
    Vec2 d = end - start;
    double len = d.norm();
    Vec2 u = len > 0 ? d / len : RIGHT;
    double t = std::min(o.tip_length, o.max_tip_length_to_length_ratio * len);
    // Isosceles tip, length t and base t, apex on the end point (ArrowTriangleFilledTip).
    Mobject tip = detail::arrow_tip(end, u, t, color);
    Points shaft;
    add_line(shaft, start, tip_base(tip.points()));
    s.stroke_width = std::min(stroke_width, o.max_stroke_width_to_length_ratio * len);
    Mobject arrow = shape(std::move(shaft), s, "Arrow");
    arrow.set_behavior(std::make_shared<ArrowBehavior>(stroke_width, o.max_stroke_width_to_length_ratio));
    arrow.add(tip);
    return arrow;
}

Mobject DoubleArrow(Vec2 start, Vec2 end, const ArrowOptions& o) {
    Mobject arrow = Arrow(start, end, o);
    // add_tip(at_start=True): the same default tip length (from the full length), apex on
    // the start, shaft re-trimmed to its base.
    Vec2 s = arrow.points().front();
    Vec2 e = arrow[0].points().front();
    Vec2 d = e - s;
    double len = d.norm();
    Vec2 u = len > 0 ? d / len : RIGHT;
    double t = std::min(o.tip_length, o.max_tip_length_to_length_ratio * len);
    Mobject tip = detail::arrow_tip(s, -u, t, arrow.style().stroke_color);
    Points shaft;
    add_line(shaft, tip_base(tip.points()), arrow.points().back());
    arrow.set_points(std::move(shaft));
    arrow.add(tip);
    arrow.set_label("DoubleArrow");
    return arrow;
}

Mobject Vector(Vec2 direction, const ArrowOptions& o) {
    // Manim's Vector passes buff=0 to Arrow.
    ArrowOptions a = o;
    a.buff = 0.0;
    Mobject v = Arrow(ORIGIN, direction, a);
    v.set_label("Vector");
    return v;
}

} // namespace reel
