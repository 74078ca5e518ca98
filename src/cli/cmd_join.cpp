// reel join PART... -o OUT: the parts of a split export (reel export --part K/N) in one file,
// without re-encoding.
#include <fmt/format.h>

#include "command.h"
#include "export/export.h"

namespace reel::cli {

namespace {

struct JoinArgs {
    std::vector<std::string> parts;
    std::string output;
    bool quiet = false;
};

int run_join(const JoinArgs& a) {
    try {
        JoinResult r = join_parts(a.parts, a.output);
        fmt::print("{}\n", r.path);
        if (!a.quiet)
            fmt::print(stderr, "reel join: wrote {} ({} parts, {} frames, {:.3f} s, {} packets copied)\n", r.path,
                       r.parts, r.frames, r.duration, r.packets);
    } catch (const ExportError& e) {
        throw UsageError(e.what());
    }
    return 0;
}

} // namespace

Command add_join_command(CLI::App& root) {
    auto args = std::make_shared<JoinArgs>();
    CLI::App* app = root.add_subcommand(
        "join", "Join the parts of a split export (reel export --part K/N) into one file, without re-encoding");
    app->add_option("parts", args->parts, "The part files (any order; all N of them)")->required();
    app->add_option("-o,--output", args->output, "Output file (.mp4 or .webm, as the parts); written atomically")
        ->required();
    app->add_flag("--quiet", args->quiet, "No summary line");
    return {app, [args]() { return run_join(*args); }};
}

} // namespace reel::cli
