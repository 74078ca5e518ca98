// The player's overlay drawn with Cairo + Pango over a picture in an ARGB32 buffer: seek bar,
// section markers with their names, current / total time, hover thumbnail, keys panel.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "base/clock.h"
#include "render/render.h"
#include "timeline/timeline.h"

namespace reel {

class WaveBand;

/// An axis-aligned rectangle in pixels.
struct PixelRect {
    double x = 0;
    double y = 0;
    double w = 0;
    double h = 0;
    /// True when (px, py) lies inside (left and top edges included, right and bottom excluded).
    bool contains(double px, double py) const {
        return px >= x && px < x + w && py >= y && py < y + h;
    }
};

/// Where the picture and the seek bar go in a window; all in pixels of the drawable.
struct OverlayLayout {
    int width = 0;     ///< window width in pixels
    int height = 0;    ///< window height in pixels
    double scale = 1;  ///< UI scale: 1 on a normal display, 2 on a HiDPI one
    PixelRect picture; ///< the 16:9 picture, letterboxed, centred, whole pixels
    PixelRect panel;   ///< the darkened strip behind bar and labels
    PixelRect track;   ///< the seek track
    PixelRect hit;     ///< where a press seeks: the track, taller, so it is easy to hit

    /// The time under pixel column x, clamped to [0, duration].
    Seconds time_at(double x, Seconds duration) const;
    /// The pixel column of time t on the track (t clamped to [0, duration]).
    double x_of(Seconds t, Seconds duration) const;
};

/// The layout of a `width` x `height` pixel window at UI scale `scale` (>= 1).
OverlayLayout overlay_layout(int width, int height, double scale);

/// The hover thumbnail's size in pixels at UI scale `scale` (16:9).
std::pair<int, int> thumbnail_size(double scale);

/// One line of the keys panel: the keys and what they do.
struct HelpLine {
    std::string keys;
    std::string action;
};

/// What the overlay shows: a plain snapshot filled by the player's controller.
struct OverlayView {
    bool bar = false;                 ///< seek bar, section markers and times
    Seconds time = 0;                 ///< the playhead
    Seconds duration = 0;             ///< the timeline's length
    std::span<const Section> sections; ///< not owned; must outlive draw_overlay
    /// The sound's level under each pixel column of the track, 0 to 1 (waveform_level); not
    /// owned. Empty: no waveform (a timeline without sounds).
    std::span<const float> waveform;
    /// Keeps the waveform's mask from one picture to the next (not owned); null: one is made
    /// for this draw only.
    WaveBand* wave_band = nullptr;
    /// The voice-over lines, drawn on the track as spans with their bookmarks; not owned.
    std::span<const VoiceoverLine> voiceovers;
    bool playing = false;
    double speed = 1;
    bool scrubbing = false;           ///< the playhead is being dragged
    std::optional<Seconds> hover;     ///< time under the mouse on the bar
    const Image* thumbnail = nullptr; ///< the picture at `hover` (not owned); drawn above the bar
    std::vector<HelpLine> help;       ///< the keys panel, drawn when not empty
    std::string error;                ///< drawn over the picture when not empty (live reload)
    std::string corner;               ///< small label in the bottom-right corner ("3 / 14"), if any
    std::string activity;             ///< small label at the top left, below any error ("recording… 3 s")
    std::string banner;               ///< centred on the picture ("End of the presentation"), if any
};

/// Where the error panel of `error` goes (empty when there is no error): the top of the
/// picture, as wide as it, as tall as its lines need.
PixelRect error_panel_rect(const std::string& error, const OverlayLayout& layout);

/// Where the presenter console puts things, in pixels of its window.
struct ConsoleLayout {
    int width = 0;
    int height = 0;
    double scale = 1;
    PixelRect current; ///< what the audience sees (16:9)
    PixelRect next;    ///< the next slide's hold (16:9)
    PixelRect notes;   ///< the current slide's notes
};

/// One display with the presenter console: the audience's window on the left half of `usable`
/// (the display's usable area, window coordinates) and the console on the right, both 16:9,
/// so that neither hides the other.
std::pair<PixelRect, PixelRect> side_by_side(const PixelRect& usable);

/// The warning for `--screen` when the window system put the audience's window on display
/// `actual` instead of `requested` (both 0-based); "" when it is where it was asked to be.
std::string screen_ignored_note(int requested, int actual);

/// The console's layout for a `width` x `height` pixel window at UI scale `scale`.
ConsoleLayout console_layout(int width, int height, double scale);

/// What the presenter console shows besides the two pictures.
struct ConsoleView {
    std::string heading;     ///< "Slide 3 / 20  ·  sdpa"
    std::string state;       ///< "playing", "holding", "looping", "black screen", "go to 12"
    std::string next_label;  ///< "Next: slide 4" or "End of the presentation"
    bool has_next = false;   ///< a next picture was rendered into layout.next
    bool black = false;      ///< the audience sees a black screen
    std::string notes;       ///< the current slide's notes (may be empty)
    std::string elapsed;     ///< "12:03"
    std::string clock;       ///< "22:41:07"
};

/// Draws the console around pictures already rendered into layout.current and layout.next:
/// the background outside them, frames, labels, notes, elapsed time and clock. Same font rules
/// as draw_overlay. Throws std::runtime_error with Cairo's message.
void draw_console(const ConsoleView& view, const ConsoleLayout& layout, std::uint8_t* pixels, int stride);


/// Draws `view` over `pixels` (ARGB32 premultiplied, `layout.width` x `layout.height`,
/// `stride` bytes a row). Text is "DejaVu Sans" from fontconfig's current configuration: call
/// init_fonts() first for the shipped font. Throws std::runtime_error with Cairo's message.
void draw_overlay(const OverlayView& view, const OverlayLayout& layout, std::uint8_t* pixels,
                  int stride);

} // namespace reel
