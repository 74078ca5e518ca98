// One file per section plus an index (Manim's --save_sections), all put in place together.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "pipeline.h"
#include "validate.h"

namespace reel {

namespace {

// The section's name as part of a file name: letters, digits, '-' and '_' (one byte each), at
// most `room` of them (a long name is shortened, not an error: the index keeps it whole).
std::string safe_name(const std::string& s, std::size_t room) {
    std::string out;
    for (char ch : s) out += std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_' ? ch : '_';
    if (out.size() > room) out.resize(room);
    return out.empty() ? "section" : out;
}

// A file name holds at most 255 bytes; a section's part of it at most 100 (readable).
constexpr std::size_t kNameMax = 255, kSectionNameMax = 100;

} // namespace

std::string sections_index_path(const std::string& output) {
    std::filesystem::path p(output);
    return (p.parent_path() / (p.stem().string() + ".json")).string();
}

namespace {

std::vector<ExportResult> export_sections_unchecked(const Timeline& timeline, const ExportOptions& options) {
    const VideoFormat format = resolve_format(options);
    validate_common(options, format);
    namespace fs = std::filesystem;
    const fs::path out(options.output);
    struct Part {
        Section section;
        Range range;
        std::string path;
    };
    std::vector<Part> parts;
    long total = 0;
    for (std::size_t i = 0; i < timeline.sections().size(); ++i) {
        const Section& s = timeline.sections()[i];
        Range r{s.start, frames_in(s.duration, options), options.fps, options.fps_den};
        if (r.frames < 1) continue; // shorter than a frame at this rate: nothing to show
        const std::string prefix = fmt::format("{}_{:04d}_", out.stem().string(), i);
        const std::size_t used = prefix.size() + out.extension().string().size();
        const std::size_t room = std::min(kSectionNameMax, used < kNameMax ? kNameMax - used : 1);
        std::string name = prefix + safe_name(s.name, room) + out.extension().string();
        parts.push_back({s, r, (out.parent_path() / name).string()});
        total += r.frames;
    }
    if (parts.empty()) throw ExportError("the scene has no sections to export (it calls no section())");
    check_cancel(options);

    // Everything goes to temporary files first; the renames happen together at the end.
    std::vector<std::unique_ptr<TempFile>> files;
    std::vector<ExportResult> results;
    ProgressState progress{&options, 0, total, Clock::now()};
    for (const Part& p : parts) {
        files.push_back(std::make_unique<TempFile>(p.path));
        results.push_back(encode_range(timeline, options, format, p.range, *files.back(), progress));
    }
    nlohmann::json index = nlohmann::json::array();
    for (std::size_t i = 0; i < parts.size(); ++i) {
        index.push_back({{"name", parts[i].section.name},
                         {"start", parts[i].section.start},
                         {"duration", results[i].duration},
                         {"frames", results[i].frames},
                         {"file", fs::path(parts[i].path).filename().string()}});
    }
    TempFile index_file(sections_index_path(options.output));
    index_file.write_all(index.dump(2) + "\n");
    check_cancel(options);
    // All or nothing: if one file cannot be replaced, none is.
    std::vector<AtomicFile*> all;
    for (auto& f : files) all.push_back(f.get());
    all.push_back(&index_file);
    AtomicFile::commit_all(all);
    return results;
}

} // namespace

std::vector<ExportResult> export_sections(const Timeline& timeline, const ExportOptions& options) {
    return rethrowing_file_errors([&] { return export_sections_unchecked(timeline, options); });
}

} // namespace reel
