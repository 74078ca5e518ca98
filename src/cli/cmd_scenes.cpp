// reel scenes: every scene with its sections, start times and durations.
#include <cerrno>
#include <cstdio>
#include <cstring>

#include <csignal>

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

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
    for (const VoiceoverLine& v : tl.voiceovers()) {
        const char* timing = v.timing == VoiceTiming::Speech    ? "timed by the speech engine"
                             : v.timing == VoiceTiming::Sidecar ? "timed by its word-timing sidecar"
                                                                : "bookmarks and words estimated (no word-timing sidecar)";
        fmt::print("  voice-over   start {:8.3f} s  duration {:7.3f} s  {}, {}: \"{}\"\n", v.start, v.duration, v.voice,
                   timing, v.text);
        for (const VoiceoverBookmark& b : v.bookmarks) fmt::print("    bookmark {:<12} {:8.3f} s\n", b.mark, b.time);
    }
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

// A child's exit status for "standard output was lost" (64 + errno, below 128): the parent
// names it. From 128 on, a crash handler's 128 + signal.
constexpr int kStdoutLost = 64;

// Records and prints one scene in a child process: scene code that crashes, aborts or
// overflows its stack takes the child down, not the listing. Returns "" when the scene was
// listed, else why it was not (the child's error line, which it forwards to stderr).
std::string print_scene_apart(const SceneInfo& info, bool segments, bool slides) {
    std::fflush(stdout);
    std::fflush(stderr);
    int err[2];
    if (::pipe2(err, O_CLOEXEC) != 0) throw UsageError(fmt::format("cannot list scenes: {}", std::strerror(errno)));
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(err[0]);
        ::close(err[1]);
        throw UsageError(fmt::format("cannot list scenes: {}", std::strerror(errno)));
    }
    if (pid == 0) {
        // A scene that never ends must not outlive a listing killed with SIGKILL.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() == 1) ::_exit(1);
        ::dup2(err[1], 2);
        int status = 0;
        try {
            print_scene(info, segments, slides);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "reel scenes: error: %s\n", e.what());
            status = 1;
        }
        if (std::fflush(stdout) != 0 || std::ferror(stdout)) status = kStdoutLost + (errno > 0 && errno < 64 ? errno : EIO);
        std::fflush(stderr);
        ::_exit(status);
    }
    ::close(err[1]);
    std::string text;
    char buf[4096];
    for (ssize_t n; (n = ::read(err[0], buf, sizeof buf)) != 0;) {
        if (n < 0 && errno == EINTR && stop_requested()) {
            // Ctrl-C or SIGTERM: the scene being recorded may never return; end it here.
            ::kill(pid, SIGKILL);
            ::close(err[0]);
            while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
            }
            throw stopped_error(fmt::format("the listing ended at scene '{}'", info.name));
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) break;
        text.append(buf, static_cast<std::size_t>(n));
    }
    ::close(err[0]);
    int ws = 0;
    while (::waitpid(pid, &ws, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(ws) && WEXITSTATUS(ws) >= kStdoutLost && WEXITSTATUS(ws) < 128)
        throw UsageError(fmt::format("cannot write to standard output: {}", std::strerror(WEXITSTATUS(ws) - kStdoutLost)));
    std::fputs(text.c_str(), stderr);
    if (WIFEXITED(ws) && WEXITSTATUS(ws) == 0) return {};
    // The reason: the child's last error line, without "reel scenes: error: ".
    const std::string mark = "error: ";
    std::size_t at = text.rfind(mark);
    if (at == std::string::npos)
        return WIFSIGNALED(ws) ? fmt::format("ended by signal {}", WTERMSIG(ws)) : "failed";
    std::string reason = text.substr(at + mark.size());
    if (std::size_t nl = reason.find('\n'); nl != std::string::npos) reason.resize(nl);
    return reason;
}

// The scenes of each source under a heading of its own: the --plugin files first, then
// REEL_PLUGIN_PATH's, then the built-in ones. A scene that fails to record is marked, and the
// others are still listed; the status is then 1.
int run_scenes(bool segments, bool slides) {
    // Without it Ctrl-C or SIGTERM killed the listing where it stood, and the journal of its
    // plug-in copies stayed in the runtime folder.
    StopSignals stop;
    load_builtin_scenes();
    scene_or_default(""); // one line when there is no scene at all
    bool first = true;
    int broken = 0;
    for (const SceneSource& source : scene_sources()) {
        fmt::print("{}{}:\n", first ? "" : "\n", source.heading);
        first = false;
        for (const std::string& name : source.scenes) {
            if (stop_requested()) throw stopped_error(fmt::format("the listing ended before scene '{}'", name));
            const std::string why = print_scene_apart(*find_scene(name), segments, slides);
            if (why.empty()) continue;
            fmt::print("{}  BROKEN: {}\n", name, why);
            ++broken;
        }
    }
    return broken ? 1 : 0;
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
