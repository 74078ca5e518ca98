// reel export [SCENE] -o FILE.mp4|.webm|.gif|.png [-q l|m|h|p|k] [--resolution WxH] [--fps N]
//   [--crf N] [--preset P] [--from T --to T | --section NAME | --sections] [--at T] [--quiet]
#include <cctype>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <thread>
#include <unistd.h>

#include <fmt/format.h>

#include "base/clock.h"
#include "command.h"
#include "export/export.h"
#include "files/atomic_file.h"
#include "present/handout.h"
#include "present/holds.h"
#include "present/html.h"
#include "quality.h"
#include "render/render.h"
#include "reel/text.h"
#include "text/fonts.h"

namespace reel::cli {

namespace {

struct ExportArgs {
    std::string scene;
    std::string output;
    std::string quality;
    std::string resolution;
    std::string fps;
    int crf = 18;
    std::string preset = "medium";
    std::string x264_params;
    std::string from;
    std::string to;
    std::string section;
    bool sections = false;
    std::string at;
    int workers = 0;
    std::string converter = "builtin";
    bool quiet = false;
    bool manim_rounding = false;
    bool cfr = false;
    std::string part;
    std::string chapters;
    std::string audio = "auto";
    std::optional<double> loudness;
    std::string subtitles;
    bool no_subtitle_track = false;
};

// "K/N" with 0 <= K < N: plain decimal integers, nothing else.
void parse_part(const std::string& text, int& part, int& parts) {
    auto bad = [&] {
        return UsageError(fmt::format("--part '{}' must be K/N with whole numbers 0 <= K < N (e.g. 0/4)", text));
    };
    auto slash = text.find('/');
    if (slash == std::string::npos || slash == 0 || slash + 1 == text.size()) throw bad();
    auto number = [&](const std::string& s) {
        if (s.empty() || !std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); }))
            throw bad();
        if (s.size() > 6)
            throw UsageError(fmt::format("--part '{}': a split has at most 999999 parts (and no more parts than "
                                         "frames)",
                                         text));
        return std::stoi(s);
    };
    part = number(text.substr(0, slash));
    parts = number(text.substr(slash + 1));
    if (parts < 1 || part >= parts) throw bad();
}


// A bar redrawn in place on a terminal; a plain line every few seconds otherwise.
class ProgressPrinter {
public:
    explicit ProgressPrinter(bool quiet) : quiet_(quiet), tty_(isatty(STDERR_FILENO) == 1) {}

    void update(const ExportProgress& p) {
        if (quiet_) return;
        const bool last = p.frames_done == p.frames_total;
        const double every = tty_ ? 0.1 : 5.0;
        if (!last && p.elapsed_seconds - printed_at_ < every) return;
        printed_at_ = p.elapsed_seconds;
        double fps = p.elapsed_seconds > 0 ? static_cast<double>(p.frames_done) / p.elapsed_seconds : 0;
        double fraction = p.frames_total ? static_cast<double>(p.frames_done) / static_cast<double>(p.frames_total) : 1;
        double eta = fps > 0 ? static_cast<double>(p.frames_total - p.frames_done) / fps : 0;
        if (tty_) {
            constexpr int kWidth = 30;
            int filled = static_cast<int>(fraction * kWidth);
            std::fprintf(stderr, "\r%3d%% [%s%s] %ld/%ld frames  %.1f fps  ETA %s\x1b[K",
                         static_cast<int>(fraction * 100), std::string(static_cast<std::size_t>(filled), '#').c_str(),
                         std::string(static_cast<std::size_t>(kWidth - filled), '.').c_str(), p.frames_done,
                         p.frames_total, fps, format_clock_seconds(eta).c_str());
            open_line_ = true;
        } else {
            std::fprintf(stderr, "reel export: %ld/%ld frames (%d%%), %.1f fps, ETA %s\n", p.frames_done,
                         p.frames_total, static_cast<int>(fraction * 100), fps, format_clock_seconds(eta).c_str());
        }
        std::fflush(stderr);
    }

    // Ends the bar's line so that what follows starts on a fresh one.
    void close() {
        if (open_line_) std::fputc('\n', stderr);
        open_line_ = false;
    }

    bool quiet() const { return quiet_; }

private:
    bool quiet_;
    bool tty_;
    bool open_line_ = false;
    double printed_at_ = -1e9;
};

// What the export does with the scene's sounds that a user would not guess: a GIF drops them, a
// sound running past the scene's end is cut there. Printed once, before any work.
void sound_notes(const Timeline& tl, const ExportOptions& o, bool gif, bool quiet) {
    if (quiet || tl.sounds().empty() || !o.audio) return;
    const std::size_t n = tl.sounds().size();
    if (gif) {
        note(fmt::format("reel export: note: a GIF has no sound: the scene's {} sound{} {} left out (export .mp4 "
                         "or .webm to keep {})\n",
                         n, n == 1 ? "" : "s", n == 1 ? "is" : "are", n == 1 ? "it" : "them"));
        return;
    }
    for (const Sound& s : tl.sounds())
        if (s.frames < s.source_frames - s.trim)
            note(fmt::format("reel export: note: sound '{}' runs {:.3f} s past the end of the scene ({:.3f} s) and "
                             "is cut there\n",
                             s.source, static_cast<double>(s.source_frames - s.trim - s.frames) / kSampleRate,
                             tl.duration()));
}

int run_png(const ExportArgs& a, int width, int height) {
    if (a.at.empty()) throw UsageError(fmt::format("a .png export is one frame: give --at T (output '{}')", a.output));
    if (a.sections || !a.section.empty() || !a.from.empty() || !a.to.empty())
        throw UsageError("--from, --to, --section and --sections do not apply to a .png export");
    double t = parse_time(a.at, "--at");
    StopSignals signals;
    const SceneInfo& scene = scene_or_default(a.scene);
    Timeline tl = load_timeline(scene, {.manim_glyph_rounding = a.manim_rounding});
    t = within_duration(t, a.at, "--at", scene.name, tl.duration());
    const bool existed = std::filesystem::exists(a.output);
    auto stopped = [&] {
        return stopped_error(existed ? fmt::format("'{}' left as it was", a.output) : "nothing written");
    };
    if (stop_requested()) throw stopped();
    Image img = render_frame(tl.state_at(t), width, height);
    std::string err;
    if (!write_png(img, a.output, &err, &stop_flag())) {
        if (stop_requested()) throw stopped();
        throw UsageError(err);
    }
    fmt::print("{}\n", a.output);
    return 0;
}

int run_pdf(const ExportArgs& a) {
    if (a.sections || !a.section.empty() || !a.from.empty() || !a.to.empty() || !a.at.empty() || !a.part.empty())
        throw UsageError("a .pdf export has one page per slide of the whole scene: --from, --to, --at, "
                         "--section, --sections and --part do not apply");
    std::string font_error;
    if (!init_fonts(&font_error)) throw UsageError("fonts: " + font_error);
    const SceneInfo& scene = scene_or_default(a.scene);
    Timeline tl = load_timeline(scene, {.manim_glyph_rounding = a.manim_rounding});
    ExportResult r;
    try {
        r = export_pdf(tl, a.output, fmt::format("{} — {}", scene.name, scene.description));
    } catch (const ExportError& e) {
        throw UsageError(e.what());
    }
    fmt::print("{}\n", r.path);
    if (!a.quiet)
        note(fmt::format("reel export: wrote {} ({} pages, one per slide) in {:.1f} s\n", r.path, r.frames,
                         r.wall_seconds));
    return 0;
}

int run_html(const ExportArgs& a, ExportOptions o) {
    StopSignals signals;
    const SceneInfo& scene = scene_or_default(a.scene);
    Timeline tl = load_timeline(scene, {.manim_glyph_rounding = a.manim_rounding});
    o.format = VideoFormat::Mp4;
    ProgressPrinter printer(a.quiet);
    o.progress = [&printer](const ExportProgress& p) { printer.update(p); };
    const bool existed = std::filesystem::exists(a.output);
    try {
        ExportResult r = export_html(tl, {o, fmt::format("{} — {}", scene.name, scene.description)});
        printer.close();
        fmt::print("{}\n", r.path);
        if (!a.chapters.empty()) fmt::print("{}\n", a.chapters);
        if (!a.quiet)
            note(fmt::format("reel export: wrote {} ({} slides, {} frames of H.264 at {:g} fps, {}x{}, embedded) in "
                             "{:.1f} s\n",
                             r.path, place_holds(tl).size(), r.frames, static_cast<double>(o.fps) / o.fps_den, o.width,
                             o.height, r.wall_seconds));
    } catch (const ExportCancelled&) {
        printer.close();
        throw stopped_error(existed ? fmt::format("'{}' left as it was", a.output) : "nothing written");
    } catch (const ExportError& e) {
        printer.close();
        throw UsageError(e.what());
    } catch (const FileError& e) {
        printer.close();
        throw UsageError(e.what());
    }
    return 0;
}

int run_export(const ExportArgs& a) {
    namespace fs = std::filesystem;
    std::string ext = fs::path(a.output).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const bool png = ext == ".png";
    const bool pdf = ext == ".pdf";
    const bool html = ext == ".html" || ext == ".htm";
    std::optional<VideoFormat> format = format_for_path(a.output);
    if (!png && !pdf && !html && !format)
        throw UsageError(fmt::format("cannot tell the format of '{}' from its extension{} (use .mp4, .webm, .gif, "
                                     ".png, .pdf or .html)",
                                     a.output, ext.empty() ? "" : " '" + ext + "'"));
    if (!a.chapters.empty()) {
        std::string cext = fs::path(a.chapters).extension().string();
        std::transform(cext.begin(), cext.end(), cext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (cext != ".vtt") throw UsageError(fmt::format("--chapters '{}' must be a .vtt file (WebVTT)", a.chapters));
        if (png || pdf || format == VideoFormat::Gif || a.sections || !a.part.empty())
            throw UsageError("--chapters goes with an .mp4, .webm or .html export of the whole scene or a range "
                             "(not --sections or --part)");
        if (fs::absolute(a.chapters).lexically_normal() == fs::absolute(a.output).lexically_normal())
            throw UsageError("--chapters must name a file other than the output");
    }
    if (pdf) return run_pdf(a);

    // GIFs are for READMEs: small and at most 50 fps unless asked otherwise.
    const bool gif = format == VideoFormat::Gif;
    std::string quality = a.quality.empty() ? (gif && a.resolution.empty() ? "l" : "h") : a.quality;
    int width = 0, height = 0;
    resolve_size(quality, a.resolution, width, height);
    const Quality* q = find_quality(quality[0]); // valid: resolve_size checked it
    // Pango and the encoders start threads of their own and abort when they cannot: make sure
    // the workers plus a few spare can start before anything else runs.
    const int workers = a.workers > 0 ? a.workers
                                      : static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 8u));
    check_threads_available(workers + 4);
    if (png) return run_png(a, width, height);
    if (!a.at.empty()) throw UsageError("--at is for a single .png frame; use --from and --to for a range");

    ExportOptions o;
    o.output = a.output;
    o.format = format;
    o.width = width;
    o.height = height;
    FrameRate rate{gif ? std::min(q->fps, 25) : q->fps, 1};
    if (!a.fps.empty()) rate = parse_frame_rate(a.fps, "--fps");
    o.fps = rate.num;
    o.fps_den = rate.den;
    o.crf = a.crf;
    if (format == VideoFormat::Mp4 && a.crf == 0 && !a.quiet)
        note("reel export: note: --crf 0 is lossless H.264 (High 4:4:4 Predictive profile): browsers and many "
             "players cannot play it; use 1 or more for a file to share\n");
    o.preset = a.preset;
    o.x264_params = a.x264_params;
    o.workers = a.workers;
    o.constant_frame_rate = a.cfr;
    if (!a.part.empty()) {
        if (a.sections) throw UsageError("--part and --sections do not go together");
        if (gif) throw UsageError("a GIF cannot be split into parts (use .mp4 or .webm)");
        parse_part(a.part, o.part, o.parts);
    }
    if (a.converter == "builtin") o.conversion = YuvConversion::Builtin;
    else if (a.converter == "swscale") o.conversion = YuvConversion::Swscale;
    else throw UsageError(fmt::format("unknown converter '{}' (use builtin or swscale)", a.converter));
    o.cancel = &stop_flag();
    o.chapters_vtt = a.chapters;
    if (a.audio == "none") o.audio = false;
    else if (a.audio != "auto") throw UsageError(fmt::format("--audio '{}': use auto (the scene's sounds, when it has any) or none", a.audio));
    o.subtitles = a.subtitles;
    o.subtitle_track = !a.no_subtitle_track;
    if (!a.subtitles.empty() && !a.subtitles.ends_with(".srt") && !a.subtitles.ends_with(".vtt"))
        throw UsageError(fmt::format("--subtitles '{}': the file must end in .srt (SubRip) or .vtt (WebVTT)", a.subtitles));
    if (!a.subtitles.empty() && (a.sections || gif || html))
        throw UsageError("--subtitles goes with one .mp4 or .webm export (not --sections, a GIF or an .html deck)");
    o.loudness = a.loudness;
    if (o.loudness && !o.audio) throw UsageError("--loudness sets the level of the sound: it does not go with --audio none");
    if (o.loudness && !(*o.loudness >= -70 && *o.loudness <= -5))
        throw UsageError(fmt::format("--loudness {:g} is out of range (-70 to -5 LUFS; -16 is usual for the web, -23 "
                                     "for broadcast)", *o.loudness));
    if (html) {
        if (a.sections || !a.section.empty() || !a.from.empty() || !a.to.empty() || !a.part.empty())
            throw UsageError("an .html export is the whole scene: --from, --to, --section, --sections and --part "
                             "do not apply");
        return run_html(a, o);
    }
    std::optional<double> from, to;
    if (!a.from.empty()) from = parse_time(a.from, "--from");
    if (!a.to.empty()) to = parse_time(a.to, "--to");
    if (from && to && !(*from < *to))
        throw UsageError(fmt::format("--from {} must come before --to {}", a.from, a.to));

    StopSignals signals;
    const SceneInfo& scene = scene_or_default(a.scene);
    Timeline tl = load_timeline(scene, {.manim_glyph_rounding = a.manim_rounding});
    o.scene = scene.name;
    // Said as it is, not as "--from 0.000 must come before --to 0.000" (flags nobody gave).
    if (!(tl.duration() > 0))
        throw UsageError(fmt::format("scene '{}' is empty (it plays and waits nothing): there is nothing to export",
                                     scene.name));
    // The duration `reel scenes` prints is a valid end.
    if (from) from = within_duration(*from, a.from, "--from", scene.name, tl.duration());
    if (to) to = within_duration(*to, a.to, "--to", scene.name, tl.duration());
    if (!a.section.empty()) {
        const Section& sec = tl.sections()[find_section(tl, a.section, "--section", scene.name)];
        from = sec.start;
        to = sec.start + sec.duration;
    }
    o.from = from.value_or(0.0);
    o.to = to;
    sound_notes(tl, o, gif, a.quiet);
    if (!a.subtitles.empty() && tl.voiceovers().empty())
        throw UsageError(fmt::format("--subtitles: scene '{}' has no voice-over lines to subtitle", scene.name));

    ProgressPrinter printer(a.quiet);
    o.progress = [&printer](const ExportProgress& p) { printer.update(p); };
    const bool existed = fs::exists(a.output);
    try {
        if (a.sections) {
            std::vector<ExportResult> results = export_sections(tl, o);
            printer.close();
            double wall = 0;
            long frames = 0;
            for (const auto& r : results) {
                fmt::print("{}\n", r.path);
                wall += r.wall_seconds;
                frames += r.frames;
            }
            std::string index = sections_index_path(a.output);
            fmt::print("{}\n", index);
            if (!a.quiet)
                note(fmt::format("reel export: wrote {} sections ({} frames) and {} in {:.1f} s ({:.1f} fps)\n",
                                 results.size(), frames, index, wall,
                                 wall > 0 ? static_cast<double>(frames) / wall : 0.0));
        } else {
            ExportResult r = export_video(tl, o);
            printer.close();
            fmt::print("{}\n", r.path);
            if (!a.chapters.empty()) fmt::print("{}\n", a.chapters);
            if (!a.subtitles.empty()) fmt::print("{}\n", a.subtitles);
            if (!a.quiet)
                note(fmt::format("reel export: wrote {} ({} frames, {:.3f} s at {} fps, {}x{}; {} repeated the "
                                 "previous picture; {} pictures encoded) in {:.1f} s ({:.1f} fps)\n",
                                 r.path, r.frames, r.duration, rate.text(), o.width, o.height, r.repeated_frames,
                                 r.pictures, r.wall_seconds,
                                 r.wall_seconds > 0 ? static_cast<double>(r.frames) / r.wall_seconds : 0.0));
            if (!a.quiet && r.audio) {
                std::string level;
                if (o.loudness) level += fmt::format(", {:+.1f} dB to {:g} LUFS", r.audio_gain_db, *o.loudness);
                if (r.limited_seconds > 0) level += fmt::format(", peaks limited over {:.2f} s", r.limited_seconds);
                note(fmt::format("reel export: sound: {} 48 kHz stereo{}\n",
                                 format == VideoFormat::Mp4 ? "AAC-LC" : "Opus", level));
            }
            if (!a.quiet && r.subtitle_cues > 0)
                note(fmt::format("reel export: subtitles: {} cues from the voice-over as a {} track\n", r.subtitle_cues,
                                 format == VideoFormat::Mp4 ? "mov_text" : "WebVTT"));
        }
    } catch (const ExportCancelled&) {
        printer.close();
        std::string kept = a.sections ? "no file written or changed"
                           : existed  ? fmt::format("'{}' left as it was", a.output)
                                      : "nothing written";
        throw stopped_error(kept);
    } catch (const ExportError& e) {
        printer.close();
        throw UsageError(e.what());
    } catch (const FileError& e) {
        printer.close();
        throw UsageError(e.what());
    }
    return 0;
}

} // namespace

Command add_export_command(CLI::App& root) {
    auto args = std::make_shared<ExportArgs>();
    CLI::App* app = root.add_subcommand(
        "export", "Export a scene to MP4 (H.264, with chapters), WebM (VP9), GIF, one frame to PNG, a PDF handout "
        "(one vector page per slide) or a self-contained HTML presentation; the format follows the extension");
    app->add_option("scene", args->scene, "Scene name (default: the first scene, see 'reel scenes')");
    app->add_option("-o,--output", args->output,
                    "Output file: .mp4, .webm, .gif, .png (with --at), .pdf or .html; written to a temporary file and renamed")
        ->required();
    app->add_option("-q,--quality", args->quality,
                              "Manim quality: l 854x480@15, m 1280x720@30, h 1920x1080@60 (default; GIF: l), "
                              "p 2560x1440@60, k 3840x2160@60");
    app->add_option("--resolution", args->resolution, "WIDTHxHEIGHT (overrides the quality's size)");
    app->add_option("--fps", args->fps,
                    "Frames per second: a number (30, 23.976) or a ratio (24000/1001); default: the quality's "
                    "(GIF at most 25 unless given)");
    app->add_option("--crf", args->crf, "Constant rate factor: 0-51 for H.264, 0-63 for VP9 (default 18)");
    app->add_option("--preset", args->preset, "x264 preset, ultrafast ... veryslow (default medium; WebM: speed)");
    app->add_option("--x264-params", args->x264_params,
                    "Extra x264 settings key=value:key=value (e.g. rc-lookahead=10 to use less memory)");
    auto* from = app->add_option("--from", args->from, "Start time: seconds (12.5) or m:ss with ss < 60 (1:02.5); default 0");
    auto* to = app->add_option("--to", args->to, "End time: seconds or m:ss; default the end (the duration 'reel scenes' prints is valid)");
    auto* section = app->add_option("--section", args->section, "Export one section (name or number from 1)");
    auto* sections = app->add_flag("--sections", args->sections,
                                   "One file per section (FILE_NNNN_NAME.ext) plus an index FILE.json");
    app->add_option("--at", args->at, "Time of the single frame of a .png export: seconds (12.5) or m:ss (1:02.5)");
    app->add_option("--chapters", args->chapters, "Also write the sections as WebVTT chapters to this .vtt file");
    app->add_option("--workers", args->workers, "Render threads (default: one per core)");
    app->add_option("--converter", args->converter,
                    "BGRA to YUV path: builtin (default: BT.709, AVX2 where the CPU has it, a quarter of swscale's time) "
                    "or swscale (libswscale)");
    app->add_flag("--cfr", args->cfr,
                  "Constant frame rate: one sample per frame (default: a held picture is one sample for "
                  "the whole hold, MP4 and WebM)");
    app->add_option("--part", args->part,
                    "K/N: only frames [K*n/N, (K+1)*n/N) of the n frames, as a file of its own for 'reel join' "
                    "(run the N parts anywhere, then join them)");
    app->add_option("--audio", args->audio,
                    "auto (default): the scene's sounds as AAC-LC in MP4, Opus in WebM (48 kHz stereo), when it has "
                    "any; none: no audio stream");
    app->add_option("--loudness", args->loudness,
                    "Bring the sound to this integrated loudness in LUFS (EBU R128; e.g. -16 for the web), true peaks "
                    "at or below -1 dBTP");
    app->add_option("--subtitles", args->subtitles,
                    "Also write the voice-over's subtitles to this .srt or .vtt file (2 lines of at most 42 "
                    "characters, timed to the words)");
    app->add_flag("--no-subtitle-track", args->no_subtitle_track,
                  "No subtitle track in the video (by default a scene with voice-over gets one: mov_text in MP4, "
                  "WebVTT in WebM)");
    app->add_flag("--quiet", args->quiet, "No progress output");
    app->add_flag("--manim-glyph-rounding", args->manim_rounding,
                  "Round glyph advances to 0.05 units as Manim 0.17.3 did");
    section->excludes(from)->excludes(to)->excludes(sections);
    sections->excludes(from)->excludes(to);
    return {app, [args]() { return run_export(*args); }};
}

} // namespace reel::cli
