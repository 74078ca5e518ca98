// Checks of an export's options against the timeline, before any work (export internals).
#pragma once

#include "pipeline.h"

namespace reel {

/// The format options.format or the output's extension asks for; throws ExportError.
VideoFormat resolve_format(const ExportOptions& o);
/// Checks every option that does not depend on the timeline; throws ExportError.
void validate_common(const ExportOptions& o, VideoFormat format);
/// The frames of [o.from, o.to) at the options' rate; throws ExportError.
Range range_of(const Timeline& timeline, const ExportOptions& o);

} // namespace reel
