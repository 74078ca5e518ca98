// reel scenes: every scene with its sections, start times and durations.
#include <fmt/format.h>

#include "command.h"
#include "present/holds.h"

namespace reel::cli {

namespace {

void print_scene(const SceneInfo& info, bool segments, bool slides) {
    Timeline tl = load_timeline(info);
    fmt::print("{}{}  {:.3f} s, {} frames at {} fps  {}\n", info.name,
               info.name == default_scene()->name ? " (default)" : "", tl.duration(),
               tl.frame_count(kTimelineFps), kTimelineFps, info.description);
    for (const auto& s : tl.sections())
        fmt::print("  {:<12} start {:8.3f} s  duration {:7.3f} s\n", s.name, s.start, s.duration);
    if (slides) {
        const std::vector<Hold> holds = place_holds(tl);
        fmt::print("  {} slides ({})\n", holds.size(), tl.marks().empty() ? "one per section, by the fallback rule"
                                                                         : "from next_slide marks");
        for (std::size_t i = 0; i < holds.size(); ++i) {
            const Hold& h = holds[i];
            fmt::print("    {:2}  {:8.3f} s -> hold {:8.3f} s  {:<10} {}{}{}\n", i + 1, h.start, h.time,
                       tl.sections()[h.section].name, h.marked ? "" : "(fallback) ", h.loop ? "(loop) " : "",
                       h.notes);
        }
    }
    if (segments) {
        std::size_t i = 0;
        for (const auto& seg : tl.segments())
            fmt::print("    {:3} {:4} {:9.6f} {:9.6f}  {}\n", i++,
                       seg.kind == SegmentInfo::Kind::Play ? "play" : "wait", seg.start,
                       seg.duration, seg.description);
    }
}

// The scenes of each source under a heading of its own: the --plugin files first, then
// REEL_PLUGIN_PATH's, then the built-in ones.
int run_scenes(bool segments, bool slides) {
    load_builtin_scenes();
    scene_or_default(""); // one line when there is no scene at all
    bool first = true;
    for (const SceneSource& source : scene_sources()) {
        fmt::print("{}{}:\n", first ? "" : "\n", source.heading);
        first = false;
        for (const std::string& name : source.scenes) print_scene(*find_scene(name), segments, slides);
    }
    return 0;
}

} // namespace

Command add_scenes_command(CLI::App& root) {
    auto segments = std::make_shared<bool>(false);
    CLI::App* app = root.add_subcommand("scenes", "List every scene with its sections, start times and durations");
    auto slides = std::make_shared<bool>(false);
    app->add_flag("--segments", *segments, "Also list every recorded play and wait");
    app->add_flag("--slides", *slides, "Also list the slides: where a presentation holds, with the notes");
    return {app, [segments, slides]() { return run_scenes(*segments, *slides); }};
}

} // namespace reel::cli
