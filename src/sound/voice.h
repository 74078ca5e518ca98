// Voice-over lines made audible: the text taken apart into words and bookmarks, spoken by
// espeak-ng (through the reel-espeak program, sound/espeak.h) or another engine's command, or
// read from a recording; each with the times of its bookmarks and words. Spoken lines are cached
// on disk by text, voice and rate, so a scene recorded again speaks nothing and plays the same
// samples.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "reel/sound.h"

namespace reel::sound {

/// A voice-over text taken apart: `Each <bookmark mark='a'/> word` gives the words
/// {"Each", "word"} and the mark "a" before word 1.
struct Script {
    struct Mark {
        std::string name;
        std::size_t before_word = 0; ///< index of the word after it (words.size() at the end)
    };
    std::vector<std::string> words;
    std::vector<Mark> marks;
    /// The words joined by single spaces: the text as spoken (and subtitled).
    std::string spoken() const;
};

/// Parses `<bookmark mark='name'/>` (either quote) out of `text`; throws std::invalid_argument
/// for a malformed bookmark tag, an empty or repeated mark name.
Script parse_script(std::string_view text);

/// A line made audible, its times relative to its own start (seconds at 48 kHz).
struct SpokenLine {
    std::string path;                ///< the file to play (the cache's WAV, or the recording)
    std::int64_t frames = 0;         ///< its length at 48 kHz
    int rate = 0;                    ///< its own sample rate
    std::vector<double> mark_times;  ///< per Script::marks
    std::vector<std::pair<double, double>> word_times; ///< (start, end) per Script::words
    VoiceTiming timing = VoiceTiming::Speech;
    std::string voice;               ///< "espeak-ng en-us 175 wpm", "command: ...", "recording ..."
    std::string sidecar;             ///< the timing file read, "" if none
};

/// Speaks the line with espeak-ng or `speech.command` (the caller fills in the defaults),
/// through the disk cache. Throws std::runtime_error for an unknown voice, a rate out of range, a
/// failing command (its status and last error line) or a command that writes no readable sound.
SpokenLine speak(const Script& script, const SpeechOptions& speech);

/// A recorded line: the file checked as add_sound checks it, timed by its sidecar
/// (`<file without extension>.words.json`) when there is one, else estimated. Throws
/// std::runtime_error naming the file (or the sidecar, with what is wrong in it).
SpokenLine recorded(const Script& script, const std::string& path);

/// Where spoken lines are cached: $XDG_CACHE_HOME/reel/voice, else ~/.cache/reel/voice (when that
/// cannot be made, speak() uses $TMPDIR/reel-UID/voice).
std::string voice_cache_dir();

/// Lines spoken by an engine and lines taken from the cache, by this process so far.
struct VoiceStats {
    int spoken = 0;
    int cached = 0;
};
VoiceStats voice_stats();

/// The sidecar path of a recording: voice/03.wav -> voice/03.words.json.
std::string sidecar_path(const std::string& recording);

} // namespace reel::sound
