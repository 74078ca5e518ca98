// Summing sounds at exact sample offsets.
#include "sound/mixer.h"

#include <algorithm>
#include <cmath>

#include "sound/decoder.h"

namespace reel::sound {

float gain_factor(double gain_db) { return static_cast<float>(std::pow(10.0, gain_db / 20.0)); }

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
            for (std::int64_t k = 0; k < got * 2; ++k) dst[k] += gain * scratch_[static_cast<std::size_t>(k)];
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
