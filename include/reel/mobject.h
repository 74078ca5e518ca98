// The retained tree of drawable objects ("mobjects") with Manim CE's semantics.
#pragma once

#include <concepts>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <typeinfo>
#include <utility>
#include <vector>

#include "reel/function.h"
#include "reel/geometry.h"

namespace reel {

/// How an image's pixels are resampled to the screen's (Manim's resampling_algorithm:
/// PIL's nearest, bilinear or bicubic; Manim's default is bicubic).
enum class Resampling { Nearest, Bilinear, Bicubic };

/// Decoded pixels of an image (ImageMobject): premultiplied BGRA, the layout of Cairo's
/// ARGB32 on little-endian machines, rows of width * 4 bytes, top row first, and how they are
/// resampled.
struct RasterImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> bgra;
    Resampling resampling = Resampling::Bicubic;
};
using RasterPtr = Shared<const RasterImage>;
extern template class Shared<const RasterImage>;

/// Two-colour linear fill and stroke (Manim's ThreeDCamera gives a shaded face one colour at
/// each of two corners): along the line `from` -> `to` (scene units, as drawn), the colour goes
/// from the first to the second; opacities stay the Style's. Channels are clamped to [0, 1]
/// when drawn, as Cairo does.
struct Gradient {
    Vec2 from;
    Vec2 to;
    Color fill_from, fill_to;
    Color stroke_from, stroke_to;

    bool operator==(const Gradient&) const = default;
};
extern template class Shared<const Gradient>;

/// Fill and stroke of one path, as Manim's VMobject keeps them.
struct Style {
    Color fill_color = WHITE;
    double fill_opacity = 0.0;
    Color stroke_color = WHITE;
    double stroke_opacity = 1.0;
    /// Manim stroke width: 0.01 scene units per unit (1.35 px per unit at 1080p).
    double stroke_width = 4.0;
    /// An image painted over the path's box instead of a fill colour (ImageMobject): its
    /// corners are the path's points 0, 3, 7 and 11 (UL, UR, DR, DL), its opacity fill_opacity.
    RasterPtr image;
    /// Shading from the 3-D camera (set when a frame is projected; nullptr: flat colours).
    Shared<const Gradient> gradient;

    bool operator==(const Style&) const = default;
};

/// Linear interpolation of every style field (Manim's interpolate_color on VMobjects).
Style interpolate_style(const Style& a, const Style& b, double t);

/// Where a Text glyph's outline came from, so that a vector output (the PDF handout) can draw
/// it as real, selectable text while the glyph is only moved, scaled or rotated: `outline` is
/// the glyph's points when it was made, in the same coordinates as Mobject::points() then.
/// The glyph's own drawing space (font pixels, y down, origin on the baseline) maps onto
/// those coordinates by x' = origin.x + em_scale * x, y' = origin.y - em_scale * y.
struct GlyphSource {
    Shared<void> font_face;          ///< cairo_font_face_t* (owned reference; text layer)
    double font_px = 0;              ///< the font's size in its drawing space
    unsigned long glyph = 0;         ///< glyph index in the face
    std::string text;                ///< the characters it shows (UTF-8)
    Vec2 origin;                     ///< the glyph origin in the outline's coordinates
    double em_scale = 0;             ///< scene units per font pixel
    PointsPtr outline;               ///< the points when it was made
};
extern template class Shared<void>;
extern template class Shared<const GlyphSource>;

/// The third dimension of a path, and how Manim's ThreeDCamera treats it. Shared and
/// immutable; a path without one is flat (z = 0 everywhere) and projected like any other.
struct Depth {
    /// z of each point; ignored unless there is one per point (an animation that changes the
    /// number of points draws its path flat).
    std::vector<double> z;
    /// Manim's shade_in_3d: shaded from the light source and sorted back to front by the
    /// depth of its centre (other paths are drawn after every shaded one, in their order).
    bool shade_in_3d = false;
    /// add_fixed_in_frame_mobjects: not projected at all (an overlay).
    bool fixed_in_frame = false;
    /// add_fixed_orientation_mobjects: moved with the projection of its mobject's centre
    /// but not rotated. Manim calls the mobject's get_center when it draws: the centre is that
    /// of every leaf marked with the same `orientation_group` (the mobject's id) in the picture
    /// drawn; `orientation_center` (the centre when marked) only when none is there.
    bool fixed_orientation = false;
    Vec3 orientation_center;
    std::uint64_t orientation_group = 0;
};
using DepthPtr = Shared<const Depth>;
extern template class Shared<const Depth>;

/// What a zoomed display (Manim's ImageMobjectFromCamera in a ZoomedScene) shows at one
/// moment, set by the timeline: the picture's other items seen through another camera frame
/// (centre, width, height in scene units; stretched if its shape differs from the display's),
/// drawn over `background` into the parallelogram of the leaf's corners UL (point 0), UR (3)
/// and DL (11).
struct CameraInset {
    Vec2 center;
    double width = 0;
    double height = 0;
    Color background = BLACK;
    /// Items of the picture the inset leaves out (the display's own family, as Manim's
    /// MultiCamera keeps a camera from capturing its own display).
    std::vector<std::size_t> hidden;

    bool operator==(const CameraInset&) const = default;
};
extern template class Shared<const CameraInset>;

/// What the renderer draws for one family member with points: immutable geometry + style.
struct LeafState {
    PointsPtr points;
    Style style;
    Shared<const GlyphSource> glyph = nullptr; ///< Text glyphs only
    DepthPtr depth = nullptr;                  ///< 3-D paths only
    Shared<const CameraInset> inset = nullptr; ///< zoomed displays only (see CameraInset)
};

class Mobject;
struct Node;
extern template class Shared<Node>;

/// An updater (Manim's add_updater): called with the mobject and the time since the start of
/// the current play or wait. It must be a function of what it reads (trackers, other
/// mobjects, dt) so that any moment can be evaluated on its own: the timeline calls it on a
/// copy of the mobject as it was when the play began, never on a history.
using Updater = Function<void(Mobject&, double dt)>;

/// What remove_updater compares (Manim removes the function object it was given): the type of
/// the callable, and its value when that can be compared. A function pointer or a callable with
/// operator== compares by value; a lambda without captures is the same updater wherever it is
/// copied; a lambda whose captures are integers, pointers or references compares them; any other lambda is identified by its type alone (one lambda expression in the
/// source is one updater). A Function or std::function matches nothing. Made by Mobject::add_updater and remove_updater.
class UpdaterKey {
public:
    template <class F> static UpdaterKey of(const F& f);
    /// Same type, and the same value where the type allows comparing values.
    bool matches(const UpdaterKey& other) const;
    /// A type-erased callable (reel::Function, std::function): its value cannot be compared.
    template <class F>
    static constexpr bool is_std_function = is_function_v<F> || requires(const F& f) { f.target_type(); };
    /// Whether the updater takes dt (Manim's has_time_based_updater: a scene with one keeps
    /// updating through a wait, which then lasts ceil(d * fps) frames as a play does).
    bool time_based() const { return time_based_; }

private:
    friend class Mobject;
    // The value of an updater compared by value, kept inside equal_: equal_(other) finds the
    // other key's SameValue of the same type and compares the two.
    template <class F, bool Bytes> struct SameValue {
        F value;
        bool operator()(const UpdaterKey& other) const {
            const SameValue* o = other.equal_.template target<SameValue>();
            if (!o) return false;
            if constexpr (Bytes)
                return std::memcmp(static_cast<const void*>(&value), static_cast<const void*>(&o->value),
                                   sizeof(F)) == 0;
            else
                return static_cast<bool>(value == o->value);
        }
    };
    bool time_based_ = false;
    const std::type_info* type_ = nullptr;
    /// Whether `other` (of the same type) holds the same updater; empty: it never does.
    Function<bool(const UpdaterKey&)> equal_;
};

/// What a Manim subclass overrides, carried by the mobjects of that kind. Immutable and shared
/// by copies. A new kind of mobject subclasses this in its own file; nothing central changes.
class Behavior {
public:
    virtual ~Behavior() = default;
    /// Manim's class name ("Arrow", "Text", ...).
    virtual std::string_view kind() const = 0;
    /// Manim subclasses that override scale (Arrow keeps its tip). Returns false to scale the
    /// points as any mobject does.
    virtual bool scale(Mobject& m, double factor, std::optional<Vec2> about) const;
    /// Manim's tex_string (the parts of a MathTex); empty for other kinds.
    virtual std::string_view tex_string() const { return {}; }
    /// Manim's TipableVMobject.get_start / get_end: where a kind with tips starts and ends (an
    /// Arrow's end is its tip's apex). nullopt: the first / last anchor, as for any path.
    virtual std::optional<Vec2> start(const Mobject&) const { return std::nullopt; }
    virtual std::optional<Vec2> end(const Mobject&) const { return std::nullopt; }
    /// Manim's make_smooth_after_applying_functions (NumberPlane's is true).
    virtual bool smooth_after_applying_functions() const { return false; }
};
using BehaviorPtr = Shared<const Behavior>;
extern template class Shared<const Behavior>;

/// A behaviour that only names the kind (Text, MathTex, ArrowTip ...): `kind_tag("Text")`.
BehaviorPtr kind_tag(std::string kind);

/// A cheap handle to a node of the mobject tree. Copying a handle shares the node, as a
/// Python reference does; `copy()` makes an independent deep copy.
class Mobject {
public:
    /// A new empty mobject (a VGroup with no children).
    Mobject();
    explicit Mobject(Shared<Node> node);

    // ── tree ──
    /// Appends children (the same mobject may sit in several groups). Throws
    /// std::invalid_argument for the mobject itself or one of its ancestors (a cycle).
    Mobject& add(const Mobject& child);
    Mobject& add(std::initializer_list<Mobject> children);
    /// Manim's add(a, b, c): appends them in order.
    template <class... More>
        requires(sizeof...(More) > 0 && (std::is_convertible_v<const More&, const Mobject&> && ...))
    Mobject& add(const Mobject& first, const More&... more) {
        add(first);
        (add(static_cast<const Mobject&>(more)), ...);
        return *this;
    }
    std::size_t size() const;
    /// Throws std::out_of_range naming the index and the size.
    Mobject operator[](std::size_t i) const;
    /// Python-style index: -1 is the last child. Throws std::out_of_range.
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
    /// Manim's set_points_as_corners: straight cubics through the corners.
    Mobject& set_points_as_corners(const std::vector<Vec2>& corners);
    /// Manim's add_points_as_corners: a straight cubic from the last point to each point in
    /// turn. Throws std::invalid_argument on a path without points (there is no last point).
    Mobject& add_points_as_corners(const std::vector<Vec2>& points);
    /// Manim's set_points_smoothly: corners, then smooth handles (cyclic if closed).
    Mobject& set_points_smoothly(const std::vector<Vec2>& anchors);
    /// First and last anchor of this path (ORIGIN when empty).
    Vec2 get_start() const;
    Vec2 get_end() const;
    /// Manim's Line.get_vector and get_unit_vector: get_end() - get_start(), and that over its
    /// length (ORIGIN for a zero-length path, as Manim's normalize falls back to zeros).
    Vec2 get_vector() const { return get_end() - get_start(); }
    Vec2 get_unit_vector() const;
    /// Manim's point_from_proportion: a point at arc-length proportion `alpha` of the path.
    Vec2 point_from_proportion(double alpha) const;
    /// Manim's put_start_and_end_on: rotates and scales the family so that its start and end
    /// land on the given points.
    Mobject& put_start_and_end_on(Vec2 start, Vec2 end);
    /// Manim's reverse_points (curve order and direction).
    Mobject& reverse_points();
    const Style& style() const;
    void set_style(const Style& s);
    /// Manim's class name of this mobject ("VMobject" when it has no behaviour).
    std::string_view kind() const;
    const Behavior* behavior() const;
    void set_behavior(BehaviorPtr b);
    /// The behaviour as a given class, nullptr if it is another kind.
    template <class B> const B* behavior_as() const { return dynamic_cast<const B*>(behavior()); }
    /// A short description for timelines and error messages ("Text«Hello»").
    const std::string& label() const;
    void set_label(std::string s);
    LeafState leaf_state() const;
    /// Text glyphs: where the outline came from (see GlyphSource); nullptr otherwise.
    const Shared<const GlyphSource>& glyph() const;
    void set_glyph(Shared<const GlyphSource> g);
    /// This path's third dimension (see Depth); nullptr for a flat path.
    const DepthPtr& depth() const;
    void set_depth(DepthPtr d);

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
    /// A point in 3-D: the centre of the anchors' box, z from the Depth (Manim's
    /// move_to with a point off the plane; the camera's light source and frame centre).
    Mobject& move_to(Vec3 p);
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
    /// Manim's set_x / set_y: shifts the family so that its critical point in `direction`
    /// (the bbox centre by default) has that coordinate; the other coordinate is unchanged.
    Mobject& set_x(double x, Vec2 direction = ORIGIN);
    Mobject& set_y(double y, Vec2 direction = ORIGIN);
    /// Counter-clockwise rotation about the bbox centre (or `about`).
    Mobject& rotate(double angle, std::optional<Vec2> about = std::nullopt);
    /// Manim's rotate_about_origin: rotate(angle, ORIGIN).
    Mobject& rotate_about_origin(double angle) { return rotate(angle, ORIGIN); }
    /// Uniform scale about the bbox centre (or `about`); stroke widths unchanged. Arrows keep
    /// their tip as Manim's Arrow.scale does.
    Mobject& scale(double factor, std::optional<Vec2> about = std::nullopt);
    Mobject& stretch(double factor, int dim, std::optional<Vec2> about = std::nullopt);
    Mobject& stretch_to_fit_width(double w);
    Mobject& stretch_to_fit_height(double h);
    Mobject& scale_to_fit_width(double w);
    Mobject& scale_to_fit_height(double h);
    Mobject& flip_vertical();
    /// Manim's replace(mobject, stretch): scaled to `m`'s width (or stretched to its width and
    /// height), then moved onto its centre.
    Mobject& replace(const Mobject& m, bool stretch = false);
    /// Manim's apply_function: every point p of the family becomes f(p) (VMobject's way: the
    /// handles are pulled to 1% of their distance to the anchors while f is applied, then put
    /// back), then smoothed if the kind asks for it (NumberPlane).
    Mobject& apply_function(const Function<Vec2(Vec2)>& f);
    /// Manim's make_smooth: every path's handles recomputed smooth through its anchors.
    Mobject& make_smooth();
    /// Manim's set_z_index (family=True): higher is drawn over lower whatever the order the
    /// mobjects were added in (equal ones keep that order).
    Mobject& set_z_index(double z);
    double z_index() const;
    /// Manim's save_state: keeps a copy of the mobject as it is now (for Restore).
    Mobject& save_state();
    /// The copy save_state kept. Throws std::logic_error if there is none.
    Mobject saved_state() const;

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

    // ── numbers and updaters ──
    /// The number this mobject carries (ValueTracker, DecimalNumber); 0 if none.
    double number() const;
    bool has_number() const;
    void set_number(double v);
    /// Manim's add_updater: `f(m, dt)` or `f(m)`; see Updater. Keeps `f` for remove_updater.
    template <class F> Mobject& add_updater(F f);
    /// Manim's remove_updater: removes every updater added from `f` (see UpdaterKey), leaving
    /// the others in their order. Removing one that is not there does nothing.
    template <class F> Mobject& remove_updater(const F& f) {
        static_assert(!UpdaterKey::is_std_function<F>,
                      "remove_updater needs the lambda or function that was added, not a "
                      "Function or std::function (their values cannot be compared)");
        using D = std::decay_t<F>; // a function name is removed as its pointer, as it was added
        return remove_updater_key(UpdaterKey::of<D>(static_cast<D>(f)));
    }
    Mobject& clear_updaters();
    /// Number of updaters of this mobject itself (not its children).
    std::size_t updater_count() const;
    /// Manim's has_time_based_updater: one of this mobject's own updaters takes dt.
    bool has_time_based_updater() const;
    bool has_updaters() const;
    /// Runs the updaters of the whole family (Manim's update), `dt` seconds into a play.
    Mobject& update(double dt = 0.0);

    /// The node (engine internals: "mobjects/node.h" defines it).
    const Shared<Node>& node() const { return node_; }

private:
    Mobject& add_updater_keyed(Updater f, UpdaterKey key);
    Mobject& remove_updater_key(const UpdaterKey& key);

    Shared<Node> node_;
};

template <class F> UpdaterKey UpdaterKey::of(const F& f) {
    UpdaterKey k;
    k.type_ = &typeid(F);
    if constexpr (is_std_function<F>) {
        // A Function or std::function cannot be compared: nothing matches it (remove_updater
        // refuses one).
    } else if constexpr (std::is_empty_v<F>) {
        k.equal_ = [](const UpdaterKey&) { return true; };
    } else if constexpr (requires(const F& a) { { a == a } -> std::convertible_to<bool>; }) {
        k.equal_ = SameValue<F, false>{f};
    } else if constexpr (std::has_unique_object_representations_v<F>) {
        k.equal_ = SameValue<F, true>{f};
    } else {
        k.equal_ = [](const UpdaterKey&) { return true; };
    }
    return k;
}

template <class F> Mobject& Mobject::add_updater(F f) {
    UpdaterKey key = UpdaterKey::of(f);
    if constexpr (std::is_invocable_v<F&, Mobject&, double>) {
        key.time_based_ = true;
        return add_updater_keyed(Updater(std::move(f)), std::move(key));
    } else {
        static_assert(std::is_invocable_v<F&, Mobject&>,
                      "an updater is called as f(Mobject&) or f(Mobject&, double dt)");
        return add_updater_keyed([g = std::move(f)](Mobject& m, double) mutable { g(m); },
                                 std::move(key));
    }
}

/// Manim's ValueTracker: an invisible mobject holding a number. `animate(t).set_value(5)`
/// animates it; updaters and always_redraw read it with get_value() at the moment evaluated.
class ValueTracker : public Mobject {
public:
    /// A new tracker, known to the recording current on this thread (RecordingContext): every
    /// play of that recording keeps its value, and no other recording sees it.
    explicit ValueTracker(double value = 0.0);
    /// Wraps an existing tracker handle.
    explicit ValueTracker(const Mobject& m) : Mobject(m) {}
    double get_value() const { return number(); }
    ValueTracker& set_value(double v);
    ValueTracker& increment_value(double dv);
};

/// Manim's always_redraw: a mobject rebuilt by `f` whenever the moment changes.
Mobject always_redraw(Function<Mobject()> f);

/// Manim's VGroup.
Mobject VGroup(std::initializer_list<Mobject> children = {});
Mobject VGroup(const std::vector<Mobject>& children);
/// Manim's VGroup(a, b, c).
template <class... More>
    requires(std::is_convertible_v<const More&, const Mobject&> && ...)
Mobject VGroup(const Mobject& first, const More&... more) {
    return VGroup({first, static_cast<const Mobject&>(more)...});
}

/// Manim's frame: 8 units high, 14.2222 wide (16:9).
inline constexpr double kFrameHeight = 8.0;
inline constexpr double kFrameWidth = 8.0 * 16.0 / 9.0;

} // namespace reel

#include "reel/shapes.h"
