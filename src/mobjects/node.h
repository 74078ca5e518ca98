// The node behind a Mobject handle (engine internals, not a public header).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "reel/mobject.h"

namespace reel {

struct Node {
    std::uint64_t id = next_id();
    PointsPtr points = empty_points();
    Style style;
    std::vector<std::shared_ptr<Node>> children;
    MobjectKind kind = MobjectKind::Generic;
    std::string label = "VGroup";
    // Arrow: the stroke width asked for and Manim's max_stroke_width_to_length_ratio.
    double arrow_initial_width = 0.0;
    double arrow_max_width_ratio = 5.0;

    static std::uint64_t next_id() {
        static std::atomic<std::uint64_t> counter{1};
        return counter.fetch_add(1, std::memory_order_relaxed);
    }
    static const PointsPtr& empty_points() {
        static const PointsPtr empty = std::make_shared<const Points>();
        return empty;
    }
};

} // namespace reel
