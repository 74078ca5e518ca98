// Chapters of a file (export internals; chapters_of and webvtt_chapters are in export/export.h).
#pragma once

#include <vector>

#include "av.h"
#include "export/export.h"

namespace reel {

/// Attaches chapters (times in seconds) to a muxer before its header is written; libavformat
/// owns them from then on (avformat_free_context frees each chapter and its metadata).
void attach_chapters(AVFormatContext& format, const std::vector<Chapter>& chapters);

} // namespace reel
