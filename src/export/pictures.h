// One render worker's converted pictures: frames in the encoder's pixel format that the worker
// converts into and hands to the encoder by reference (no copy between them), each brought up
// to date by converting only what the worker's renderer changed since that picture was last
// written (export internals).
#pragma once

#include <array>
#include <vector>

#include "av.h"
#include "render/render.h"

namespace reel {

/// A worker's pool of pictures. A picture is free again once every reference the worker gave
/// away (to a slot, the encoder's last picture, a pending hold) is gone; the pool grows only
/// while the encoder side holds all of them, which stops after the first frames.
class WorkerPictures {
public:
    /// Pictures of `format` at width x height; `count` of them allocated now.
    WorkerPictures(AVPixelFormat format, int width, int height, int count);

    /// The worker drew again into its kept image; `changed` is where the image may differ
    /// from the previous draw (LayerCache::changed(); ignored for the first draw: all of it).
    void drew(const LayerCache::Rect& changed);

    /// A picture to write the latest draw into.
    struct Lease {
        AVFrame* frame = nullptr;
        /// What must be converted again: outside it the picture already shows the latest draw
        /// (all of it for a picture never written, or last written more than kHistory draws ago).
        LayerCache::Rect stale;
    };
    /// The free picture written most recently (the least to convert); a new one when none is
    /// free. The picture counts as unwritten until written().
    Lease acquire();
    /// The picture of the last acquire() now shows the latest draw.
    void written();

    /// Pictures allocated so far.
    std::size_t size() const { return pictures_.size(); }

    /// Draws whose changes are remembered.
    static constexpr long kHistory = 64;

private:
    struct Picture {
        av::FramePtr frame;
        long draw = -1; ///< the draw it shows; -1: none (never written, or being written)
    };

    AVPixelFormat format_;
    int width_, height_;
    std::vector<Picture> pictures_;
    std::array<LayerCache::Rect, kHistory> changes_{}; ///< draw d's change at d % kHistory
    long draws_ = 0;                                    ///< draws so far; the latest is draws_ - 1
    std::size_t leased_ = 0;
};

} // namespace reel
