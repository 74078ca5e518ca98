// A split export (ExportOptions::parts): which frames a part holds, and the comment tag that
// says so in its file (join.cpp reads it back to put the parts together).
#include <cmath>
#include <cstdio>

#include <fmt/format.h>

#include "pipeline.h"

namespace reel {

PartInfo part_of(const ExportOptions& options, const Range& whole) {
    const long n = whole.frames;
    return PartInfo{options.part, options.parts, options.part * n / options.parts,
                    (options.part + 1L) * n / options.parts, n, options.fps,
                    std::lround(options.from * 1e6), options.crf, options.preset};
}

std::string part_comment(const PartInfo& p) {
    return fmt::format("reel part {}/{} frames {}-{} of {} at {} fps from {} us crf {} {}", p.part, p.parts, p.first,
                       p.end, p.total, p.fps, p.from_us, p.crf, p.preset);
}

std::optional<PartInfo> parse_part_comment(const std::string& text) {
    PartInfo p;
    int used = 0;
    char preset[32] = {};
    if (std::sscanf(text.c_str(), "reel part %d/%d frames %ld-%ld of %ld at %d fps from %ld us crf %d %31s%n",
                    &p.part, &p.parts, &p.first, &p.end, &p.total, &p.fps, &p.from_us, &p.crf, preset, &used) != 9 ||
        static_cast<std::size_t>(used) != text.size())
        return std::nullopt;
    p.preset = preset;
    if (p.parts < 1 || p.part < 0 || p.part >= p.parts || p.first < 0 || p.end <= p.first || p.end > p.total ||
        p.fps < 1)
        return std::nullopt;
    return p;
}

} // namespace reel
