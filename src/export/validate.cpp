// Checks of an export's options, each failure one line a user can act on.
#include "validate.h"

#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>
#include <filesystem>
#include <iterator>

#include <fmt/format.h>

namespace reel {

namespace {

constexpr const char* kX264Presets[] = {"ultrafast", "superfast", "veryfast", "faster", "fast",
                                        "medium",    "slow",      "slower",   "veryslow", "placebo"};

std::string lower(std::string s) {
    for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
}

} // namespace

VideoFormat resolve_format(const ExportOptions& o) {
    if (o.format) return *o.format;
    if (auto f = format_for_path(o.output)) return *f;
    std::string ext = std::filesystem::path(o.output).extension().string();
    throw ExportError(fmt::format("cannot tell the format of '{}' from its extension{} (use .mp4, .webm or .gif)",
                                  o.output, ext.empty() ? "" : " '" + ext + "'"));
}

void validate_common(const ExportOptions& o, VideoFormat format) {
    if (o.output.empty()) throw ExportError("no output file given");
    if (o.width < 16 || o.height < 16 || o.width > 16384 || o.height > 16384)
        throw ExportError(fmt::format("size {}x{} is out of range (16 to 16384 pixels a side)", o.width,
                                      o.height));
    if (format != VideoFormat::Gif && (o.width % 2 || o.height % 2))
        throw ExportError(fmt::format("size {}x{} must be even for {} (yuv420p halves the colour planes)",
                                      o.width, o.height, format_name(format)));
    if (o.fps_den < 1 || o.fps < 1 || rate_of(o) < 1 || rate_of(o) > 240)
        throw ExportError(fmt::format("fps {:g} is out of range (1 to 240)", o.fps_den > 0 ? rate_of(o) : 0.0));
    if (format == VideoFormat::Gif && rate_of(o) > 50)
        throw ExportError(fmt::format("fps {:g} is too high for a GIF: delays are whole hundredths and "
                                      "browsers slow down shorter ones (use 50 or less)", rate_of(o)));
    // libavcodec's limit on a picture (av_image_check_size): checked here, before any work.
    if (static_cast<long long>(o.width + 128) * (o.height + 128) >= INT_MAX / 8)
        throw ExportError(fmt::format("size {}x{} is too large for a video frame (FFmpeg takes (width+128) x "
                                      "(height+128) under 268 million pixels, e.g. 15360x8640); a single "
                                      ".png frame can be larger", o.width, o.height));
    if (format == VideoFormat::Mp4 && (o.crf < 0 || o.crf > 51))
        throw ExportError(fmt::format("crf {} is out of range for H.264 (0 to 51; 18 is visually lossless)", o.crf));
    if (format == VideoFormat::WebM && (o.crf < 0 || o.crf > 63))
        throw ExportError(fmt::format("crf {} is out of range for VP9 (0 to 63)", o.crf));
    if (std::find(std::begin(kX264Presets), std::end(kX264Presets), o.preset) == std::end(kX264Presets))
        throw ExportError(fmt::format("unknown preset '{}' (ultrafast, superfast, veryfast, faster, fast, "
                                      "medium, slow, slower, veryslow, placebo)", o.preset));
    if (!o.x264_params.empty() && format != VideoFormat::Mp4)
        throw ExportError(fmt::format("x264 parameters apply to .mp4 only (output is .{})", format_name(format)));
    if (o.workers < 0 || o.workers > 64) throw ExportError(fmt::format("workers {} is out of range (0 to 64)", o.workers));
    if (o.queue_frames < 0 || o.queue_frames > 1024)
        throw ExportError(fmt::format("queue {} is out of range (0 to 1024)", o.queue_frames));
    if (o.parts < 1 || o.parts > 100000 || o.part < 0 || o.part >= o.parts)
        throw ExportError(fmt::format("part {}/{} does not exist (K/N needs 0 <= K < N)", o.part, o.parts));
    if (o.loudness && !(*o.loudness >= -70 && *o.loudness <= -5))
        throw ExportError(fmt::format("loudness {:g} LUFS is out of range (-70 to -5; -16 is usual for the web, -23 "
                                      "for broadcast)", *o.loudness));
    if (o.loudness && !o.audio) throw ExportError("a loudness for the sound goes with an export that has sound");
    if (o.parts > 1 && format == VideoFormat::Gif)
        throw ExportError("a GIF cannot be split into parts (use .mp4 or .webm)");
    if (!o.subtitles.empty() && !o.subtitles.ends_with(".srt") && !o.subtitles.ends_with(".vtt"))
        throw ExportError(fmt::format("subtitles '{}': the file must end in .srt (SubRip) or .vtt (WebVTT)", o.subtitles));
}

Range range_of(const Timeline& timeline, const ExportOptions& o) {
    const double eps = 1e-9;
    Seconds to = o.to.value_or(timeline.duration());
    if (!(o.from >= 0) || !std::isfinite(o.from))
        throw ExportError(fmt::format("--from {:g} must be a time of at least 0", o.from));
    if (!std::isfinite(to) || to > timeline.duration() + eps)
        throw ExportError(fmt::format("--to {:.3f} is past the end ({:.3f} s)", to, timeline.duration()));
    if (!(o.from < to))
        throw ExportError(fmt::format("--from {:.3f} must come before --to {:.3f}", o.from, to));
    Range r{o.from, frames_in(to - o.from, o), o.fps, o.fps_den};
    if (r.frames < 1)
        throw ExportError(fmt::format("{:.3f} s to {:.3f} s is shorter than one frame at {:g} fps", o.from, to,
                                      rate_of(o)));
    if (o.parts > r.frames)
        throw ExportError(fmt::format("{} parts is more than the {} frames of the range", o.parts, r.frames));
    return r;
}

std::optional<VideoFormat> format_for_path(const std::string& path) {
    std::string ext = lower(std::filesystem::path(path).extension().string());
    if (ext == ".mp4") return VideoFormat::Mp4;
    if (ext == ".webm") return VideoFormat::WebM;
    if (ext == ".gif") return VideoFormat::Gif;
    return std::nullopt;
}

const char* format_name(VideoFormat format) {
    switch (format) {
    case VideoFormat::Mp4: return "mp4";
    case VideoFormat::WebM: return "webm";
    case VideoFormat::Gif: return "gif";
    }
    return "?";
}

void validate_export(const Timeline& timeline, const ExportOptions& options) {
    validate_common(options, resolve_format(options));
    range_of(timeline, options);
}

} // namespace reel
