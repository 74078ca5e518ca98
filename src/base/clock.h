// Times as people read them: one place for the seek bar, the window title, the handout's
// headings, the presenter console's elapsed time and the exporter's remaining time.
#pragma once

#include <ctime>
#include <string>

namespace reel {

/// "m:ss.d" (tenths, truncated toward zero so a frame never shows a later time than it is;
/// "0:00.0" for a negative or NaN time): a moment of the timeline.
std::string format_clock(double seconds);

/// "m:ss", or "h:mm:ss" from an hour on (whole seconds, truncated; "0:00" for a negative or
/// NaN time): a span of wall time (elapsed, remaining).
std::string format_clock_seconds(double seconds);

/// "HH:MM:SS.mmm": a wall-clock moment (CLOCK_REALTIME) in local time, to the millisecond, for
/// log lines a script compares with its own clock (`reel dev`'s stages, "on screen at").
std::string format_wall_clock(const std::timespec& moment);

/// format_wall_clock of now.
std::string wall_clock_now();

/// CPU time (user + system) of the calling thread so far, in seconds.
double thread_cpu_seconds();

} // namespace reel
