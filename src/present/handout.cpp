// The PDF handout: the holds paged, each with its heading and notes; the pages are drawn by the
// renderer's PDF surface (render/pdf.h).
#include "handout.h"

#include <chrono>

#include <fmt/format.h>

#include "base/clock.h"
#include "files/atomic_file.h"
#include "holds.h"
#include "render/pdf.h"

namespace reel {

ExportResult export_pdf(const Timeline& timeline, const std::string& output, const std::string& title) {
    const auto start = std::chrono::steady_clock::now();
    const std::vector<Hold> holds = place_holds(timeline);
    if (holds.empty()) throw ExportError("the scene is empty: no slide to put on a page");
    AtomicFile file(output); // checks the folder before the work
    std::vector<HandoutPage> pages;
    std::size_t last_section = static_cast<std::size_t>(-1);
    for (std::size_t i = 0; i < holds.size(); ++i) {
        const Hold& h = holds[i];
        const Seconds t = hold_picture_time(h, timeline.duration());
        HandoutPage p;
        p.frame = timeline.state_at(t);
        const std::string& section = timeline.sections()[h.section].name;
        p.heading = fmt::format("{}  \u00b7  {}", slide_heading(holds, timeline, i), format_clock(h.time));
        p.notes = h.notes;
        if (h.section != last_section) p.bookmark = section;
        last_section = h.section;
        pages.push_back(std::move(p));
    }
    std::string bytes;
    try {
        bytes = render_pdf(pages, {.title = title});
    } catch (const std::runtime_error& e) {
        throw ExportError(fmt::format("'{}': {}", output, e.what()));
    }
    file.write_all(bytes);
    file.commit();
    ExportResult r;
    r.path = output;
    r.frames = static_cast<long>(pages.size());
    r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
}

} // namespace reel
