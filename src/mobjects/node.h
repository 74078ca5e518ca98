// The node behind a Mobject handle (engine internals, not a public header).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "eval_context.h"
#include "geometry/shared.h"
#include "reel/mobject.h"

namespace reel {

struct Node {
    std::uint64_t id = next_id();
    PointsPtr points = empty_points();
    Style style;
    std::vector<std::shared_ptr<Node>> children;
    BehaviorPtr behavior; // null: a plain VMobject / VGroup
    std::string label = "VGroup";
    // A number the mobject carries (ValueTracker, DecimalNumber): read through the evaluation
    // context while the timeline evaluates a moment.
    bool has_value = false;
    double value = 0.0;
    std::vector<Updater> updaters;
    std::vector<UpdaterKey> updater_keys; // updater_keys[i] identifies updaters[i]
    Shared<const GlyphSource> glyph;          // Text glyphs: for real text in vector output
    double z_index = 0.0;                     // Manim's z_index: draw order over add order
    std::shared_ptr<Node> saved_state;        // save_state's copy (Restore)
    DepthPtr depth;                           // 3-D paths: z per point, shading, fixing

    static std::uint64_t next_id() {
        static std::atomic<std::uint64_t> counter{1};
        return counter.fetch_add(1, std::memory_order_relaxed);
    }
    /// This node's path: the one the evaluated moment gives it, else its own.
    const PointsPtr& current_points() const {
        if (const EvalContext* c = EvalContext::current()) {
            if (auto it = c->points.find(this); it != c->points.end()) return it->second;
            if (auto it = c->redirect.find(this); it != c->redirect.end()) return it->second->points;
        }
        return points;
    }
    double current_value() const {
        if (const EvalContext* c = EvalContext::current()) {
            if (auto it = c->values.find(this); it != c->values.end()) return it->second;
        }
        return value;
    }
    /// The node that stands for `n` at the evaluated moment (itself outside evaluations).
    static const std::shared_ptr<Node>& resolve(const std::shared_ptr<Node>& n) {
        if (const EvalContext* c = EvalContext::current()) {
            if (auto it = c->redirect.find(n.get()); it != c->redirect.end()) return it->second;
        }
        return n;
    }
    /// Changes whenever the children of any node change (Mobject::add, set_children, become):
    /// a Scene keeps what it knows of its families while it stays the same.
    static std::atomic<std::uint64_t>& structure_generation() {
        static std::atomic<std::uint64_t> generation{0};
        return generation;
    }
    static const PointsPtr& empty_points() {
        static const PointsPtr empty = std::make_shared<const Points>();
        return empty;
    }
};

/// The family of `root` (resolved), each node once at its last occurrence: Manim's
/// remove_list_redundancies over get_family.
std::vector<std::shared_ptr<Node>> family_nodes(const std::shared_ptr<Node>& root);

/// Calls `f(node)` for each member of family_nodes(root).
template <class F> void for_family(const std::shared_ptr<Node>& root, F&& f) {
    for (auto& n : family_nodes(root)) f(*n);
}

} // namespace reel
