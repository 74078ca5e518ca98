// Summing sounds at exact sample offsets.
#include "sound/mixer.h"

#include <algorithm>
#include <cmath>

#include "sound/decoder.h"

namespace reel::sound {

float gain_factor(double gain_db) { return static_cast<float>(std::pow(10.0, gain_db / 20.0)); }

double duck_depth(const Sound& s, std::int64_t n) {
    double d = 0;
    const double ramp = static_cast<double>(s.duck_ramp);
    for (const auto& [a, b] : s.duck_spans) {
        if (n >= a && n < b) return 1;
        if (ramp <= 0) continue;
        if (n < a && n >= a - s.duck_ramp) d = std::max(d, 1 - static_cast<double>(a - n) / ramp);
        else if (n >= b && n < b + s.duck_ramp) d = std::max(d, 1 - static_cast<double>(n - b + 1) / ramp);
    }
    return d;
}

namespace {

// Whether any span's ducking (ramps included) reaches into [first, last).
bool ducks_within(const Sound& s, std::int64_t first, std::int64_t last) {
    if (s.duck_db == 0) return false;
    for (const auto& [a, b] : s.duck_spans)
        if (a - s.duck_ramp < last && b + s.duck_ramp > first) return true;
    return false;
}

} // namespace

Mixer::Mixer(std::vector<Sound> sounds) : sounds_(std::move(sounds)), readers_(sounds_.size()) {}
Mixer::~Mixer() = default;

std::int64_t Mixer::end() const {
    std::int64_t e = 0;
    for (const Sound& s : sounds_) e = std::max(e, s.start_sample + s.frames);
    return e;
}

void Mixer::mix(std::int64_t begin, std::int64_t count, float* out) {
    std::fill_n(out, count * 2, 0.0f);
    const std::int64_t stop = begin + count;
    constexpr std::int64_t kChunk = 4096;
    for (std::size_t i = 0; i < sounds_.size(); ++i) {
        const Sound& s = sounds_[i];
        const std::int64_t first = std::max(begin, s.start_sample);
        const std::int64_t last = std::min(stop, s.start_sample + s.frames);
        if (first >= last) {
            if (begin >= s.start_sample + s.frames) readers_[i].reset(); // done with it for now
            continue;
        }
        if (!readers_[i]) readers_[i] = std::make_unique<Reader>(s.source);
        Reader& reader = *readers_[i];
        reader.seek(s.trim + (first - s.start_sample));
        const float gain = gain_factor(s.gain_db);
        for (std::int64_t at = first; at < last;) {
            const std::int64_t want = std::min(kChunk, last - at);
            scratch_.resize(static_cast<std::size_t>(want) * 2);
            const auto got = static_cast<std::int64_t>(reader.read(scratch_.data(), static_cast<std::size_t>(want)));
            float* dst = out + (at - begin) * 2;
            if (ducks_within(s, at, at + got)) {
                // Music under a voice: the gain in decibels follows the ducking depth.
                const float ducked = gain_factor(s.gain_db + s.duck_db);
                for (std::int64_t k = 0; k < got; ++k) {
                    const double d = duck_depth(s, at + k);
                    const float g = d == 0 ? gain : d == 1 ? ducked : gain_factor(s.gain_db + s.duck_db * d);
                    dst[2 * k] += g * scratch_[static_cast<std::size_t>(2 * k)];
                    dst[2 * k + 1] += g * scratch_[static_cast<std::size_t>(2 * k + 1)];
                }
            } else {
                for (std::int64_t k = 0; k < got * 2; ++k) dst[k] += gain * scratch_[static_cast<std::size_t>(k)];
            }
            if (got < want) break; // the file is shorter than when it was added: silence
            at += got;
        }
    }
}

std::vector<float> Mixer::mix(std::int64_t begin, std::int64_t count) {
    std::vector<float> out(static_cast<std::size_t>(std::max<std::int64_t>(count, 0)) * 2);
    if (count > 0) mix(begin, count, out.data());
    return out;
}

} // namespace reel::sound
