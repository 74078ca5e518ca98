// The player's sound output (see audio.h).
#include "player/audio.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include <fmt/format.h>

#include "player/window.h"
#include "sound/mixer.h"

namespace reel {

namespace {

// How far ahead the worker keeps the queue: enough to survive a busy frame, small enough that
// a restart (which clears the queue anyway) costs nothing.
constexpr std::int64_t kAheadFrames = kSampleRate / 10;
// One mix call.
constexpr std::int64_t kChunkFrames = 1024;
constexpr std::int64_t kBytesPerFrame = 2 * static_cast<std::int64_t>(sizeof(float));
// The frames kept of what was queued: more than the queue ever holds (kAheadFrames and a chunk,
// or a grain).
constexpr std::int64_t kHistoryFrames = 8192;

} // namespace

std::optional<std::int64_t> heard_sample(std::int64_t start, std::int64_t next,
                                         std::int64_t queued_frames, std::int64_t device_frames,
                                         Seconds since_pull) {
    // Past the data it has, the device plays nothing more: at most the queue plus its buffer.
    const Seconds played = std::clamp(since_pull, 0.0,
                                      static_cast<Seconds>(queued_frames + device_frames) / kSampleRate);
    const std::int64_t at = next - queued_frames - device_frames + std::llround(played * kSampleRate);
    if (at < start) return std::nullopt;
    return at;
}

SoundOutput::SoundOutput(const Timeline& timeline) {
    if (timeline.sounds().empty()) return;
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        note_ = fmt::format("no sound: {}", SDL_GetError());
        return;
    }
    subsystem_ = true;
    SDL_AudioSpec want{};
    want.freq = kSampleRate;
    want.format = AUDIO_F32SYS;
    want.channels = 2;
    // 10 ms buffers: the device latency the clock subtracts, and the step its pulls move in.
    want.samples = 480;
    SDL_AudioSpec got{};
    device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &got, 0);
    if (device_ == 0) {
        note_ = fmt::format("no sound: {}", SDL_GetError());
        return;
    }
    device_frames_ = got.samples;
    mixer_ = std::make_unique<sound::Mixer>(timeline.sounds());
    SDL_PauseAudioDevice(device_, 0);
    worker_ = std::thread([this] { work(); });
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
    if (device_ != 0) SDL_CloseAudioDevice(device_);
    if (subsystem_) SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

void SoundOutput::queue(const float* data, std::int64_t frames) {
    if (frames <= 0) return;
    SDL_QueueAudio(device_, data, static_cast<Uint32>(frames * kBytesPerFrame));
    history_.insert(history_.end(), data, data + 2 * frames);
    if (history_.size() > 2 * kHistoryFrames * 2) // trimmed now and then, not on every chunk
        history_.erase(history_.begin(), history_.end() - 2 * kHistoryFrames);
    queued_ += frames;
}

std::int64_t SoundOutput::fade_out_queue() {
    // The device takes buffers from the queue on its own thread: locked, the queue's first frame
    // is the one that follows the buffer it plays, so the fade continues that sound exactly.
    SDL_LockAudioDevice(device_);
    const auto queued = static_cast<std::int64_t>(SDL_GetQueuedAudioSize(device_)) / kBytesPerFrame;
    SDL_ClearQueuedAudio(device_);
    const auto kept = static_cast<std::int64_t>(history_.size() / 2);
    const std::int64_t n = queued <= kept ? std::min(queued, kFadeFrames) : 0;
    std::vector<float> tail;
    if (n > 0) tail.assign(history_.end() - 2 * queued, history_.end() - 2 * (queued - n));
    for (std::int64_t i = 0; i < n; ++i) {
        const auto g = static_cast<float>(n - i) / static_cast<float>(n + 1);
        tail[static_cast<std::size_t>(2 * i)] *= g;
        tail[static_cast<std::size_t>(2 * i + 1)] *= g;
    }
    history_.clear();
    queued_ = 0;
    queue(tail.data(), n);
    SDL_UnlockAudioDevice(device_);
    return n;
}

void SoundOutput::restart(std::int64_t sample, bool audible) {
    if (device_ == 0) return;
    {
        std::lock_guard lock(mutex_);
        fade_out_queue();
        // The fade's frames stand for those just before `sample`: the clock counts them as
        // such and hears the restart point when they have played.
        start_ = sample;
        next_ = sample;
        mode_ = audible ? Mode::Play : Mode::Quiet;
        pull_next_.reset();
    }
    wake_.notify_all();
}

void SoundOutput::scrub(std::int64_t sample) {
    if (device_ == 0) return;
    {
        std::lock_guard lock(mutex_);
        if (mode_ != Mode::Scrub) {
            fade_out_queue();
            mode_ = Mode::Scrub;
            grain_at_.reset();
            pull_next_.reset();
        }
        target_ = sample;
    }
    wake_.notify_all();
}

void SoundOutput::set_timeline(const Timeline& timeline) {
    if (device_ == 0) return;
    std::lock_guard lock(mutex_);
    fade_out_queue();
    mode_ = Mode::Quiet;
    pull_next_.reset();
    mixer_ = std::make_unique<sound::Mixer>(timeline.sounds());
}

std::optional<Seconds> SoundOutput::heard(Seconds now) const {
    if (device_ == 0) return std::nullopt;
    std::lock_guard lock(mutex_);
    if (mode_ != Mode::Play || !pull_next_) return std::nullopt;
    auto at = heard_sample(start_, *pull_next_, pull_queued_, device_frames_, now - pull_wall_);
    if (!at) return std::nullopt;
    return static_cast<Seconds>(*at) / kSampleRate;
}

void SoundOutput::work() {
    std::vector<float> chunk(2 * std::max(kChunkFrames, kGrainFrames));
    std::unique_lock lock(mutex_);
    while (!stop_) {
        wakeups_.fetch_add(1, std::memory_order_relaxed);
        if (mode_ == Mode::Quiet) {
            // Paused, muted, another speed: nothing to queue and no clock to keep; sleep until
            // restart(), scrub() or the destructor says otherwise.
            wake_.wait(lock, [&] { return stop_ || mode_ != Mode::Quiet; });
            continue;
        }
        const auto queued = static_cast<std::int64_t>(SDL_GetQueuedAudioSize(device_)) / kBytesPerFrame;
        if (mode_ == Mode::Scrub) {
            queued_ = queued;
            if (grain_at_ == target_) { // the pointer rests: no more grains until it moves
                wake_.wait(lock, [&] { return stop_ || mode_ != Mode::Scrub || grain_at_ != target_; });
                continue;
            }
            if (queued > kFadeFrames) { // the last grain still sounds: the next follows it
                wake_.wait_for(lock, std::chrono::milliseconds(2));
                continue;
            }
            const std::int64_t at = target_;
            try {
                mixer_->mix(at, kGrainFrames, chunk.data());
            } catch (const std::exception& e) {
                std::fprintf(stderr, "reel: sound stops: %s\n", e.what());
                mode_ = Mode::Quiet;
                continue;
            }
            for (std::int64_t i = 0; i < kFadeFrames; ++i) { // faded in and out: no click
                const auto g = static_cast<float>(i + 1) / static_cast<float>(kFadeFrames + 1);
                for (std::int64_t k : {2 * i, 2 * i + 1, 2 * (kGrainFrames - 1 - i), 2 * (kGrainFrames - 1 - i) + 1})
                    chunk[static_cast<std::size_t>(k)] *= g;
            }
            queue(chunk.data(), kGrainFrames);
            grain_at_ = at;
            grains_.fetch_add(1, std::memory_order_relaxed);
            continue;
        }
        if (queued < queued_) { // the device took a buffer: the clock's reference point
            pull_next_ = next_;
            pull_queued_ = queued;
            pull_wall_ = wall_now();
        }
        queued_ = queued;
        if (queued >= kAheadFrames) {
            // Polled every 2 ms while playing: the moment of a pull is known to that.
            wake_.wait_for(lock, std::chrono::milliseconds(2));
            continue;
        }
        // Mixed under the lock: a restart waits for at most one chunk (~1 ms of decoding), and
        // never sees a chunk of the old position queued after its clear.
        try {
            mixer_->mix(next_, kChunkFrames, chunk.data());
        } catch (const std::exception& e) {
            std::fprintf(stderr, "reel: sound stops: %s\n", e.what());
            mode_ = Mode::Quiet;
            continue;
        }
        // The first frames after a restart rise from silence.
        for (std::int64_t i = 0; i < kChunkFrames && next_ + i < start_ + kFadeFrames; ++i) {
            const auto g = static_cast<float>(next_ + i - start_ + 1) / static_cast<float>(kFadeFrames + 1);
            chunk[static_cast<std::size_t>(2 * i)] *= g;
            chunk[static_cast<std::size_t>(2 * i + 1)] *= g;
        }
        queue(chunk.data(), kChunkFrames);
        next_ += kChunkFrames;
    }
}

} // namespace reel
