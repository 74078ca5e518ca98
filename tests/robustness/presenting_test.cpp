// Issue 22, row 8, through the real binary on a real X server (Xvfb, no window manager): what a
// presenter sees in the title bar. In the "C" locale (no LANG: a service, a container) the
// title's "—" reached the X server as Latin-1 "â" plus two control characters, and the UTF-8
// title (_NET_WM_NAME) was never set.
#include <chrono>
#include <csignal>
#include <filesystem>
#include <string>
#include <thread>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "support/run_reel.h"

namespace fs = std::filesystem;
using reel::test::shell_output;

namespace {


// An X server of this test's own on the first free display from :90.
class Xvfb {
public:
    Xvfb() {
        for (int n = 90; n < 140; ++n) {
            const fs::path socket = fmt::format("/tmp/.X11-unix/X{}", n);
            if (fs::exists(fmt::format("/tmp/.X{}-lock", n)) || fs::exists(socket)) continue;
            display_ = fmt::format(":{}", n);
            pid_ = fork();
            if (pid_ == 0) {
                execlp("Xvfb", "Xvfb", display_.c_str(), "-screen", "0", "1280x800x24", "-nolisten", "tcp",
                       static_cast<char*>(nullptr));
                _exit(127);
            }
            for (int i = 0; i < 200 && !fs::exists(socket); ++i)
                std::this_thread::sleep_for(std::chrono::milliseconds(25));
            if (fs::exists(socket)) return;
            stop();
        }
        display_.clear();
    }
    ~Xvfb() { stop(); }
    const std::string& display() const { return display_; }

private:
    void stop() {
        if (pid_ > 0) {
            ::kill(pid_, SIGTERM);
            ::waitpid(pid_, nullptr, 0);
            pid_ = -1;
        }
    }
    std::string display_;
    pid_t pid_ = -1;
};

TEST(Presenting, WindowTitlesKeepTheirDashInTheCLocale) {
    Xvfb x;
    ASSERT_FALSE(x.display().empty()) << "cannot start Xvfb (package xvfb)";
    const fs::path dir = fs::path(REEL_TEST_OUTPUT_DIR) / "presenting_title";
    fs::remove_all(dir);
    fs::create_directories(dir);
    reel::test::Child reel = reel::test::start(reel::test::Spawn{
        {REEL_BINARY, "play", "--plugin", std::string(REEL_LIVE_HOSTILE_DIR) + "/live_blue.so", "--paused", "--at", "1",
         "--screenshot", (dir / "shot.png").string(), "--after-ms", "8000"},
        dir / "reel.stdout",
        dir / "reel.stderr",
        {},
        // (ctest makes every test headless with SDL_VIDEODRIVER=dummy: this one is not.)
        {{"DISPLAY", x.display()}, {"SDL_VIDEODRIVER", "x11"}, {"SDL_AUDIODRIVER", "dummy"}, {"XDG_CACHE_HOME", (dir / "cache").string()}},
        [] {
            for (const char* var : {"LANG", "LC_ALL", "LC_CTYPE", "LANGUAGE"}) ::unsetenv(var);
        }});
    // The window's own title, as the X server holds it (xprop prints UTF-8 as octal escapes in
    // the C locale).
    std::string title;
    for (int i = 0; i < 300 && title.find("live") == std::string::npos; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
        const std::string tree = shell_output(fmt::format("xwininfo -display {} -root -tree 2>/dev/null", x.display()));
        const std::size_t at = tree.find("\"live");
        if (at == std::string::npos) continue;
        // The line "     0x200008 "live — ...": the window's id is its first word.
        const std::size_t newline = tree.rfind('\n', at);
        const std::size_t line = newline == std::string::npos ? 0 : newline + 1;
        const std::size_t id_at = tree.find("0x", line);
        if (id_at == std::string::npos || id_at > at) continue;
        const std::string id = tree.substr(id_at, tree.find(' ', id_at) - id_at);
        title = shell_output(
            fmt::format("LC_ALL=C xprop -display {} -id {} -notype _NET_WM_NAME WM_NAME 2>/dev/null", x.display(), id));
    }
    ::kill(reel.pid, SIGTERM);
    reel::test::finish(reel);
    EXPECT_NE(title.find("_NET_WM_NAME = \"live \\342\\200\\224 main \\342\\200\\224 0:01.0 / 0:03.0\""), std::string::npos)
        << title;
    EXPECT_EQ(title.find("\xc3\xa2"), std::string::npos) << "a Latin-1 \"â\" in the title: " << title;
}

} // namespace
