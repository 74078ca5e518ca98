// Handouts: the PDF pages and the HTML player page (export internals).
#pragma once

#include <string>

#include "export/export.h"

namespace reel {

/// The HTML page around an embedded video: `video_base64` (its bytes), `mime` ("video/mp4").
std::string html_page(const Timeline& timeline, const std::string& title, const std::string& video_base64,
                      const std::string& mime, int fps, long frames);

/// "1:02.5" for a timeline time (tenths, as the player shows it).
std::string handout_clock(Seconds t);

} // namespace reel
