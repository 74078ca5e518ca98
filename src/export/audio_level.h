// The sound an export writes: the timeline's sounds mixed over the export's range, brought to a
// loudness (EBU R128, libebur128) when asked, and kept under a ceiling by a gain computed ahead
// on the whole mix, so overlapping sounds never clip. Every sample is a pure function of the
// timeline, the range and the options: the parts of a split export compute the same gain and
// write the samples one export would (export internals).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "timeline/timeline.h"
#include "sound/mixer.h"

namespace reel {

/// What the level pass found and did (for the export's note and the tests).
struct AudioLevel {
    double gain_db = 0;        ///< the gain applied to the whole mix
    double loudness = 0;       ///< integrated loudness of the written mix, LUFS (--loudness only)
    double true_peak_db = 0;   ///< its true peak, dBTP (--loudness only)
    double limited_seconds = 0; ///< time over which the limiter lowered the gain
};

/// The mixed, levelled and limited samples of a range of the timeline at 48 kHz stereo.
class AudioSource {
public:
    /// The samples [begin, begin + length) of the timeline's sounds. `loudness`: the integrated
    /// loudness to reach (LUFS), with true peaks at or below -1 dBTP; without it the mix keeps
    /// its level and only peaks above -1 dBFS are limited. Reads the whole range once or a few
    /// times (streamed) before the first sample is returned. Throws std::runtime_error naming
    /// the file when a sound no longer decodes.
    AudioSource(const Timeline& timeline, std::int64_t begin, std::int64_t length, std::optional<double> loudness);

    /// Samples [from, from + count) of the range (2 floats each), silence past its end.
    void read(std::int64_t from, std::int64_t count, float* out);
    std::int64_t length() const { return length_; }
    /// The highest frequency the mix can hold, in Hz: half the highest sample rate among the
    /// files of the sounds that play in the range, as recorded in each Sound (the mixer's
    /// resampling adds nothing above it); 0 when none plays.
    int bandwidth() const { return bandwidth_; }
    const AudioLevel& level() const { return level_; }

private:
    void analyse(std::optional<double> loudness);
    void make_envelope(double ceiling);
    float gain_at(std::int64_t sample) const;

    sound::Mixer mixer_;
    std::int64_t begin_;
    std::int64_t length_;
    int bandwidth_ = 0;
    float gain_ = 1;
    std::vector<float> peaks_;    ///< per block: the mix's (true) peak before any gain
    std::vector<float> envelope_; ///< per block: the limiter's gain (at most 1)
    AudioLevel level_;
};

} // namespace reel
