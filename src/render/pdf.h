// Frames on the pages of a vector PDF (Cairo's PDF surface): the drawing side of the handout
// (engine internals, not installed; src/present decides what goes on which page).
#pragma once

#include <string>
#include <vector>

#include "reel/frame.h"

namespace reel {

/// One page of a PDF handout: a picture and what is printed under it.
struct HandoutPage {
    Frame frame;
    std::string heading;  ///< e.g. "Slide 3 / 20 · sdpa · 0:41.2"
    std::string notes;    ///< presenter notes, printed under the heading
    std::string bookmark; ///< a section starting on this page (PDF outline entry), if any
};

struct HandoutOptions {
    std::string title;      ///< the document title (PDF metadata)
    double width_pt = 960;  ///< picture width in points (16:9)
    /// Text glyphs resting in place (moved, scaled or rotated only) are drawn as real glyphs of
    /// their font, so the text is selectable and searchable; false draws every glyph as a path.
    bool real_text = true;
};

/// A vector PDF (Cairo's PDF surface), one page per entry: the picture with Manim's camera,
/// then a white band with the heading and notes. Returns the file's bytes. Uses fontconfig's
/// current configuration for the band (call init_fonts() first). Throws std::runtime_error.
std::string render_pdf(const std::vector<HandoutPage>& pages, const HandoutOptions& options = {});

} // namespace reel
