// Subtitles from the voice-over lines: each line cut into cues at sentence and clause
// boundaries, at most 2 lines of 42 characters (the broadcast rule), each cue timed by its words;
// written as SRT or WebVTT files, or as a soft track in MP4 (mov_text) and WebM (WebVTT).
#pragma once

#include <string>
#include <vector>

#include "timeline/timeline.h"

namespace reel {

/// One subtitle: its text (one or two lines, '\n' between them) and when it shows.
struct SubtitleCue {
    Seconds start = 0;
    Seconds end = 0;
    std::string text;
    bool operator==(const SubtitleCue&) const = default;
};

/// At most this many characters on a subtitle line, and this many lines in a cue.
inline constexpr int kSubtitleLineChars = 42;
inline constexpr int kSubtitleLines = 2;

/// The cues of one voice-over line, in timeline seconds: a sentence starts a new cue; a cue
/// that would not fit is cut at its last clause boundary (, ; : or a dash) when that leaves a
/// fair part before it, else before the word that does not fit. A cue shows from its first
/// word's start to its last word's end, held on until the next cue or 0.5 s more, whichever
/// comes first. A word longer than a line stands alone.
std::vector<SubtitleCue> subtitle_cues(const VoiceoverLine& line);

/// The cues of every voice-over line that overlap [from, to), clipped to it and in seconds of
/// a file starting at `from` (cues shorter than a millisecond in it are left out).
std::vector<SubtitleCue> subtitle_cues(const Timeline& timeline, Seconds from, Seconds to);

/// Where the part of a split export that starts at frame `first` (at `fps`) starts, in whole
/// milliseconds: subtitle times are milliseconds, and the parts and join_parts round alike.
std::int64_t part_start_ms(long first, int fps);

/// The cues of the part holding frames [first, end) of a split export of `total` frames at
/// `fps`: those of the whole export (`whole`, in its time) that start in the part, whole (a cue
/// may run past the part's end), in the part's time. join_parts moves each back by
/// part_start_ms(first, fps), so the joined file has exactly the whole export's cues.
std::vector<SubtitleCue> part_cues(const std::vector<SubtitleCue>& whole, long first, long end, long total, int fps);

/// SubRip: numbered cues, HH:MM:SS,mmm times; the text shows as it is (a word joiner, U+2060,
/// after each '<', so that "<s>" is not read as markup).
std::string srt_subtitles(const std::vector<SubtitleCue>& cues);
/// WebVTT: "WEBVTT", HH:MM:SS.mmm times.
std::string webvtt_subtitles(const std::vector<SubtitleCue>& cues);

} // namespace reel
