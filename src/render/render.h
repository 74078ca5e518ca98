// Draws a Frame with Cairo at any resolution: the one draw path of window, PNG and video
// (engine internals, not installed).
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "reel/geometry.h"
#include "reel/frame.h"

namespace reel {

/// A premultiplied BGRA (Cairo ARGB32, native endian) pixel buffer.
struct Image {
    int width = 0;
    int height = 0;
    int stride = 0; ///< bytes per row
    std::vector<std::uint8_t> pixels;

    Image() = default;
    Image(int w, int h);
    std::uint8_t* row(int y) { return pixels.data() + static_cast<std::size_t>(y) * stride; }
    const std::uint8_t* row(int y) const {
        return pixels.data() + static_cast<std::size_t>(y) * stride;
    }
};

/// Manim's camera: the frame is kFrameWidth units wide, centred on the origin; the scale is
/// isotropic (pixel_width / 14.2222 px per unit).
struct Camera {
    /// Paints this instead of the frame's own background colour (Frame::background) when set.
    std::optional<Color> background;
    /// Flattening tolerance of curves in device pixels: 0.25 px is invisible at any size and
    /// makes text-heavy frames markedly cheaper to fill; a still picture (reel tex) may want
    /// Cairo's default 0.1 px, which keeps the ink's extremes within a tenth of a pixel.
    double tolerance = 0.25;
    /// Threads that draw a run of 3-D faces side by side, each a band of rows (the same pixels
    /// as one thread): picture_threads() where one picture is drawn at a time (the player);
    /// 1 where pictures are drawn in parallel already (the exporter's workers).
    int threads = 1;
};

/// The threads to draw one picture with when nothing else draws: the machine's cores, at most 8.
int picture_threads();

/// Draws `frame` into a caller-owned ARGB32 buffer of `width` x `height` (stride in bytes).
/// Fills the background first. Thread-safe (no shared state).
void render_frame(const Frame& frame, std::uint8_t* pixels, int width, int height, int stride,
                  const Camera& camera = {});
/// Convenience: renders into a new Image.
Image render_frame(const Frame& frame, int width, int height, const Camera& camera = {});

/// Draws frames like render_frame, pixel for pixel, but keeps the picture of the static
/// bottom of the z-order (the background and Frame::static_prefix, up to where a merged fill
/// could reach into animated items) as a snapshot of the target after drawing it. While the
/// frames share Frame::layer_key, a frame is that snapshot copied back plus the remaining
/// items drawn on top: exactly the operations a full redraw does after that point, on exactly
/// the same pixels. Static items above animated ones are drawn every frame (compositing them
/// from a separate layer would round differently). One cache per thread: not thread-safe.
class LayerCache {
public:
    /// Whether the caller draws every frame into the same buffer and changes nothing in it
    /// between calls (the exporter's workers). Then a frame from the snapshot restores only
    /// the rectangle the previous frame's remaining items could have touched (their path
    /// bounds, widened by the stroke's miter reach and antialiasing), not the whole picture.
    enum class Target { Shared, Kept };

    explicit LayerCache(Target target = Target::Shared) : target_(target) {}

    void render(const Frame& frame, std::uint8_t* pixels, int width, int height, int stride,
                const Camera& camera = {});
    /// Frames drawn from the snapshot / frames that had to (re)draw the static part.
    long hits() const { return hits_; }
    long misses() const { return misses_; }
    /// Frames of a segment met cold (neither the snapshot's nor the previous frame's: a seek)
    /// drawn directly, without making layers: a random seek costs no more than a full redraw.
    long direct() const { return direct_; }
    /// Pixels copied back from the snapshot so far (a whole picture per hit without Kept).
    long long restored_pixels() const { return restored_; }

    /// Device pixels [x0, x1) x [y0, y1).
    struct Rect {
        int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    };
    /// Where the last render may have changed the target: with Target::Kept and the same
    /// buffer as before (same size and background), what the previous and the current frame
    /// drew over the background (over the snapshot when both came from it); otherwise all of
    /// it. Outside it the buffer holds what it held before that call.
    Rect changed() const { return changed_; }
    /// The static layer a frame was drawn on: a segment's snapshot, or for a frame drawn whole
    /// the background alone. Frames drawn on equal layers (by any cache: drawing is
    /// deterministic) show the same pixels outside their over_layer() rectangles.
    struct Layer {
        std::uint64_t key = 0; ///< Frame::layer_key; 0 (and cut 0): the background alone
        std::size_t cut = 0;
        int width = 0, height = 0;
        Color background{};
        double tolerance = 0;
        View view;
        bool operator==(const Layer&) const = default;
    };
    /// The layer under the last frame drawn.
    const Layer& layer() const { return layer_; }
    /// Where the last frame's items above its layer may have drawn (their damage, as
    /// changed() counts it; all of the picture for a frame drawn whole into a Shared target):
    /// outside it the picture is the layer's. Empty when nothing did.
    Rect over_layer() const { return over_; }
    /// Forgets the snapshot (its memory too).
    void clear();

private:
    std::uint64_t key_ = 0;
    int width_ = 0, height_ = 0;
    Color background_{};
    double tolerance_ = 0;
    View view_;
    std::size_t cut_ = 0;
    int stride_ = 0;
    std::vector<std::uint8_t> pixels_;
    long hits_ = 0, misses_ = 0;
    long long restored_ = 0;
    Target target_;
    // Target::Kept: the buffer of the last frame drawn (nullptr: unknown), which holds the
    // snapshot except inside damage_.
    const std::uint8_t* last_target_ = nullptr;
    int last_stride_ = 0;
    Rect damage_;
    Rect changed_;
    long direct_ = 0;
    std::uint64_t previous_key_ = 0; // the segment of the previous frame drawn
    Layer layer_;
    Rect over_;
    // Target::Kept: what the buffer last_target_ holds besides its background last_background_
    // (everything its last frame drew), and whether it is the snapshot outside damage_.
    int last_width_ = 0, last_height_ = 0;
    Color last_background_{};
    Rect total_;
    bool on_snapshot_ = false;
    Rect static_damage_; // Target::Kept: where the snapshot's static items drew over its background

    // Target::Kept: remembers the buffer the frame was drawn into and what it drew there.
    void keep(const std::uint8_t* pixels, int stride, int width, int height, Color background, const Rect& drawn,
              bool on_snapshot);
};

/// Whether a damage rectangle holds no pixel.
inline bool empty(const LayerCache::Rect& r) { return r.x1 <= r.x0 || r.y1 <= r.y0; }

/// The smallest rectangle holding `a` and `b` (an empty one adds nothing).
inline LayerCache::Rect united(const LayerCache::Rect& a, const LayerCache::Rect& b) {
    if (empty(a)) return b;
    if (empty(b)) return a;
    return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

/// Where LayerCache cuts a frame (exposed for tests): the largest n <= frame.static_prefix
/// such that drawing items [0, n) then [n, size) is the same sequence of Cairo operations as
/// drawing all items at once, whatever the animated items hold.
std::size_t layer_cut(const Frame& frame);

/// Writes an image as PNG atomically (files/atomic_file.h: an unnamed temporary file put in place
/// when complete; the replaced file keeps its mode; links and devices are refused). Returns
/// false and fills `error` with a message a user can act on. When `cancel` is set before the
/// file is put in place, nothing is written.
bool write_png(const Image& image, const std::string& path, std::string* error,
               const std::atomic<bool>* cancel = nullptr);

} // namespace reel
