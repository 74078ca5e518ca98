// The player's sound: SDL's audio device fed from the timeline's mixer by a worker thread, so
// the audio thread never decodes; its played position is the clock the picture follows.
#pragma once

#include <SDL.h>
#include <time.h>

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

/// The last buffer the device took while the sound was clocked (playing at 1x): the timeline
/// sample of its first frame, how many frames of sound it held (fewer than the buffer when the
/// feeder fell behind: silence follows, the sound stands still) and the wall time of the pull.
struct Pull {
    std::int64_t sample = 0;
    std::int64_t frames = 0;
    Seconds wall = 0;
};

/// The timeline sample heard at wall time `now`: the device starts a buffer as it takes it and
/// plays on at kSampleRate, never past the frames it was given. `start` is the restart point,
/// `restarted` the wall time of the restart, `pull` the last buffer taken since (none yet: the
/// device still plays what it took before). Until the restart point is heard the picture waits
/// for it (the result is `start`), at most kSoundWait after the restart; past that the device
/// is taken for stalled and the result is nullopt (the picture runs on the wall clock).
std::optional<std::int64_t> heard_sample(std::int64_t start, Seconds restarted, const std::optional<Pull>& pull,
                                         Seconds now);

/// How long the picture waits for a restarted sound to be heard (see heard_sample).
inline constexpr Seconds kSoundWait = 0.25;

/// How long a cut fades: what is playing when the sound stops or jumps (a pause, a seek, a step
/// past a running slide) falls to silence over this many frames instead of stopping dead, and
/// the sound that starts rises over as many (5 ms: no click, too short to hear as a fade).
inline constexpr std::int64_t kFadeFrames = 240;
/// A scrubbing grain: this much sound from under the pointer, faded in and out.
inline constexpr std::int64_t kGrainFrames = 2880;

/// The frames mixed ahead of the sound device, stereo (not thread-safe: SoundOutput locks it).
/// When its feeder falls behind (a starved thread on a busy machine) the ring would run dry in
/// the middle of a wave, a click: instead, once a buffer taken leaves less than another buffer
/// and a fade, what is left fades out (kFadeFrames), and what comes next fades in.
class SoundRing {
public:
    /// Room for `capacity` frames.
    explicit SoundRing(std::int64_t capacity);
    /// Frames written and not yet taken.
    std::int64_t fill() const { return write_ - read_; }
    /// Appends `frames` frames (they fit): a continuation of what the ring holds (faded in when
    /// the ring ran dry before them), or with `ends_silent`, a sound that falls to silence by
    /// itself (a scrubbing grain: the ring may run dry after it).
    void append(const float* data, std::int64_t frames, bool ends_silent = false);
    /// The device takes a buffer of `frames` frames into `out`: what the ring holds, silence
    /// after it; returns the frames of sound.
    std::int64_t take(float* out, std::int64_t frames);
    /// Keeps only the first kFadeFrames of what was not taken, fading to silence; returns how
    /// many that left.
    std::int64_t fade_out();

private:
    // Calls copy(ring_span, i, bytes) for frames [first, first + frames) as at most two spans
    // of the ring (it wraps once); i: the span's first frame counted from `first`.
    template <class F> void spans(std::int64_t first, std::int64_t frames, F copy);
    // Fades frames [first, first + n) down to silence.
    void fade_down(std::int64_t first, std::int64_t n);
    float& at(std::int64_t frame, int channel);

    std::vector<float> data_;
    std::int64_t capacity_;
    std::int64_t read_ = 0;    // frames taken
    std::int64_t write_ = 0;   // frames written
    bool tail_silent_ = true;  // the last frame written ends a fade (or nothing was written)
    bool fade_in_ = false;     // the ring ran dry: what is appended next rises from silence
};

/// SDL's audio device at 48 kHz stereo float, fed from a worker through a ring the device's
/// callback reads. Never fails: without a device (no audio driver, SDL_AUDIODRIVER=dummy) it
/// stays silent and says so in note().
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
    /// The timeline time being heard at wall time `now` (wall_now()'s clock), see heard_sample;
    /// nullopt when quiet.
    std::optional<Seconds> heard(Seconds now) const;
    /// Why there is no sound ("" when there is a device or nothing to play).
    const std::string& note() const { return note_; }
    bool open() const { return device_ != 0; }
    /// Times the worker has woken so far (it sleeps while quiet, and while playing until the
    /// device has taken a buffer).
    long wakeups() const { return wakeups_.load(std::memory_order_relaxed); }
    /// Grains played since the output opened.
    long grains() const { return grains_.load(std::memory_order_relaxed); }
    /// CPU seconds used so far by the sound's threads: the worker, and SDL's audio thread as of
    /// its last callback (0 without a device).
    double cpu_seconds() const;

private:
    enum class Mode { Quiet, Play, Scrub };
    static void SDLCALL callback(void* self, Uint8* stream, int len);
    // The device takes `frames` frames (on SDL's audio thread).
    void pull(float* out, std::int64_t frames);
    void work();
    // Mixes `frames` frames from timeline sample `at` into `out` (mutex_ locked). A sound that
    // cannot be read any more (a file gone, a decoding error) stops the sound: says so, goes
    // quiet and returns false.
    bool mix_or_stop(std::int64_t at, std::int64_t frames, float* out);

    SDL_AudioDeviceID device_ = 0;
    bool subsystem_ = false;
    std::string note_;
    // The worker's side: what to mix and where (mutex_).
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::unique_ptr<sound::Mixer> mixer_;
    Mode mode_ = Mode::Quiet;
    std::int64_t next_ = 0; // the sample the next chunk starts at
    // Scrubbing: where the pointer is, and where the last grain came from.
    std::int64_t target_ = 0;
    std::optional<std::int64_t> grain_at_;
    bool stop_ = false;
    // Shared with the device's callback (ring_mutex_): the frames mixed and not yet played,
    // and the clock.
    mutable std::mutex ring_mutex_;
    SoundRing ring_;
    std::int64_t ring_sample_ = 0; // the timeline sample of the ring's next frame taken
    bool clocked_ = false;         // playing at 1x: the ring's frames are timeline samples
    std::int64_t start_ = 0;       // the restart point
    Seconds restarted_ = 0;
    std::optional<Pull> pull_;     // the last buffer taken since the restart
    std::atomic<long> wakeups_{0};
    std::atomic<long> grains_{0};
    std::atomic<double> callback_cpu_{0}; // SDL's audio thread's CPU time at its last callback
    std::thread worker_;
    std::optional<clockid_t> worker_clock_; // the worker's CPU-time clock
};

} // namespace reel
