// Sounds on the timeline (DESIGN.md decision 13): a sound is data — which file, where it starts,
// how loud, which part of it plays — and the samples of any interval follow from that alone.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

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

/// Keyword arguments of Scene::add_music: a sound (a music bed) that ducks under the voice-over.
struct MusicOptions {
    /// As SoundOptions: seconds after the current time at which the music starts, and its gain.
    Seconds time_offset = 0;
    double gain_db = 0;
    /// How much quieter the music is while a voice-over line speaks (decibels, 0 or less).
    double duck_db = -12;
    /// How long the music takes to go down before a line starts and back up after it ends.
    Seconds duck_ramp = 0.25;
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
    /// The file's own sample rate, as read when it was added: the sound holds nothing above half
    /// of it (an export's AAC cutoff follows from it). 0: unknown, taken as 48 kHz.
    int source_rate = 0;
    /// Music that ducks (Scene::add_music): duck_db lower over each of duck_spans (timeline
    /// samples [from, to), the voice-over lines), reached over duck_ramp samples before a span
    /// and left over as many after it, linearly in decibels. 0 dB: no ducking.
    double duck_db = 0;
    std::int64_t duck_ramp = 0;
    std::vector<std::pair<std::int64_t, std::int64_t>> duck_spans;

    bool operator==(const Sound&) const = default;
};

/// Where a voice-over line's voice comes from, for the whole scene (Scene::set_speech) or one
/// line (VoiceoverOptions). Empty fields take the scene's setting, then the default.
struct SpeechOptions {
    /// espeak-ng's voice ("en-us", "en-gb", "de", "en-us+f3", ...); "" is "en-us".
    std::string voice;
    /// Words per minute (espeak-ng takes 80 to 450); 0 is 175.
    int rate = 0;
    /// Another speech engine: a shell command that writes a WAV file. `{out}` in it is replaced
    /// by the file to write and `{text}` by the line's text (both shell-quoted); the text also
    /// comes on standard input. "" is espeak-ng, built in. Example: "piper -m en.onnx -f {out}".
    std::string command;
};

/// Keyword arguments of Scene::voiceover.
struct VoiceoverOptions {
    /// A recorded line (any file add_sound reads) instead of speech. Its bookmarks and words are
    /// timed by a word-timing sidecar beside it when there is one (voice/03.wav ->
    /// voice/03.words.json; docs/sound.md), else estimated from the text's characters.
    std::string recording;
    /// Overrides the scene's speech settings for this line (ignored with a recording).
    std::string voice;
    int rate = 0;
    std::string command;
    /// Gain of the voice in decibels.
    double gain_db = 0;
};

/// A bookmark of a voice-over line: `<bookmark mark='name'/>` in its text.
struct VoiceoverBookmark {
    std::string mark;
    /// When the word after it starts, on the timeline (seconds).
    Seconds time = 0;
    bool operator==(const VoiceoverBookmark&) const = default;
};

/// One spoken word of a voice-over line, on the timeline (what subtitles are timed by).
struct VoiceoverWord {
    std::string text;
    Seconds start = 0;
    Seconds end = 0;
    bool operator==(const VoiceoverWord&) const = default;
};

/// How a voice-over line's bookmarks and words were timed.
enum class VoiceTiming {
    Speech,   ///< by the speech engine's own events (espeak-ng: to the sample)
    Sidecar,  ///< by a word-timing sidecar file
    Estimated ///< in proportion to the text's characters (a recording or command without a sidecar)
};

/// One voice-over line as recorded: its text, where it plays, its bookmarks and words.
struct VoiceoverLine {
    /// The text as spoken: bookmarks taken out, runs of white space made one space.
    std::string text;
    Seconds start = 0;
    Seconds duration = 0;
    std::vector<VoiceoverBookmark> bookmarks;
    std::vector<VoiceoverWord> words;
    VoiceTiming timing = VoiceTiming::Speech;
    /// Where the voice came from: "espeak-ng en-us 175 wpm", "recording voice/03.wav",
    /// "command: ...".
    std::string voice;
    /// The index of its sound in Timeline::sounds().
    std::size_t sound = 0;
    bool operator==(const VoiceoverLine&) const = default;
};

} // namespace reel
