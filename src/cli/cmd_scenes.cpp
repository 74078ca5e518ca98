// reel scenes: every scene with its sections, start times and durations.
#include <fmt/format.h>

#include "command.h"

namespace reel::cli {

namespace {

int run_scenes(bool segments) {
    for (const auto& info : scene_registry()) {
        Timeline tl = load_timeline(info);
        fmt::print("{}{}  {:.3f} s, {} frames at {} fps  {}\n", info.name,
                   &info == default_scene() ? " (default)" : "", tl.duration(),
                   tl.frame_count(kTimelineFps), kTimelineFps, info.description);
        for (const auto& s : tl.sections())
            fmt::print("  {:<12} start {:8.3f} s  duration {:7.3f} s\n", s.name, s.start, s.duration);
        if (segments) {
            std::size_t i = 0;
            for (const auto& seg : tl.segments())
                fmt::print("    {:3} {:4} {:9.6f} {:9.6f}  {}\n", i++,
                           seg.kind == SegmentInfo::Kind::Play ? "play" : "wait", seg.start,
                           seg.duration, seg.description);
        }
    }
    return 0;
}

} // namespace

Command add_scenes_command(CLI::App& root) {
    auto segments = std::make_shared<bool>(false);
    CLI::App* app = root.add_subcommand("scenes", "List every scene with its sections, start times and durations");
    app->add_flag("--segments", *segments, "Also list every recorded play and wait");
    return {app, [segments]() { return run_scenes(*segments); }};
}

} // namespace reel::cli
