// Video export: frames rendered in parallel, encoded in order with libavcodec, written
// atomically (temporary file beside the target, renamed on success). Engine internals, not
// installed.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "timeline/timeline.h"

namespace reel {

/// Container and codec of an export.
enum class VideoFormat {
    Mp4,  ///< H.264 (libx264) High, yuv420p, BT.709, +faststart
    WebM, ///< VP9 (libvpx-vp9), yuv420p, BT.709, constant quality
    Gif,  ///< palette GIF (one global 256-colour palette), loops forever
};

/// The format a file name asks for by its extension (.mp4, .webm, .gif); nullopt if none.
std::optional<VideoFormat> format_for_path(const std::string& path);
/// Lower-case name of a format ("mp4", "webm", "gif").
const char* format_name(VideoFormat format);

/// How workers turn rendered BGRA into YUV 4:2:0 for MP4 and WebM.
enum class YuvConversion {
    Builtin, ///< Reel's own (AVX2 where the CPU has it), chroma the mean of each 2x2 block,
             ///< tagged centre-sited (0.4 ms a 1080p frame with AVX2, 1.8 ms without)
    Swscale, ///< libswscale, one context per worker (1.5 ms a 1080p frame)
};

/// Where an export stands; handed to the progress callback after each encoded frame.
struct ExportProgress {
    long frames_done = 0;      ///< frames handed to the encoder so far (all parts)
    long frames_total = 0;     ///< frames of the whole export (all parts)
    double elapsed_seconds = 0; ///< wall time since the export started
};

/// Called from the encoding thread; must be quick and must not throw.
using ProgressCallback = std::function<void(const ExportProgress&)>;

/// What to export and how. Times are seconds on the timeline.
struct ExportOptions {
    std::string output;                ///< target file; its folder must exist
    std::optional<VideoFormat> format; ///< default: from the output's extension
    int width = 1920;                  ///< pixels; even for MP4 / WebM (yuv420p)
    int height = 1080;                 ///< pixels; even for MP4 / WebM (yuv420p)
    int fps = 60;                      ///< frame rate fps / fps_den: 1 to 240 (GIF: at most 50)
    int fps_den = 1;                   ///< 1001 for the NTSC rates (24000/1001 = 23.976)
    int crf = 18;                      ///< constant rate factor: 0-51 (x264; 0 is lossless, High 4:4:4
                                       ///< Predictive, which browsers may not play), 0-63 (VP9)
    std::string preset = "medium";     ///< x264 preset (ultrafast ... placebo); unused otherwise
    std::string x264_params;           ///< extra x264 settings "key=value:key=value" (MP4 only)
    Seconds from = 0;                  ///< first frame shows state_at(from)
    std::optional<Seconds> to;         ///< end of the range (default: the timeline's end)
    int workers = 0;                   ///< render threads; 0 picks one per core
    int queue_frames = 0;              ///< frames rendered ahead of the encoder; 0 picks 2 per worker
    YuvConversion conversion = YuvConversion::Builtin; ///< BGRA -> YUV path (MP4, WebM)
    /// false (default): MP4 and WebM hold a repeated picture as one sample lasting the whole
    /// hold (variable frame durations; timestamps stay on the 1/fps grid). true: one sample
    /// per frame (constant frame rate, for editors that need it). GIF: always one per frame.
    bool constant_frame_rate = false;
    /// Split export: this run writes part `part` of `parts` (0-based), the frames
    /// [part * n / parts, (part + 1) * n / parts) of the range's n frames, as a file of its own
    /// (starting at 0, a closed GOP) that join_parts() puts back together. MP4 and WebM only.
    int part = 0;
    int parts = 1;
    /// The scene's name, recorded in each part (with the timeline's digest) so that join_parts
    /// refuses parts of another scene or of another version of it.
    std::string scene;
    const std::atomic<bool>* cancel = nullptr; ///< set (e.g. by a signal handler) to stop; not owned
    ProgressCallback progress;         ///< optional
    /// MP4 / WebM: write the timeline's sections in the range as chapters (GIF has none).
    bool chapters = true;
    /// Also write WebVTT chapters to this file (written atomically, after the video).
    std::string chapters_vtt;
    /// MP4 / WebM: write the timeline's sounds as an audio stream (AAC-LC in MP4, Opus in WebM,
    /// 48 kHz stereo) when it has any; false (--audio none): no audio stream. A file of a scene
    /// without sounds has none either way. GIF has no sound.
    bool audio = true;
    /// Bring the sound to this integrated loudness (LUFS, EBU R128; -16 for the web, -23 for
    /// broadcast) with true peaks at or below -1 dBTP. Without it the sounds keep their level and
    /// only the peaks of the mix above -1 dBFS are lowered (so overlapping sounds never clip).
    std::optional<double> loudness;
    /// MP4 / WebM: a soft subtitle track (mov_text in MP4, WebVTT in WebM) from the timeline's
    /// voice-over lines, when it has any (src/export/subtitles.h). Not in the parts of a split
    /// export.
    bool subtitle_track = true;
    /// Also write the voice-over's subtitles for the range to this .srt or .vtt file (written
    /// atomically, after the video).
    std::string subtitles;
};

/// A chapter of an MP4 / WebM export (libavformat chapters), in seconds of the file.
struct Chapter {
    std::string title;
    Seconds start = 0;
    Seconds end = 0;
};

/// The sections of the timeline that overlap [from, to), as chapters of a file starting at
/// `from` (clipped to the range; sections shorter than a millisecond in it are left out).
std::vector<Chapter> chapters_of(const Timeline& timeline, Seconds from, Seconds to);

/// WebVTT chapters ("WEBVTT", one cue per chapter, HH:MM:SS.mmm times, the title as text).
std::string webvtt_chapters(const std::vector<Chapter>& chapters);

/// One written file.
struct ExportResult {
    std::string path;      ///< the final file
    long frames = 0;       ///< number of frames in it
    long repeated_frames = 0; ///< frames that showed the previous picture (not drawn again)
    long pictures = 0;     ///< samples encoded: frames, less the held ones unless constant_frame_rate
    Seconds duration = 0;  ///< frames / frame rate
    double wall_seconds = 0; ///< time spent writing it
    bool audio = false;    ///< it has an audio stream
    double audio_gain_db = 0;     ///< gain applied to the whole mix (--loudness)
    double limited_seconds = 0;   ///< time over which the limiter lowered the sound
    std::size_t subtitle_cues = 0; ///< cues in its subtitle track (0: none)
};

/// A failed export; the message is one line a user can act on. Nothing was left behind.
class ExportError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The export was stopped through ExportOptions::cancel. Nothing was left behind.
class ExportCancelled : public ExportError {
public:
    ExportCancelled() : ExportError("export cancelled") {}
};

/// Checks options against a timeline without writing anything; throws ExportError.
void validate_export(const Timeline& timeline, const ExportOptions& options);

/// Exports [from, to) to options.output: frame k shows state_at(from + k / fps) and the file
/// holds exactly round((to - from) * fps) frames. Throws ExportError / ExportCancelled.
ExportResult export_video(const Timeline& timeline, const ExportOptions& options);

/// One file per section of the timeline plus an index JSON (Manim's --save_sections):
/// "<stem>_<NNNN>_<section><ext>" and "<stem>.json" (array of {name, start, duration, file})
/// beside options.output. All files appear together, only if every part succeeded.
/// options.from / options.to are ignored. Throws ExportError / ExportCancelled.
std::vector<ExportResult> export_sections(const Timeline& timeline, const ExportOptions& options);

/// The index file export_sections writes for `output` ("<stem>.json").
std::string sections_index_path(const std::string& output);

/// What a file written with ExportOptions::parts > 1 says about itself (its "comment" tag:
/// "reel part K/N frames A-B of T at F fps from U us crf C PRESET scene NAME digest HEX", the
/// name %-escaped into one word).
struct PartInfo {
    int part = 0, parts = 0;
    long first = 0, end = 0; ///< frames [first, end) of the whole range
    long total = 0;          ///< frames of the whole range
    int fps = 0;
    long from_us = 0;        ///< start of the whole range on the timeline, microseconds
    int crf = 0;
    std::string preset;
    std::optional<std::string> scene; ///< the scene's name; none in a part of a Reel that did not record it
    std::uint64_t digest = 0; ///< timeline_digest of the timeline the part was exported from
};
/// The comment tag of a part.
std::string part_comment(const PartInfo& p);
/// Parses a part comment; nullopt if `text` is not one.
std::optional<PartInfo> parse_part_comment(const std::string& text);

/// One joined file.
struct JoinResult {
    std::string path;
    int parts = 0;
    long packets = 0;
    long frames = 0;      ///< frames of the whole range
    Seconds duration = 0; ///< frames / fps
};

/// Puts the parts of a split export (any order) back into one file without re-encoding
/// (stream copy), written atomically: the same pictures at the same times as one export of
/// the whole range. Throws ExportError with one clear line when a part is missing, repeated,
/// not a part, or from another export (different size, codec, settings or range).
JoinResult join_parts(const std::vector<std::string>& inputs, const std::string& output);

/// The whole timeline encoded as options.format (MP4 or WebM; default MP4) into `bytes`, for a
/// page that embeds it (the HTML deck): written to a temporary file beside options.output, read
/// back, never put in place. options.from / options.to are ignored. Throws ExportError /
/// ExportCancelled.
ExportResult export_to_memory(const Timeline& timeline, const ExportOptions& options, std::string& bytes);

} // namespace reel
