// Loudness (libebur128) and a limiter whose gain is computed ahead over the whole mix.
#include "audio_level.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

#include <ebur128.h>

namespace reel {

namespace {

// The limiter works on 10 ms blocks: the gain of a block is known before its first sample.
constexpr std::int64_t kBlock = kSampleRate / 100;
// Samples mixed at a time during the analysis (100 blocks).
constexpr std::int64_t kChunk = 100 * kBlock;
// Without --loudness only peaks above -1 dBFS are lowered: a lossy codec's output overshoots
// its input a little, and a player turning it into 16-bit samples would clip it.
constexpr double kSampleCeilingDb = -1.0;
// With --loudness the true peak (4x oversampled, EBU R128) stays at or below -1 dBTP in the
// written file; the limiter aims 1 dB lower for the encoder's overshoot (AAC at 192 kb/s
// adds up to 0.6 dB to a sudden loud tone, tests/export/audio_test).
constexpr double kTruePeakCeilingDb = -2.0;
// How fast the limiter's gain may return towards 1 after a peak (per block: 0.5 s for a full
// swing) and how fast it may fall ahead of one (0.1 s).
constexpr float kRelease = 0.02f;
constexpr float kAttack = 0.1f;

double db_to_factor(double db) { return std::pow(10.0, db / 20.0); }

struct Ebur128Deleter {
    void operator()(ebur128_state* s) const { ebur128_destroy(&s); }
};
using Meter = std::unique_ptr<ebur128_state, Ebur128Deleter>;

Meter make_meter() {
    Meter m(ebur128_init(2, kSampleRate, EBUR128_MODE_I | EBUR128_MODE_TRUE_PEAK));
    if (!m) throw std::bad_alloc();
    return m;
}

// The meter's integrated loudness; -inf for silence.
double integrated(ebur128_state* m) {
    double lufs = -HUGE_VAL;
    if (ebur128_loudness_global(m, &lufs) != EBUR128_SUCCESS) return -HUGE_VAL;
    return lufs;
}

} // namespace

AudioSource::AudioSource(const Timeline& timeline, std::int64_t begin, std::int64_t length,
                         std::optional<double> loudness)
    : mixer_(timeline.sounds()), begin_(begin), length_(length) {
    for (const Sound& s : timeline.sounds())
        if (s.start_sample < begin_ + length_ && s.start_sample + s.frames > begin_ && s.frames > 0)
            bandwidth_ = std::max(bandwidth_, (s.source_rate > 0 ? s.source_rate : kSampleRate) / 2);
    analyse(loudness);
}

void AudioSource::analyse(std::optional<double> loudness) {
    const auto blocks = static_cast<std::size_t>((length_ + kBlock - 1) / kBlock);
    peaks_.assign(blocks, 0.0f);
    std::vector<float> buffer(static_cast<std::size_t>(kChunk) * 2);
    // One pass over the range: every block's peak (true peak with --loudness, sample peak
    // otherwise) and, through the meter, the loudness. `output`: of what read() returns.
    auto pass = [&](bool output, bool store_peaks) {
        Meter meter = loudness ? make_meter() : nullptr;
        double true_peak = 0;
        for (std::int64_t at = 0; at < length_; at += kChunk) {
            const std::int64_t n = std::min(kChunk, length_ - at);
            if (output)
                read(at, n, buffer.data());
            else
                mixer_.mix(begin_ + at, n, buffer.data());
            for (std::int64_t b = 0; b < n; b += kBlock) {
                const std::int64_t m = std::min(kBlock, n - b);
                const float* s = buffer.data() + b * 2;
                float peak = 0;
                for (std::int64_t k = 0; k < m * 2; ++k) peak = std::max(peak, std::abs(s[k]));
                if (meter) {
                    ebur128_add_frames_float(meter.get(), s, static_cast<std::size_t>(m));
                    for (unsigned c = 0; c < 2; ++c) {
                        double tp = 0;
                        ebur128_prev_true_peak(meter.get(), c, &tp);
                        peak = std::max(peak, static_cast<float>(tp));
                    }
                }
                true_peak = std::max(true_peak, static_cast<double>(peak));
                if (store_peaks) peaks_[static_cast<std::size_t>((at + b) / kBlock)] = peak;
            }
        }
        if (meter) {
            level_.loudness = integrated(meter.get());
            level_.true_peak_db = true_peak > 0 ? 20 * std::log10(true_peak) : -HUGE_VAL;
        }
    };

    pass(false, true);
    if (!loudness) {
        make_envelope(db_to_factor(kSampleCeilingDb));
        return;
    }
    // Silence has no loudness to bring anywhere.
    if (!std::isfinite(level_.loudness)) {
        make_envelope(db_to_factor(kTruePeakCeilingDb));
        return;
    }
    // The gain that brings the mix to the target, then as often as needed (at most 8 times)
    // the limiter's share: where it acts, more gain adds less loudness, so each step divides
    // what is missing by the slope the last two steps showed (a secant step). Every step is a
    // pure function of the last, so every run, and every part, ends alike.
    double gain_db = *loudness - level_.loudness;
    double last_gain = std::nan(""), last_loudness = std::nan(""); // the first step assumes slope 1
    for (int round = 0;; ++round) {
        gain_ = static_cast<float>(db_to_factor(gain_db));
        level_.gain_db = gain_db;
        make_envelope(db_to_factor(kTruePeakCeilingDb));
        pass(true, false);
        const double missing = *loudness - level_.loudness;
        if (envelope_.empty() || std::abs(missing) < 0.05 || round == 8 || !std::isfinite(missing)) break;
        double slope = (level_.loudness - last_loudness) / (gain_db - last_gain);
        if (!std::isfinite(slope)) slope = 1;
        slope = std::clamp(slope, 0.05, 1.0);
        last_gain = gain_db;
        last_loudness = level_.loudness;
        gain_db += std::min(missing / slope, 12.0);
    }
}

void AudioSource::make_envelope(double ceiling) {
    const std::size_t n = peaks_.size();
    // The most gain each block may have.
    std::vector<float> most(n, 1.0f);
    bool limits = false;
    for (std::size_t b = 0; b < n; ++b) {
        const double peak = static_cast<double>(gain_) * peaks_[b];
        if (peak > ceiling) {
            most[b] = static_cast<float>(ceiling / peak);
            limits = true;
        }
    }
    envelope_.clear();
    level_.limited_seconds = 0;
    if (!limits) return;
    // A block's gain is also at most its neighbours' (gain_at interpolates between them), then
    // it falls at most kAttack a block ahead of a peak and rises at most kRelease after one.
    // Each step only lowers values, so every block stays at or below its own limit.
    envelope_.assign(n, 1.0f);
    for (std::size_t b = 0; b < n; ++b) {
        float e = most[b];
        if (b > 0) e = std::min(e, most[b - 1]);
        if (b + 1 < n) e = std::min(e, most[b + 1]);
        envelope_[b] = e;
    }
    for (std::size_t b = n - 1; b-- > 0;) envelope_[b] = std::min(envelope_[b], envelope_[b + 1] + kAttack);
    for (std::size_t b = 1; b < n; ++b) envelope_[b] = std::min(envelope_[b], envelope_[b - 1] + kRelease);
    for (float e : envelope_)
        if (e < 1.0f) level_.limited_seconds += static_cast<double>(kBlock) / kSampleRate;
}

float AudioSource::gain_at(std::int64_t sample) const {
    if (envelope_.empty()) return gain_;
    // The gain at the start of block b: the lower of the blocks meeting there; linear within a
    // block, so it never exceeds the block's own limit nor its neighbours'.
    const auto n = static_cast<std::int64_t>(envelope_.size());
    auto edge = [&](std::int64_t b) {
        if (b <= 0) return envelope_.front();
        if (b >= n) return envelope_.back();
        return std::min(envelope_[static_cast<std::size_t>(b - 1)], envelope_[static_cast<std::size_t>(b)]);
    };
    const std::int64_t b = sample / kBlock;
    const float a = edge(b), z = edge(b + 1);
    const float f = static_cast<float>(sample - b * kBlock) / static_cast<float>(kBlock);
    return gain_ * (a + (z - a) * f);
}

void AudioSource::read(std::int64_t from, std::int64_t count, float* out) {
    const std::int64_t inside = std::clamp<std::int64_t>(length_ - from, 0, count);
    if (inside > 0) mixer_.mix(begin_ + from, inside, out);
    std::fill(out + inside * 2, out + count * 2, 0.0f);
    if (envelope_.empty() && gain_ == 1.0f) return;
    for (std::int64_t k = 0; k < inside; ++k) {
        const float g = gain_at(from + k);
        out[k * 2] *= g;
        out[k * 2 + 1] *= g;
    }
}

} // namespace reel
