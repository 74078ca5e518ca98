// libav's log, captured instead of printed: the sound layer (decoding while a scene records)
// and the exporter both route it here, so a decoder's warning does not spray stderr. Only the
// layers that know libav include this.
#pragma once

#include <string>
#include <vector>

namespace reel::av {

/// Routes libav's log into a buffer instead of stderr (REEL_AV_LOG=1 prints it too).
/// Safe to call more than once, from any thread.
void capture_log();
/// The last error-level message libav logged since the last call, then forgets it ("" if none).
std::string take_logged_error();
/// Warning-level messages logged since the last call (at most 32), then forgets them.
std::vector<std::string> take_logged_warnings();

} // namespace reel::av
