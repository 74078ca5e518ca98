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

void SoundOutput::restart(std::int64_t sample, bool audible) {
    if (device_ == 0) return;
    {
        std::lock_guard lock(mutex_);
        SDL_ClearQueuedAudio(device_);
        start_ = sample;
        next_ = sample;
        audible_ = audible;
        queued_ = 0;
        pull_next_.reset();
    }
    wake_.notify_all();
}

void SoundOutput::set_timeline(const Timeline& timeline) {
    if (device_ == 0) return;
    std::lock_guard lock(mutex_);
    SDL_ClearQueuedAudio(device_);
    audible_ = false;
    queued_ = 0;
    pull_next_.reset();
    mixer_ = std::make_unique<sound::Mixer>(timeline.sounds());
}

std::optional<Seconds> SoundOutput::heard(Seconds now) const {
    if (device_ == 0) return std::nullopt;
    std::lock_guard lock(mutex_);
    if (!audible_ || !pull_next_) return std::nullopt;
    auto at = heard_sample(start_, *pull_next_, pull_queued_, device_frames_, now - pull_wall_);
    if (!at) return std::nullopt;
    return static_cast<Seconds>(*at) / kSampleRate;
}

void SoundOutput::work() {
    std::vector<float> chunk(2 * kChunkFrames);
    std::unique_lock lock(mutex_);
    while (!stop_) {
        wakeups_.fetch_add(1, std::memory_order_relaxed);
        if (!audible_) {
            // Quiet (paused, muted, another speed): nothing to queue and no clock to keep; sleep
            // until restart() or the destructor says otherwise.
            wake_.wait(lock, [&] { return stop_ || audible_; });
            continue;
        }
        const auto queued = static_cast<std::int64_t>(SDL_GetQueuedAudioSize(device_)) / kBytesPerFrame;
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
            audible_ = false;
            continue;
        }
        SDL_QueueAudio(device_, chunk.data(), static_cast<Uint32>(chunk.size() * sizeof(float)));
        next_ += kChunkFrames;
        queued_ += kChunkFrames;
    }
}

} // namespace reel
