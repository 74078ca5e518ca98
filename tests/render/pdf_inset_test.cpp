// A zoomed display (CameraInset) on a PDF handout page shows what it shows in the window: the
// other items through its camera frame, over its background (the old handout drew the
// display's own rectangle, plain white).
#include <gtest/gtest.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>

#include "reel/mobject.h"
#include "reel/shapes.h"
#include "render/pdf.h"
#include "render/render.h"
#include "support/golden.h"
#include "text/fonts.h"

namespace reel {
namespace {

namespace fs = std::filesystem;

// A red unit square at (3, 0) and a 4 x 3 display at (-4, 0.5) showing the 2 x 1.5 frame about
// (3, 0) over black: the square twice as large in the display's middle.
Frame zoomed_frame() {
    Frame f;
    Mobject square = Square(1.0, {.color = RED, .fill_opacity = 1}).move_to(Vec2{3, 0});
    f.items.push_back(square.leaf_state());
    Mobject display;
    display.set_points_as_corners({{-6, 2}, {-2, 2}, {-2, -1}, {-6, -1}, {-6, 2}});
    display.set_style(Style{WHITE, 1.0, WHITE, 1.0, 0.0});
    LeafState d = display.leaf_state();
    auto inset = std::make_shared<CameraInset>();
    inset->center = Vec2{3, 0};
    inset->width = 2;
    inset->height = 1.5;
    inset->hidden = {1};
    d.inset = inset;
    f.items.push_back(d);
    return f;
}

// (r, g, b) of pixel (x, y) of a premultiplied BGRA image.
std::array<int, 3> rgb(const Image& img, int x, int y) {
    const std::uint8_t* p = img.row(y) + 4 * x;
    return {p[2], p[1], p[0]};
}

void expect_colour(const Image& img, int x, int y, std::array<int, 3> want, const char* what) {
    const auto got = rgb(img, x, y);
    for (int k = 0; k < 3; ++k) EXPECT_NEAR(got[k], want[k], 8) << what << " channel " << k;
}

TEST(PdfInset, TheHandoutShowsWhatTheZoomedDisplayShows) {
    ASSERT_TRUE(init_fonts());
    const Frame f = zoomed_frame();
    const fs::path dir = fs::path(REEL_TEST_OUTPUT_DIR) / "render" / "pdf_inset";
    fs::create_directories(dir);
    const fs::path pdf = dir / "page.pdf";
    {
        const std::string bytes = render_pdf({HandoutPage{f, "", "", ""}}, {.width_pt = 960});
        std::ofstream(pdf, std::ios::binary) << bytes;
    }
    // 72 dpi: one pixel per point, the picture 960 x 540 at the top of the page.
    const fs::path png = dir / "page";
    ASSERT_EQ(std::system(("pdftoppm -r 72 -png -singlefile '" + pdf.string() + "' '" + png.string() + "'").c_str()), 0);
    std::string error;
    const Image page = test::load_png(png.string() + ".png", error);
    ASSERT_EQ(error, "");
    ASSERT_GE(page.height, 540);
    const Image window = render_frame(f, 960, 540);
    // The display's middle: the square, enlarged; left of it in the display: the zoomed
    // camera's black background; the square itself at its own place; the page as the window.
    const int cx = 210, cy = 236, bx = 109, by = 169;
    for (const Image* img : {&window, &page}) {
        SCOPED_TRACE(img == &page ? "PDF page" : "window");
        expect_colour(*img, cx, cy, {252, 98, 85}, "display middle");        // RED #FC6255
        expect_colour(*img, cx + 30, cy + 30, {252, 98, 85}, "display, 30 px off"); // inside the enlarged square
        expect_colour(*img, bx, by, {0, 0, 0}, "display background");
        expect_colour(*img, 682, 270, {252, 98, 85}, "the square");
    }
}

} // namespace
} // namespace reel
