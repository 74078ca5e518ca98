// Where a presentation stops (docs/architecture.md, decision 14). The timeline records the
// author's slide marks; the rule that places the holds from them, and for a section without
// marks, lives here, and the player, the presenter console, the PDF handout and the HTML page
// all read the holds from place_holds (engine internals, not installed).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "timeline/timeline.h"

namespace reel {

/// Where a presentation stops: the picture at `time` stays until the presenter moves on.
/// Slide i plays from `start` (the previous hold, 0 for the first) to `time`.
struct Hold {
    Seconds start = 0;
    Seconds time = 0;
    std::string notes;
    bool loop = false;
    bool marked = false;     ///< from next_slide(); false: placed by the fallback rule
    std::size_t section = 0; ///< index into Timeline::sections() of the section it belongs to
};

/// The holds of `timeline`, in time order; never empty for a non-empty timeline. With marks:
/// every mark, plus a fallback hold for a section without marks and for the end of a section
/// whose last mark is followed by new content. Without marks: one hold per section by the
/// fallback rule: the last moment its content is fully shown (before a closing fade-out, never
/// on an empty frame). A pure function of the timeline.
std::vector<Hold> place_holds(const Timeline& timeline);

/// The moment whose picture a hold shows: just before `hold.time` (where state_at still
/// evaluates the animation that ends there), or the end of the timeline.
Seconds hold_picture_time(const Hold& hold, Seconds duration);

/// "Slide 3 / 20  ·  sdpa": the heading of slide `i` in the console and on the handout's page.
std::string slide_heading(const std::vector<Hold>& holds, const Timeline& timeline, std::size_t i);

} // namespace reel
