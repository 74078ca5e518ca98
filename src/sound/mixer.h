// The mixer: the samples of a timeline's sounds for any interval, a pure function of the sounds
// and the interval (DESIGN.md decision 13). The exporter feeds its audio encoder from it; the
// player will fill its audio device from it.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "reel/sound.h"

namespace reel::sound {

class Reader;

/// Sums sounds at 48 kHz stereo. Keeps a Reader per sound that is playing, so consecutive
/// intervals cost one decode of each file; any interval, in any order, gives the same samples.
class Mixer {
public:
    explicit Mixer(std::vector<Sound> sounds);
    ~Mixer();
    Mixer(const Mixer&) = delete;
    Mixer& operator=(const Mixer&) = delete;

    /// Writes frames [begin, begin + count) to `out` (2 * count floats, left and right
    /// interleaved): every sound overlapping the interval, from sample `start_sample` on,
    /// scaled by its gain and summed (no limiting: overlapping loud sounds may exceed 1).
    /// Throws std::runtime_error naming the file when a sound no longer decodes.
    void mix(std::int64_t begin, std::int64_t count, float* out);
    /// The same, into a new vector.
    std::vector<float> mix(std::int64_t begin, std::int64_t count);
    /// The frame after the last one any sound plays (0 without sounds).
    std::int64_t end() const;
    const std::vector<Sound>& sounds() const { return sounds_; }

private:
    std::vector<Sound> sounds_;
    std::vector<std::unique_ptr<Reader>> readers_; // open while its sound plays
    std::vector<float> scratch_;
};

/// How far music is ducked at timeline sample `n`: 1 over a voice-over span, falling linearly to
/// 0 over duck_ramp samples before and after it, 0 elsewhere (the largest where ramps overlap).
double duck_depth(const Sound& s, std::int64_t n);

/// 10^(dB / 20) as the mixer applies it.
float gain_factor(double gain_db);

} // namespace reel::sound
