// The seek bar's waveform: the level of a timeline's mixed sound every 10 ms, computed on a
// thread of its own (the mix of a long file takes a while; the bar fills in as it goes) and
// reduced to one level per pixel column of the track when drawn.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "timeline/timeline.h"

namespace reel {

/// The peak level of a timeline's sounds, as the player hears them (one mixer), in buckets of
/// kWaveformBucket frames. Memory: 4 bytes per bucket (1.7 MB for an hour), whatever the files.
class Waveform {
public:
    /// Starts computing `timeline`'s levels (not owned; its sounds are copied). A timeline
    /// without sounds starts nothing and stays empty.
    explicit Waveform(const Timeline& timeline);
    /// Stops the computation (within one chunk of mixing) and waits for it.
    ~Waveform();
    Waveform(const Waveform&) = delete;
    Waveform& operator=(const Waveform&) = delete;

    /// Frames per bucket: 10 ms at 48 kHz.
    static constexpr std::int64_t kBucket = 480;
    /// Buckets the timeline has; ready() of them are computed so far (all once done()).
    std::size_t size() const { return peaks_.size(); }
    std::size_t ready() const { return ready_.load(std::memory_order_acquire); }
    bool done() const { return ready() == size(); }
    /// Why the computation stopped early ("" unless a sound stopped decoding).
    std::string error() const;
    /// The level of each of `columns` equal slices of the timeline: the loudest bucket in it,
    /// as 0 (−48 dBFS or quieter, or not computed yet) to 1 (0 dBFS or louder), linear in
    /// decibels as editors draw it.
    std::vector<float> levels(int columns) const;

private:
    void work(std::vector<Sound> sounds, std::int64_t frames);

    std::vector<float> peaks_; // written by the worker below ready_, read below it
    std::atomic<std::size_t> ready_{0};
    std::atomic<bool> stop_{false};
    std::string error_; // written by the worker before failed_ is set, read after
    std::atomic<bool> failed_{false};
    std::thread worker_;
};

/// A peak (linear, 1 is full scale) as the waveform draws it: 0 at −48 dBFS and below, 1 at
/// 0 dBFS and above, linear in decibels between.
float waveform_level(float peak);

} // namespace reel
