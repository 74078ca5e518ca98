// What the export's entry points (export.cpp, sections.cpp) share: a range of frames at a rate,
// progress and cancellation, and encode_range, which runs the pipeline of render workers into
// one file (export internals).
#pragma once

#include <chrono>
#include <cmath>
#include <optional>

#include "export/export.h"
#include "temp_file.h"

namespace reel {

using Clock = std::chrono::steady_clock;

/// A range of the timeline at a frame rate.
struct Range {
    Seconds from = 0;
    long frames = 0;
    int fps = 0;     // the frame rate is fps / fps_den
    int fps_den = 1;
    long offset = 0; ///< frame 0 of this range is frame `offset` counted from `from` (parts)
    Seconds time_of(long k) const { return from + static_cast<double>(offset + k) * fps_den / fps; }
};

/// The options' frame rate in frames per second.
inline double rate_of(const ExportOptions& o) { return static_cast<double>(o.fps) / o.fps_den; }

/// Frames in `seconds` at the options' rate.
inline long frames_in(Seconds seconds, const ExportOptions& o) { return std::lround(seconds * rate_of(o)); }

/// Frames done of all the files an export writes, for ExportOptions::progress.
struct ProgressState {
    const ExportOptions* options;
    long done = 0;
    long total = 0;
    Clock::time_point start;
};

/// Checks the cancel flag; throws ExportCancelled.
void check_cancel(const ExportOptions& o);

/// Renders, converts and encodes `range` into `file` (not committed); counts into `progress`.
ExportResult encode_range(const Timeline& timeline, const ExportOptions& o, VideoFormat format,
                          const Range& range, TempFile& file, ProgressState& progress,
                          const std::optional<PartInfo>& part = std::nullopt);

/// The part of `whole` that options.part of options.parts covers (ExportOptions::parts).
PartInfo part_of(const ExportOptions& options, const Range& whole);

/// Runs `f`; a FileError (files/atomic_file.h) reaches the caller as ExportError, like every other
/// failure of an export.
template <class F> auto rethrowing_file_errors(F&& f) {
    try {
        return f();
    } catch (const FileError& e) {
        throw ExportError(e.what());
    }
}

} // namespace reel
