// The player's sound: SDL's audio device fed from the timeline's mixer by a worker thread, so
// the audio thread never decodes; its played position is the clock the picture follows.
#pragma once

#include <SDL.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "timeline/timeline.h"

namespace reel {

namespace sound {
class Mixer;
}

/// The sample leaving the speaker `since_pull` seconds after the device last took a buffer:
/// then `next` was the first sample not yet queued, `queued_frames` were left in SDL's queue
/// and the `device_frames` it took wait behind the buffer playing (the device latency), so
/// the sample heard at the pull was next - queued_frames - device_frames and the device plays
/// on at kSampleRate. nullopt while that is before `start` (the restart point is not heard
/// yet: the picture keeps its own clock until it is).
std::optional<std::int64_t> heard_sample(std::int64_t start, std::int64_t next,
                                         std::int64_t queued_frames, std::int64_t device_frames,
                                         Seconds since_pull);

/// How long a cut fades: what is playing when the sound stops or jumps (a pause, a seek, a step
/// past a running slide) falls to silence over this many frames instead of stopping dead, and
/// the sound that starts rises over as many (5 ms: no click, too short to hear as a fade).
inline constexpr std::int64_t kFadeFrames = 240;
/// A scrubbing grain: this much sound from under the pointer, faded in and out.
inline constexpr std::int64_t kGrainFrames = 2880;

/// SDL's audio device at 48 kHz stereo float, queued ahead from a worker. Never fails: without
/// a device (no audio driver, SDL_AUDIODRIVER=dummy) it stays silent and says so in note().
class SoundOutput {
public:
    /// Opens the device for `timeline`'s sounds (not owned; must outlive the output or the
    /// next set_timeline). A timeline without sounds opens no device.
    explicit SoundOutput(const Timeline& timeline);
    ~SoundOutput();
    SoundOutput(const SoundOutput&) = delete;
    SoundOutput& operator=(const SoundOutput&) = delete;

    /// What was queued fades out (kFadeFrames), then the sound plays from `sample` on, fading
    /// in (audible), or stays quiet.
    void restart(std::int64_t sample, bool audible);
    /// Scrubbing: short grains (kGrainFrames, faded in and out) from under the pointer, one
    /// after another while `sample` keeps changing; silence once it stops changing. The first
    /// call fades out what was playing.
    void scrub(std::int64_t sample);
    /// Another version of the timeline: the mixer is rebuilt; call restart after it.
    void set_timeline(const Timeline& timeline);
    /// The timeline time being heard at wall time `now` (wall_now()'s clock); nullopt when
    /// quiet or the restart point is not heard yet.
    std::optional<Seconds> heard(Seconds now) const;
    /// Why there is no sound ("" when there is a device or nothing to play).
    const std::string& note() const { return note_; }
    bool open() const { return device_ != 0; }
    /// Times the worker has woken so far (it sleeps while quiet; polls every 2 ms while playing).
    long wakeups() const { return wakeups_.load(std::memory_order_relaxed); }
    /// Grains played since the output opened.
    long grains() const { return grains_.load(std::memory_order_relaxed); }

private:
    enum class Mode { Quiet, Play, Scrub };
    void work();
    // Queues `frames` frames and keeps them in history_ (the mutex is locked).
    void queue(const float* data, std::int64_t frames);
    // Replaces what is queued by its first kFadeFrames, fading to silence; returns how many
    // frames that left queued (the mutex is locked).
    std::int64_t fade_out_queue();

    SDL_AudioDeviceID device_ = 0;
    bool subsystem_ = false;
    std::int64_t device_frames_ = 0;
    std::string note_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::unique_ptr<sound::Mixer> mixer_;
    Mode mode_ = Mode::Quiet;
    std::int64_t start_ = 0;
    std::int64_t next_ = 0;
    // Scrubbing: where the pointer is, and where the last grain came from.
    std::int64_t target_ = 0;
    std::optional<std::int64_t> grain_at_;
    // The last frames queued (interleaved), so that a cut can fade out what the device has not
    // taken yet.
    std::vector<float> history_;
    // The last pull the worker saw (the queue shrank): next_, the queue then, and when.
    std::int64_t queued_ = 0;
    std::optional<std::int64_t> pull_next_;
    std::int64_t pull_queued_ = 0;
    Seconds pull_wall_ = 0;
    bool stop_ = false;
    std::atomic<long> wakeups_{0};
    std::atomic<long> grains_{0};
    std::thread worker_;
};

} // namespace reel
