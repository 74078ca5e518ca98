// Sounds on the timeline (DESIGN.md decision 13): a sound is data — which file, where it starts,
// how loud, which part of it plays — and the samples of any interval follow from that alone.
#pragma once

#include <cstdint>
#include <string>

#include "reel/geometry.h"

namespace reel {

/// The rate every sound is mixed at, whatever its file's rate: 48 kHz, stereo.
inline constexpr int kSampleRate = 48000;

/// Keyword arguments of Scene::add_sound (Manim's add_sound(file, time_offset, gain)).
struct SoundOptions {
    /// Seconds after the current time at which the sound starts (may be negative, as long as
    /// the start stays at or after 0).
    Seconds time_offset = 0;
    /// Gain in decibels (0: as recorded in the file).
    double gain_db = 0;
};

/// One sound on a timeline. Times in samples are 48 kHz frames (one left and one right sample).
struct Sound {
    /// The file, as the scene named it (resolved against the working directory when read).
    std::string source;
    /// Start on the timeline in seconds, and in samples: round(start * kSampleRate), the one
    /// rounding every consumer (export, player, parts) uses.
    Seconds start = 0;
    std::int64_t start_sample = 0;
    double gain_db = 0;
    /// The file's first sample that plays (0 today: a sound plays from its beginning).
    std::int64_t trim = 0;
    /// How many samples play: the file's length (at 48 kHz) minus trim, cut at the end of the
    /// scene when the sound runs past it.
    std::int64_t frames = 0;
    /// The file's whole length at 48 kHz, as decoded when it was added.
    std::int64_t source_frames = 0;

    bool operator==(const Sound&) const = default;
};

} // namespace reel
