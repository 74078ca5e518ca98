// The one image comparator of every golden test (frames in tests/render, formulas in
// tests/math): PNG loading, the comparison and its tolerance, and the assertion that writes the
// actual and difference images when it fails. Goldens are made by a separate command
// (`cmake --build build --target regenerate-goldens`), never by the tests.
#pragma once

#include <cairo.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "render/render.h"

namespace reel::test {

// Tolerance (Blend2D style): the largest channel difference of any pixel, and the mean channel
// difference over the whole image. Antialiasing changes between Cairo/pixman versions stay far
// below both; a missing, moved or recoloured glyph or line does not.
constexpr int kGoldenMaxChannelDiff = 40;
constexpr double kGoldenMaxMeanDiff = 0.25;

/// Loads a PNG as ARGB32 pixels; an empty image (width 0) and `error` on failure.
inline Image load_png(const std::filesystem::path& path, std::string& error) {
    cairo_surface_t* s = cairo_image_surface_create_from_png(path.c_str());
    Image out;
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        error = cairo_status_to_string(cairo_surface_status(s));
        cairo_surface_destroy(s);
        return out;
    }
    cairo_surface_t* argb = s;
    if (cairo_image_surface_get_format(s) != CAIRO_FORMAT_ARGB32) {
        // Convert (e.g. RGB24) by painting onto an ARGB32 surface.
        argb = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, cairo_image_surface_get_width(s),
                                          cairo_image_surface_get_height(s));
        cairo_t* cr = cairo_create(argb);
        cairo_set_source_surface(cr, s, 0, 0);
        cairo_paint(cr);
        cairo_destroy(cr);
    }
    cairo_surface_flush(argb);
    out = Image(cairo_image_surface_get_width(argb), cairo_image_surface_get_height(argb));
    const int stride = cairo_image_surface_get_stride(argb);
    const unsigned char* data = cairo_image_surface_get_data(argb);
    for (int y = 0; y < out.height; ++y)
        std::copy_n(data + static_cast<std::ptrdiff_t>(y) * stride, 4 * out.width, out.row(y));
    if (argb != s) cairo_surface_destroy(argb);
    cairo_surface_destroy(s);
    return out;
}

struct ImageDiff {
    int max = 0;        ///< largest channel difference of any pixel
    double mean = 0;    ///< mean channel difference
    long differing = 0; ///< pixels with any channel different
    Image image;        ///< differences amplified 4x, white on black
    bool within_tolerance() const { return max <= kGoldenMaxChannelDiff && mean <= kGoldenMaxMeanDiff; }
};

/// Compares two images of the same size.
inline ImageDiff compare_images(const Image& a, const Image& b) {
    ImageDiff d;
    d.image = Image(a.width, a.height);
    double total = 0;
    for (int y = 0; y < a.height; ++y) {
        for (int x = 0; x < a.width; ++x) {
            const std::uint8_t* pa = a.row(y) + 4 * x;
            const std::uint8_t* pb = b.row(y) + 4 * x;
            int m = 0;
            for (int c = 0; c < 4; ++c) {
                const int v = std::abs(static_cast<int>(pa[c]) - static_cast<int>(pb[c]));
                m = std::max(m, v);
                total += v;
            }
            d.max = std::max(d.max, m);
            if (m > 0) ++d.differing;
            const auto v = static_cast<std::uint8_t>(std::min(255, m * 4));
            std::uint8_t* pd = d.image.row(y) + 4 * x;
            pd[0] = pd[1] = pd[2] = v;
            pd[3] = 255;
        }
    }
    d.mean = a.width && a.height ? total / (4.0 * a.width * a.height) : 0.0;
    return d;
}

/// `actual` matches the golden PNG within the tolerance. On failure the actual image and the
/// difference image go to `out_dir` as STEM-actual.png and STEM-diff.png.
inline ::testing::AssertionResult matches_golden(const Image& actual, const std::filesystem::path& golden,
                                                 const std::filesystem::path& out_dir) {
    namespace fs = std::filesystem;
    const std::string stem = golden.stem().string();
    auto keep = [&](const Image& img, const std::string& what) {
        fs::create_directories(out_dir);
        write_png(img, (out_dir / (stem + "-" + what + ".png")).string(), nullptr);
    };
    if (!fs::exists(golden))
        return ::testing::AssertionFailure()
               << "golden " << golden << " is missing: make it on purpose with "
               << "`cmake --build build --target regenerate-goldens` and look at it before committing";
    std::string err;
    const Image expected = load_png(golden, err);
    if (expected.width == 0) return ::testing::AssertionFailure() << "cannot read " << golden << ": " << err;
    if (expected.width != actual.width || expected.height != actual.height) {
        keep(actual, "actual");
        return ::testing::AssertionFailure() << stem << ": size " << actual.width << "x" << actual.height
                                             << ", golden " << expected.width << "x" << expected.height
                                             << " (actual image in " << out_dir << ")";
    }
    const ImageDiff d = compare_images(actual, expected);
    if (d.within_tolerance()) return ::testing::AssertionSuccess();
    keep(actual, "actual");
    keep(d.image, "diff");
    return ::testing::AssertionFailure() << stem << " differs from " << golden << ": max channel diff " << d.max
                                         << " (limit " << kGoldenMaxChannelDiff << "), mean diff " << d.mean
                                         << " (limit " << kGoldenMaxMeanDiff << "), " << d.differing
                                         << " pixels differ; actual and diff images are in " << out_dir;
}

} // namespace reel::test
