// ImageMobject: decoding PNG and JPEG, Manim's default size (pixel height / 1080 * 8 units),
// moving, scaling, fading, and drawing where its corners are.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <iterator>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "reel/animation.h"
#include "reel/image.h"
#include "render/render.h"
#include "reel/shapes.h"

namespace reel {
namespace {

const std::string kDir = REEL_TEST_IMAGES;

TEST(ImageNegative, MissingBogusAndTruncatedFilesThrowWithTheName) {
    for (const char* f : {"/missing.png", "/bogus.png", "/truncated.png"}) {
        try {
            load_image(kDir + f);
            ADD_FAILURE() << f << " loaded";
        } catch (const std::runtime_error& e) {
            EXPECT_NE(std::string(e.what()).find(f + 1), std::string::npos) << e.what();
        }
    }
    EXPECT_THROW(ImageMobject(RasterPtr{}), std::invalid_argument);
}

// A PNG whose header declares width x height pixels and that holds no pixel data: what a
// 875 KB file of 30000x30000 pixels looks like to the decoder before it allocates.
std::string png_header_only(std::uint32_t width, std::uint32_t height) {
    auto be32 = [](std::uint32_t v) {
        return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
                           static_cast<char>(v)};
    };
    auto crc32 = [](const std::string& bytes) {
        std::uint32_t c = 0xFFFFFFFFu;
        for (unsigned char b : bytes) {
            c ^= b;
            for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
        }
        return c ^ 0xFFFFFFFFu;
    };
    const std::string ihdr = "IHDR" + be32(width) + be32(height) + std::string("\x08\x06\x00\x00\x00", 5);
    return std::string("\x89PNG\r\n\x1a\n", 8) + be32(13) + ihdr + be32(crc32(ihdr));
}

// Issue 22: a folder given as an image is said to be one; a JPEG that libjpeg warns about
// decodes without its warnings on stderr (they came between Reel's own lines).
TEST(ImageNegative, AFolderIsNamedAndJpegWarningsStayQuiet) {
    try {
        load_image(kDir);
        ADD_FAILURE() << "a folder loaded";
    } catch (const std::runtime_error& e) {
        EXPECT_EQ(std::string(e.what()), "cannot load image '" + kDir + "': it is a folder, not an image file");
    }
    std::ifstream in(kDir + "/green16x8.jpg", std::ios::binary);
    std::string jpeg((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_GT(jpeg.size(), 4u);
    ASSERT_EQ(jpeg.substr(jpeg.size() - 2), "\xff\xd9");
    jpeg.resize(jpeg.size() - 2); // no end marker: libjpeg warns "Premature end of JPEG file"
    const std::string path = std::string(REEL_TEST_OUTPUT_DIR) + "/image_stray_bytes.jpg";
    std::ofstream(path, std::ios::binary) << jpeg;
    const std::string err_path = std::string(REEL_TEST_OUTPUT_DIR) + "/image_stray_bytes.stderr";
    std::fflush(stderr);
    const int saved = ::dup(2);
    const int file = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    ASSERT_GE(file, 0);
    ::dup2(file, 2);
    RasterPtr img;
    try {
        img = load_image(path);
    } catch (...) {
    }
    std::fflush(stderr);
    ::dup2(saved, 2);
    ::close(saved);
    ::close(file);
    ASSERT_TRUE(img) << "the JPEG without its end marker did not load";
    EXPECT_EQ(img->width, 16);
    std::ifstream err(err_path);
    const std::string printed((std::istreambuf_iterator<char>(err)), std::istreambuf_iterator<char>());
    EXPECT_EQ(printed, "") << "libjpeg printed";
}

TEST(ImageNegative, TooManyPixelsAreRefusedFromTheHeaderBeforeDecoding) {
    const std::string path = REEL_TEST_OUTPUT_DIR "/image_30000x30000.png";
    std::ofstream(path, std::ios::binary) << png_header_only(30000, 30000);
    try {
        load_image(path);
        ADD_FAILURE() << "loaded";
    } catch (const std::runtime_error& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("30000x30000 pixels is more than the limit of 1e+08"), std::string::npos) << what;
        EXPECT_NE(what.find("REEL_MAX_IMAGE_PIXELS"), std::string::npos) << what;
    }
}

TEST(Image, DecodesPngAndJpeg) {
    RasterPtr p = load_image(kDir + "/red4x2.png");
    ASSERT_EQ(p->width, 4);
    ASSERT_EQ(p->height, 2);
    // BGRA premultiplied: red is (0, 0, 255, 255); pixel (3, 1) is blue.
    EXPECT_EQ(p->bgra[2], 255);
    EXPECT_EQ(p->bgra[0], 0);
    EXPECT_EQ(p->bgra[(1 * 4 + 3) * 4 + 0], 255);
    EXPECT_EQ(p->bgra[(1 * 4 + 3) * 4 + 2], 0);
    RasterPtr j = load_image(kDir + "/green16x8.jpg");
    ASSERT_EQ(j->width, 16);
    ASSERT_EQ(j->height, 8);
    EXPECT_GT(j->bgra[1], 240);
    EXPECT_LT(j->bgra[2], 15);
    EXPECT_EQ(j->bgra[3], 255);
}

TEST(Image, ManimDefaultSizeAndTransforms) {
    // 2 px high at scale_to_resolution 1080: 2 / 1080 * 8 units, width twice that.
    Mobject m = ImageMobject(kDir + "/red4x2.png");
    EXPECT_NEAR(m.height(), 2.0 / 1080 * 8, 1e-12);
    EXPECT_NEAR(m.width(), 4.0 / 1080 * 8, 1e-12);
    Mobject big = ImageMobject(kDir + "/red4x2.png", {.scale_to_resolution = 2});
    EXPECT_NEAR(big.height(), 8.0, 1e-12);
    big.scale(0.5).shift({1, 1});
    EXPECT_NEAR(big.width(), 8.0, 1e-12);
    EXPECT_NEAR(big.get_center().x, 1.0, 1e-12);
    big.fade(0.25);
    EXPECT_NEAR(big.style().fill_opacity, 0.75, 1e-12);
    EXPECT_TRUE(big.style().image);
}

TEST(ImageNegative, PixelArraysOfTheWrongShapeAreRefused) {
    EXPECT_THROW(ImageMobject(PixelArray{}), std::invalid_argument);
    EXPECT_THROW(ImageMobject(PixelArray{.height = 1, .width = 2, .channels = 2, .data = {1, 2, 3, 4}}),
                 std::invalid_argument);
    EXPECT_THROW(ImageMobject(PixelArray{.height = 1, .width = 2, .channels = 3, .data = {1, 2, 3}}),
                 std::invalid_argument);
    EXPECT_THROW(PixelArray::from_rows({{1, 2}, {3}}), std::invalid_argument);
}

// GradientImageFromArray: a 256x256 grey ramp (value = column), scale(2): 512 px at 1080p,
// columns 704 .. 1215. Manim's frame (reference t000000.png, row 540) reads 0 0 1 1 2 2 3 3 at
// columns 704 .. 711, 253 253 254 254 255 255 at 1210 .. 1215 and black from 1216.
TEST(Image, PixelArrayAsManimDrawsIt) {
    std::vector<std::vector<std::uint8_t>> rows(256, std::vector<std::uint8_t>(256));
    for (auto& r : rows)
        for (int i = 0; i < 256; ++i) r[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(i);
    Mobject m = ImageMobject(PixelArray::from_rows(rows));
    EXPECT_NEAR(m.height(), 256.0 / 1080.0 * 8.0, 1e-12);
    m.scale(2);
    EXPECT_NEAR(m.width(), 512.0 / 135.0, 1e-12);
    Frame f;
    f.items.push_back(m.leaf_state());
    Image img = render_frame(f, 1920, 1080);
    const std::uint8_t* row = img.row(540);
    const int left[] = {0, 0, 1, 1, 2, 2, 3, 3};
    for (int i = 0; i < 8; ++i) EXPECT_NEAR(row[4 * (704 + i) + 1], left[i], 1) << "column " << 704 + i;
    const int right[] = {253, 253, 254, 254, 255, 255, 0};
    for (int i = 0; i < 7; ++i) EXPECT_NEAR(row[4 * (1210 + i) + 1], right[i], 1) << "column " << 1210 + i;
    EXPECT_EQ(row[4 * 703 + 1], 0);
    // Grey is RGB alike with alpha 255 (change_to_rgba_array).
    EXPECT_EQ(row[4 * 960 + 0], row[4 * 960 + 2]);
    // RGBA arrays keep their alpha; nearest resampling keeps a hard edge between two pixels.
    Mobject two = ImageMobject(PixelArray{.height = 1, .width = 2, .channels = 4, .data = {255, 0, 0, 255, 0, 0, 255, 255}},
                               {.scale_to_resolution = 1, .resampling_algorithm = Resampling::Nearest});
    Frame g;
    g.items.push_back(two.leaf_state());
    Image sharp = render_frame(g, 1920, 1080); // 2 x 1 pixels as 1920 x 1080
    EXPECT_EQ(sharp.row(540)[4 * 959 + 2], 255);
    EXPECT_EQ(sharp.row(540)[4 * 960 + 0], 255);
    EXPECT_EQ(sharp.row(540)[4 * 960 + 2], 0);
}

TEST(Image, EnlargedManyTimesItIsSmoothAsPilsBicubicResize) {
    // MovingZoomedSceneAround's 4 x 2 array at height 7: 1890 x 945 pixels at 1080p. Manim resizes
    // it with PIL's bicubic filter; these are PIL 9.4's values of
    // Image.fromarray(a).convert("RGBA").resize((1890, 945), Image.BICUBIC) at columns 100,
    // 300, ... 1700 of rows 200, 472 and 800 (Cairo's best filter drew soft squares instead:
    // 0 and 255 a few pixels apart).
    Mobject m = ImageMobject(PixelArray::from_rows({{0, 100, 30, 200}, {255, 0, 5, 33}}));
    m.scale_to_fit_height(7);
    Frame f;
    f.items.push_back(m.leaf_state());
    const Image img = render_frame(f, 1920, 1080);
    const int pil[3][9] = {{0, 1, 57, 103, 74, 31, 65, 156, 213},
                           {128, 121, 88, 51, 36, 15, 38, 89, 121},
                           {255, 248, 120, 0, 0, 0, 8, 17, 21}};
    const int rows[3] = {200, 472, 800};
    for (int r = 0; r < 3; ++r)
        for (int k = 0; k < 9; ++k) {
            const int x = 100 + 200 * k;
            // The image's top left corner is at (15, 67.5) in the picture.
            EXPECT_NEAR(img.row(rows[r] + 68)[4 * (x + 15) + 1], pil[r][k], 4) << "row " << rows[r] << " column " << x;
        }
}

TEST(Image, DrawnOnItsCornersWithItsOpacity) {
    Mobject m = ImageMobject(kDir + "/red4x2.png", {.scale_to_resolution = 2}); // 16 x 8 units
    m.scale(0.25);                                                              // 4 x 2 units
    m.shift({2, 0});
    Frame f;
    f.items.push_back(m.leaf_state());
    Image img = render_frame(f, 320, 180);
    auto px = [&](double x, double y) {
        int cx = static_cast<int>(320 / 2 + x * 320 / kFrameWidth);
        int cy = static_cast<int>(180 / 2 - y * 320 / kFrameWidth);
        return img.row(cy) + 4 * cx;
    };
    // Left part red, bottom-right pixel of the image blue, outside black.
    EXPECT_GT(px(0.6, 0.5)[2], 200);
    EXPECT_LT(px(0.6, 0.5)[0], 40);
    EXPECT_GT(px(3.5, -0.5)[0], 200);
    EXPECT_LT(px(3.5, -0.5)[2], 60);
    EXPECT_LT(px(-1.0, 0.0)[2], 10);
    // Faded to half: half the red.
    m.set_opacity(0.5);
    f.items[0] = m.leaf_state();
    Image half = render_frame(f, 320, 180);
    int r = half.row(static_cast<int>(90 - 0.5 * 320 / kFrameWidth))[4 * static_cast<int>(160 + 0.6 * 320 / kFrameWidth) + 2];
    EXPECT_NEAR(r, 128, 12);
    // A filled shape drawn just before the image keeps its own colour (the image is clipped to
    // its own corners only).
    Mobject sq = Square(1.0, {.color = GRAY, .fill_opacity = 1.0});
    sq.move_to(Vec2{-3, 0});
    Frame two;
    two.items.push_back(sq.leaf_state());
    two.items.push_back(m.leaf_state());
    Image both = render_frame(two, 320, 180);
    const std::uint8_t* g = both.row(90) + 4 * static_cast<int>(160 - 3 * 320 / kFrameWidth);
    EXPECT_NEAR(g[0], 0x88, 3);
    EXPECT_NEAR(g[1], 0x88, 3);
    EXPECT_NEAR(g[2], 0x88, 3);
    // FadeIn carries the image through the animation.
    auto a = FadeIn(m);
    a->begin();
    EXPECT_TRUE(a->leaf_state(0.5, 0).style.image);
}

} // namespace
} // namespace reel
