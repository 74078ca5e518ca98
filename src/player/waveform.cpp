// The seek bar's waveform (see waveform.h).
#include "player/waveform.h"

#include <algorithm>
#include <cmath>
#include <exception>

#include "sound/mixer.h"

namespace reel {

namespace {

// Buckets mixed per call: 100 ms, so that stopping waits for at most that much decoding.
constexpr std::int64_t kBucketsPerChunk = 10;
constexpr float kFloorDb = -48;

} // namespace

float waveform_level(float peak) {
    if (!(peak > 0)) return 0;
    const float db = 20 * std::log10(peak);
    return std::clamp((db - kFloorDb) / -kFloorDb, 0.0f, 1.0f);
}

Waveform::Waveform(const Timeline& timeline) {
    if (timeline.sounds().empty()) return;
    const auto frames = static_cast<std::int64_t>(std::llround(timeline.duration() * kSampleRate));
    peaks_.assign(static_cast<std::size_t>((frames + kBucket - 1) / kBucket), 0.0f);
    if (peaks_.empty()) return;
    worker_ = std::thread([this, sounds = timeline.sounds(), frames] { work(sounds, frames); });
}

Waveform::~Waveform() {
    stop_.store(true, std::memory_order_relaxed);
    if (worker_.joinable()) worker_.join();
}

std::string Waveform::error() const { return failed_.load(std::memory_order_acquire) ? error_ : std::string(); }

void Waveform::work(std::vector<Sound> sounds, std::int64_t frames) {
    try {
        sound::Mixer mixer(std::move(sounds));
        const std::int64_t end = std::min(frames, mixer.end());
        std::vector<float> chunk(static_cast<std::size_t>(2 * kBucket * kBucketsPerChunk));
        std::size_t bucket = 0;
        for (std::int64_t at = 0; at < end && !stop_.load(std::memory_order_relaxed);) {
            const std::int64_t count = std::min(kBucket * kBucketsPerChunk, end - at);
            mixer.mix(at, count, chunk.data());
            for (std::int64_t b = 0; b < count; b += kBucket, ++bucket) {
                float peak = 0;
                const std::int64_t n = std::min(kBucket, count - b);
                for (std::int64_t k = 2 * b; k < 2 * (b + n); ++k)
                    peak = std::max(peak, std::abs(chunk[static_cast<std::size_t>(k)]));
                peaks_[bucket] = peak;
                ready_.store(bucket + 1, std::memory_order_release);
            }
            at += count;
        }
        // After the last sound: silence, already zero.
        if (!stop_.load(std::memory_order_relaxed)) ready_.store(peaks_.size(), std::memory_order_release);
    } catch (const std::exception& e) {
        error_ = e.what();
        failed_.store(true, std::memory_order_release);
    }
}

std::vector<float> Waveform::levels(int columns) const {
    std::vector<float> out(static_cast<std::size_t>(std::max(columns, 0)), 0.0f);
    const std::size_t n = peaks_.size(), have = ready();
    if (n == 0 || columns <= 0) return out;
    for (std::size_t c = 0; c < out.size(); ++c) {
        // Every bucket whose start falls in the column, and at least the one under it.
        const std::size_t from = std::min(n - 1, c * n / out.size());
        const std::size_t to = std::max(from + 1, std::min(n, (c + 1) * n / out.size()));
        float peak = 0;
        for (std::size_t b = from; b < std::min(to, have); ++b) peak = std::max(peak, peaks_[b]);
        out[c] = waveform_level(peak);
    }
    return out;
}

} // namespace reel
