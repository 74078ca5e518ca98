// Chapters: the timeline's sections as the chapters of a file, in WebVTT, and in a muxer.
#include "chapters.h"

#include <algorithm>
#include <cmath>
#include <new>

#include <fmt/format.h>

namespace reel {

std::vector<Chapter> chapters_of(const Timeline& timeline, Seconds from, Seconds to) {
    std::vector<Chapter> out;
    for (const Section& s : timeline.sections()) {
        const Seconds a = std::max(s.start, from), b = std::min(s.start + s.duration, to);
        if (b - a < 1e-3) continue;
        out.push_back({s.name, a - from, b - from});
    }
    return out;
}

std::string webvtt_chapters(const std::vector<Chapter>& chapters) {
    auto stamp = [](Seconds t) {
        const long long ms = std::llround(std::max(t, 0.0) * 1000.0);
        return fmt::format("{:02d}:{:02d}:{:02d}.{:03d}", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60, ms % 1000);
    };
    std::string out = "WEBVTT\n";
    for (std::size_t i = 0; i < chapters.size(); ++i) {
        // A cue's text may not contain "-->" or a blank line; a title is one line.
        std::string title = chapters[i].title;
        for (char& ch : title)
            if (ch == '\n' || ch == '\r') ch = ' ';
        for (std::size_t p; (p = title.find("-->")) != std::string::npos;) title.replace(p, 3, "\u2192");
        out += fmt::format("\n{}\n{} --> {}\n{}\n", i + 1, stamp(chapters[i].start), stamp(chapters[i].end),
                           title.empty() ? fmt::format("Chapter {}", i + 1) : title);
    }
    return out;
}

void attach_chapters(AVFormatContext& f, const std::vector<Chapter>& chapters) {
    for (std::size_t i = 0; i < chapters.size(); ++i) {
        auto** grown = static_cast<AVChapter**>(av_realloc_array(f.chapters, f.nb_chapters + 1, sizeof(AVChapter*)));
        if (!grown) throw std::bad_alloc();
        f.chapters = grown;
        auto* c = static_cast<AVChapter*>(av_mallocz(sizeof(AVChapter)));
        if (!c) throw std::bad_alloc();
        f.chapters[f.nb_chapters++] = c;
        c->id = static_cast<std::int64_t>(i + 1);
        c->time_base = AVRational{1, 1000};
        c->start = std::llround(chapters[i].start * 1000.0);
        c->end = std::llround(chapters[i].end * 1000.0);
        if (av_dict_set(&c->metadata, "title", chapters[i].title.c_str(), 0) < 0) throw std::bad_alloc();
    }
}

} // namespace reel
