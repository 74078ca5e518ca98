// The export pipeline: workers render and convert frames in parallel, the calling thread
// encodes them in order; a ring of slots bounds how far the workers run ahead.
#include "export/export.h"

#include <algorithm>
#include <chrono>
#include <climits>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "convert.h"
#include "encoder.h"
#include "handout.h"
#include "palette.h"
#include "render/render.h"
#include "temp_file.h"

namespace reel {

namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kX264Presets[] = {"ultrafast", "superfast", "veryfast", "faster", "fast",
                                        "medium",    "slow",      "slower",   "veryslow", "placebo"};

std::string lower(std::string s) {
    for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
}

// Same picture: same leaves with the same geometry and style (the renderer is deterministic).
bool same_picture(const Frame& a, const Frame& b) {
    if (a.items.size() != b.items.size()) return false;
    for (std::size_t i = 0; i < a.items.size(); ++i) {
        const LeafState& x = a.items[i];
        const LeafState& y = b.items[i];
        if (!(x.style == y.style)) return false;
        if (x.points == y.points) continue;
        if (!x.points || !y.points || *x.points != *y.points) return false;
    }
    return true;
}

// A range of the timeline at a frame rate.
struct Range {
    Seconds from = 0;
    long frames = 0;
    int fps = 0;     // the frame rate is fps / fps_den
    int fps_den = 1;
    long offset = 0; ///< frame 0 of this range is frame `offset` counted from `from` (parts)
    Seconds time_of(long k) const { return from + static_cast<double>(offset + k) * fps_den / fps; }
};

double rate_of(const ExportOptions& o) { return static_cast<double>(o.fps) / o.fps_den; }

// Frames in `seconds` at the options' rate.
long frames_in(Seconds seconds, const ExportOptions& o) { return std::lround(seconds * rate_of(o)); }

// BGRA -> the encoder's pixel format, one per worker (a SwsContext is not thread-safe).
class Converter {
public:
    Converter(AVPixelFormat format, int width, int height, const Palette* palette, YuvConversion conversion)
        : format_(format), width_(width), height_(height), palette_(palette) {
        if (!palette) yuv_.emplace(width, height, conversion == YuvConversion::Swscale);
    }

    void convert(const Image& image, AVFrame& out) const {
        if (palette_) {
            palette_->map_bgra(image.pixels.data(), width_, height_, image.stride, out.data[0],
                               out.linesize[0]);
            std::memcpy(out.data[1], palette_->entries().data(), AVPALETTE_SIZE);
            return;
        }
        yuv_->convert(image.pixels.data(), image.stride, out);
    }

    // Whether a worker may keep a converted picture and update only what changed.
    bool converts_regions() const { return yuv_ && yuv_->converts_regions(); }

    void convert_region(const Image& image, const LayerCache::Rect& r, AVFrame& out) const {
        yuv_->convert_region(image.pixels.data(), image.stride, r.x0, r.y0, r.x1, r.y1, out);
    }

    AVPixelFormat format() const { return format_; }

private:
    AVPixelFormat format_;
    int width_, height_;
    const Palette* palette_;
    std::optional<YuvConverter> yuv_;
};

// Samples frames across the range into one palette (GIF keeps one palette for every frame).
Palette build_palette(const Timeline& timeline, const Range& range, int width, int height) {
    ColourHistogram histogram;
    Image image(width, height);
    const long samples = std::min<long>(range.frames, 24);
    const int step = std::max(1, std::min(width, height) / 360);
    for (long i = 0; i < samples; ++i) {
        long k = samples == 1 ? 0 : i * (range.frames - 1) / (samples - 1);
        render_frame(timeline.state_at(range.time_of(k)), image.pixels.data(), width, height,
                     image.stride);
        histogram.add_bgra(image.pixels.data(), width, height, image.stride, step);
    }
    return Palette(histogram);
}

struct ProgressState {
    const ExportOptions* options;
    long done = 0;
    long total = 0;
    Clock::time_point start;
};

// Checks the cancel flag; throws ExportCancelled.
void check_cancel(const ExportOptions& o) {
    if (o.cancel && o.cancel->load(std::memory_order_relaxed)) throw ExportCancelled();
}

class Pipeline {
public:
    Pipeline(const Timeline& timeline, const Range& range, int width, int height,
             AVPixelFormat format, const Palette* palette, YuvConversion conversion, int workers,
             int queue, const std::atomic<bool>* cancel)
        : timeline_(timeline), range_(range), width_(width), height_(height), cancel_(cancel) {
        slots_.resize(static_cast<std::size_t>(queue));
        for (auto& s : slots_) s.frame = av::allocate_frame(format, width, height);
        for (int i = 0; i < workers; ++i) converters_.emplace_back(format, width, height, palette, conversion);
        threads_.reserve(static_cast<std::size_t>(workers));
        try {
            for (int i = 0; i < workers; ++i)
                threads_.emplace_back([this, i] { work(converters_[static_cast<std::size_t>(i)]); });
        } catch (const std::system_error& e) {
            // Out of threads (a process limit) or of memory for a stack: stop the ones that
            // started and fail cleanly (a destructor does not run after a throwing constructor).
            stop();
            throw ExportError(fmt::format("cannot start render thread {} of {}: {} (a process or memory "
                                          "limit? try --workers 1)", threads_.size() + 1, workers,
                                          e.code().message()));
        }
    }

    ~Pipeline() { stop(); }

    Pipeline(const Pipeline&) = delete;
    Pipeline& operator=(const Pipeline&) = delete;

    // Waits for frame k (in order). A new picture is swapped into `last`, and the slot takes
    // last's old buffers: the encoder has copied them by now, so the worker that refills the
    // slot writes into memory it already owns instead of allocating (and page-faulting) a
    // fresh frame. A repeated picture leaves `last` as it is. Returns whether frame k repeats
    // the previous picture.
    bool take(long k, av::FramePtr& last) {
        Slot& s = slot(k);
        {
            std::unique_lock lock(mutex_);
            while (!s.ready && !abort_) {
                // A signal handler cannot notify a condition variable: poll the flag.
                to_encoder_.wait_for(lock, std::chrono::milliseconds(50));
                if (cancel_ && cancel_->load(std::memory_order_relaxed)) throw ExportCancelled();
            }
            if (error_) std::rethrow_exception(error_);
            if (abort_) throw ExportCancelled();
        }
        // The slot belongs to the encoder thread until release(k).
        if (s.repeat)
            ++repeated_;
        else
            std::swap(s.frame, last);
        return s.repeat;
    }

    // Frame k has been handed to the encoder: its slot may be reused.
    void release(long k) {
        {
            std::lock_guard lock(mutex_);
            slot(k).ready = false;
            ++next_encode_;
        }
        to_workers_.notify_all();
    }

    // Frames that repeated the previous picture so far.
    long repeated() const { return repeated_; }

private:
    struct Slot {
        av::FramePtr frame;
        bool ready = false;
        bool repeat = false;
    };

    Slot& slot(long k) { return slots_[static_cast<std::size_t>(k) % slots_.size()]; }

    void stop() {
        {
            std::lock_guard lock(mutex_);
            abort_ = true;
        }
        to_workers_.notify_all();
        for (auto& t : threads_)
            if (t.joinable()) t.join();
    }

    void work(const Converter& converter) {
        try {
            Image image(width_, height_);
            // This worker's snapshot of the current segment's static layer; `image` is only ever
            // drawn by it and read by the converter, so a frame restores just what changed.
            LayerCache layers(LayerCache::Target::Kept);
            // With a converter that works block by block, the worker keeps its last picture
            // converted and converts only what the renderer changed, then copies it out (a
            // slot's buffers travel to the encoder and come back holding another picture).
            av::FramePtr kept;
            if (converter.converts_regions()) kept = av::allocate_frame(converter.format(), width_, height_);
            bool kept_valid = false;
            const long queue = static_cast<long>(slots_.size());
            for (;;) {
                long k;
                {
                    std::unique_lock lock(mutex_);
                    to_workers_.wait(lock, [&] {
                        return abort_ || next_claim_ >= range_.frames || next_claim_ < next_encode_ + queue;
                    });
                    if (abort_ || next_claim_ >= range_.frames) return;
                    k = next_claim_++;
                }
                if (cancel_ && cancel_->load(std::memory_order_relaxed)) return;
                Slot& s = slot(k);
                Frame frame = timeline_.state_at(range_.time_of(k));
                // Waits and still parts repeat the previous picture: skip drawing and converting.
                bool repeat = k > 0 && same_picture(frame, timeline_.state_at(range_.time_of(k - 1)));
                if (!repeat) {
                    av::make_frame_writable(*s.frame, converter.format(), width_, height_);
                    const bool update = kept_valid;
                    kept_valid = false; // until converted: a throw leaves `kept` half done
                    layers.render(frame, image.pixels.data(), width_, height_, image.stride);
                    if (kept) {
                        converter.convert_region(image, update ? layers.changed() : LayerCache::Rect{0, 0, width_, height_},
                                                 *kept);
                        kept_valid = true;
                        int ret = av_frame_copy(s.frame.get(), kept.get());
                        if (ret < 0) throw ExportError("cannot copy a frame: " + av::error_text(ret));
                    } else {
                        converter.convert(image, *s.frame);
                    }
                }
                {
                    std::lock_guard lock(mutex_);
                    s.repeat = repeat;
                    s.ready = true;
                }
                to_encoder_.notify_one();
            }
        } catch (...) {
            {
                std::lock_guard lock(mutex_);
                if (!error_) error_ = std::current_exception();
                abort_ = true;
            }
            to_encoder_.notify_all();
            to_workers_.notify_all();
        }
    }

    const Timeline& timeline_;
    Range range_;
    int width_, height_;
    const std::atomic<bool>* cancel_;
    std::vector<Slot> slots_;
    std::vector<Converter> converters_;

    std::mutex mutex_;
    std::condition_variable to_workers_;
    std::condition_variable to_encoder_;
    long next_claim_ = 0;
    long next_encode_ = 0;
    long repeated_ = 0; // encoder thread only
    bool abort_ = false;
    std::exception_ptr error_;

    std::vector<std::thread> threads_; // last: joined (by ~Pipeline) before the rest goes
};

int worker_count(const ExportOptions& o) {
    if (o.workers > 0) return o.workers;
    return static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 8u));
}

// Encodes one range into `file`; updates progress.
ExportResult encode_range(const Timeline& timeline, const ExportOptions& o, VideoFormat format,
                          const Range& range, TempFile& file, ProgressState& progress,
                          const std::optional<PartInfo>& part = std::nullopt) {
    const auto start = Clock::now();
    std::optional<Palette> palette;
    if (format == VideoFormat::Gif) palette.emplace(build_palette(timeline, range, o.width, o.height));
    check_cancel(o);
    const bool builtin = format != VideoFormat::Gif && o.conversion == YuvConversion::Builtin;
    std::string comment;
    if (part) comment = part_comment(*part);
    std::vector<Chapter> chapters;
    // A part holds the chapters of its own span; join_parts stitches them back together.
    if (o.chapters) chapters = chapters_of(timeline, range.time_of(0), range.time_of(range.frames));
    Encoder encoder({format, o.width, o.height, o.fps, o.fps_den, o.crf, o.preset, o.x264_params, builtin, comment,
                     std::move(chapters)},
                    file.path(), file.target());
    const int workers = worker_count(o);
    const int queue = o.queue_frames > 0 ? o.queue_frames : 2 * workers;
    Pipeline pipeline(timeline, range, o.width, o.height, encoder.pixel_format(),
                      palette ? &*palette : nullptr, o.conversion, workers, queue, o.cancel);
    av::FramePtr last(av_frame_alloc());
    // A picture waits here until the next different one (or the end) tells how long it shows.
    av::FramePtr pending(av_frame_alloc());
    if (!last || !pending) throw std::bad_alloc();
    // Variable frame durations: a held picture is one sample for the whole hold (MP4, WebM).
    // GIF and --cfr: every frame is a picture of its own.
    const bool hold = !o.constant_frame_rate && format != VideoFormat::Gif;
    long pending_from = -1;
    long encoded = 0;
    auto send_pending = [&](long until) {
        if (pending_from < 0) return;
        pending->pts = pending_from;
        encoder.write(*pending, until - pending_from);
        av_frame_unref(pending.get());
        ++encoded;
        pending_from = -1;
    };
    for (long k = 0; k < range.frames; ++k) {
        check_cancel(o);
        const bool repeat = pipeline.take(k, last);
        if (!(hold && repeat)) {
            send_pending(k);
            int ret = av_frame_ref(pending.get(), last.get());
            if (ret < 0) throw ExportError("cannot reference a frame: " + av::error_text(ret));
            pending_from = k;
        }
        pipeline.release(k);
        ++progress.done;
        if (o.progress)
            o.progress({progress.done, progress.total,
                        std::chrono::duration<double>(Clock::now() - progress.start).count()});
    }
    // A part that others follow ends where the next begins (join needs no closing sample).
    const bool followed = part && part->part + 1 < part->parts;
    if (hold && !followed && pending_from >= 0 && range.frames - pending_from > 1) {
        // A hold at the very end closes with one more sample of the same picture on the last
        // frame: decoders that time a picture by its sample (ffmpeg's -r, editors) would
        // otherwise end the film one frame after the hold starts.
        av::FramePtr closing(av_frame_alloc());
        if (!closing) throw std::bad_alloc();
        int ret = av_frame_ref(closing.get(), pending.get());
        if (ret < 0) throw ExportError("cannot reference a frame: " + av::error_text(ret));
        send_pending(range.frames - 1);
        closing->pts = range.frames - 1;
        encoder.write(*closing, 1);
        ++encoded;
    } else {
        send_pending(range.frames);
    }
    check_cancel(o);
    encoder.finish(range.frames);
    ExportResult r;
    r.path = file.target();
    r.frames = range.frames;
    r.repeated_frames = pipeline.repeated();
    r.pictures = encoded;
    r.duration = static_cast<double>(range.frames) / rate_of(o);
    r.wall_seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return r;
}

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
    if (o.parts > 1 && format == VideoFormat::Gif)
        throw ExportError("a GIF cannot be split into parts (use .mp4 or .webm)");
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

std::string safe_name(const std::string& s) {
    std::string out;
    for (char ch : s) out += std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_' ? ch : '_';
    return out.empty() ? "section" : out;
}

} // namespace

ExportResult export_video_unchecked(const Timeline& timeline, const ExportOptions& options);
std::vector<ExportResult> export_sections_unchecked(const Timeline& timeline, const ExportOptions& options);

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

namespace {
// File errors (files/atomic_file.h) reach callers as ExportError, like every other failure here.
template <class F> auto rethrowing_file_errors(F&& f) {
    try {
        return f();
    } catch (const FileError& e) {
        throw ExportError(e.what());
    }
}
} // namespace

ExportResult export_video(const Timeline& timeline, const ExportOptions& options) {
    return rethrowing_file_errors([&] { return export_video_unchecked(timeline, options); });
}

std::vector<ExportResult> export_sections(const Timeline& timeline, const ExportOptions& options) {
    return rethrowing_file_errors([&] { return export_sections_unchecked(timeline, options); });
}

ExportResult export_video_unchecked(const Timeline& timeline, const ExportOptions& options) {
    const VideoFormat format = resolve_format(options);
    validate_common(options, format);
    Range range = range_of(timeline, options);
    std::optional<PartInfo> part;
    if (options.parts > 1) {
        const long n = range.frames;
        part = PartInfo{options.part, options.parts, options.part * n / options.parts,
                        (options.part + 1L) * n / options.parts, n, options.fps,
                        std::lround(options.from * 1e6), options.crf, options.preset};
        range.offset = part->first;
        range.frames = part->end - part->first;
    }
    check_cancel(options);
    TempFile file(options.output);
    std::optional<TempFile> vtt;
    if (!options.chapters_vtt.empty()) vtt.emplace(options.chapters_vtt);
    ProgressState progress{&options, 0, range.frames, Clock::now()};
    ExportResult r = encode_range(timeline, options, format, range, file, progress, part);
    if (vtt) vtt->write_all(webvtt_chapters(chapters_of(timeline, range.time_of(0), range.time_of(range.frames))));
    check_cancel(options);
    file.commit();
    if (vtt) vtt->commit();
    return r;
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

ExportResult export_html(const Timeline& timeline, const HtmlOptions& html) {
    ExportOptions o = html.video;
    const VideoFormat format = o.format.value_or(VideoFormat::Mp4);
    if (format == VideoFormat::Gif) throw ExportError("an HTML export embeds MP4 or WebM, not GIF");
    o.format = format;
    validate_common(o, format);
    if (timeline.holds().empty()) throw ExportError("the scene is empty: nothing to present");
    o.from = 0;
    o.to.reset();
    const Range range = range_of(timeline, o);
    check_cancel(o);
    TempFile page(o.output);
    std::optional<TempFile> vtt;
    if (!o.chapters_vtt.empty()) vtt.emplace(o.chapters_vtt);
    // The video goes to a temporary file beside the page (never committed: it is embedded).
    TempFile video(o.output + (format == VideoFormat::Mp4 ? ".mp4" : ".webm"));
    ProgressState progress{&o, 0, range.frames, Clock::now()};
    ExportResult r = encode_range(timeline, o, format, range, video, progress);
    check_cancel(o);
    std::string bytes;
    {
        std::FILE* f = std::fopen(video.path().c_str(), "rb");
        if (!f) throw ExportError(fmt::format("cannot read back the video for '{}'", o.output));
        char buf[1 << 16];
        for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) bytes.append(buf, n);
        const bool bad = std::ferror(f) != 0;
        std::fclose(f);
        if (bad) throw ExportError(fmt::format("cannot read back the video for '{}'", o.output));
    }
    if (bytes.size() > (1u << 30))
        throw ExportError(fmt::format("the video for '{}' is {} MB, too large to embed (use a lower quality)",
                                      o.output, bytes.size() >> 20));
    std::string b64(static_cast<std::size_t>(AV_BASE64_SIZE(bytes.size())), '\0');
    if (!av_base64_encode(b64.data(), static_cast<int>(b64.size()),
                          reinterpret_cast<const std::uint8_t*>(bytes.data()), static_cast<int>(bytes.size())))
        throw ExportError("base64 encoding failed");
    b64.resize(std::strlen(b64.c_str()));
    page.write_all(html_page(timeline, html.title, b64, format == VideoFormat::Mp4 ? "video/mp4" : "video/webm",
                             o.fps, range.frames));
    if (vtt) vtt->write_all(webvtt_chapters(chapters_of(timeline, 0, timeline.duration())));
    check_cancel(o);
    page.commit();
    if (vtt) vtt->commit();
    r.path = o.output;
    return r;
}

std::vector<Chapter> chapters_of(const Timeline& timeline, Seconds from, Seconds to) {
    std::vector<Chapter> out;
    for (const Section& s : timeline.sections()) {
        const Seconds a = std::max(s.start, from), b = std::min(s.start + s.duration, to);
        if (b - a < 1e-3) continue;
        out.push_back({s.name, a - from, b - from});
    }
    return out;
}

std::string webvtt_chapters(const std::vector<Chapter>& chapters) {
    auto stamp = [](Seconds t) {
        const long long ms = std::llround(std::max(t, 0.0) * 1000.0);
        return fmt::format("{:02d}:{:02d}:{:02d}.{:03d}", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60, ms % 1000);
    };
    std::string out = "WEBVTT\n";
    for (std::size_t i = 0; i < chapters.size(); ++i) {
        // A cue's text may not contain "-->" or a blank line; a title is one line.
        std::string title = chapters[i].title;
        for (char& ch : title)
            if (ch == '\n' || ch == '\r') ch = ' ';
        for (std::size_t p; (p = title.find("-->")) != std::string::npos;) title.replace(p, 3, "\u2192");
        out += fmt::format("\n{}\n{} --> {}\n{}\n", i + 1, stamp(chapters[i].start), stamp(chapters[i].end),
                           title.empty() ? fmt::format("Chapter {}", i + 1) : title);
    }
    return out;
}

std::string sections_index_path(const std::string& output) {
    std::filesystem::path p(output);
    return (p.parent_path() / (p.stem().string() + ".json")).string();
}

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
        std::string name = fmt::format("{}_{:04d}_{}{}", out.stem().string(), i, safe_name(s.name),
                                       out.extension().string());
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

} // namespace reel
