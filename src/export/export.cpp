// Exporting a range of the timeline as one video file (the pipeline is in pipeline.cpp, the
// option checks in validate.cpp, split parts in parts.cpp, one file per section in sections.cpp).
#include "export/export.h"

#include <cstdio>
#include <optional>

#include <fmt/format.h>

#include "chapters.h"
#include "pipeline.h"
#include "subtitles.h"
#include "validate.h"

namespace reel {

namespace {

ExportResult export_video_unchecked(const Timeline& timeline, const ExportOptions& options) {
    const VideoFormat format = resolve_format(options);
    validate_common(options, format);
    Range range = range_of(timeline, options);
    std::optional<PartInfo> part;
    if (options.parts > 1) {
        part = part_of(options, range);
        part->scene = options.scene;
        part->digest = timeline_digest(timeline);
        range.offset = part->first;
        range.frames = part->end - part->first;
    }
    check_cancel(options);
    TempFile file(options.output);
    std::optional<TempFile> vtt, subtitles;
    if (!options.chapters_vtt.empty()) vtt.emplace(options.chapters_vtt);
    if (!options.subtitles.empty()) subtitles.emplace(options.subtitles);
    ProgressState progress{&options, 0, range.frames, Clock::now()};
    ExportResult r = encode_range(timeline, options, format, range, file, progress, part);
    if (vtt) vtt->write_all(webvtt_chapters(chapters_of(timeline, range.time_of(0), range.time_of(range.frames))));
    if (subtitles) {
        const auto cues = subtitle_cues(timeline, range.time_of(0), range.time_of(range.frames));
        subtitles->write_all(options.subtitles.ends_with(".srt") ? srt_subtitles(cues) : webvtt_subtitles(cues));
    }
    check_cancel(options);
    file.commit();
    if (vtt) vtt->commit();
    if (subtitles) subtitles->commit();
    return r;
}


} // namespace

ExportResult export_video(const Timeline& timeline, const ExportOptions& options) {
    return rethrowing_file_errors([&] { return export_video_unchecked(timeline, options); });
}

ExportResult export_to_memory(const Timeline& timeline, const ExportOptions& options, std::string& bytes) {
    return rethrowing_file_errors([&] {
        ExportOptions o = options;
        const VideoFormat format = o.format.value_or(VideoFormat::Mp4);
        if (format == VideoFormat::Gif) throw ExportError("an embedded video is MP4 or WebM, not GIF");
        o.format = format;
        validate_common(o, format);
        o.from = 0;
        o.to.reset();
        const Range range = range_of(timeline, o);
        check_cancel(o);
        // The video goes to a temporary file of the output's own (never committed: it is read back),
        // so that a message names the file the user asked for, and a name that fits fits here too
        // ("NAME.html.mp4" was named in errors, and was too long for a 252-byte NAME.html).
        TempFile video(o.output);
        ProgressState progress{&o, 0, range.frames, Clock::now()};
        ExportResult r = encode_range(timeline, o, format, range, video, progress);
        check_cancel(o);
        bytes.clear();
        std::FILE* f = std::fopen(video.path().c_str(), "rb");
        if (!f) throw ExportError(fmt::format("cannot read back the video for '{}'", o.output));
        char buf[1 << 16];
        for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) bytes.append(buf, n);
        const bool bad = std::ferror(f) != 0;
        std::fclose(f);
        if (bad) throw ExportError(fmt::format("cannot read back the video for '{}'", o.output));
        return r;
    });
}

} // namespace reel
