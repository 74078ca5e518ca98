// The seek bar's waveform, drawn from a coverage mask that is made once per track and set of
// levels and reused on every picture while the bar shows.
#pragma once

#include <cairo.h>

#include <span>
#include <vector>

#include "base/c_handle.h"
#include "player/overlay.h"

namespace reel {

/// The waveform's shape over the seek track as an 8-bit coverage mask, kept between pictures.
/// Filling its outline (two points per track column) twice a picture cost the window's thread
/// about 1.4 ms a picture while the bar showed; the mask is redrawn only when the track or the
/// levels change, and each picture only composites it.
class WaveBand {
public:
    /// Draws the waveform of `levels` (0 to 1, one per track column, waveform_level) around the
    /// middle of `layout.track` into `cr`: light blue left of `played_x`, faint white right of it.
    /// `cr` draws in the window's pixels (no transformation).
    void draw(cairo_t* cr, std::span<const float> levels, const OverlayLayout& layout, double played_x);
    /// How many times the mask has been drawn so far.
    long renders() const { return renders_; }

private:
    using SurfacePtr = CHandle<cairo_surface_t, cairo_surface_destroy>;
    // Redraws the mask when the levels or the track differ from those it was made for.
    void update(std::span<const float> levels, const OverlayLayout& layout);

    SurfacePtr mask_;
    int mask_x_ = 0; // where the mask's top-left pixel goes in the window (whole pixels)
    int mask_y_ = 0;
    std::vector<float> levels_;
    PixelRect track_;
    double scale_ = 0;
    long renders_ = 0;
};

/// Half the height of the band around the track where the waveform and the voice-over spans go
/// (at UI scale 1).
inline constexpr double kBandHalf = 9;

} // namespace reel
