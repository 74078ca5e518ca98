// The supervisor of `reel dev` / `play --watch` / `present --watch` and its player child: a pipe
// of status lines from the child ("at T PLAYING SPEED FULLSCREEN SLIDE" after presents, "crash TEXT"
// from the crash handler, "abandoned TEXT" for a recording that did not stop), and the restart
// of a child that died of scene code on the last good version the child kept in a folder of the
// supervisor's.
#include "supervise.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <sstream>

#include <fmt/format.h>

#include "command.h"
#include "crash.h"
#include "files/runtime.h"

namespace reel::cli {

namespace fs = std::filesystem;

namespace {

constexpr const char* kSupervisorVar = "REEL_SUPERVISOR";     // "FD:KEEP_DIR"
constexpr const char* kResumeVar = "REEL_SUPERVISOR_RESUME";  // "T PLAYING SPEED FULLSCREEN SLIDE"
constexpr const char* kErrorVar = "REEL_SUPERVISOR_ERROR";    // shown over the last good version

volatile sig_atomic_t g_child = 0;

// SIGTERM / SIGHUP to the supervisor end the player the same way (it removes its files).
extern "C" void forward_to_child(int sig) {
    if (g_child > 0) ::kill(static_cast<pid_t>(g_child), sig);
}
// Ctrl-C reaches the whole foreground group, the child included: the child decides.
extern "C" void ignore_here(int) {}

struct Lines {
    std::string at;        // the last "at" line's text
    std::string crash;     // the crash handler's message
    std::string abandoned; // a recording that did not stop
    std::string scene;     // whose code ran last: "scene 'x' (plug-in x.so)"
    bool unresponsive = false; // ended here: nothing came for too long
};

// Reads the child's status lines until it closes the pipe (it ended). A child that has shown
// something and then says nothing for kUnresponsiveLimit (a restarted one: that has shown
// nothing within kStartLimit) is killed.
Lines read_status(int fd, pid_t pid, bool restarted) {
    using clock = std::chrono::steady_clock;
    Lines got;
    std::string buffer;
    char chunk[4096];
    auto heard = clock::now();
    while (true) {
        pollfd p{fd, POLLIN, 0};
        const int ready = ::poll(&p, 1, 500);
        if (ready < 0 && errno != EINTR) break;
        if (ready <= 0) {
            const double quiet = std::chrono::duration<double>(clock::now() - heard).count();
            const double limit = got.at.empty() ? (restarted ? kStartLimit : -1) : kUnresponsiveLimit;
            if (limit > 0 && quiet > limit && !got.unresponsive) {
                got.unresponsive = true;
                ::kill(pid, SIGKILL);
            }
            continue;
        }
        const ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        heard = clock::now();
        buffer.append(chunk, static_cast<std::size_t>(n));
        for (std::size_t nl; (nl = buffer.find('\n')) != std::string::npos; buffer.erase(0, nl + 1)) {
            const std::string line = buffer.substr(0, nl);
            const std::size_t space = line.find(' ');
            const std::string kind = line.substr(0, space);
            const std::string text = space == std::string::npos ? std::string() : line.substr(space + 1);
            if (kind == "at") got.at = text;
            else if (kind == "crash") got.crash = text;
            else if (kind == "abandoned") got.abandoned = text;
            else if (kind == "scene") got.scene = text;
        }
    }
    return got;
}

std::string signal_name(int sig) {
    const char* d = ::strsignal(sig);
    return d ? d : fmt::format("signal {}", sig);
}

} // namespace

bool runs_supervised(const std::string& command, bool watch) {
    return command == "dev" || ((command == "play" || command == "present") && watch);
}

void write_status(int fd, const char* kind, const char* text) noexcept {
    if (fd < 0) return;
    char line[4096];
    std::size_t n = 0;
    for (const char* s : {kind, " ", text})
        for (; s && *s && n + 2 < sizeof line; ++s) line[n++] = *s == '\n' ? ' ' : *s;
    line[n++] = '\n';
    for (std::size_t done = 0; done < n;) {
        const ssize_t w = ::write(fd, line + done, n - done);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return;
        done += static_cast<std::size_t>(w);
    }
}

ReportingSource::~ReportingSource() { stop_ticking(); }

void ReportingSource::stop_ticking() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
        wake_ = nullptr;
    }
    cv_.notify_all();
    if (ticker_.joinable()) ticker_.join();
}

void ReportingSource::connect(std::function<void()> wake) {
    stop_ticking();
    if (wake && fd_ >= 0) {
        {
            std::lock_guard lock(mutex_);
            stop_ = false;
            wake_ = wake;
        }
        ticker_ = std::thread([this] {
            std::unique_lock lock(mutex_);
            while (!cv_.wait_for(lock, std::chrono::seconds(1), [this] { return stop_; }))
                if (wake_) wake_();
        });
    }
    inner_.connect(std::move(wake));
}

const Timeline* ReportingSource::poll(std::string& error) {
    const Seconds now =
        std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
    if (now - last_alive_ >= 1.0) {
        write_status(fd_, "alive", "");
        last_alive_ = now;
    }
    return inner_.poll(error);
}

void ReportingSource::showing(const PlayerController& c, Seconds now) {
    inner_.showing(c, now);
    if (fd_ < 0) return;
    const std::string flags =
        fmt::format("{} {:g} {} {}", c.playing() ? 1 : 0, c.speed(), c.fullscreen() ? 1 : 0, c.slide());
    const std::string line = fmt::format("{:.6f} {}", c.time(now), flags);
    if (line == last_) return;
    // While playing, every present moves the time: twenty lines a second are enough to start
    // again where it was.
    const bool same_flags = last_.size() > flags.size() && last_.ends_with(flags);
    if (same_flags && now - last_sent_ < 0.05) return;
    write_status(fd_, "at", line.c_str());
    last_ = line;
    last_sent_ = now;
}

const std::optional<SupervisedChild>& supervised_child() {
    static const std::optional<SupervisedChild> child = [] {
        std::optional<SupervisedChild> c;
        const char* sup = std::getenv(kSupervisorVar);
        if (sup && *sup) {
            const std::string text = sup;
            const std::size_t colon = text.find(':');
            if (colon != std::string::npos) {
                SupervisedChild s;
                s.status_fd = std::atoi(text.substr(0, colon).c_str());
                s.keep_dir = text.substr(colon + 1);
                // Builds and voice engines the player starts must not hold the pipe open.
                if (::fcntl(s.status_fd, F_SETFD, FD_CLOEXEC) != 0) s.status_fd = -1;
                if (const char* resume = std::getenv(kResumeVar); resume && *resume) {
                    std::istringstream in(resume);
                    int playing = 1, fullscreen = 0;
                    in >> s.at >> playing >> s.speed >> fullscreen >> s.slide;
                    s.restarted = !in.fail() && std::isfinite(s.at);
                    s.playing = playing != 0;
                    s.fullscreen = fullscreen != 0;
                    if (const char* error = std::getenv(kErrorVar)) s.error = error;
                }
                c = s;
            }
        }
        for (const char* var : {kSupervisorVar, kResumeVar, kErrorVar}) ::unsetenv(var);
        return c;
    }();
    return child;
}

int supervise(int argc, char** argv) {
    (void)argc;
    const fs::path keep = fs::path(runtime_folder()) / ("live-" + process_tag());
    std::error_code ec;
    fs::create_directory(keep, ec);
    if (ec) throw UsageError(fmt::format("cannot make the folder {}: {}", keep.string(), ec.message()));
    register_temporary(keep.string(), TempKind::Folder);
    struct RemoveKeep {
        const fs::path& dir;
        ~RemoveKeep() {
            std::error_code e;
            fs::remove_all(dir, e);
            forget_temporary(dir.string());
        }
    } remove_keep{keep};

    struct sigaction forward {}, ignore {};
    forward.sa_handler = forward_to_child;
    sigemptyset(&forward.sa_mask);
    ignore.sa_handler = ignore_here;
    sigemptyset(&ignore.sa_mask);
    ::sigaction(SIGTERM, &forward, nullptr);
    ::sigaction(SIGHUP, &forward, nullptr);
    ::sigaction(SIGINT, &ignore, nullptr);

    std::string resume;     // "T PLAYING SPEED FULLSCREEN SLIDE" for a restart
    std::string resume_error;
    bool fell_back = false; // this restart already went back to previous-good.so
    while (true) {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0)
            throw UsageError(fmt::format("cannot make a pipe for the player: {}", std::strerror(errno)));
        const std::string sup = fmt::format("{}:{}", fds[1], keep.string());
        const pid_t self = ::getpid();
        const pid_t pid = ::fork();
        if (pid < 0) throw UsageError(fmt::format("cannot start the player: {}", std::strerror(errno)));
        if (pid == 0) {
            // A supervisor killed outright (SIGKILL) takes its player with it.
            ::prctl(PR_SET_PDEATHSIG, SIGTERM);
            if (::getppid() != self) ::_exit(1);
            ::fcntl(fds[1], F_SETFD, 0);
            ::setenv(kSupervisorVar, sup.c_str(), 1);
            if (!resume.empty()) {
                ::setenv(kResumeVar, resume.c_str(), 1);
                ::setenv(kErrorVar, resume_error.c_str(), 1);
            }
            ::execv("/proc/self/exe", argv);
            write_error_line("cannot start the player (exec of /proc/self/exe failed)");
            ::_exit(127);
        }
        g_child = pid;
        ::close(fds[1]);
        const Lines got = read_status(fds[0], pid, !resume.empty());
        ::close(fds[0]);
        int ws = 0;
        while (::waitpid(pid, &ws, 0) < 0 && errno == EINTR) {
        }
        g_child = 0;
        const int status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
        std::string why;
        if (got.unresponsive) {
            why = fmt::format("The player stopped responding\n{} drawing the picture did not return within {:g} s "
                              "(an updater that never ends?)",
                              got.scene.empty() ? std::string("scene code") : got.scene,
                              got.at.empty() ? kStartLimit : kUnresponsiveLimit);
        } else if (!got.crash.empty()) {
            why = "Scene code crashed\n" + got.crash;
        } else if (WIFEXITED(ws) && status == kAbandonedStatus && !got.abandoned.empty()) {
            why = "Reload failed\n" + got.abandoned;
        } else if (WIFSIGNALED(ws) && WTERMSIG(ws) != SIGINT && WTERMSIG(ws) != SIGTERM && WTERMSIG(ws) != SIGHUP) {
            why = fmt::format("The player was killed: {}{}", signal_name(WTERMSIG(ws)),
                              WTERMSIG(ws) == SIGKILL ? " (out of memory?)" : "");
        }
        if (why.empty()) return status; // it quit, or ended with its own message
        if (got.at.empty()) {
            // A restart that died before it showed anything: the last good version fails at
            // this moment too (an updater); the version before it, once.
            if (!resume.empty() && !fell_back && fs::exists(keep / "previous-good.so", ec)) {
                fs::rename(keep / "previous-good.so", keep / "last-good.so", ec);
                fell_back = true;
                note(fmt::format("{}: the last good version failed too ({}); showing the one before it\n",
                                 command_label(), why.substr(0, why.find('\n'))));
                continue;
            }
            // Nothing shown yet (the first version, or a restart that died again): nothing to go back to.
            if (got.crash.empty() && got.abandoned.empty()) write_error_line(why.substr(why.find('\n') + 1).c_str());
            return status == 0 ? 1 : status;
        }
        if (!fs::exists(keep / "last-good.so", ec)) return status == 0 ? 1 : status;
        fell_back = false;
        resume = got.at;
        resume_error = why;
        std::istringstream in(got.at);
        double t = 0;
        in >> t;
        note(fmt::format("{}: the player ended ({}); showing the last good version again at t = {:.3f} s\n",
                         command_label(), why.substr(0, why.find('\n')), t));
    }
}

} // namespace reel::cli
