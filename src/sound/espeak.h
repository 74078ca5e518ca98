// Speech by espeak-ng through the reel-espeak program (tools/reel-espeak/, GPL-3.0-or-later):
// Reel (MIT) does not link libespeak-ng, it runs that program as a separate process.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "sound/voice.h"

namespace reel::sound {

/// A line spoken by espeak-ng: its samples (mono, 16-bit, at `rate`) and the times in seconds of
/// the script's marks and words (start, end).
struct Synthesised {
    std::vector<short> samples;
    int rate = 0;
    std::vector<double> marks;
    std::vector<std::pair<double, double>> words;
};

/// The reel-espeak program: $REEL_ESPEAK, else beside the running executable, else beside
/// libreel.so's bin folder, else the build tree's. Throws std::runtime_error saying where it
/// looked and what to install when there is none.
std::string espeak_helper();

/// espeak-ng's version as reel-espeak reports it ("1.51"), asked once per process and helper.
/// Throws std::runtime_error when the helper is missing or does not answer as it should.
std::string espeak_version();

/// Speaks the script with `voice` at `rate` words per minute in a reel-espeak process of its own
/// (espeak-ng started afresh every time: the same line gives the same samples in any process, in
/// any order). Throws std::runtime_error with the helper's own error line (an unknown voice),
/// or naming the helper when it is missing, crashes or writes what it should not.
Synthesised espeak_speak(const Script& script, const std::string& voice, int rate);

} // namespace reel::sound
