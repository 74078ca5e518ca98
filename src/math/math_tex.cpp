#include <string>

#include "reel/math.h"

namespace reel {

namespace math {

Vec2 box_origin(const MathLayout& layout, double font_size) {
    const double k = scene_units_per_point(font_size);
    Bounds anchors;
    Points p;
    for (const MathItem& item : layout.items) {
        p.clear();
        for (const Vec2& q : item.points) p.push_back(q * k);
        anchors.include(anchor_bounds(p));
    }
    // Manim centres the imported SVG on the centre of its anchors' box.
    return anchors.valid ? -anchors.center() : Vec2{};
}

} // namespace math

Mobject MathTex(std::string_view latex, const MathTexOptions& options) {
    const math::MathLayout layout = math::typeset(latex);
    const double k = math::scene_units_per_point(options.font_size);

    std::vector<Points> paths;
    paths.reserve(layout.items.size());
    for (const math::MathItem& item : layout.items) {
        Points p;
        p.reserve(item.points.size());
        for (const Vec2& q : item.points) p.push_back(q * k);
        paths.push_back(std::move(p));
    }
    const Vec2 shift = math::box_origin(layout, options.font_size);

    Style style;
    style.fill_color = options.color;
    style.fill_opacity = 1.0;
    style.stroke_color = options.color;
    style.stroke_opacity = 1.0;
    style.stroke_width = 0.0;

    std::vector<Mobject> leaves;
    leaves.reserve(paths.size());
    for (std::size_t i = 0; i < paths.size(); ++i) {
        for (Vec2& q : paths[i]) q += shift;
        Mobject leaf;
        leaf.set_points(std::move(paths[i]));
        leaf.set_style(style);
        leaf.set_label(layout.items[i].kind == math::MathItem::Kind::Rule ? "Rectangle"
                                                                          : "VMobjectFromSVGPath");
        leaves.push_back(std::move(leaf));
    }
    Mobject single = VGroup(leaves);
    single.set_label("SingleStringMathTex");
    Mobject tex = VGroup({single});
    tex.set_behavior(kind_tag("MathTex"));
    tex.set_label("MathTex«" + std::string(latex) + "»");
    return tex;
}

} // namespace reel
