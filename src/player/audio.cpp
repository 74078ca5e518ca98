// The player's sound output (see audio.h).
#include "player/audio.h"

#include <pthread.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <vector>

#include <fmt/format.h>

#include "player/window.h"
#include "sound/mixer.h"

namespace reel {

namespace {

// How far ahead the worker keeps the ring: enough to survive a busy moment of the machine; a
// restart drops all but a fade of it, so its length costs no latency.
constexpr std::int64_t kAheadFrames = kSampleRate / 10;
// One mix call.
constexpr std::int64_t kChunkFrames = 1024;
// The ring holds what is ahead, a chunk more, or a grain: a power of two above all of them.
constexpr std::int64_t kRingFrames = 8192;
static_assert(kAheadFrames + kChunkFrames <= kRingFrames && kGrainFrames + kFadeFrames <= kRingFrames);
// The worker looks again after this long even without a pull (a wake-up it missed).
constexpr auto kPollLimit = std::chrono::milliseconds(10);

double seconds(const timespec& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9; }

} // namespace

std::optional<std::int64_t> heard_sample(std::int64_t start, Seconds restarted, const std::optional<Pull>& pull,
                                         Seconds now) {
    if (pull) {
        // Past what it was given the device plays silence: the sound stands still there.
        const Seconds played = std::clamp(now - pull->wall, 0.0, static_cast<Seconds>(pull->frames) / kSampleRate);
        const std::int64_t at = pull->sample + std::llround(played * kSampleRate);
        if (at >= start) return at;
    }
    // The device has not taken the restart point yet, or plays the fade of what played before:
    // the picture waits at the restart point, unless the device seems stalled.
    if (now - restarted > kSoundWait) return std::nullopt;
    return start;
}

SoundRing::SoundRing(std::int64_t capacity) : data_(static_cast<std::size_t>(2 * capacity), 0.0f), capacity_(capacity) {}

float& SoundRing::at(std::int64_t frame, int channel) {
    return data_[static_cast<std::size_t>(2 * (frame % capacity_) + channel)];
}

template <class F> void SoundRing::spans(std::int64_t first, std::int64_t frames, F copy) {
    for (std::int64_t i = 0; i < frames;) { // at most two spans: the ring wraps once
        const std::int64_t at = (first + i) % capacity_;
        const std::int64_t span = std::min(frames - i, capacity_ - at);
        copy(data_.data() + 2 * at, i, static_cast<std::size_t>(2 * span) * sizeof(float));
        i += span;
    }
}

void SoundRing::fade_down(std::int64_t first, std::int64_t n) {
    for (std::int64_t i = 0; i < n; ++i) {
        const auto g = static_cast<float>(n - i) / static_cast<float>(n + 1);
        at(first + i, 0) *= g;
        at(first + i, 1) *= g;
    }
}

void SoundRing::append(const float* data, std::int64_t frames, bool ends_silent) {
    const std::int64_t first = write_;
    spans(write_, frames,
          [&](float* ring, std::int64_t i, std::size_t bytes) { std::memcpy(ring, data + 2 * i, bytes); });
    write_ += frames;
    if (fade_in_ && !ends_silent) // the sound goes on after the ring ran dry: it rises again
        for (std::int64_t i = 0; i < std::min(frames, kFadeFrames); ++i) {
            const auto g = static_cast<float>(i + 1) / static_cast<float>(kFadeFrames + 1);
            at(first + i, 0) *= g;
            at(first + i, 1) *= g;
        }
    fade_in_ = false;
    tail_silent_ = ends_silent;
}

std::int64_t SoundRing::take(float* out, std::int64_t frames) {
    if (!tail_silent_ && fill() < frames + kFadeFrames) {
        // The feeder fell behind: after this buffer less than a fade would be left, and the
        // next one would stop mid-wave. What there is ends in a fade now (the worker, woken by
        // this pull, usually appends before the fade has played: then it rises again at once).
        const std::int64_t n = std::min(fill(), kFadeFrames);
        fade_down(write_ - n, n);
        tail_silent_ = true;
        fade_in_ = true;
    }
    const std::int64_t n = std::min(frames, fill());
    spans(read_, n,
          [&](const float* ring, std::int64_t i, std::size_t bytes) { std::memcpy(out + 2 * i, ring, bytes); });
    std::fill(out + 2 * n, out + 2 * frames, 0.0f);
    read_ += n;
    return n;
}

std::int64_t SoundRing::fade_out() {
    // The first unread frame follows the buffer the device plays, so the fade continues that
    // sound exactly.
    const std::int64_t n = std::min(fill(), kFadeFrames);
    fade_down(read_, n);
    write_ = read_ + n;
    tail_silent_ = true;
    fade_in_ = false; // what comes next is a new start, with a fade-in of its own
    return n;
}

SoundOutput::SoundOutput(const Timeline& timeline) : ring_(kRingFrames) {
    if (timeline.sounds().empty()) return;
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        note_ = fmt::format("no sound: {}", SDL_GetError());
        return;
    }
    subsystem_ = true;
    mixer_ = std::make_unique<sound::Mixer>(timeline.sounds());
    SDL_AudioSpec want{};
    want.freq = kSampleRate;
    want.format = AUDIO_F32SYS;
    want.channels = 2;
    // 10 ms buffers: the step the clock's pulls move in.
    want.samples = 480;
    want.callback = &SoundOutput::callback;
    want.userdata = this;
    SDL_AudioSpec got{};
    // No allowed changes: SDL converts to the device's format itself.
    device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &got, 0);
    if (device_ == 0) {
        note_ = fmt::format("no sound: {}", SDL_GetError());
        return;
    }
    worker_ = std::thread([this] { work(); });
    if (clockid_t id{}; pthread_getcpuclockid(worker_.native_handle(), &id) == 0) worker_clock_ = id;
    SDL_PauseAudioDevice(device_, 0);
}

SoundOutput::~SoundOutput() {
    if (worker_.joinable()) {
        {
            std::lock_guard lock(mutex_);
            stop_ = true;
        }
        wake_.notify_all();
        worker_.join();
    }
    if (device_ != 0) SDL_CloseAudioDevice(device_); // stops the callback before the ring goes
    if (subsystem_) SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

void SDLCALL SoundOutput::callback(void* self, Uint8* stream, int len) {
    const auto frames = static_cast<std::int64_t>(len) / static_cast<std::int64_t>(2 * sizeof(float));
    static_cast<SoundOutput*>(self)->pull(reinterpret_cast<float*>(stream), frames);
}

void SoundOutput::pull(float* out, std::int64_t frames) {
    {
        std::lock_guard lock(ring_mutex_);
        const std::int64_t n = ring_.take(out, frames);
        // The clock: this buffer starts playing now (the device's own latency is not known).
        if (clocked_) pull_ = Pull{ring_sample_, n, wall_now()};
        ring_sample_ += n;
    }
    // Not under mutex_ (the worker may be mixing): a wake-up it misses costs kPollLimit.
    wake_.notify_one();
    timespec cpu{};
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu) == 0) callback_cpu_.store(seconds(cpu), std::memory_order_relaxed);
}

double SoundOutput::cpu_seconds() const {
    timespec cpu{};
    const double worker = worker_clock_ && clock_gettime(*worker_clock_, &cpu) == 0 ? seconds(cpu) : 0.0;
    return worker + callback_cpu_.load(std::memory_order_relaxed);
}

void SoundOutput::restart(std::int64_t sample, bool audible) {
    if (device_ == 0) return;
    {
        std::lock_guard lock(mutex_); // waits for a chunk being mixed: it belongs to the old place
        std::lock_guard ring(ring_mutex_);
        // The fade's frames stand for those just before `sample`: the clock counts them as
        // such and hears the restart point when they have played.
        ring_sample_ = sample - ring_.fade_out();
        clocked_ = audible;
        start_ = sample;
        restarted_ = wall_now();
        pull_.reset();
        next_ = sample;
        mode_ = audible ? Mode::Play : Mode::Quiet;
    }
    wake_.notify_all();
}

void SoundOutput::scrub(std::int64_t sample) {
    if (device_ == 0) return;
    {
        std::lock_guard lock(mutex_);
        if (mode_ != Mode::Scrub) {
            std::lock_guard ring(ring_mutex_);
            ring_.fade_out();
            clocked_ = false;
            mode_ = Mode::Scrub;
            grain_at_.reset();
        }
        target_ = sample;
    }
    wake_.notify_all();
}

void SoundOutput::set_timeline(const Timeline& timeline) {
    if (device_ == 0) return;
    std::lock_guard lock(mutex_);
    {
        std::lock_guard ring(ring_mutex_);
        ring_.fade_out();
        clocked_ = false;
    }
    mode_ = Mode::Quiet;
    mixer_ = std::make_unique<sound::Mixer>(timeline.sounds());
}

std::optional<Seconds> SoundOutput::heard(Seconds now) const {
    if (device_ == 0) return std::nullopt;
    std::lock_guard lock(ring_mutex_);
    if (!clocked_) return std::nullopt;
    auto at = heard_sample(start_, restarted_, pull_, now);
    if (!at) return std::nullopt;
    return static_cast<Seconds>(*at) / kSampleRate;
}

bool SoundOutput::mix_or_stop(std::int64_t at, std::int64_t frames, float* out) {
    try {
        mixer_->mix(at, frames, out);
        return true;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "reel: sound stops: %s\n", e.what());
        mode_ = Mode::Quiet;
        return false;
    }
}

void SoundOutput::work() {
    std::vector<float> chunk(2 * std::max(kChunkFrames, kGrainFrames));
    auto fill = [this] {
        std::lock_guard ring(ring_mutex_);
        return ring_.fill();
    };
    std::unique_lock lock(mutex_);
    while (!stop_) {
        wakeups_.fetch_add(1, std::memory_order_relaxed);
        if (mode_ == Mode::Quiet) {
            // Paused, muted, another speed: nothing to mix; sleep until restart(), scrub() or
            // the destructor says otherwise.
            wake_.wait(lock, [&] { return stop_ || mode_ != Mode::Quiet; });
            continue;
        }
        if (mode_ == Mode::Scrub) {
            if (grain_at_ == target_) { // the pointer rests: no more grains until it moves
                wake_.wait(lock, [&] { return stop_ || mode_ != Mode::Scrub || grain_at_ != target_; });
                continue;
            }
            if (fill() > kFadeFrames) { // the last grain still sounds: the next follows it
                wake_.wait_for(lock, kPollLimit);
                continue;
            }
            const std::int64_t at = target_;
            if (!mix_or_stop(at, kGrainFrames, chunk.data())) continue;
            for (std::int64_t i = 0; i < kFadeFrames; ++i) { // faded in and out: no click
                const auto g = static_cast<float>(i + 1) / static_cast<float>(kFadeFrames + 1);
                for (std::int64_t k : {2 * i, 2 * i + 1, 2 * (kGrainFrames - 1 - i), 2 * (kGrainFrames - 1 - i) + 1})
                    chunk[static_cast<std::size_t>(k)] *= g;
            }
            {
                std::lock_guard ring(ring_mutex_);
                ring_.append(chunk.data(), kGrainFrames, true);
            }
            grain_at_ = at;
            grains_.fetch_add(1, std::memory_order_relaxed);
            continue;
        }
        if (fill() >= kAheadFrames) { // until the device takes a buffer
            wake_.wait_for(lock, kPollLimit);
            continue;
        }
        // Mixed under mutex_: a restart waits for at most one chunk (~1 ms of decoding), and
        // never sees a chunk of the old place appended after its fade.
        if (!mix_or_stop(next_, kChunkFrames, chunk.data())) continue;
        std::lock_guard ring(ring_mutex_);
        // The first frames after a restart rise from silence.
        for (std::int64_t i = 0; i < kChunkFrames && next_ + i < start_ + kFadeFrames; ++i) {
            const auto g = static_cast<float>(next_ + i - start_ + 1) / static_cast<float>(kFadeFrames + 1);
            chunk[static_cast<std::size_t>(2 * i)] *= g;
            chunk[static_cast<std::size_t>(2 * i + 1)] *= g;
        }
        ring_.append(chunk.data(), kChunkFrames);
        next_ += kChunkFrames;
    }
}

} // namespace reel
