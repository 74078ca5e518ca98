// The PDF handout: one vector page per hold (engine internals, not installed).
#pragma once

#include <string>

#include "export/export.h"

namespace reel {

/// A PDF handout: one page per hold (place_holds), vector, Text as real selectable text, each
/// page headed "Slide i / n · section · time" with the slide's notes under the picture.
/// Written atomically. `title` is the document title. Returns pages in `frames`.
/// Throws ExportError.
ExportResult export_pdf(const Timeline& timeline, const std::string& output, const std::string& title);

} // namespace reel
