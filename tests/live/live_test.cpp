// Live reload through the live/ module's API, without the reel binary or a window: a LiveScene
// keeps the last good version; a LiveSession notices a new plug-in, waits out a plug-in still
// being written (the linker's race), publishes the new timeline to what polls it (the player's
// controller keeps its time), and publishes failures over the kept picture.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "live/build.h"
#include "live/scene.h"
#include "live/session.h"
#include "live/watch.h"
#include "live_support.h"
#include "player/overlay.h"
#include "player/player.h"
#include "render/render.h"
#include "text/fonts.h"

namespace reel {
namespace {

// Live reload: a new version replaces the timeline; a version that throws while recording, or
// fails to load, keeps the last good one and says why; the next good one clears the error.
TEST(LiveReload, KeepsTheLastGoodVersionOnFailure) {
    fs::path d = fresh_dir("live");
    const fs::path file = d / "scene.so";
    install_as(plugin("test_live_blue"), file);
    LiveScene live(file.string(), "");
    ASSERT_TRUE(live.reload()) << live.error();
    const Timeline* blue = live.timeline();
    EXPECT_EQ(live.scene_name(), "live");
    // What `reel dev` reports of a reload: both stages took time, on the clock and on the CPU.
    EXPECT_GT(live.times().load, 0.0);
    EXPECT_GT(live.times().load_cpu, 0.0);
    EXPECT_GT(live.times().record, 0.0);
    EXPECT_GT(live.times().record_cpu, 0.0);
    EXPECT_LT(live.times().record_cpu, 10.0);
    const Image blue_pic = picture(*blue, 1.5);

    install_as(plugin("test_live_red"), file);
    ASSERT_TRUE(live.reload()) << live.error();
    const Timeline* red = live.timeline();
    ASSERT_NE(red, blue);
    EXPECT_GT(differing(picture(*red, 1.5), blue_pic, 0, 180), 0.1) << "the rebuilt plug-in is really new";
    const Image red_pic = picture(*red, 1.5);

    install_as(plugin("test_live_throws"), file);
    EXPECT_FALSE(live.reload());
    EXPECT_NE(live.error().find("scene 'live' (plug-in "), std::string::npos) << live.error();
    EXPECT_NE(live.error().find(" failed to record: boom at 2 s"), std::string::npos)
        << live.error();
    EXPECT_EQ(live.timeline(), red);
    EXPECT_EQ(differing(picture(*live.timeline(), 1.5), red_pic, 0, 180), 0.0);

    std::ofstream(file, std::ios::trunc) << "half-written\n";
    EXPECT_FALSE(live.reload());
    EXPECT_NE(live.error().find("is not a Reel plug-in"), std::string::npos) << live.error();
    EXPECT_EQ(live.timeline(), red);

    install_as(plugin("test_live_blue"), file);
    ASSERT_TRUE(live.reload());
    EXPECT_TRUE(live.error().empty());
    EXPECT_EQ(differing(picture(*live.timeline(), 1.5), blue_pic, 0, 180), 0.0);
    EXPECT_EQ(live.generation(), 3u);
}

// A build's CPU time (what `reel dev` reports) counts the compiler, not only `cmake --build`:
// the processes the command waited for.
TEST(LiveBuild, CommandCpuTimeCountsTheProcessesItWaitedFor) {
    const CommandResult idle = run_command({"sleep", "0.2"});
    ASSERT_TRUE(idle.ok);
    EXPECT_LT(idle.cpu_seconds, 0.1);
    const CommandResult busy =
        run_command({"sh", "-c", "sh -c 'i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done'"});
    ASSERT_TRUE(busy.ok) << busy.output;
    EXPECT_GT(busy.cpu_seconds, 0.05);
}

TEST(LiveReload, BuildErrorIsDrawnOverTheKeptPicture) {
    std::string font_error;
    ASSERT_TRUE(init_fonts(&font_error)) << font_error;
    fs::path d = fresh_dir("build_error");
    const fs::path file = d / "scene.so";
    install_as(plugin("test_live_blue"), file);
    LiveScene live(file.string(), "");
    ASSERT_TRUE(live.reload()) << live.error();

    PlayerSettings settings;
    settings.start = 2.5; // section "two", 0.5 s in
    settings.paused = true;
    PlayerController c(*live.timeline(), settings, 100.0);
    c.resize(640, 360, 1.0);

    // A real compiler on a source with a missing ';'.
    CommandResult build = run_command({REEL_TEST_CXX, "-fsyntax-only", "-x", "c++", REEL_TEST_BAD_SOURCE});
    ASSERT_FALSE(build.ok);
    const std::string errors = build_errors(build.output);
    EXPECT_NE(errors.find("error: expected"), std::string::npos) << errors;
    live.set_error("Build failed\n" + errors);
    c.set_error(live.error());

    const OverlayView view = c.overlay(101.0);
    EXPECT_EQ(view.error, live.error());
    EXPECT_DOUBLE_EQ(view.time, 2.5);
    // The window's picture: the kept timeline at the kept time, the panel over its top.
    const OverlayLayout& lay = c.layout();
    Image plain(lay.width, lay.height), shown(lay.width, lay.height);
    for (Image* img : {&plain, &shown})
        render_frame(c.timeline().state_at(c.time(101.0)), img->pixels.data(), lay.width, lay.height, img->stride);
    OverlayView no_bar = view;
    no_bar.bar = false;
    draw_overlay(no_bar, lay, shown.pixels.data(), shown.stride);
    const PixelRect panel = error_panel_rect(view.error, lay);
    ASSERT_GT(panel.h, 30.0);
    ASSERT_LT(panel.h, lay.height * 0.8);
    const int bottom = static_cast<int>(panel.y + panel.h);
    EXPECT_GT(differing(shown, plain, 0, bottom), 0.5) << "the panel covers the top";
    EXPECT_EQ(differing(shown, plain, bottom + 1, lay.height), 0.0) << "the picture below is the kept one";
    // Reddish panel.
    const std::uint8_t* px = shown.row(4) + 4 * 4; // BGRA
    EXPECT_GT(px[2], px[1] + 20);

    // The next good build clears the error; the player keeps its place.
    install_as(plugin("test_live_red"), file);
    ASSERT_TRUE(live.reload());
    c.set_timeline(*live.timeline(), 102.0);
    c.set_error(live.error());
    EXPECT_TRUE(c.overlay(102.0).error.empty());
    EXPECT_DOUBLE_EQ(c.time(102.0), 2.5);
    EXPECT_FALSE(c.playing());
}

// Sections a [0, 2), b [2, 2 + len_b), c after: a new version where b starts later.
Timeline sections_version(Seconds a_len, Seconds b_len) {
    Scene s;
    s.section("a");
    s.wait(a_len);
    s.section("b");
    s.wait(b_len);
    s.section("c");
    s.wait(3);
    return s.finish();
}

TEST(LiveReload, ControllerKeepsSectionTimePauseAndSpeed) {
    Timeline v1 = sections_version(2, 4), v2 = sections_version(5, 4), v3 = sections_version(5, 1);
    PlayerSettings settings;
    settings.start = 3.0; // b + 1
    settings.speed = 1.5;
    PlayerController c(v1, settings, 0.0);
    EXPECT_TRUE(c.playing());
    c.set_timeline(v2, 1.0); // at wall 1: t = 3 + 1.5 * 1 = 4.5, b + 2.5
    EXPECT_DOUBLE_EQ(c.time(1.0), 7.5);
    EXPECT_DOUBLE_EQ(c.time(2.0), 9.0);
    EXPECT_TRUE(c.playing());
    EXPECT_DOUBLE_EQ(c.speed(), 1.5);
    c.key(Key::Space, 2.0); // pause
    c.set_timeline(v3, 3.0); // b is 1 s long now: its end
    EXPECT_DOUBLE_EQ(c.time(3.0), 6.0);
    EXPECT_FALSE(c.playing());
    EXPECT_EQ(c.timeline().sections()[c.section(3.0)].name, "c"); // b's end is c's start
}

// A session on a plug-in file: a new version is published to what polls it, the controller
// keeps its time and section in it; one that throws while recording keeps the last good
// timeline and publishes the error; the next good one clears it.
TEST(LiveSession, PublishesNewVersionsAndKeepsTheLastGoodOne) {
    const fs::path d = fresh_dir("session");
    const fs::path file = d / "scene.so";
    install_as(plugin("test_live_blue"), file);
    std::vector<std::string> log;
    LiveSession session({.plugin = file.string()}, [&](const std::string& line) { log.push_back(line); });
    EXPECT_EQ(session.scene_name(), "live");
    EXPECT_EQ(session.generation(), 1u);
    const Timeline* blue = &session.timeline();
    const Image blue_pic = picture(*blue, 1.5);
    Poller player(session);

    PlayerSettings settings;
    settings.start = 2.5; // section "two", 0.5 s in
    settings.paused = true;
    PlayerController c(*blue, settings, 100.0);

    install_as(plugin("test_live_red"), file);
    const Timeline* red = player.next_timeline();
    ASSERT_NE(red, nullptr) << "no new version published";
    EXPECT_NE(red, blue);
    EXPECT_EQ(&session.timeline(), red);
    EXPECT_EQ(session.generation(), 2u);
    EXPECT_GT(differing(picture(*red, 1.5), blue_pic, 0, 180), 0.1) << "the new plug-in is really new";
    c.set_timeline(*red, 101.0);
    EXPECT_DOUBLE_EQ(c.time(101.0), 2.5);
    EXPECT_EQ(c.timeline().sections()[c.section(101.0)].name, "two");
    EXPECT_FALSE(c.playing());

    install_as(plugin("test_live_throws"), file);
    const std::string error = player.next_error();
    EXPECT_EQ(error.rfind("Reload failed\nscene 'live' (plug-in ", 0), 0u) << error;
    EXPECT_NE(error.find(" failed to record: boom at 2 s"), std::string::npos) << error;
    EXPECT_EQ(&session.timeline(), red);
    ASSERT_FALSE(log.empty());
    EXPECT_NE(log.back().find("reel: reload failed: scene 'live' (plug-in "), std::string::npos) << log.back();

    install_as(plugin("test_live_blue"), file);
    const Timeline* again = player.next_timeline();
    ASSERT_NE(again, nullptr);
    EXPECT_TRUE(player.errors.back().empty()) << player.errors.back();
    EXPECT_EQ(differing(picture(*again, 1.5), blue_pic, 0, 180), 0.0);
    EXPECT_EQ(session.generation(), 3u);
}

// The linker's race: the plug-in is written in pieces (each closed after writing, as a linker
// or a copy that writes in steps does), with pauses between them. Nothing is loaded and no
// error is published while it is incomplete; the complete version is then loaded.
TEST(LiveSession, WaitsForAPluginStillBeingWritten) {
    const fs::path d = fresh_dir("slow_write");
    const fs::path file = d / "scene.so";
    install_as(plugin("test_live_blue"), file);
    LiveSession session({.plugin = file.string()}, [](const std::string&) {});
    const Timeline* blue = &session.timeline();
    const Image blue_pic = picture(*blue, 1.5);
    Poller player(session);

    const std::string red = slurp(plugin("test_live_red"));
    ASSERT_GT(red.size(), 4096u);
    std::thread writer([&] {
        constexpr std::size_t kPieces = 8;
        const std::size_t piece = red.size() / kPieces + 1;
        for (std::size_t at = 0; at < red.size(); at += piece) {
            std::ofstream out(file, at == 0 ? std::ios::binary | std::ios::trunc : std::ios::binary | std::ios::app);
            out.write(red.data() + at, static_cast<std::streamsize>(std::min(piece, red.size() - at)));
            out.close();
            std::this_thread::sleep_for(std::chrono::milliseconds(150));
        }
    });
    const Timeline* next = player.next_timeline();
    writer.join();
    for (const std::string& e : player.errors) EXPECT_TRUE(e.empty()) << "published while incomplete: " << e;
    ASSERT_NE(next, nullptr) << "the complete plug-in was not loaded";
    EXPECT_EQ(session.generation(), 2u);
    EXPECT_GT(differing(picture(*next, 1.5), blue_pic, 0, 180), 0.1) << "the complete plug-in is the red one";
}

// A file that stays incomplete is loaded after all once it stopped changing, and the loader
// says what is wrong with it.
TEST(LiveSession, ReportsAPluginThatStaysIncomplete) {
    const fs::path d = fresh_dir("incomplete");
    const fs::path file = d / "scene.so";
    install_as(plugin("test_live_blue"), file);
    LiveSession session({.plugin = file.string(), .file_wait = {.interval = 0.02, .give_up = 0.3}},
                        [](const std::string&) {});
    Poller player(session);
    std::ofstream(file, std::ios::trunc) << "half-written\n";
    const std::string error = player.next_error();
    EXPECT_NE(error.find("is not a Reel plug-in"), std::string::npos) << error;
    EXPECT_EQ(session.generation(), 1u);
}

TEST(LiveWatch, ElfFileCompleteOnlyWhenTheSectionTableIsThere) {
    const fs::path d = fresh_dir("elf");
    const std::string red = slurp(plugin("test_live_red"));
    EXPECT_TRUE(elf_file_complete(plugin("test_live_red")));
    for (std::size_t size : {std::size_t{10}, std::size_t{64}, red.size() / 2, red.size() - 1}) {
        std::ofstream(d / "part.so", std::ios::binary | std::ios::trunc).write(red.data(), static_cast<std::streamsize>(size));
        EXPECT_FALSE(elf_file_complete((d / "part.so").string())) << size << " of " << red.size() << " bytes";
    }
    std::ofstream(d / "text.so") << "not a plug-in, but long enough to hold an ELF header if it were one.\n";
    EXPECT_FALSE(elf_file_complete((d / "text.so").string()));
}

} // namespace
} // namespace reel
