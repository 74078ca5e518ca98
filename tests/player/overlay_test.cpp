// The overlay: layout (letterbox, bar geometry, time <-> pixel) and what
// draw_overlay puts into the buffer (played part, thumbnail, keys panel).
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "player/overlay.h"
#include "text/fonts.h"

namespace reel {
namespace {

// Premultiplied ARGB32 pixel at (x, y).
std::uint32_t pixel(const Image& img, int x, int y) {
    std::uint32_t p;
    std::memcpy(&p, img.row(y) + 4 * x, 4);
    return p;
}

std::uint32_t argb(Color c) {
    auto ch = [](double v) { return static_cast<std::uint32_t>(std::lround(v * 255.0)); };
    return 0xFF000000u | ch(c.r) << 16 | ch(c.g) << 8 | ch(c.b);
}

Image filled(int w, int h, std::uint32_t value) {
    Image img(w, h);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) std::memcpy(img.row(y) + 4 * x, &value, 4);
    return img;
}

class OverlayTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string error;
        ASSERT_TRUE(init_fonts(&error)) << error;
    }
    std::vector<Section> sections = {{"one", 0, 10}, {"two", 10, 20}, {"three", 30, 10}};
};

// ---- Negative cases ---------------------------------------------------------------------

TEST_F(OverlayTest, EmptyWindowDrawsNothing) {
    OverlayLayout lay = overlay_layout(0, 0, 1.0);
    OverlayView v;
    v.bar = true;
    std::uint8_t byte = 0x5A;
    draw_overlay(v, lay, &byte, 4); // must not touch the buffer
    EXPECT_EQ(byte, 0x5A);
}

TEST_F(OverlayTest, NothingShownLeavesThePictureAlone) {
    OverlayLayout lay = overlay_layout(320, 180, 1.0);
    Image img = filled(320, 180, 0xFF336699u);
    OverlayView v; // bar hidden, no help
    draw_overlay(v, lay, img.pixels.data(), img.stride);
    for (int y = 0; y < 180; y += 7)
        for (int x = 0; x < 320; x += 7) ASSERT_EQ(pixel(img, x, y), 0xFF336699u);
}

TEST_F(OverlayTest, TimeAtClampsOutsideTheTrack) {
    OverlayLayout lay = overlay_layout(1280, 720, 1.0);
    EXPECT_DOUBLE_EQ(lay.time_at(-100, 40), 0.0);
    EXPECT_DOUBLE_EQ(lay.time_at(5000, 40), 40.0);
    EXPECT_DOUBLE_EQ(lay.time_at(640, 0), 0.0); // an empty timeline
}

// ---- Layout and text --------------------------------------------------------------------

TEST_F(OverlayTest, LayoutOfA720pWindow) {
    OverlayLayout lay = overlay_layout(1280, 720, 1.0);
    EXPECT_DOUBLE_EQ(lay.picture.w, 1280);
    EXPECT_DOUBLE_EQ(lay.picture.h, 720);
    EXPECT_DOUBLE_EQ(lay.track.x, 16);
    EXPECT_DOUBLE_EQ(lay.track.w, 1248);
    EXPECT_DOUBLE_EQ(lay.track.y, 680);
    EXPECT_TRUE(lay.hit.contains(640, 682));
    EXPECT_TRUE(lay.hit.contains(640, 670)); // a little above the track still counts
    EXPECT_FALSE(lay.hit.contains(640, 600));
    EXPECT_DOUBLE_EQ(lay.x_of(20, 40), 640);
    EXPECT_DOUBLE_EQ(lay.time_at(640, 40), 20);
}

TEST_F(OverlayTest, WideWindowIsPillarboxed) {
    OverlayLayout lay = overlay_layout(2000, 720, 1.0);
    EXPECT_DOUBLE_EQ(lay.picture.w, 1280);
    EXPECT_DOUBLE_EQ(lay.picture.h, 720);
    EXPECT_DOUBLE_EQ(lay.picture.x, 360);
    EXPECT_DOUBLE_EQ(lay.picture.y, 0);
}

TEST_F(OverlayTest, ThumbnailIs16By9AndScales) {
    EXPECT_EQ(thumbnail_size(1.0), std::make_pair(224, 126));
    EXPECT_EQ(thumbnail_size(2.0), std::make_pair(448, 252));
}

// ---- Drawing ----------------------------------------------------------------------------

TEST_F(OverlayTest, BarShowsThePlayedPartInTheAccentColour) {
    OverlayLayout lay = overlay_layout(1280, 720, 1.0);
    Image img = filled(1280, 720, 0xFF000000u);
    OverlayView v;
    v.bar = true;
    v.time = 20;
    v.duration = 40;
    v.sections = sections;
    draw_overlay(v, lay, img.pixels.data(), img.stride);
    const int y = static_cast<int>(lay.track.y + lay.track.h / 2);
    EXPECT_EQ(pixel(img, 200, y), argb(BLUE));         // played
    std::uint32_t unplayed = pixel(img, 1000, y);      // white at 28 % over black
    EXPECT_EQ(unplayed >> 24, 0xFFu);
    EXPECT_NEAR(static_cast<int>(unplayed & 0xFF), 71, 2);
    // The marker of section "three" (t = 30) cuts a dark gap into the track.
    const int marker = static_cast<int>(lay.x_of(30, 40));
    EXPECT_LT(static_cast<int>(pixel(img, marker, y) & 0xFF), 30);
    // Text was drawn: the section names above the track and the times below have white pixels.
    auto has_light = [&](double x0, double y0, double x1, double y1) {
        for (int yy = static_cast<int>(y0); yy < static_cast<int>(y1); ++yy)
            for (int xx = static_cast<int>(x0); xx < static_cast<int>(x1); ++xx)
                if ((pixel(img, xx, yy) & 0xFF) > 200) return true;
        return false;
    };
    EXPECT_TRUE(has_light(lay.x_of(10, 40), lay.track.y - 26, lay.x_of(10, 40) + 40, lay.track.y - 8));
    EXPECT_TRUE(has_light(lay.track.x + 20, lay.track.y + 10, lay.track.x + 120, 718));
}

TEST_F(OverlayTest, HoverDrawsTheThumbnailAboveTheBar) {
    OverlayLayout lay = overlay_layout(1280, 720, 1.0);
    Image img = filled(1280, 720, 0xFF000000u);
    auto [tw, th] = thumbnail_size(1.0);
    Image thumb = filled(tw, th, argb(RED));
    OverlayView v;
    v.bar = true;
    v.time = 5;
    v.duration = 40;
    v.sections = sections;
    v.hover = 20.0;
    v.thumbnail = &thumb;
    draw_overlay(v, lay, img.pixels.data(), img.stride);
    const int hx = static_cast<int>(lay.x_of(20, 40));
    // Centred on the hover position, its bottom 28 px above the track.
    const int top = static_cast<int>(lay.track.y - 28 - th);
    EXPECT_EQ(pixel(img, hx, top + 10), argb(RED));
    EXPECT_EQ(pixel(img, hx - tw / 2 + 3, top + 3), argb(RED));
    EXPECT_NE(pixel(img, hx, top - 20), argb(RED)); // nothing above it
}

// The sound band: the waveform mirrored around the track (light blue where played, white
// after), a voice-over line as a yellow span, a bookmark as a yellow tick with its name on hover.
TEST_F(OverlayTest, WaveformAndVoiceOverSpansAroundTheTrack) {
    OverlayLayout lay = overlay_layout(1280, 720, 1.0);
    const auto columns = static_cast<std::size_t>(lay.track.w);
    std::vector<float> wave(columns, 0.0f);
    for (std::size_t i = columns / 4; i < columns / 2; ++i) wave[i] = 1.0f;          // loud 10..20 s
    for (std::size_t i = 3 * columns / 4; i < columns; ++i) wave[i] = 1.0f;          // loud 30..40 s
    std::vector<VoiceoverLine> lines(1);
    lines[0].start = 24;
    lines[0].duration = 4;
    lines[0].bookmarks = {{"rope", 26}};
    auto draw = [&](bool sound, std::optional<Seconds> hover) {
        Image img = filled(1280, 720, 0xFF000000u);
        OverlayView v;
        v.bar = true;
        v.time = 20;
        v.duration = 40;
        v.hover = hover;
        if (sound) {
            v.waveform = wave;
            v.voiceovers = lines;
        }
        draw_overlay(v, lay, img.pixels.data(), img.stride);
        return img;
    };
    const Image plain = draw(false, std::nullopt), img = draw(true, std::nullopt);
    const int above = static_cast<int>(lay.track.y - 6); // inside the band, clear of the track
    auto x = [&](Seconds t) { return static_cast<int>(lay.x_of(t, 40)); };
    auto red = [](std::uint32_t p) { return static_cast<int>(p >> 16 & 0xFF); };
    auto blue = [](std::uint32_t p) { return static_cast<int>(p & 0xFF); };
    // Without sound the band is the panel's dark gradient; a loud played column is light blue,
    // a loud column not played yet light grey, a quiet one stays dark.
    EXPECT_LT(blue(pixel(plain, x(15), above)), 40);
    EXPECT_GT(blue(pixel(img, x(15), above)), 180);
    EXPECT_GT(blue(pixel(img, x(15), above)), red(pixel(img, x(15), above)) + 30);
    EXPECT_GT(red(pixel(img, x(35), above)), 100);
    EXPECT_NEAR(red(pixel(img, x(35), above)), blue(pixel(img, x(35), above)), 3);
    EXPECT_EQ(pixel(img, x(5), above), pixel(plain, x(5), above));
    // The voice-over span tints the band yellow (red and green, no blue) where the wave is quiet.
    const std::uint32_t span = pixel(img, x(25), above);
    EXPECT_GT(red(span), blue(span) + 20);
    EXPECT_EQ(pixel(img, x(22), above), pixel(plain, x(22), above));
    // The bookmark: a bright yellow tick across the band.
    const std::uint32_t tick = pixel(img, static_cast<int>(std::floor(lay.x_of(26, 40))), above);
    EXPECT_GT(red(tick), 200);
    EXPECT_LT(blue(tick), 80);
    // Hovering the bookmark names it in the label above the bar; elsewhere it does not.
    auto light_pixels = [&](const Image& i) {
        int n = 0;
        for (int yy = 0; yy < static_cast<int>(lay.track.y - 12); ++yy)
            for (int xx = 0; xx < 1280; ++xx) n += (pixel(i, xx, yy) & 0xFF) > 200;
        return n;
    };
    EXPECT_GT(light_pixels(draw(true, 26.0)), light_pixels(draw(true, 24.5)) + 50);
}

TEST_F(OverlayTest, KeysPanelDarkensTheMiddle) {
    OverlayLayout lay = overlay_layout(1280, 720, 1.0);
    Image img = filled(1280, 720, 0xFFFFFFFFu);
    OverlayView v;
    v.help = {{"Space", "play / pause"}, {"Q", "quit"}};
    draw_overlay(v, lay, img.pixels.data(), img.stride);
    int dark = 0; // the panel: mostly dark around the middle (its text is light)
    for (int y = 340; y < 380; ++y)
        for (int x = 620; x < 660; ++x) dark += (pixel(img, x, y) >> 8 & 0xFF) < 64;
    EXPECT_GT(dark, 40 * 40 / 2);
    EXPECT_EQ(pixel(img, 20, 20), 0xFFFFFFFFu);                      // the picture around it
    EXPECT_EQ(pixel(img, 640, 700), 0xFFFFFFFFu);                    // no bar asked for
}


// Counts the pixels of `img` in [x0, x1) x [y0, y1) that are not `value`.
int changed(const Image& img, int x0, int y0, int x1, int y1, std::uint32_t value) {
    int n = 0;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) n += pixel(img, x, y) != value;
    return n;
}

// Issue 22, row 1: while a live source records a new version the window says so at the top left
// ("recording… 3 s"), below the error panel when there is one, and nowhere else.
TEST_F(OverlayTest, ActivityLabelAtTheTopLeft) {
    OverlayLayout lay = overlay_layout(640, 360, 1.0);
    Image img = filled(640, 360, 0xFF336699u);
    OverlayView v;
    v.activity = "recording\u2026 3 s";
    draw_overlay(v, lay, img.pixels.data(), img.stride);
    EXPECT_GT(changed(img, 0, 0, 200, 60, 0xFF336699u), 100);
    EXPECT_EQ(changed(img, 320, 0, 640, 360, 0xFF336699u), 0);
    EXPECT_EQ(changed(img, 0, 120, 640, 360, 0xFF336699u), 0);
    // Under an error panel, not over it.
    Image with_error = filled(640, 360, 0xFF336699u);
    v.error = "Reload failed\nscene 'x' (plug-in x.so) failed to record: boom";
    draw_overlay(v, lay, with_error.pixels.data(), with_error.stride);
    const PixelRect panel = error_panel_rect(v.error, lay);
    ASSERT_GT(panel.h, 0);
    const int below = static_cast<int>(panel.y + panel.h);
    EXPECT_GT(changed(with_error, 0, below, 200, below + 60, 0xFF336699u), 100);
}

// Issue 22, row 8: the end of the presentation is written in the middle of the picture.
TEST_F(OverlayTest, BannerInTheMiddle) {
    OverlayLayout lay = overlay_layout(640, 360, 1.0);
    Image img = filled(640, 360, 0xFF000000u);
    OverlayView v;
    v.banner = "End of the presentation";
    draw_overlay(v, lay, img.pixels.data(), img.stride);
    EXPECT_GT(changed(img, 160, 150, 480, 210, 0xFF000000u), 200);
    EXPECT_EQ(changed(img, 0, 0, 640, 120, 0xFF000000u), 0);
    EXPECT_EQ(changed(img, 0, 240, 640, 360, 0xFF000000u), 0);
}

// Issue 22, row 8: the console and the audience's window share one display side by side.
TEST(SideBySide, TwoSixteenByNineWindowsThatDoNotOverlap) {
    for (const PixelRect usable : {PixelRect{0, 0, 1920, 1080}, PixelRect{0, 27, 1366, 741}, PixelRect{1920, 0, 1024, 768}}) {
        const auto [a, c] = side_by_side(usable);
        EXPECT_LE(a.x + a.w, c.x) << usable.w;
        EXPECT_GE(a.x, usable.x);
        EXPECT_LE(c.x + c.w, usable.x + usable.w);
        EXPECT_GE(a.y, usable.y);
        EXPECT_LE(a.y + a.h, usable.y + usable.h);
        EXPECT_NEAR(a.w / a.h, 16.0 / 9.0, 0.02);
        EXPECT_EQ(a.w, c.w);
        EXPECT_GT(a.w, usable.w * 0.4);
    }
}

// Issue 22, row 8: a --screen the window system ignored is reported (it was silent).
TEST(ScreenNote, SaysWhereTheWindowWentWhenNotWhereAsked) {
    EXPECT_EQ(screen_ignored_note(-1, 0), "");
    EXPECT_EQ(screen_ignored_note(1, 1), "");
    EXPECT_EQ(screen_ignored_note(1, 0), "--screen 2: the window system put the presentation on display 1 instead "
                                         "(move the window there, then F for full screen)");
    EXPECT_NE(screen_ignored_note(2, -1).find("--screen 3: the window system does not say"), std::string::npos);
}

} // namespace
} // namespace reel
