// The HTML deck: one self-contained page that plays the scene and stops at the holds (engine
// internals, not installed).
#pragma once

#include <string>

#include "export/export.h"

namespace reel {

/// What an HTML export embeds.
struct HtmlOptions {
    ExportOptions video;   ///< the embedded video (format Mp4 or WebM; output is the .html)
    std::string title;     ///< the page title
};

/// One self-contained HTML file: the video (base64, no external file), the holds, notes and
/// sections as data, and a small player that stops at the holds and takes the presenter's
/// keys (→ Space PgDn click, ← PgUp, number + Enter, Home / End, B / . black, C counter,
/// F full screen). Works offline. Written atomically. Throws ExportError / ExportCancelled.
ExportResult export_html(const Timeline& timeline, const HtmlOptions& options);

} // namespace reel
