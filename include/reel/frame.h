// What is on screen at one moment: the one thing the timeline hands to every output.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "reel/mobject.h"

namespace reel {

/// The part of the scene the camera shows: Manim's camera frame (a MovingCameraScene's
/// `camera.frame`, moved and scaled like any mobject), in scene units. Output pictures map its
/// width onto theirs.
struct View {
    Vec2 center{0, 0};
    double width = kFrameWidth;
    double height = kFrameHeight;

    bool operator==(const View&) const = default;
};

/// What is on screen at one moment: leaves in painter order (later is on top).
struct Frame {
    std::vector<LeafState> items;
    /// Where the camera looks (3-D scenes: items are already projected onto its plane).
    View view;
    /// Names the stretch of the timeline this frame belongs to (one segment, or the final
    /// state): every frame with the same non-zero key has the same items[0, static_prefix),
    /// and as many items. 0: no such promise (a hand-made frame). The renderer's LayerCache
    /// keeps the drawn static prefix under this key.
    std::uint64_t layer_key = 0;
    /// Number of leading items that do not change while layer_key stays the same.
    std::size_t static_prefix = 0;
    /// The scene's background colour at this moment (Manim's camera.background_color).
    Color background = BLACK;
};

} // namespace reel
