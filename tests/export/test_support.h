// Helpers of the export tests: ask ffprobe, frame times, list MP4 boxes, the promo timeline
// (running processes, files and refusals: support/run_reel.h).
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "timeline/timeline.h"
#include "support/run_reel.h"

namespace reel::test {

/// ffprobe's key=value answers for the first video stream and the container (keys of the
/// format section get a "format." prefix); frames are counted by decoding.
inline std::map<std::string, std::string> probe(const std::filesystem::path& file) {
    std::string cmd = "ffprobe -v error -count_frames -select_streams v:0 -show_entries "
                      "stream=codec_name,profile,pix_fmt,width,height,r_frame_rate,nb_read_frames,duration,"
                      "color_space,color_primaries,color_transfer,color_range "
                      "-show_entries format=duration,format_name -of flat '" +
                      file.string() + "' 2>&1";
    std::map<std::string, std::string> m;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return m;
    char line[4096];
    while (std::fgets(line, sizeof line, p)) {
        std::string s(line);
        while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
        auto eq = s.find('=');
        if (eq == std::string::npos) {
            m["error"] += s;
            continue;
        }
        std::string key = s.substr(0, eq), value = s.substr(eq + 1);
        if (value.size() >= 2 && value.front() == '"') value = value.substr(1, value.size() - 2);
        if (key.rfind("streams.stream.0.", 0) == 0) key = key.substr(17);
        else if (key.rfind("format.", 0) == 0) key = "format." + key.substr(7);
        m[key] = value;
    }
    pclose(p);
    return m;
}

/// Presentation times (seconds) of the decoded frames of the first video stream, in display
/// order (ffprobe's best-effort timestamps).
inline std::vector<double> frame_times(const std::filesystem::path& file) {
    std::string cmd = "ffprobe -v error -select_streams v:0 -show_entries frame=best_effort_timestamp_time "
                      "-of csv=p=0 '" + file.string() + "' 2>/dev/null";
    std::vector<double> times;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return times;
    char line[256];
    while (std::fgets(line, sizeof line, p)) {
        std::string s(line);
        while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ',')) s.pop_back();
        if (!s.empty()) times.push_back(std::stod(s));
    }
    pclose(p);
    std::sort(times.begin(), times.end());
    return times;
}

/// Top-level box types of an ISO BMFF (MP4) file, in order.
inline std::vector<std::string> mp4_boxes(const std::filesystem::path& file) {
    std::string bytes = read_file(file);
    std::vector<std::string> types;
    std::size_t pos = 0;
    auto be = [&](std::size_t at, int n) {
        std::uint64_t v = 0;
        for (int i = 0; i < n; ++i) v = v << 8 | static_cast<unsigned char>(bytes[at + static_cast<std::size_t>(i)]);
        return v;
    };
    while (pos + 8 <= bytes.size()) {
        std::uint64_t size = be(pos, 4);
        types.push_back(bytes.substr(pos + 4, 4));
        if (size == 1 && pos + 16 <= bytes.size()) size = be(pos + 8, 8);
        if (size < 8) break;
        pos += size;
    }
    return types;
}

/// The promo as the engine records it (once per test process).
inline const Timeline& promo() {
    static const Timeline tl = [] {
        const SceneInfo* info = find_scene("transformer");
        if (!info) throw std::runtime_error("the promo scene 'transformer' is not registered");
        return record_scene(*info);
    }();
    return tl;
}

} // namespace reel::test
