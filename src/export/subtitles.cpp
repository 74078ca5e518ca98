#include "subtitles.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>

#include <fmt/format.h>

namespace reel {

namespace {

// Characters (code points) of UTF-8 text: what the 42-character rule counts.
std::size_t chars(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

// The word without closing quotes and brackets: where its punctuation is.
std::string_view bare(const std::string& w) {
    std::string_view v(w);
    while (!v.empty() && (v.back() == '"' || v.back() == '\'' || v.back() == ')' || v.back() == ']')) v.remove_suffix(1);
    // Closing curly quotes (U+2019, U+201D).
    while (v.size() >= 3 && (v.ends_with("\u2019") || v.ends_with("\u201d"))) v.remove_suffix(3);
    return v;
}

bool ends_sentence(const std::string& w) {
    const std::string_view v = bare(w);
    return !v.empty() && (v.back() == '.' || v.back() == '!' || v.back() == '?' || v.ends_with("\u2026"));
}

bool ends_clause(const std::string& w) {
    const std::string_view v = bare(w);
    return !v.empty() && (v.back() == ',' || v.back() == ';' || v.back() == ':' || v.ends_with("\u2014") ||
                          v.ends_with("\u2013") || w == "-" || w == "--");
}

using Words = std::vector<const VoiceoverWord*>;

std::size_t length(const Words& w, std::size_t from, std::size_t to) {
    std::size_t n = 0;
    for (std::size_t i = from; i < to; ++i) n += chars(w[i]->text) + (i > from ? 1 : 0);
    return n;
}

// Where a cue's second line starts (0: one line), or -1 when the words do not fit in 2 lines.
long line_break(const Words& w) {
    const auto max = static_cast<std::size_t>(kSubtitleLineChars);
    if (length(w, 0, w.size()) <= max) return 0;
    long best = -1;
    long best_clause = -1;
    std::size_t best_gap = 0, best_clause_gap = 0;
    for (std::size_t k = 1; k < w.size(); ++k) {
        const std::size_t a = length(w, 0, k), b = length(w, k, w.size());
        if (a > max || b > max) continue;
        const std::size_t gap = a > b ? a - b : b - a;
        if (best < 0 || gap < best_gap) best = static_cast<long>(k), best_gap = gap;
        if (ends_clause(w[k - 1]->text) && (best_clause < 0 || gap < best_clause_gap))
            best_clause = static_cast<long>(k), best_clause_gap = gap;
    }
    // A clause boundary reads better than the most even cut, unless it leaves the lines very uneven.
    if (best_clause >= 0 && best_clause_gap <= max / 2) return best_clause;
    return best;
}

bool fits(const Words& w) { return w.size() <= 1 || line_break(w) >= 0; }

std::string cue_text(const Words& w) {
    const long k = line_break(w);
    std::string s;
    for (std::size_t i = 0; i < w.size(); ++i) {
        if (i > 0) s += (k > 0 && i == static_cast<std::size_t>(k)) ? '\n' : ' ';
        s += w[i]->text;
    }
    return s;
}

std::string clock(Seconds t, char separator) {
    const auto ms = static_cast<std::int64_t>(std::llround(std::max(0.0, t) * 1000));
    return fmt::format("{:02}:{:02}:{:02}{}{:03}", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60, separator, ms % 1000);
}

// Each cue held on after its last word until the next cue or 0.5 s more, whichever comes first.
void hold(std::vector<SubtitleCue>& cues) {
    for (std::size_t i = 0; i < cues.size(); ++i) {
        const Seconds held = cues[i].end + 0.5;
        cues[i].end = i + 1 < cues.size() ? std::max(cues[i].end, std::min(held, cues[i + 1].start)) : held;
    }
}

// A line's cues, from its first word's start to its last word's end.
std::vector<SubtitleCue> word_timed_cues(const VoiceoverLine& line) {
    std::vector<Words> groups;
    Words cur;
    const std::size_t fair = kSubtitleLineChars / 2; // a cut at a clause keeps at least this much before it
    for (const VoiceoverWord& word : line.words) {
        Words next = cur;
        next.push_back(&word);
        if (fits(next)) {
            cur = std::move(next);
        } else {
            std::size_t cut = cur.size();
            for (std::size_t j = cur.size(); j-- > 1;)
                if (ends_clause(cur[j - 1]->text) && length(cur, 0, j) >= fair) {
                    cut = j;
                    break;
                }
            groups.emplace_back(cur.begin(), cur.begin() + static_cast<long>(cut));
            Words rest(cur.begin() + static_cast<long>(cut), cur.end());
            rest.push_back(&word);
            if (!fits(rest)) {
                rest.pop_back();
                groups.push_back(rest);
                rest = {&word};
            }
            cur = std::move(rest);
        }
        if (ends_sentence(word.text)) groups.push_back(std::exchange(cur, {}));
    }
    if (!cur.empty()) groups.push_back(cur);

    std::vector<SubtitleCue> cues;
    for (const Words& g : groups)
        if (!g.empty()) cues.push_back({g.front()->start, g.back()->end, cue_text(g)});
    return cues;
}

// SubRip has no escapes: players read <b>, <i>, <u>, <s>, <font> as markup (FFmpeg's decoder,
// which mpv uses, also any "< word ... >", and drops tags it does not know, "<token>" included),
// and "&lt;" shows as it is written there. A word joiner (U+2060: drawn as nothing, no line
// break) after '<' makes it start no tag.
std::string srt_text(const std::string& text) {
    std::string out;
    for (char c : text) {
        out += c;
        if (c == '<') out += "\u2060";
    }
    return out;
}

} // namespace

std::vector<SubtitleCue> subtitle_cues(const VoiceoverLine& line) {
    std::vector<SubtitleCue> cues = word_timed_cues(line);
    hold(cues);
    return cues;
}

std::vector<SubtitleCue> subtitle_cues(const Timeline& timeline, Seconds from, Seconds to) {
    std::vector<SubtitleCue> all;
    for (const VoiceoverLine& line : timeline.voiceovers())
        for (SubtitleCue& c : word_timed_cues(line)) all.push_back(std::move(c));
    std::stable_sort(all.begin(), all.end(), [](const SubtitleCue& a, const SubtitleCue& b) { return a.start < b.start; });
    hold(all); // a line's last cue is held on no further than the next line's first
    std::vector<SubtitleCue> out;
    for (const SubtitleCue& c : all) {
        const Seconds a = std::max(c.start, from), b = std::min({c.end, to, timeline.duration()});
        if (b - a < 0.001) continue;
        out.push_back({a - from, b - from, c.text});
    }
    return out;
}

std::string srt_subtitles(const std::vector<SubtitleCue>& cues) {
    std::string s;
    for (std::size_t i = 0; i < cues.size(); ++i)
        s += fmt::format("{}\n{} --> {}\n{}\n\n", i + 1, clock(cues[i].start, ','), clock(cues[i].end, ','),
                         srt_text(cues[i].text));
    return s;
}

std::string webvtt_subtitles(const std::vector<SubtitleCue>& cues) {
    std::string s = "WEBVTT\n\n";
    for (const SubtitleCue& c : cues) {
        std::string text;
        for (char ch : c.text) {
            if (ch == '&') text += "&amp;";
            else if (ch == '<') text += "&lt;";
            else if (ch == '>') text += "&gt;";
            else text += ch;
        }
        s += fmt::format("{} --> {}\n{}\n\n", clock(c.start, '.'), clock(c.end, '.'), text);
    }
    return s;
}

std::int64_t part_start_ms(long first, int fps) { return std::llround(static_cast<double>(first) * 1000.0 / fps); }

std::vector<SubtitleCue> part_cues(const std::vector<SubtitleCue>& whole, long first, long end, long total, int fps) {
    // Decided on the milliseconds the encoder writes, so that every cue falls in exactly one part.
    const std::int64_t from = part_start_ms(first, fps);
    const std::int64_t to = end >= total ? std::numeric_limits<std::int64_t>::max() : part_start_ms(end, fps);
    std::vector<SubtitleCue> out;
    for (const SubtitleCue& c : whole) {
        const std::int64_t start = std::llround(c.start * 1000), stop = std::llround(c.end * 1000);
        if (start < from || start >= to) continue;
        out.push_back({static_cast<double>(start - from) / 1000.0, static_cast<double>(stop - from) / 1000.0, c.text});
    }
    return out;
}

} // namespace reel
