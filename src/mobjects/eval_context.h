// The moment being evaluated (engine internals, not a public header): what Timeline::state_at
// overrides while it runs updaters, read by the mobject getters on the same thread.
#pragma once

#include <memory>
#include <unordered_map>

#include "geometry/shared.h"
#include "reel/mobject.h"

namespace reel {

/// Tracker values by node (Animation::values_at's output, the evaluated moment's values).
struct NodeValues : std::unordered_map<const Node*, double> {};

/// What one evaluated moment overrides: tracker values and the paths of animated leaves, seen
/// by updaters through Mobject's getters on this thread. Thread-local because the exporter
/// evaluates several moments of one timeline at once, one per worker thread.
struct EvalContext {
    NodeValues values;
    std::unordered_map<const Node*, PointsPtr> points;
    /// Mobjects with updaters already evaluated at this moment: reads of the original go to
    /// the updated copy (Manim updates the scene's mobjects in order).
    std::unordered_map<const Node*, std::shared_ptr<Node>> redirect;
    /// The context active on this thread, nullptr outside an evaluation.
    static const EvalContext* current();
};

/// Makes `ctx` current on this thread for its lifetime (nesting restores the previous one).
class EvalScope {
public:
    explicit EvalScope(const EvalContext* ctx);
    ~EvalScope();
    EvalScope(const EvalScope&) = delete;
    EvalScope& operator=(const EvalScope&) = delete;

private:
    const EvalContext* previous_;
};

} // namespace reel
