// The export pipeline: workers render and convert frames in parallel, the calling thread
// encodes them in order; a ring of slots bounds how far the workers run ahead.
#include "pipeline.h"
#include "subtitles.h"

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>

#include <pthread.h>

#include <fmt/format.h>

#include "convert.h"
#include "encoder.h"
#include "palette.h"
#include "pictures.h"
#include "base/signal_stack.h"
#include "render/render.h"

namespace reel {

namespace {

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

using Rect = LayerCache::Rect;

// Whether yuv420p pictures `a` and `b` (width x height) hold the same bytes in the luma
// rectangle `r` widened to whole 2x2 blocks, and in its chroma.
bool equal_in(const AVFrame& a, const AVFrame& b, Rect r) {
    r = {r.x0 & ~1, r.y0 & ~1, (r.x1 + 1) & ~1, (r.y1 + 1) & ~1};
    auto rows_equal = [&](int plane, int x0, int y0, int x1, int y1) {
        const std::size_t n = static_cast<std::size_t>(x1 - x0);
        for (int y = y0; y < y1; ++y)
            if (std::memcmp(a.data[plane] + static_cast<std::ptrdiff_t>(y) * a.linesize[plane] + x0,
                            b.data[plane] + static_cast<std::ptrdiff_t>(y) * b.linesize[plane] + x0, n) != 0)
                return false;
        return true;
    };
    return rows_equal(0, r.x0, r.y0, r.x1, r.y1) && rows_equal(1, r.x0 / 2, r.y0 / 2, r.x1 / 2, r.y1 / 2) &&
           rows_equal(2, r.x0 / 2, r.y0 / 2, r.x1 / 2, r.y1 / 2);
}

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

    // Converts what `stale` covers when the converter works block by block (the rest of
    // `out` already shows `image`), else the whole picture.
    void convert(const Image& image, const LayerCache::Rect& stale, AVFrame& out) const {
        if (yuv_ && yuv_->converts_regions())
            yuv_->convert_region(image.pixels.data(), image.stride, stale.x0, stale.y0, stale.x1, stale.y1, out);
        else
            convert(image, out);
    }

    AVPixelFormat format() const { return format_; }

private:
    AVPixelFormat format_;
    int width_, height_;
    const Palette* palette_;
    std::optional<YuvConverter> yuv_;
};

class Pipeline {
public:
    Pipeline(const Timeline& timeline, const Range& range, int width, int height,
             AVPixelFormat format, const Palette* palette, YuvConversion conversion, int workers,
             int queue, bool hold, const std::atomic<bool>* cancel)
        : timeline_(timeline), range_(range), width_(width), height_(height), cancel_(cancel),
          // The built-in converter works on each 2x2 block alone: pictures drawn equal outside
          // a rectangle are converted equal outside it (swscale filters across blocks).
          compare_(hold && !palette && format == AV_PIX_FMT_YUV420P && conversion == YuvConversion::Builtin) {
        slots_.resize(static_cast<std::size_t>(queue));
        for (auto& s : slots_) {
            s.frame.reset(av_frame_alloc());
            if (!s.frame) throw std::bad_alloc();
        }
        // A worker's pictures out at once: its slots, the encoder's last picture, the one held
        // back for a hold, and the one being written. A worker may hold more than its share of
        // the slots while another draws a costly frame: each gets up to twice its share now (all
        // of the ring with 2 workers, so its pool never grows; untouched pictures are address
        // space only), the rest come if ever needed.
        const int share = (queue + workers - 1) / workers;
        const int pictures = std::min(queue, 2 * share) + 3;
        for (int i = 0; i < workers; ++i) {
            converters_.emplace_back(format, width, height, palette, conversion);
            pictures_.emplace_back(format, width, height, pictures);
        }
        threads_.reserve(static_cast<std::size_t>(workers));
        try {
            for (int i = 0; i < workers; ++i) {
                threads_.emplace_back([this, i] {
                    work(converters_[static_cast<std::size_t>(i)], pictures_[static_cast<std::size_t>(i)]);
                });
                // Named for top -H and perf (the encoder's own threads are "reel-encode"): a
                // profile split by thread tells drawing from encoding.
                pthread_setname_np(threads_.back().native_handle(), "reel-render");
            }
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

    // Waits for frame k (in order). A new picture moves into `last` (a reference to one of
    // its worker's pictures, which the worker writes again once every reference is gone); a
    // repeated picture leaves `last` as it is. Returns whether frame k repeats the previous
    // picture: the same state, or (when holds are kept) a drawn picture whose bytes come out
    // equal to `last`'s (an eased end moving by less than a level).
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
        if (s.repeat) {
            ++repeated_;
            return true;
        }
        if (compare_ && last->data[0] && same_bytes(s, *last)) {
            av_frame_unref(s.frame.get()); // the worker may write that picture again
            ++repeated_;
            return true;
        }
        av_frame_unref(last.get());
        av_frame_move_ref(last.get(), s.frame.get());
        last_layer_ = s.layer;
        last_over_ = s.over;
        return false;
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
        av::FramePtr frame; ///< a reference to a worker's picture (none for a repeat)
        bool ready = false;
        bool repeat = false;
        LayerCache::Layer layer; ///< the layer it was drawn on (LayerCache::layer())
        Rect over;               ///< LayerCache::over_layer()
    };

    // Whether the picture of slot `s` holds the bytes `last` holds. Two frames drawn on the
    // same layer (a segment's snapshot, or the background alone) can differ only where either
    // drew above it; else the whole pictures are compared: the answer is the same whichever
    // worker drew what, so the file does not depend on the threads' timing.
    bool same_bytes(const Slot& s, const AVFrame& last) const {
        Rect r{0, 0, width_, height_};
        if (s.layer == last_layer_) {
            if (empty(s.over) && empty(last_over_)) return true;
            r = united(s.over, last_over_);
        }
        return equal_in(*s.frame, last, r);
    }

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

    void work(const Converter& converter, WorkerPictures& pictures) {
        // Updaters are scene code, run by state_at here: a stack overflow in one is reported
        // like one while recording.
        SignalStack signal_stack;
        try {
            Image image(width_, height_);
            // This worker's snapshot of the current segment's static layer; `image` is only ever
            // drawn by it and read by the converter, so a frame restores just what changed, and
            // a picture is converted again only where the image changed since it was written.
            LayerCache layers(LayerCache::Target::Kept);
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
                    layers.render(frame, image.pixels.data(), width_, height_, image.stride);
                    pictures.drew(layers.changed());
                    s.layer = layers.layer();
                    s.over = layers.over_layer();
                    const WorkerPictures::Lease picture = pictures.acquire();
                    converter.convert(image, picture.stale, *picture.frame);
                    pictures.written();
                    // The slot is this thread's until marked ready.
                    int ret = av_frame_ref(s.frame.get(), picture.frame);
                    if (ret < 0) throw ExportError("cannot reference a frame: " + av::error_text(ret));
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
    const bool compare_; // drawn pictures equal to the previous one are repeats (holds only)
    std::vector<Slot> slots_;
    std::vector<Converter> converters_;
    std::vector<WorkerPictures> pictures_; // one per worker

    std::mutex mutex_;
    std::condition_variable to_workers_;
    std::condition_variable to_encoder_;
    long next_claim_ = 0;
    long next_encode_ = 0;
    long repeated_ = 0; // encoder thread only
    // The encoder thread's last picture: the layer it was drawn on and what its frame drew
    // above it.
    LayerCache::Layer last_layer_;
    Rect last_over_;
    bool abort_ = false;
    std::exception_ptr error_;

    std::vector<std::thread> threads_; // last: joined (by ~Pipeline) before the rest goes
};

int worker_count(const ExportOptions& o) {
    if (o.workers > 0) return o.workers;
    return static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 8u));
}

} // namespace

void check_cancel(const ExportOptions& o) {
    if (o.cancel && o.cancel->load(std::memory_order_relaxed)) throw ExportCancelled();
}

ExportResult encode_range(const Timeline& timeline, const ExportOptions& o, VideoFormat format,
                          const Range& range, TempFile& file, ProgressState& progress,
                          const std::optional<PartInfo>& part) {
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
    // The sound of the whole range (a part computes the same level and limiter as one export)
    // and the samples this file holds: frame f of the range starts at sample_of_frame(f).
    std::optional<AudioSource> audio;
    AudioSpan span;
    if (o.audio && format != VideoFormat::Gif && !timeline.sounds().empty()) {
        const long total = part ? part->total : range.frames;
        try {
            audio.emplace(timeline, std::llround(range.from * kSampleRate), sample_of_frame(total, o.fps, o.fps_den),
                          o.loudness);
        } catch (const std::runtime_error& e) {
            throw ExportError(fmt::format("'{}': {}", file.target(), e.what()));
        }
        span.first = sample_of_frame(range.offset, o.fps, o.fps_den);
        span.end = sample_of_frame(range.offset + range.frames, o.fps, o.fps_den);
        span.last = range.offset + range.frames == total;
        check_cancel(o);
    }
    // The voice-over's subtitles as a track; a part holds the whole export's cues that start in
    // it (join_parts puts them back).
    std::vector<SubtitleCue> cues;
    if (o.subtitle_track && format != VideoFormat::Gif && part)
        cues = part_cues(subtitle_cues(timeline, range.from, range.time_of(part->total - range.offset)), part->first,
                         part->end, part->total, part->fps);
    else if (o.subtitle_track && format != VideoFormat::Gif)
        cues = subtitle_cues(timeline, range.time_of(0), range.time_of(range.frames));
    const std::size_t cue_count = cues.size();
    Encoder encoder({format, o.width, o.height, o.fps, o.fps_den, o.crf, o.preset, o.x264_params, builtin, comment,
                     std::move(chapters), audio ? &*audio : nullptr, span, std::move(cues)},
                    file.path(), file.target());
    const int workers = worker_count(o);
    // Frames the workers may run ahead of the encoder. x264 starts encoding a picture only when
    // it is handed the next one, so each moment the encoding thread waits for a frame leaves its
    // threads without new work: 8 frames ahead (not 2 per worker) let the workers draw through
    // a run of costly frames (a segment's first, drawn whole) while x264 still has pictures. A
    // deeper ring costs conversion and memory: a worker's pictures rotate through more slots,
    // so each is brought up to date over more draws. The promo at 1080p -q h on 2 cores
    // (loaded machine; one run each): the encoding thread waiting for frames 2.07 / 1.15 /
    // 0.81 s wall with 4 / 8 / 16 frames, converted area per draw 22.4 / 24.6 / 27.8 % of a
    // picture (conversion 1.81 / 1.94 / 2.04 s CPU), peak RSS 568 / 588 / 633 MB.
    const int queue = o.queue_frames > 0 ? o.queue_frames : std::max(2 * workers, 8);
    // Variable frame durations: a held picture is one sample for the whole hold (MP4, WebM).
    // GIF and --cfr: every frame is a picture of its own.
    const bool hold = !o.constant_frame_rate && format != VideoFormat::Gif;
    Pipeline pipeline(timeline, range, o.width, o.height, encoder.pixel_format(),
                      palette ? &*palette : nullptr, o.conversion, workers, queue, hold, o.cancel);
    av::FramePtr last(av_frame_alloc());
    // A picture waits here until the next different one (or the end) tells how long it shows.
    av::FramePtr pending(av_frame_alloc());
    if (!last || !pending) throw std::bad_alloc();
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
        encoder.write_audio_until(sample_of_frame(range.offset + k + 1, o.fps, o.fps_den));
        encoder.write_subtitles_until(static_cast<double>(k + 1) / rate_of(o));
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
    r.subtitle_cues = cue_count;
    if (audio) {
        r.audio = true;
        r.audio_gain_db = audio->level().gain_db;
        r.limited_seconds = audio->level().limited_seconds;
    }
    return r;
}

} // namespace reel
