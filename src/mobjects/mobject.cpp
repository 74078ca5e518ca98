#include "reel/mobject.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "node.h"

namespace reel {

namespace {

void collect_family(const std::shared_ptr<Node>& n, std::vector<std::shared_ptr<Node>>& out) {
    out.push_back(n);
    for (const auto& c : n->children) collect_family(c, out);
}

// Manim's remove_list_redundancies: keeps the last occurrence of each node.
std::vector<std::shared_ptr<Node>> family_nodes(const std::shared_ptr<Node>& root) {
    std::vector<std::shared_ptr<Node>> all;
    collect_family(root, all);
    std::unordered_set<const Node*> seen;
    std::vector<std::shared_ptr<Node>> rev;
    for (auto it = all.rbegin(); it != all.rend(); ++it) {
        if (seen.insert(it->get()).second) rev.push_back(*it);
    }
    std::reverse(rev.begin(), rev.end());
    return rev;
}

std::shared_ptr<Node> deep_copy(const std::shared_ptr<Node>& n,
                                std::unordered_map<const Node*, std::shared_ptr<Node>>& memo) {
    if (auto it = memo.find(n.get()); it != memo.end()) return it->second;
    auto c = std::make_shared<Node>(*n);
    c->id = Node::next_id();
    memo[n.get()] = c;
    for (auto& child : c->children) child = deep_copy(child, memo);
    return c;
}

template <class F> void for_family(const std::shared_ptr<Node>& root, F&& f) {
    for (auto& n : family_nodes(root)) f(*n);
}

double signum(double v) { return v > 0 ? 1.0 : (v < 0 ? -1.0 : 0.0); }

} // namespace

Style interpolate_style(const Style& a, const Style& b, double t) {
    Style s;
    s.fill_color = interpolate_color(a.fill_color, b.fill_color, t);
    s.fill_opacity = lerp(a.fill_opacity, b.fill_opacity, t);
    s.stroke_color = interpolate_color(a.stroke_color, b.stroke_color, t);
    s.stroke_opacity = lerp(a.stroke_opacity, b.stroke_opacity, t);
    s.stroke_width = lerp(a.stroke_width, b.stroke_width, t);
    return s;
}

Mobject::Mobject() : node_(std::make_shared<Node>()) {}
Mobject::Mobject(std::shared_ptr<Node> node) : node_(std::move(node)) { assert(node_); }

Mobject& Mobject::add(const Mobject& child) {
    assert(!child.same(*this) && "a mobject cannot contain itself");
    node_->children.push_back(child.node_);
    return *this;
}

Mobject& Mobject::add(std::initializer_list<Mobject> children) {
    for (const auto& c : children) add(c);
    return *this;
}

std::size_t Mobject::size() const { return node_->children.size(); }

Mobject Mobject::operator[](std::size_t i) const {
    assert(i < node_->children.size());
    return Mobject(node_->children[i]);
}

Mobject Mobject::at(long i) const {
    long n = static_cast<long>(size());
    if (i < 0) i += n;
    assert(i >= 0 && i < n);
    return (*this)[static_cast<std::size_t>(i)];
}

Mobject Mobject::slice(long begin, long end) const {
    long n = static_cast<long>(size());
    auto norm = [n](long v) { return std::clamp(v < 0 ? v + n : v, 0L, n); };
    Mobject g;
    for (long i = norm(begin); i < norm(end); ++i) g.add((*this)[static_cast<std::size_t>(i)]);
    return g;
}

std::vector<Mobject> Mobject::children() const {
    std::vector<Mobject> out;
    for (const auto& c : node_->children) out.emplace_back(c);
    return out;
}

void Mobject::set_children(const std::vector<Mobject>& children) {
    node_->children.clear();
    for (const auto& c : children) node_->children.push_back(c.node_);
}

std::vector<Mobject> Mobject::family() const {
    std::vector<Mobject> out;
    for (auto& n : family_nodes(node_)) out.emplace_back(n);
    return out;
}

std::vector<Mobject> Mobject::leaves() const {
    std::vector<Mobject> out;
    for (auto& n : family_nodes(node_))
        if (!n->points->empty()) out.emplace_back(n);
    return out;
}

bool Mobject::has_points() const { return !node_->points->empty(); }
std::uint64_t Mobject::id() const { return node_->id; }

Mobject Mobject::copy() const {
    std::unordered_map<const Node*, std::shared_ptr<Node>> memo;
    return Mobject(deep_copy(node_, memo));
}

void Mobject::become(const Mobject& other) {
    Mobject c = other.copy();
    std::uint64_t id = node_->id;
    *node_ = *c.node_;
    node_->id = id;
}

const Points& Mobject::points() const { return *node_->points; }
PointsPtr Mobject::points_ptr() const { return node_->points; }
void Mobject::set_points(Points p) { node_->points = std::make_shared<const Points>(std::move(p)); }
void Mobject::set_points(PointsPtr p) { node_->points = p ? std::move(p) : Node::empty_points(); }
const Style& Mobject::style() const { return node_->style; }
void Mobject::set_style(const Style& s) { node_->style = s; }
MobjectKind Mobject::kind() const { return node_->kind; }
void Mobject::set_kind(MobjectKind k) { node_->kind = k; }
const std::string& Mobject::label() const { return node_->label; }
void Mobject::set_label(std::string s) { node_->label = std::move(s); }
LeafState Mobject::leaf_state() const { return {node_->points, node_->style}; }

Bounds Mobject::anchor_bounds() const {
    Bounds b;
    for_family(node_, [&](Node& n) { b.include(reel::anchor_bounds(*n.points)); });
    return b;
}

Bounds Mobject::all_bounds() const {
    Bounds b;
    for_family(node_, [&](Node& n) { b.include(reel::all_bounds(*n.points)); });
    return b;
}

Vec2 Mobject::get_critical_point(Vec2 dir) const { return anchor_bounds().critical_point(dir); }
double Mobject::width() const { return all_bounds().width(); }
double Mobject::height() const { return all_bounds().height(); }

Mobject& Mobject::apply(const Affine& m) {
    for_family(node_, [&](Node& n) {
        if (!n.points->empty()) n.points = std::make_shared<const Points>(transform_points(*n.points, m));
    });
    return *this;
}

Mobject& Mobject::shift(Vec2 v) { return apply(Affine::translate(v)); }

Mobject& Mobject::move_to(Vec2 p, Vec2 aligned_edge) {
    return shift(p - get_critical_point(aligned_edge));
}

Mobject& Mobject::move_to(const Mobject& m, Vec2 aligned_edge) {
    return move_to(m.get_critical_point(aligned_edge), aligned_edge);
}

Mobject& Mobject::next_to(const Mobject& m, Vec2 dir, double buff, Vec2 aligned_edge) {
    Vec2 target = m.get_critical_point(aligned_edge + dir);
    Vec2 own = get_critical_point(aligned_edge - dir);
    return shift(target - own + dir * buff);
}

Mobject& Mobject::next_to(Vec2 point, Vec2 dir, double buff, Vec2 aligned_edge) {
    Vec2 own = get_critical_point(aligned_edge - dir);
    return shift(point - own + dir * buff);
}

Mobject& Mobject::to_edge(Vec2 edge, double buff) {
    // Manim's align_on_border with config.frame_x/y_radius (7.1111, 4.0).
    Vec2 target{signum(edge.x) * kFrameWidth / 2, signum(edge.y) * kFrameHeight / 2};
    Vec2 own = get_critical_point(edge);
    Vec2 v = target - own - edge * buff;
    return shift({v.x * std::abs(signum(edge.x)), v.y * std::abs(signum(edge.y))});
}

Mobject& Mobject::to_corner(Vec2 corner, double buff) { return to_edge(corner, buff); }

Mobject& Mobject::align_to(const Mobject& m, Vec2 dir) {
    return align_to(m.get_critical_point(dir), dir);
}

Mobject& Mobject::align_to(Vec2 point, Vec2 dir) {
    Vec2 own = get_critical_point(dir);
    Vec2 v{dir.x != 0 ? point.x - own.x : 0.0, dir.y != 0 ? point.y - own.y : 0.0};
    return shift(v);
}

Mobject& Mobject::arrange(Vec2 dir, double buff, Vec2 aligned_edge, bool center_group) {
    auto kids = children();
    for (std::size_t i = 1; i < kids.size(); ++i) kids[i].next_to(kids[i - 1], dir, buff, aligned_edge);
    if (center_group) center();
    return *this;
}

Mobject& Mobject::center() { return shift(-get_center()); }

Mobject& Mobject::rotate(double angle, std::optional<Vec2> about) {
    return apply(Affine::rotate_about(about.value_or(get_center()), angle));
}

Mobject& Mobject::scale(double factor, std::optional<Vec2> about) {
    if (node_->kind == MobjectKind::Arrow && node_->children.size() == 1 &&
        node_->points->size() >= 4) {
        // Manim's Arrow.scale: pop the tip (shaft extended to the apex), scale the shaft,
        // re-attach the unscaled tip at the new end, shaft width from the new length. The
        // width Manim ends with comes from the re-trimmed shaft (start to tip base): add_tip's
        // put_start_and_end_on calls Arrow.scale again before the tip is attached.
        Mobject tip(node_->children[0]);
        const Points& tp = tip.points();
        Vec2 apex = tp.front();
        Vec2 start = node_->points->front();
        Points shaft;
        add_line(shaft, start, apex);
        Vec2 c = about.value_or((start + apex) * 0.5);
        shaft = transform_points(shaft, Affine::scale_about(c, factor, factor));
        Vec2 new_start = shaft.front(), new_end = shaft.back();
        // Base of the tip: midpoint of its second edge (Manim's ArrowTip.base).
        Vec2 base = (tp[4] + tp[7]) * 0.5;
        Vec2 old_dir = apex - base;
        double tip_len = old_dir.norm();
        Vec2 d = new_end - new_start;
        double len = d.norm();
        double width_len = len;
        if (len > 0 && tip_len > 0) {
            Vec2 u = d / len;
            Vec2 ou = old_dir / tip_len;
            double angle = std::atan2(u.y, u.x) - std::atan2(ou.y, ou.x);
            Affine rot = Affine::rotate_about(apex, angle);
            Affine mv = Affine::translate(new_end - apex);
            tip.set_points(transform_points(transform_points(tp, rot), mv));
            Vec2 new_base = (tip.points()[4] + tip.points()[7]) * 0.5;
            width_len = (new_base - new_start).norm();
            Points trimmed;
            add_line(trimmed, new_start, new_base);
            set_points(std::move(trimmed));
        } else {
            set_points(std::move(shaft));
        }
        node_->style.stroke_width =
            std::min(node_->arrow_initial_width, node_->arrow_max_width_ratio * width_len);
        return *this;
    }
    return apply(Affine::scale_about(about.value_or(get_center()), factor, factor));
}

Mobject& Mobject::stretch(double factor, int dim, std::optional<Vec2> about) {
    Vec2 c = about.value_or(get_center());
    return apply(dim == 0 ? Affine::scale_about(c, factor, 1.0) : Affine::scale_about(c, 1.0, factor));
}

Mobject& Mobject::stretch_to_fit_width(double w) {
    double cur = width();
    return cur == 0 ? *this : stretch(w / cur, 0);
}

Mobject& Mobject::stretch_to_fit_height(double h) {
    double cur = height();
    return cur == 0 ? *this : stretch(h / cur, 1);
}

Mobject& Mobject::scale_to_fit_width(double w) {
    double cur = width();
    return cur == 0 ? *this : scale(w / cur);
}

Mobject& Mobject::scale_to_fit_height(double h) {
    double cur = height();
    return cur == 0 ? *this : scale(h / cur);
}

Mobject& Mobject::flip_vertical() { return stretch(-1.0, 1); }

Mobject& Mobject::set_fill(std::optional<Color> color, std::optional<double> opacity) {
    for_family(node_, [&](Node& n) {
        if (color) n.style.fill_color = *color;
        if (opacity) n.style.fill_opacity = *opacity;
    });
    return *this;
}

Mobject& Mobject::set_fill_opacity(double opacity) { return set_fill(std::nullopt, opacity); }

Mobject& Mobject::set_stroke(std::optional<Color> color, std::optional<double> width,
                             std::optional<double> opacity) {
    for_family(node_, [&](Node& n) {
        if (color) n.style.stroke_color = *color;
        if (width) n.style.stroke_width = *width;
        if (opacity) n.style.stroke_opacity = *opacity;
    });
    return *this;
}

Mobject& Mobject::set_color(Color c) { return set_fill(c).set_stroke(c); }

Mobject& Mobject::set_opacity(double opacity) {
    return set_fill(std::nullopt, opacity).set_stroke(std::nullopt, std::nullopt, opacity);
}

Mobject& Mobject::fade(double darkness) {
    double f = 1.0 - darkness;
    for_family(node_, [&](Node& n) {
        n.style.fill_opacity *= f;
        n.style.stroke_opacity *= f;
    });
    return *this;
}

Mobject VGroup(std::initializer_list<Mobject> children) {
    Mobject g;
    g.add(children);
    return g;
}

Mobject VGroup(const std::vector<Mobject>& children) {
    Mobject g;
    for (const auto& c : children) g.add(c);
    return g;
}

} // namespace reel
