// The SDL side of the player, headless (SDL_VIDEODRIVER=dummy): the key table, synthetic SDL
// events through the real window into the controller, the drawn picture, and idling.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>

#include "text/fonts.h"
#include "console.h"
#include "sdl_input.h"
#include "window.h"

namespace reel {
namespace {

// Sections a [0, 10), b [10, 30), c [30, 40); b fades a red square in during its first second.
Timeline three_sections() {
    Scene s;
    s.section("a");
    s.wait(10);
    s.section("b");
    s.play(FadeIn(Square(2.0, {.color = RED, .fill_opacity = 1.0})), {.run_time = 1.0});
    s.wait(19);
    s.section("c");
    s.wait(10);
    return s.finish();
}

std::uint32_t pixel(const Image& img, int x, int y) {
    std::uint32_t p;
    std::memcpy(&p, img.row(y) + 4 * x, 4);
    return p;
}

std::uint32_t argb(Color c) {
    auto ch = [](double v) { return static_cast<std::uint32_t>(std::lround(v * 255.0)); };
    return 0xFF000000u | ch(c.r) << 16 | ch(c.g) << 8 | ch(c.b);
}

void push(SDL_Event e) { ASSERT_EQ(SDL_PushEvent(&e), 1) << SDL_GetError(); }

void push_key(SDL_Keycode sym, Uint16 mod = KMOD_NONE, bool repeat = false) {
    SDL_Event e{};
    e.type = SDL_KEYDOWN;
    e.key.state = SDL_PRESSED;
    e.key.repeat = repeat ? 1 : 0;
    e.key.keysym.sym = sym;
    e.key.keysym.mod = mod;
    push(e);
}

void push_mouse(Uint32 type, int x, int y) {
    SDL_Event e{};
    e.type = type;
    if (type == SDL_MOUSEMOTION) {
        e.motion.x = x;
        e.motion.y = y;
        e.motion.state = SDL_BUTTON_LMASK;
    } else {
        e.button.button = SDL_BUTTON_LEFT;
        e.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
        e.button.clicks = 1;
        e.button.x = x;
        e.button.y = y;
    }
    push(e);
}

PlayerSettings paused_at(Seconds t, PlayerMode mode = PlayerMode::Play) {
    PlayerSettings s;
    s.mode = mode;
    s.scene_name = "demo";
    s.start = t;
    s.paused = true;
    return s;
}

class WindowTest : public ::testing::Test {
protected:
    void SetUp() override {
        // Headless by design, whatever the environment says.
        ASSERT_EQ(setenv("SDL_VIDEODRIVER", "dummy", 1), 0);
        std::string error;
        ASSERT_TRUE(init_fonts(&error)) << error;
    }
    Timeline tl = three_sections();
};

// ---- Negative cases ---------------------------------------------------------------------

TEST_F(WindowTest, NoVideoDriverIsAClearError) {
    ASSERT_EQ(setenv("SDL_VIDEODRIVER", "no-such-driver", 1), 0);
    try {
        SdlVideo video;
        ADD_FAILURE() << "SDL started without a video driver";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("no display available"), std::string::npos) << e.what();
    }
    ASSERT_EQ(setenv("SDL_VIDEODRIVER", "dummy", 1), 0);
}

TEST_F(WindowTest, NoDisplayIsAClearErrorNotAnInvisibleWindow) {
    // With no display at all SDL would fall back to its offscreen driver.
    std::string display = std::getenv("DISPLAY") ? std::getenv("DISPLAY") : "";
    ASSERT_EQ(unsetenv("SDL_VIDEODRIVER"), 0);
    ASSERT_EQ(unsetenv("DISPLAY"), 0);
    ASSERT_EQ(unsetenv("WAYLAND_DISPLAY"), 0);
    try {
        SdlVideo video;
        ADD_FAILURE() << "SDL started with " << SDL_GetCurrentVideoDriver();
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("no display available"), std::string::npos) << e.what();
    }
    if (!display.empty()) {
        ASSERT_EQ(setenv("DISPLAY", display.c_str(), 1), 0);
    }
    ASSERT_EQ(setenv("SDL_VIDEODRIVER", "dummy", 1), 0);
}

TEST_F(WindowTest, KeysThePlayerIgnores) {
    EXPECT_FALSE(key_from_sdl(SDLK_x, KMOD_NONE));
    EXPECT_FALSE(key_from_sdl(SDLK_F5, KMOD_NONE));
    EXPECT_FALSE(key_from_sdl(SDLK_f, KMOD_LCTRL)); // the desktop's shortcuts
    EXPECT_FALSE(key_from_sdl(SDLK_q, KMOD_LALT));
    EXPECT_FALSE(key_from_sdl(SDLK_5, KMOD_LSHIFT)); // "%", not a digit
    EXPECT_FALSE(key_from_sdl(SDLK_SLASH, KMOD_NONE));
}

TEST_F(WindowTest, BadSettingsFailBeforeAnythingShows) {
    PlayerSettings s = paused_at(0);
    s.speed = 4.0;
    EXPECT_THROW(PlayerWindow(tl, s), std::invalid_argument);
}

TEST_F(WindowTest, HeldToggleKeysDoNotRepeat) {
    PlayerWindow w(tl, paused_at(16.5));
    push_key(SDLK_SPACE, KMOD_NONE, true);
    push_key(SDLK_f, KMOD_NONE, true);
    w.step(0);
    EXPECT_FALSE(w.controller().playing());
    EXPECT_FALSE(w.controller().fullscreen());
    push_key(SDLK_RIGHT, KMOD_NONE, true); // seeking keys do repeat
    w.step(0);
    EXPECT_DOUBLE_EQ(w.controller().time(wall_now()), 21.5);
}

// ---- The key table ----------------------------------------------------------------------

TEST_F(WindowTest, EveryKeyOfTheIssueMaps) {
    struct Row {
        SDL_Keycode sym;
        Uint16 mod;
        Key key;
    };
    const Row rows[] = {
        {SDLK_SPACE, KMOD_NONE, Key::Space},   {SDLK_k, KMOD_NONE, Key::K},
        {SDLK_j, KMOD_NONE, Key::J},           {SDLK_l, KMOD_NONE, Key::L},
        {SDLK_LEFT, KMOD_NONE, Key::Left},     {SDLK_RIGHT, KMOD_NONE, Key::Right},
        {SDLK_COMMA, KMOD_NONE, Key::Comma},   {SDLK_PERIOD, KMOD_NONE, Key::Period},
        {SDLK_HOME, KMOD_NONE, Key::Home},     {SDLK_END, KMOD_NONE, Key::End},
        {SDLK_COMMA, KMOD_LSHIFT, Key::Slower}, {SDLK_LESS, KMOD_NONE, Key::Slower},
        {SDLK_PERIOD, KMOD_RSHIFT, Key::Faster}, {SDLK_GREATER, KMOD_NONE, Key::Faster},
        {SDLK_n, KMOD_NONE, Key::N},           {SDLK_p, KMOD_NONE, Key::P},
        {SDLK_PAGEDOWN, KMOD_NONE, Key::PageDown}, {SDLK_PAGEUP, KMOD_NONE, Key::PageUp},
        {SDLK_f, KMOD_NONE, Key::F},           {SDLK_b, KMOD_NONE, Key::B},
        {SDLK_ESCAPE, KMOD_NONE, Key::Escape}, {SDLK_q, KMOD_NONE, Key::Q},
        {SDLK_SLASH, KMOD_LSHIFT, Key::Help},  {SDLK_QUESTION, KMOD_NONE, Key::Help},
        {SDLK_k, KMOD_CAPS, Key::K},           {SDLK_KP_0, KMOD_NUM, Key::Digit0},
    };
    for (const Row& r : rows) {
        auto k = key_from_sdl(r.sym, r.mod);
        ASSERT_TRUE(k) << SDL_GetKeyName(r.sym);
        EXPECT_EQ(*k, r.key) << SDL_GetKeyName(r.sym);
    }
    for (int d = 0; d <= 9; ++d) {
        EXPECT_EQ(key_from_sdl(SDLK_0 + d, KMOD_NONE), digit_key(d));
        if (d > 0) {
            EXPECT_EQ(key_from_sdl(SDLK_KP_1 + d - 1, KMOD_NONE), digit_key(d));
        }
    }
}

// ---- Events through the real window -----------------------------------------------------

TEST_F(WindowTest, KeyEventsDriveTheController) {
    PlayerWindow w(tl, paused_at(16.5));
    EXPECT_EQ(w.renderer_name(), "framebuffer"); // no GPU: changed rectangles only
    push_key(SDLK_RIGHT);
    push_key(SDLK_l);
    w.step(0);
    EXPECT_DOUBLE_EQ(w.controller().time(wall_now()), 31.5);
    push_key(SDLK_PAGEUP); // 1.5 s into c: back to its start
    w.step(0);
    EXPECT_DOUBLE_EQ(w.controller().time(wall_now()), 30.0);
    push_key(SDLK_PAGEUP); // at c's start: to b
    w.step(0);
    EXPECT_DOUBLE_EQ(w.controller().time(wall_now()), 10.0);
    push_key(SDLK_PERIOD, KMOD_LSHIFT);
    w.step(0);
    EXPECT_DOUBLE_EQ(w.controller().speed(), 1.25);
    push_key(SDLK_SLASH, KMOD_LSHIFT);
    w.step(0);
    EXPECT_TRUE(w.controller().help_visible());
    EXPECT_FALSE(w.done());
    push_key(SDLK_q);
    w.step(0);
    EXPECT_TRUE(w.done());
}

TEST_F(WindowTest, DraggingOnTheBarScrubsAndThePictureFollows) {
    PlayerWindow w(tl, paused_at(0));
    const OverlayLayout& lay = w.controller().layout();
    const int y = static_cast<int>(lay.track.y + lay.track.h / 2);
    const int x_down = static_cast<int>(lay.x_of(30, tl.duration()));
    Seconds last_shown = -1;
    int presents = 0;
    w.on_present = [&](const Presented& p) {
        last_shown = p.shown;
        ++presents;
    };
    push_mouse(SDL_MOUSEBUTTONDOWN, x_down, y);
    w.step(0);
    EXPECT_TRUE(w.controller().scrubbing());
    for (int x : {200, 400, 900, 650}) {
        push_mouse(SDL_MOUSEMOTION, x, y - 100);
        w.step(0);
        const Seconds expected = lay.time_at(x, tl.duration());
        EXPECT_DOUBLE_EQ(w.controller().time(wall_now()), expected);
        EXPECT_DOUBLE_EQ(last_shown, expected); // drawn right away, not at the next tick
    }
    push_mouse(SDL_MOUSEBUTTONUP, 650, y);
    w.step(0);
    EXPECT_FALSE(w.controller().scrubbing());
    EXPECT_FALSE(w.controller().playing()); // it was paused before the drag
    EXPECT_GE(presents, 5);
}

TEST_F(WindowTest, DrawsThePictureAndTheBar) {
    PlayerWindow w(tl, paused_at(20));
    w.request_capture();
    w.step(0);
    ASSERT_TRUE(w.captured());
    const Image& shot = *w.captured();
    ASSERT_EQ(shot.width, 1280);
    ASSERT_EQ(shot.height, 720);
    EXPECT_EQ(pixel(shot, 640, 360) & 0xFFFFFF, argb(RED) & 0xFFFFFF); // the square, faded in
    EXPECT_EQ(pixel(shot, 100, 100) & 0xFFFFFF, 0u);                  // the background
    const OverlayLayout& lay = w.controller().layout();
    const int y = static_cast<int>(lay.track.y + lay.track.h / 2);
    EXPECT_EQ(pixel(shot, 200, y) & 0xFFFFFF, argb(BLUE) & 0xFFFFFF); // played part (0 to 20 s)
}

TEST_F(WindowTest, ChangedRectanglesAddUpToAFullPicture) {
    // Drawn at 0.5 s, then 20 s, then 10.5 s with the pointer on the bar: only changes are
    // sent each time, and the framebuffer ends exactly as one full draw of the last state.
    PlayerWindow w(tl, paused_at(10.5));
    w.step(0);
    push_key(SDLK_RIGHT);
    w.step(0);
    const OverlayLayout& lay = w.controller().layout();
    push_mouse(SDL_MOUSEMOTION, static_cast<int>(lay.x_of(32, tl.duration())),
               static_cast<int>(lay.track.y + 1));
    push_key(SDLK_LEFT);
    w.request_capture();
    w.step(0);
    ASSERT_TRUE(w.captured());
    Image partial = *w.captured();

    PlayerWindow fresh(tl, paused_at(10.5));
    push_mouse(SDL_MOUSEMOTION, static_cast<int>(lay.x_of(32, tl.duration())),
               static_cast<int>(lay.track.y + 1));
    fresh.request_capture();
    fresh.step(0);
    ASSERT_TRUE(fresh.captured());
    ASSERT_TRUE(fresh.controller().hover());
    const Image& full = *fresh.captured();
    ASSERT_EQ(partial.height, full.height);
    int differing = 0;
    for (int y = 0; y < full.height; ++y)
        differing += std::memcmp(partial.row(y), full.row(y), static_cast<std::size_t>(full.width) * 4) != 0;
    EXPECT_EQ(differing, 0);
}

TEST_F(WindowTest, ResizedWindowIsLetterboxed) {
    PlayerWindow w(tl, paused_at(20));
    w.step(0);
    SDL_SetWindowSize(w.sdl_window(), 1000, 1000);
    w.request_capture();
    w.step(0);
    ASSERT_TRUE(w.captured());
    const Image& shot = *w.captured();
    ASSERT_EQ(shot.width, 1000);
    ASSERT_EQ(shot.height, 1000);
    EXPECT_DOUBLE_EQ(w.controller().layout().picture.y, 218);
    EXPECT_EQ(pixel(shot, 500, 100), 0xFF000000u);                   // the bar above
    EXPECT_EQ(pixel(shot, 500, 500) & 0xFFFFFF, argb(RED) & 0xFFFFFF); // the picture's centre
}

TEST_F(WindowTest, PausedWithoutEventsNothingIsRedrawn) {
    PlayerWindow w(tl, paused_at(5));
    int presents = 0;
    w.on_present = [&](const Presented&) { ++presents; };
    w.step(0); // the first picture
    EXPECT_EQ(presents, 1);
    for (int i = 0; i < 5; ++i) w.step(0.02);
    EXPECT_EQ(presents, 1);
    push_key(SDLK_RIGHT);
    w.step(0);
    EXPECT_EQ(presents, 2);
}

// Issue 22, row 8: with the console on one display the two windows used to open centred on it,
// the console over the audience's window. They now open side by side, in windows.
TEST_F(WindowTest, OneDisplayPutsTheConsoleBesideTheAudienceWindow) {
    PlayerSettings s = paused_at(0, PlayerMode::Present);
    s.console = true;
    s.fullscreen = true;
    PlayerWindow w(tl, s);
    ASSERT_EQ(SDL_GetNumVideoDisplays(), 1);
    ASSERT_NE(w.console(), nullptr);
    SDL_Rect audience{}, console{};
    SDL_GetWindowPosition(w.sdl_window(), &audience.x, &audience.y);
    SDL_GetWindowSize(w.sdl_window(), &audience.w, &audience.h);
    SDL_GetWindowPosition(w.console()->sdl_window(), &console.x, &console.y);
    SDL_GetWindowSize(w.console()->sdl_window(), &console.w, &console.h);
    EXPECT_FALSE(SDL_HasIntersection(&audience, &console))
        << audience.x << "," << audience.y << " " << audience.w << "x" << audience.h << " / " << console.x << ","
        << console.y << " " << console.w << "x" << console.h;
    EXPECT_LT(audience.x, console.x);
    EXPECT_FALSE(w.controller().fullscreen());
}

TEST_F(WindowTest, PresenterKeysThroughTheWindow) {
    PlayerWindow w(tl, paused_at(0, PlayerMode::Present));
    push_key(SDLK_RIGHT);    // slide 2 plays
    push_key(SDLK_PAGEDOWN); // completes it
    push_key(SDLK_PAGEDOWN); // slide 3 plays
    push_key(SDLK_LEFT);     // back to slide 2's hold
    w.step(0);
    EXPECT_EQ(w.controller().slide(), 1u);
    EXPECT_FALSE(w.controller().playing());
    EXPECT_NEAR(w.controller().time(wall_now()), 30.0, 1e-5);
    push_key(SDLK_b);
    w.request_capture();
    w.step(0);
    ASSERT_TRUE(w.captured());
    EXPECT_EQ(pixel(*w.captured(), 640, 360), 0xFF000000u); // opaque black, square hidden
    push_mouse(SDL_MOUSEBUTTONDOWN, 10, 10); // the first click brings the picture back
    w.step(0);
    EXPECT_FALSE(w.controller().black());
    EXPECT_EQ(w.controller().slide(), 1u);
    push_mouse(SDL_MOUSEBUTTONDOWN, 10, 10); // the next one plays the next slide
    w.step(0);
    EXPECT_EQ(w.controller().slide(), 2u);
    SDL_Event quit{};
    quit.type = SDL_QUIT;
    push(quit);
    w.step(0);
    EXPECT_TRUE(w.done());
}

} // namespace
} // namespace reel
