// The retained tree of drawable objects ("mobjects") with Manim CE's semantics.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "reel/geometry.h"

namespace reel {

/// Fill and stroke of one path, as Manim's VMobject keeps them.
struct Style {
    Color fill_color = WHITE;
    double fill_opacity = 0.0;
    Color stroke_color = WHITE;
    double stroke_opacity = 1.0;
    /// Manim stroke width: 0.01 scene units per unit (1.35 px per unit at 1080p).
    double stroke_width = 4.0;

    bool operator==(const Style&) const = default;
};

/// Linear interpolation of every style field (Manim's interpolate_color on VMobjects).
Style interpolate_style(const Style& a, const Style& b, double t);

/// What the renderer draws for one family member with points: immutable geometry + style.
struct LeafState {
    PointsPtr points;
    Style style;
};

/// Special behaviour some kinds of mobject carry (Manim subclasses that override methods).
enum class MobjectKind { Generic, Text, MathTex, Arrow, ArrowTip };

struct Node;

/// A cheap handle to a node of the mobject tree. Copying a handle shares the node, as a
/// Python reference does; `copy()` makes an independent deep copy.
class Mobject {
public:
    /// A new empty mobject (a VGroup with no children).
    Mobject();
    explicit Mobject(std::shared_ptr<Node> node);

    // ── tree ──
    /// Appends children (the same mobject may sit in several groups).
    Mobject& add(const Mobject& child);
    Mobject& add(std::initializer_list<Mobject> children);
    std::size_t size() const;
    Mobject operator[](std::size_t i) const;
    /// Python-style index: -1 is the last child.
    Mobject at(long i) const;
    /// A new group holding children [begin, end) (Python slicing, negative allowed).
    Mobject slice(long begin, long end) const;
    std::vector<Mobject> children() const;
    /// Replaces the list of children.
    void set_children(const std::vector<Mobject>& children);
    /// Depth-first pre-order family, duplicates removed keeping the last occurrence.
    std::vector<Mobject> family() const;
    /// Family members that have points: what is drawn, in painter order.
    std::vector<Mobject> leaves() const;
    bool has_points() const;
    /// Stable identity of the node.
    std::uint64_t id() const;
    bool same(const Mobject& other) const { return node_ == other.node_; }
    /// Deep copy: new nodes, shared immutable geometry.
    Mobject copy() const;
    /// Replaces this node's contents (points, style, children) by a deep copy of `other`'s.
    void become(const Mobject& other);

    // ── own path and style ──
    const Points& points() const;
    PointsPtr points_ptr() const;
    void set_points(Points p);
    void set_points(PointsPtr p);
    const Style& style() const;
    void set_style(const Style& s);
    MobjectKind kind() const;
    void set_kind(MobjectKind k);
    /// A short description for timelines and error messages ("Text«Hello»").
    const std::string& label() const;
    void set_label(std::string s);
    LeafState leaf_state() const;

    // ── bounds (Manim's two rules, 5.1) ──
    /// Anchors of every family member with points.
    Bounds anchor_bounds() const;
    /// Every point, handles included.
    Bounds all_bounds() const;
    Vec2 get_critical_point(Vec2 dir) const;
    Vec2 get_center() const { return get_critical_point(ORIGIN); }
    Vec2 get_top() const { return get_critical_point(UP); }
    Vec2 get_bottom() const { return get_critical_point(DOWN); }
    Vec2 get_left() const { return get_critical_point(LEFT); }
    Vec2 get_right() const { return get_critical_point(RIGHT); }
    Vec2 get_corner(Vec2 dir) const { return get_critical_point(dir); }
    double width() const;
    double height() const;

    // ── layout (Manim's defaults) ──
    Mobject& apply(const Affine& m);
    Mobject& shift(Vec2 v);
    Mobject& move_to(Vec2 p, Vec2 aligned_edge = ORIGIN);
    Mobject& move_to(const Mobject& m, Vec2 aligned_edge = ORIGIN);
    Mobject& next_to(const Mobject& m, Vec2 dir = RIGHT, double buff = MED_SMALL_BUFF,
                     Vec2 aligned_edge = ORIGIN);
    Mobject& next_to(Vec2 point, Vec2 dir = RIGHT, double buff = MED_SMALL_BUFF,
                     Vec2 aligned_edge = ORIGIN);
    Mobject& to_edge(Vec2 edge, double buff = MED_LARGE_BUFF);
    Mobject& to_corner(Vec2 corner, double buff = MED_LARGE_BUFF);
    Mobject& align_to(const Mobject& m, Vec2 dir);
    Mobject& align_to(Vec2 point, Vec2 dir);
    Mobject& arrange(Vec2 dir = RIGHT, double buff = MED_SMALL_BUFF, Vec2 aligned_edge = ORIGIN,
                     bool center = true);
    Mobject& center();
    /// Counter-clockwise rotation about the bbox centre (or `about`).
    Mobject& rotate(double angle, std::optional<Vec2> about = std::nullopt);
    /// Uniform scale about the bbox centre (or `about`); stroke widths unchanged. Arrows keep
    /// their tip as Manim's Arrow.scale does.
    Mobject& scale(double factor, std::optional<Vec2> about = std::nullopt);
    Mobject& stretch(double factor, int dim, std::optional<Vec2> about = std::nullopt);
    Mobject& stretch_to_fit_width(double w);
    Mobject& stretch_to_fit_height(double h);
    Mobject& scale_to_fit_width(double w);
    Mobject& scale_to_fit_height(double h);
    Mobject& flip_vertical();

    // ── style of the whole family ──
    Mobject& set_fill(std::optional<Color> color, std::optional<double> opacity = std::nullopt);
    Mobject& set_fill_opacity(double opacity);
    Mobject& set_stroke(std::optional<Color> color, std::optional<double> width = std::nullopt,
                        std::optional<double> opacity = std::nullopt);
    /// Fill and stroke RGB of the whole family, opacities unchanged.
    Mobject& set_color(Color c);
    Mobject& set_opacity(double opacity);
    /// Manim's fade(darkness): every opacity multiplied by (1 - darkness).
    Mobject& fade(double darkness = 0.5);

    /// The node (engine internals).
    const std::shared_ptr<Node>& node() const { return node_; }

private:
    std::shared_ptr<Node> node_;
};

/// Manim's VGroup.
Mobject VGroup(std::initializer_list<Mobject> children = {});
Mobject VGroup(const std::vector<Mobject>& children);

/// Keyword arguments of Manim's shape constructors. Unset colours keep the class default.
struct ShapeStyle {
    std::optional<Color> color;
    std::optional<Color> fill_color;
    std::optional<double> fill_opacity;
    std::optional<Color> stroke_color;
    std::optional<double> stroke_width;
    std::optional<double> stroke_opacity;
};

struct RectangleOptions {
    double width = 4.0;
    double height = 2.0;
    std::optional<Color> color;
    std::optional<Color> fill_color;
    std::optional<double> fill_opacity;
    std::optional<Color> stroke_color;
    std::optional<double> stroke_width;
};
/// Manim's Rectangle: 4 straight cubics from the top-right corner, counter-clockwise.
Mobject Rectangle(const RectangleOptions& o = {});

struct SquareOptions {
    std::optional<Color> color;
    std::optional<Color> fill_color;
    std::optional<double> fill_opacity;
    std::optional<Color> stroke_color;
    std::optional<double> stroke_width;
};
/// Manim's Square(side_length).
Mobject Square(double side_length = 2.0, const SquareOptions& o = {});

struct RoundedRectangleOptions {
    double width = 4.0;
    double height = 2.0;
    double corner_radius = 0.5;
    std::optional<Color> color;
    std::optional<Color> fill_color;
    std::optional<double> fill_opacity;
    std::optional<Color> stroke_color;
    std::optional<double> stroke_width;
};
/// Manim's RoundedRectangle: 8 cubics, corners with handle length r*pi/6.
Mobject RoundedRectangle(const RoundedRectangleOptions& o = {});

struct LineOptions {
    std::optional<Color> color;
    std::optional<double> stroke_width;
    double buff = 0.0;
};
/// Manim's Line(start, end): one straight cubic.
Mobject Line(Vec2 start, Vec2 end, const LineOptions& o = {});

/// Manim's VMobject(color, stroke_width) + set_points_as_corners(corners).
Mobject Polyline(const std::vector<Vec2>& corners, const LineOptions& o = {});

struct ArrowOptions {
    std::optional<Color> color;
    double stroke_width = 6.0;
    double buff = MED_SMALL_BUFF;
    double tip_length = 0.35;
    double max_tip_length_to_length_ratio = 0.25;
    double max_stroke_width_to_length_ratio = 5.0;
};
/// Manim's Arrow: trimmed shaft plus a filled triangular tip (a child), Manim's rules for
/// short arrows.
Mobject Arrow(Vec2 start, Vec2 end, const ArrowOptions& o = {});

struct SurroundingRectangleOptions {
    Color color = YELLOW;
    double buff = SMALL_BUFF;
    double stroke_width = 4.0;
    double corner_radius = 0.0;
};
/// Manim's SurroundingRectangle: sized from the all-points width/height of `m` plus 2 buff.
Mobject SurroundingRectangle(const Mobject& m, const SurroundingRectangleOptions& o = {});

/// Manim's frame: 8 units high, 14.2222 wide (16:9).
inline constexpr double kFrameHeight = 8.0;
inline constexpr double kFrameWidth = 8.0 * 16.0 / 9.0;

} // namespace reel
