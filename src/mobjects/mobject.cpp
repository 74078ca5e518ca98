#include "reel/mobject.h"

#include <algorithm>
#include <cassert>
#include <stdexcept>
#include <string>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "node.h"
#include "mobjects/recording.h"
#include "shapes/shape_util.h"

namespace reel {

// node_ is a Shared<Node> (the public header cannot name std::shared_ptr); std_ptr(node_) is the
// std::shared_ptr<Node> it holds, reached inline (Shared's own members are calls into libreel).

namespace {

void collect_family(const std::shared_ptr<Node>& node, std::vector<std::shared_ptr<Node>>& out) {
    const std::shared_ptr<Node>& n = Node::resolve(node);
    out.push_back(n);
    for (const auto& c : n->children) collect_family(c, out);
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

} // namespace

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

namespace {
thread_local const EvalContext* g_eval_context = nullptr;
} // namespace

const EvalContext* EvalContext::current() { return g_eval_context; }
EvalScope::EvalScope(const EvalContext* ctx) : previous_(g_eval_context) { g_eval_context = ctx; }
EvalScope::~EvalScope() { g_eval_context = previous_; }

bool Behavior::scale(Mobject&, double, std::optional<Vec2>) const { return false; }

namespace {
class KindTag final : public Behavior {
public:
    explicit KindTag(std::string kind) : kind_(std::move(kind)) {}
    std::string_view kind() const override { return kind_; }

private:
    std::string kind_;
};
} // namespace

BehaviorPtr kind_tag(std::string kind) { return std::make_shared<KindTag>(std::move(kind)); }

Style interpolate_style(const Style& a, const Style& b, double t) {
    Style s;
    s.fill_color = interpolate_color(a.fill_color, b.fill_color, t);
    s.fill_opacity = lerp(a.fill_opacity, b.fill_opacity, t);
    s.stroke_color = interpolate_color(a.stroke_color, b.stroke_color, t);
    s.stroke_opacity = lerp(a.stroke_opacity, b.stroke_opacity, t);
    s.stroke_width = lerp(a.stroke_width, b.stroke_width, t);
    // An image is not interpolated: the start's until the end, then the target's.
    s.image = (t < 1.0 && a.image) || !b.image ? a.image : b.image;
    s.gradient = t < 1.0 ? a.gradient : b.gradient;
    return s;
}

Mobject::Mobject() : node_(std::make_shared<Node>()) {}
Mobject::Mobject(Shared<Node> node) : node_(std::move(node)) { assert(std_ptr(node_)); }

namespace {
bool contains_node(const Node& root, const Node* wanted) {
    if (&root == wanted) return true;
    for (const auto& c : root.children)
        if (contains_node(*c, wanted)) return true;
    return false;
}
} // namespace

Mobject& Mobject::add(const Mobject& child) {
    // Manim refuses a mobject inside itself; inside one of its own descendants is the same
    // cycle one level down (family() would never end).
    if (contains_node(*std_ptr(child.node_), std_ptr(node_).get()))
        throw std::invalid_argument(child.same(*this)
                                        ? "a mobject cannot contain itself"
                                        : "a mobject cannot be added into one of its own descendants (that "
                                          "would make a cycle)");
    std_ptr(node_)->children.push_back(std_ptr(child.node_));
    Node::structure_generation().fetch_add(1, std::memory_order_relaxed);
    return *this;
}

Mobject& Mobject::add(std::initializer_list<Mobject> children) {
    for (const auto& c : children) add(c);
    return *this;
}

std::size_t Mobject::size() const { return std_ptr(node_)->children.size(); }

Mobject Mobject::operator[](std::size_t i) const {
    if (i >= std_ptr(node_)->children.size())
        throw std::out_of_range("mobject index " + std::to_string(i) + " is out of range (it has " +
                                std::to_string(std_ptr(node_)->children.size()) + " submobjects)");
    return Mobject(std_ptr(node_)->children[i]);
}

Mobject Mobject::at(long i) const {
    const long n = static_cast<long>(size());
    const long k = i < 0 ? i + n : i;
    if (k < 0 || k >= n)
        throw std::out_of_range("mobject index " + std::to_string(i) + " is out of range (it has " +
                                std::to_string(n) + " submobjects; -" + std::to_string(n) + " to " +
                                std::to_string(n - 1) + " are valid)");
    return (*this)[static_cast<std::size_t>(k)];
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
    for (const auto& c : std_ptr(node_)->children) out.emplace_back(c);
    return out;
}

void Mobject::set_children(const std::vector<Mobject>& children) {
    std_ptr(node_)->children.clear();
    for (const auto& c : children) std_ptr(node_)->children.push_back(std_ptr(c.node_));
    Node::structure_generation().fetch_add(1, std::memory_order_relaxed);
}

std::vector<Mobject> Mobject::family() const {
    std::vector<Mobject> out;
    for (auto& n : family_nodes(std_ptr(node_))) out.emplace_back(n);
    return out;
}

std::vector<Mobject> Mobject::leaves() const {
    std::vector<Mobject> out;
    for (auto& n : family_nodes(std_ptr(node_)))
        if (!n->current_points()->empty()) out.emplace_back(n);
    return out;
}

bool Mobject::has_points() const { return !std_ptr(node_)->current_points()->empty(); }
std::uint64_t Mobject::id() const { return std_ptr(node_)->id; }

Mobject Mobject::copy() const {
    std::unordered_map<const Node*, std::shared_ptr<Node>> memo;
    return Mobject(deep_copy(std_ptr(node_), memo));
}

void Mobject::become(const Mobject& other) {
    Mobject c = other.copy();
    std::uint64_t id = std_ptr(node_)->id;
    // Manim's become keeps the mobject's own updaters.
    std::vector<Updater> ups = std::move(std_ptr(node_)->updaters);
    std::vector<UpdaterKey> keys = std::move(std_ptr(node_)->updater_keys);
    *std_ptr(node_) = *std_ptr(c.node_);
    std_ptr(node_)->id = id;
    std_ptr(node_)->updaters = std::move(ups);
    std_ptr(node_)->updater_keys = std::move(keys);
    Node::structure_generation().fetch_add(1, std::memory_order_relaxed);
}

double Mobject::number() const { return std_ptr(node_)->current_value(); }
bool Mobject::has_number() const { return std_ptr(node_)->has_value; }
void Mobject::set_number(double v) {
    std_ptr(node_)->has_value = true;
    std_ptr(node_)->value = v;
}

bool UpdaterKey::matches(const UpdaterKey& other) const {
    if (!type_ || !other.type_ || *type_ != *other.type_ || !equal_) return false;
    return equal_(other);
}

Mobject& Mobject::add_updater_keyed(Updater f, UpdaterKey key) {
    std_ptr(node_)->updaters.push_back(std::move(f));
    std_ptr(node_)->updater_keys.push_back(std::move(key));
    return *this;
}

Mobject& Mobject::remove_updater_key(const UpdaterKey& key) {
    Node& n = *std_ptr(node_);
    assert(n.updaters.size() == n.updater_keys.size());
    std::size_t kept = 0;
    for (std::size_t i = 0; i < n.updaters.size(); ++i) {
        if (n.updater_keys[i].matches(key)) continue;
        if (kept != i) {
            n.updaters[kept] = std::move(n.updaters[i]);
            n.updater_keys[kept] = std::move(n.updater_keys[i]);
        }
        ++kept;
    }
    n.updaters.resize(kept);
    n.updater_keys.resize(kept);
    return *this;
}

Mobject& Mobject::clear_updaters() {
    std_ptr(node_)->updaters.clear();
    std_ptr(node_)->updater_keys.clear();
    return *this;
}

std::size_t Mobject::updater_count() const { return std_ptr(node_)->updaters.size(); }

bool Mobject::has_updaters() const { return !std_ptr(node_)->updaters.empty(); }

bool Mobject::has_time_based_updater() const {
    return std::any_of(std_ptr(node_)->updater_keys.begin(), std_ptr(node_)->updater_keys.end(),
                       [](const UpdaterKey& k) { return k.time_based(); });
}

Mobject& Mobject::update(double dt) {
    // Own updaters, then the children's (Manim's Mobject.update), each on a handle to its node.
    auto ups = std_ptr(node_)->updaters;
    for (auto& f : ups) f(*this, dt);
    for (auto& c : children()) c.update(dt);
    return *this;
}

ValueTracker::ValueTracker(double value) {
    set_label("ValueTracker");
    set_number(value);
    RecordingContext::current().add_tracker(*this);
}

ValueTracker& ValueTracker::set_value(double v) {
    set_number(v);
    return *this;
}

ValueTracker& ValueTracker::increment_value(double dv) { return set_value(get_value() + dv); }

Mobject always_redraw(Function<Mobject()> f) {
    Mobject m = f();
    m.add_updater([f = std::move(f)](Mobject& x) { x.become(f()); });
    return m;
}

const Points& Mobject::points() const { return *std_ptr(node_)->current_points(); }
PointsPtr Mobject::points_ptr() const { return std_ptr(node_)->current_points(); }
void Mobject::set_points(Points p) { std_ptr(node_)->points = std::make_shared<const Points>(std::move(p)); }
void Mobject::set_points(PointsPtr p) { std_ptr(node_)->points = p ? std::move(p) : Node::empty_points(); }
Mobject& Mobject::set_points_as_corners(const std::vector<Vec2>& corners) {
    set_points(corners_to_points(corners));
    return *this;
}

Mobject& Mobject::apply_function(const Function<Vec2(Vec2)>& f) {
    // VMobject.apply_function: pre_function_handle_to_anchor_scale_factor = 0.01, so a
    // non-linear f bends the handles as it bends the curve near each anchor.
    constexpr double factor = 0.01;
    for (Mobject m : family()) {
        if (!m.has_points()) continue;
        Points p = m.points();
        for (std::size_t i = 0; i + 3 < p.size(); i += 4) {
            const Vec2 a1 = f(p[i]), a2 = f(p[i + 3]);
            const Vec2 h1 = f(p[i] + (p[i + 1] - p[i]) * factor);
            const Vec2 h2 = f(p[i + 3] + (p[i + 2] - p[i + 3]) * factor);
            p[i] = a1;
            p[i + 1] = a1 + (h1 - a1) / factor;
            p[i + 2] = a2 + (h2 - a2) / factor;
            p[i + 3] = a2;
        }
        m.set_points(std::move(p));
    }
    if (const Behavior* b = behavior(); b && b->smooth_after_applying_functions()) make_smooth();
    return *this;
}

Mobject& Mobject::make_smooth() {
    // change_anchor_mode("smooth") on every subpath of every member with points.
    for (Mobject m : family()) {
        if (!m.has_points()) continue;
        const Points& p = m.points();
        Points out;
        out.reserve(p.size());
        std::size_t start = 0;
        while (start + 3 < p.size()) {
            std::size_t end = start + 4;
            while (end + 3 < p.size() && points_equal_2d(p[end - 1], p[end])) end += 4;
            std::vector<Vec2> anchors;
            for (std::size_t i = start; i < end; i += 4) anchors.push_back(p[i]);
            anchors.push_back(p[end - 1]);
            std::vector<Vec2> h1, h2;
            detail::smooth_handles(anchors, h1, h2);
            for (std::size_t k = 0; k + 1 < anchors.size(); ++k)
                out.insert(out.end(), {p[start + 4 * k], h1[k], h2[k], p[start + 4 * k + 3]});
            start = end;
        }
        m.set_points(std::move(out));
    }
    return *this;
}

Mobject& Mobject::set_z_index(double z) {
    for_family(std_ptr(node_), [&](Node& n) { n.z_index = z; });
    return *this;
}

double Mobject::z_index() const { return std_ptr(node_)->z_index; }

Mobject& Mobject::save_state() {
    std_ptr(node_)->saved_state = nullptr; // Manim drops the old one first: the copy does not nest it
    std_ptr(node_)->saved_state = std_ptr(copy().node());
    return *this;
}

Mobject Mobject::saved_state() const {
    if (!std_ptr(node_)->saved_state)
        throw std::logic_error("Restore: " + label() + " has no saved state (call save_state first)");
    return Mobject(std_ptr(node_)->saved_state).copy();
}

Mobject& Mobject::add_points_as_corners(const std::vector<Vec2>& pts) {
    if (points().empty())
        throw std::invalid_argument("add_points_as_corners: " + label() +
                                    " has no points to continue from (set_points_as_corners first)");
    Points p = points();
    for (Vec2 q : pts) add_line(p, p.back(), q);
    set_points(std::move(p));
    return *this;
}

Vec2 Mobject::get_start() const {
    if (const Behavior* b = behavior())
        if (auto p = b->start(*this)) return *p;
    for (const auto& l : leaves()) return l.points().front();
    return ORIGIN;
}

Vec2 Mobject::get_unit_vector() const {
    const Vec2 v = get_vector();
    const double n = v.norm();
    return n > 0 ? v / n : ORIGIN;
}

Vec2 Mobject::get_end() const {
    if (const Behavior* b = behavior())
        if (auto p = b->end(*this)) return *p;
    auto ls = leaves();
    if (ls.empty()) return ORIGIN;
    if (has_points()) return points().back();
    return ls.back().points().back();
}

namespace {
Vec2 bezier_at(const Vec2* c, double t) {
    double u = 1 - t;
    return c[0] * (u * u * u) + c[1] * (3 * u * u * t) + c[2] * (3 * u * t * t) + c[3] * (t * t * t);
}
} // namespace

Vec2 Mobject::point_from_proportion(double alpha) const {
    const Points* pp = &points();
    Points own;
    if (pp->empty()) {
        for (const auto& l : leaves()) own.insert(own.end(), l.points().begin(), l.points().end());
        pp = &own;
    }
    const Points& p = *pp;
    std::size_t n = p.size() / 4;
    if (n == 0) return ORIGIN;
    alpha = std::clamp(alpha, 0.0, 1.0);
    // Manim's get_curve_functions_with_lengths: each length from 10 samples.
    std::vector<double> lengths(n);
    double total = 0;
    for (std::size_t k = 0; k < n; ++k) {
        double len = 0;
        Vec2 prev = p[4 * k];
        for (int j = 1; j < 10; ++j) {
            Vec2 q = bezier_at(&p[4 * k], j / 9.0);
            len += (q - prev).norm();
            prev = q;
        }
        lengths[k] = len;
        total += len;
    }
    double target = alpha * total, cur = 0;
    for (std::size_t k = 0; k < n; ++k) {
        if (cur + lengths[k] >= target) {
            double r = lengths[k] != 0 ? (target - cur) / lengths[k] : 0.0;
            return bezier_at(&p[4 * k], r);
        }
        cur += lengths[k];
    }
    return p.back();
}

Mobject& Mobject::put_start_and_end_on(Vec2 start, Vec2 end) {
    Vec2 cs = get_start(), ce = get_end();
    Vec2 cv = ce - cs, tv = end - start;
    if (cv.norm() == 0) return *this; // a closed loop has no direction to put
    double k = tv.norm() / cv.norm();
    double ang = std::atan2(tv.y, tv.x) - std::atan2(cv.y, cv.x);
    Affine sc = Affine::scale_about(cs, k, k);
    Affine rot = Affine::rotate_about(cs, ang);
    for_family(std_ptr(node_), [&](Node& n) {
        if (n.points->empty()) return;
        Points q = transform_points(transform_points(*n.points, sc), rot);
        n.points = std::make_shared<const Points>(transform_points(q, Affine::translate(start - cs)));
    });
    return *this;
}

Mobject& Mobject::reverse_points() {
    Points p(points().rbegin(), points().rend());
    set_points(std::move(p));
    return *this;
}

const Style& Mobject::style() const { return std_ptr(node_)->style; }
void Mobject::set_style(const Style& s) { std_ptr(node_)->style = s; }
std::string_view Mobject::kind() const {
    return std_ptr(node_)->behavior ? std_ptr(node_)->behavior->kind() : std::string_view("VMobject");
}
const Behavior* Mobject::behavior() const { return std_ptr(node_)->behavior.get(); }
void Mobject::set_behavior(BehaviorPtr b) { std_ptr(node_)->behavior = std::move(b); }
const std::string& Mobject::label() const { return std_ptr(node_)->label; }
void Mobject::set_label(std::string s) { std_ptr(node_)->label = std::move(s); }
LeafState Mobject::leaf_state() const { return {std_ptr(node_)->points, std_ptr(node_)->style, std_ptr(node_)->glyph, std_ptr(node_)->depth}; }
const DepthPtr& Mobject::depth() const { return std_ptr(node_)->depth; }
void Mobject::set_depth(DepthPtr d) { std_ptr(node_)->depth = std::move(d); }
const Shared<const GlyphSource>& Mobject::glyph() const { return std_ptr(node_)->glyph; }
void Mobject::set_glyph(Shared<const GlyphSource> g) { std_ptr(node_)->glyph = std::move(g); }


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
