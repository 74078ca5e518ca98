// LaTeX conformance over the corpus in tests/data/math-corpus: every formula is typeset,
// rasterised at the reference's density and compared with real LaTeX's picture of it the way
// texcmp.py does (ink box aspect ratio; ink F1 within 3 px after scaling ours onto the
// reference's ink box), and with TeX's box width. Prints the distribution and the worst cases.
// Also the promo's five formulas as `reel tex` draws them, against real LaTeX's pictures of them
// (tests/data/reference/math), as texcmp.py measures them.
// REEL_CORPUS_OVERLAYS=1 writes reference (red) / ours (green) overlays to test-output.
#include <cairo.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "reel/math.h"
#include "support/run_reel.h" // LsanForChildren: the reel processes it starts, under ASan

namespace reel {
namespace {

namespace fs = std::filesystem;

const std::string kCorpusDir = std::string(REEL_TEST_CORPUS_DIR);
// The references are dvisvgm's SVG rasterised at 4x: 4 * 96/72 px per bp, 72/72.27 bp per pt.
constexpr double kPixelsPerPoint = 4.0 * 96.0 / 72.0 * 72.0 / 72.27;

struct SurfaceDeleter {
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextDeleter {
    void operator()(cairo_t* c) const { cairo_destroy(c); }
};
using Surface = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using Context = std::unique_ptr<cairo_t, ContextDeleter>;

// A binary image.
struct Mask {
    int w = 0, h = 0;
    std::vector<std::uint8_t> v;
    bool at(int x, int y) const { return v[static_cast<std::size_t>(y) * w + x] != 0; }
    std::size_t count() const { return static_cast<std::size_t>(std::count(v.begin(), v.end(), 1)); }
};

// The reference: ink is whatever differs from the border's colour by more than 100 (texcmp).
bool load_reference(const std::string& path, Mask& out) {
    Surface s(cairo_image_surface_create_from_png(path.c_str()));
    if (cairo_surface_status(s.get()) != CAIRO_STATUS_SUCCESS) return false;
    cairo_surface_flush(s.get());
    out.w = cairo_image_surface_get_width(s.get());
    out.h = cairo_image_surface_get_height(s.get());
    const int stride = cairo_image_surface_get_stride(s.get());
    const unsigned char* data = cairo_image_surface_get_data(s.get());
    const bool rgb = cairo_image_surface_get_format(s.get()) != CAIRO_FORMAT_A8 &&
                     cairo_image_surface_get_format(s.get()) != CAIRO_FORMAT_A1;
    if (!rgb) return false;
    auto grey = [&](int x, int y) {
        const unsigned char* p = data + static_cast<std::ptrdiff_t>(y) * stride + 4 * x;
        return (int(p[0]) + int(p[1]) + int(p[2])) / 3;
    };
    const int bg = grey(0, 0);
    out.v.assign(static_cast<std::size_t>(out.w) * out.h, 0);
    for (int y = 0; y < out.h; ++y)
        for (int x = 0; x < out.w; ++x)
            out.v[static_cast<std::size_t>(y) * out.w + x] = std::abs(grey(x, y) - bg) > 100;
    return true;
}

void append_path(cairo_t* cr, const Points& p) {
    const std::size_t n = p.size() / 4;
    auto same = [](Vec2 a, Vec2 b) { return std::abs(a.x - b.x) < 1e-9 && std::abs(a.y - b.y) < 1e-9; };
    std::size_t i = 0;
    while (i < n) {
        std::size_t j = i + 1;
        while (j < n && same(p[4 * j - 1], p[4 * j])) ++j;
        cairo_new_sub_path(cr);
        cairo_move_to(cr, p[4 * i].x, p[4 * i].y);
        for (std::size_t k = i; k < j; ++k)
            cairo_curve_to(cr, p[4 * k + 1].x, p[4 * k + 1].y, p[4 * k + 2].x, p[4 * k + 2].y,
                           p[4 * k + 3].x, p[4 * k + 3].y);
        cairo_close_path(cr);
        i = j;
    }
}

// Our picture of the formula at the reference's density; ink where coverage > 100/255.
Mask render(const math::MathLayout& layout) {
    double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
    for (const auto& item : layout.items)
        for (const Vec2& q : item.points) {
            x0 = std::min(x0, q.x); x1 = std::max(x1, q.x);
            y0 = std::min(y0, q.y); y1 = std::max(y1, q.y);
        }
    Mask m;
    if (layout.items.empty()) return m;
    const double pad = 4;
    m.w = static_cast<int>(std::ceil((x1 - x0) * kPixelsPerPoint + 2 * pad));
    m.h = static_cast<int>(std::ceil((y1 - y0) * kPixelsPerPoint + 2 * pad));
    Surface s(cairo_image_surface_create(CAIRO_FORMAT_A8, m.w, m.h));
    Context cr(cairo_create(s.get()));
    cairo_translate(cr.get(), pad - x0 * kPixelsPerPoint, pad + y1 * kPixelsPerPoint);
    cairo_scale(cr.get(), kPixelsPerPoint, -kPixelsPerPoint);
    for (const auto& item : layout.items) append_path(cr.get(), item.points);
    cairo_set_fill_rule(cr.get(), CAIRO_FILL_RULE_WINDING);
    cairo_fill(cr.get());
    cairo_surface_flush(s.get());
    const int stride = cairo_image_surface_get_stride(s.get());
    const unsigned char* data = cairo_image_surface_get_data(s.get());
    m.v.resize(static_cast<std::size_t>(m.w) * m.h);
    for (int y = 0; y < m.h; ++y)
        for (int x = 0; x < m.w; ++x)
            m.v[static_cast<std::size_t>(y) * m.w + x] = data[y * stride + x] > 100;
    return m;
}

Mask crop(const Mask& m) {
    int x0 = m.w, y0 = m.h, x1 = -1, y1 = -1;
    for (int y = 0; y < m.h; ++y)
        for (int x = 0; x < m.w; ++x)
            if (m.at(x, y)) {
                x0 = std::min(x0, x); x1 = std::max(x1, x);
                y0 = std::min(y0, y); y1 = std::max(y1, y);
            }
    Mask c;
    if (x1 < 0) return c;
    c.w = x1 - x0 + 1;
    c.h = y1 - y0 + 1;
    c.v.resize(static_cast<std::size_t>(c.w) * c.h);
    for (int y = 0; y < c.h; ++y)
        for (int x = 0; x < c.w; ++x) c.v[static_cast<std::size_t>(y) * c.w + x] = m.at(x0 + x, y0 + y);
    return c;
}

// Bilinear resize of a 0/1 mask to w x h, thresholded at one half (texcmp's PIL resize > 127).
Mask resize(const Mask& m, int w, int h) {
    Mask r;
    r.w = w;
    r.h = h;
    r.v.resize(static_cast<std::size_t>(w) * h);
    const double sx = double(m.w) / w, sy = double(m.h) / h;
    for (int y = 0; y < h; ++y) {
        const double fy = std::clamp((y + 0.5) * sy - 0.5, 0.0, double(m.h - 1));
        const int iy = static_cast<int>(fy);
        const int iy1 = std::min(iy + 1, m.h - 1);
        const double ty = fy - iy;
        for (int x = 0; x < w; ++x) {
            const double fx = std::clamp((x + 0.5) * sx - 0.5, 0.0, double(m.w - 1));
            const int ix = static_cast<int>(fx);
            const int ix1 = std::min(ix + 1, m.w - 1);
            const double tx = fx - ix;
            const double v = (1 - ty) * ((1 - tx) * m.at(ix, iy) + tx * m.at(ix1, iy)) +
                             ty * ((1 - tx) * m.at(ix, iy1) + tx * m.at(ix1, iy1));
            r.v[static_cast<std::size_t>(y) * w + x] = v > 0.5;
        }
    }
    return r;
}

// How many ink pixels of `a` have ink of `b` within `tol` pixels.
std::size_t covered(const Mask& a, const Mask& b, int tol) {
    std::vector<std::pair<int, int>> disk;
    for (int dy = -tol; dy <= tol; ++dy)
        for (int dx = -tol; dx <= tol; ++dx)
            if (dx * dx + dy * dy <= tol * tol) disk.emplace_back(dx, dy);
    std::size_t n = 0;
    for (int y = 0; y < a.h; ++y)
        for (int x = 0; x < a.w; ++x) {
            if (!a.at(x, y)) continue;
            for (auto [dx, dy] : disk) {
                const int u = x + dx, v = y + dy;
                if (u >= 0 && v >= 0 && u < b.w && v < b.h && b.at(u, v)) {
                    ++n;
                    break;
                }
            }
        }
    return n;
}

struct Result {
    int index = 0;
    std::string tex;
    double ratio_err = 1;  // relative aspect-ratio error of the ink box
    double f1 = 0;
    double width_err = 1;  // relative error of the box width against TeX's
    std::string error;     // typesetting failed
};

void write_overlay(const Mask& ref, const Mask& ours, const std::string& path) {
    Surface s(cairo_image_surface_create(CAIRO_FORMAT_RGB24, ref.w, ref.h));
    cairo_surface_flush(s.get());
    unsigned char* data = cairo_image_surface_get_data(s.get());
    const int stride = cairo_image_surface_get_stride(s.get());
    for (int y = 0; y < ref.h; ++y)
        for (int x = 0; x < ref.w; ++x) {
            unsigned char* p = data + y * stride + 4 * x;
            p[2] = ref.at(x, y) ? 255 : 0;
            p[1] = ours.at(x, y) ? 255 : 0;
            p[0] = 0;
        }
    cairo_surface_mark_dirty(s.get());
    cairo_surface_write_to_png(s.get(), path.c_str());
}

// texcmp.py's two figures for our picture against the reference's: aspect ratio error of the
// ink boxes and ink F1 within 3 px after scaling ours onto the reference's ink box.
void compare(const Mask& ref_full, const Mask& ours_in, Result& r, const char* overlay) {
    const Mask ref = crop(ref_full);
    const Mask ours_full = crop(ours_in);
    if (ref.w == 0 || ours_full.w == 0) {
        r.error = "no ink";
        return;
    }
    const double rr = double(ref.w) / ref.h, ro = double(ours_full.w) / ours_full.h;
    r.ratio_err = std::abs(ro - rr) / rr;
    const Mask ours = resize(ours_full, ref.w, ref.h);
    const double recall = double(covered(ref, ours, 3)) / double(std::max<std::size_t>(1, ref.count()));
    const double precision =
        double(covered(ours, ref, 3)) / double(std::max<std::size_t>(1, ours.count()));
    r.f1 = recall + precision > 0 ? 2 * recall * precision / (recall + precision) : 0;
    if (const char* o = std::getenv("REEL_CORPUS_OVERLAYS"); o && std::string(o) == "1") {
        const std::string dir = std::string(REEL_TEST_OUTPUT_DIR) + "/math-corpus";
        fs::create_directories(dir);
        write_overlay(ref, ours, dir + "/" + overlay);
    }
}

Result measure(int index, const std::string& tex, double tex_width) {
    Result r;
    r.index = index;
    r.tex = tex;
    char name[32];
    std::snprintf(name, sizeof name, "f%03d.png", index);
    Mask ref_full;
    if (!load_reference(kCorpusDir + "/" + name, ref_full)) {
        r.error = std::string("cannot read ") + name;
        return r;
    }
    math::MathLayout layout;
    try {
        layout = math::typeset(tex);
    } catch (const std::exception& e) {
        r.error = e.what();
        return r;
    }
    r.width_err = tex_width > 0 ? std::abs(layout.width - tex_width) / tex_width : 1.0;
    compare(ref_full, render(layout), r, name);
    return r;
}

std::vector<std::string> read_lines(const std::string& path) {
    std::ifstream in(path);
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) out.push_back(line);
    return out;
}

std::map<std::string, double> read_widths(const std::string& path) {
    // "f000 wd=123.4pt ht=...pt dp=...pt"
    std::map<std::string, double> out;
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) {
        std::istringstream ss(line);
        std::string name, wd;
        ss >> name >> wd;
        if (wd.rfind("wd=", 0) == 0) out[name] = std::atof(wd.c_str() + 3);
    }
    return out;
}

TEST(MathCorpus, ReferencesArePresent) {
    const auto formulas = read_lines(kCorpusDir + "/formulas.txt");
    const auto widths = read_widths(kCorpusDir + "/metrics.txt");
    ASSERT_GE(formulas.size(), 150u);
    EXPECT_EQ(widths.size(), formulas.size());
    for (std::size_t i = 0; i < formulas.size(); ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "f%03d.png", static_cast<int>(i));
        EXPECT_TRUE(fs::exists(kCorpusDir + "/" + name)) << name;
    }
}

TEST(MathCorpus, MatchesLatex) {
    const auto formulas = read_lines(kCorpusDir + "/formulas.txt");
    const auto widths = read_widths(kCorpusDir + "/metrics.txt");
    ASSERT_GE(formulas.size(), 150u);
    std::vector<Result> results;
    for (std::size_t i = 0; i < formulas.size(); ++i) {
        char name[16];
        std::snprintf(name, sizeof name, "f%03d", static_cast<int>(i));
        const auto w = widths.find(name);
        results.push_back(measure(static_cast<int>(i), formulas[i], w == widths.end() ? 0 : w->second));
    }
    const double n = double(results.size());
    auto share = [&](auto pred) {
        return double(std::count_if(results.begin(), results.end(), pred)) / n;
    };
    int failed = 0;
    for (const Result& r : results)
        if (!r.error.empty()) {
            ++failed;
            std::printf("ERROR f%03d %s: %s\n", r.index, r.tex.c_str(), r.error.c_str());
        }
    const double good = share([](const Result& r) { return r.ratio_err <= 0.02 && r.f1 >= 0.95; });
    const double ratio_ok = share([](const Result& r) { return r.ratio_err <= 0.02; });
    const double f1_ok = share([](const Result& r) { return r.f1 >= 0.95; });
    const double f1_floor = share([](const Result& r) { return r.f1 >= 0.85; });
    const double width_ok = share([](const Result& r) { return r.width_err <= 0.01; });
    std::vector<double> ratios, f1s;
    for (const Result& r : results) {
        ratios.push_back(r.ratio_err);
        f1s.push_back(r.f1);
    }
    std::sort(ratios.begin(), ratios.end());
    std::sort(f1s.begin(), f1s.end());
    auto pct = [](const std::vector<double>& v, double q) {
        return v[static_cast<std::size_t>(std::min(double(v.size() - 1), q * double(v.size())))];
    };
    std::printf("math corpus: %zu formulas, %d failed to typeset\n", results.size(), failed);
    std::printf("  aspect error <= 2%% and ink F1 >= 0.95: %.1f%%\n", 100 * good);
    std::printf("  aspect error <= 2%%: %.1f%%   ink F1 >= 0.95: %.1f%%   ink F1 >= 0.85: %.1f%%\n",
                100 * ratio_ok, 100 * f1_ok, 100 * f1_floor);
    std::printf("  box width within 1%% of TeX's: %.1f%%\n", 100 * width_ok);
    std::printf("  aspect error: median %.2f%%  p90 %.2f%%  max %.2f%%\n", 100 * pct(ratios, 0.5),
                100 * pct(ratios, 0.9), 100 * ratios.back());
    std::printf("  ink F1: min %.4f  p10 %.4f  median %.4f\n", f1s.front(), pct(f1s, 0.1),
                pct(f1s, 0.5));
    std::vector<Result> worst = results;
    std::sort(worst.begin(), worst.end(), [](const Result& a, const Result& b) {
        const double sa = std::max(a.ratio_err / 0.02, (1 - a.f1) / 0.05);
        const double sb = std::max(b.ratio_err / 0.02, (1 - b.f1) / 0.05);
        return sa > sb;
    });
    if (const char* a = std::getenv("REEL_CORPUS_ALL"); a && std::string(a) == "1")
        for (const Result& r : results)
            std::printf("ALL f%03d aspect %6.2f%%  F1 %.4f  width %6.2f%%  %s\n", r.index,
                        100 * r.ratio_err, r.f1, 100 * r.width_err, r.tex.c_str());
    std::printf("  worst:\n");
    for (std::size_t i = 0; i < std::min<std::size_t>(worst.size(), 15); ++i)
        std::printf("    f%03d aspect %5.2f%%  F1 %.4f  width %5.2f%%  %s\n", worst[i].index,
                    100 * worst[i].ratio_err, worst[i].f1, 100 * worst[i].width_err,
                    worst[i].tex.c_str());

    EXPECT_EQ(failed, 0);
    // Issue 11's goals: >= 95 % of the formulas within 2 % aspect error with ink F1 >= 0.95,
    // none below F1 0.85. Reached on 2026-11-30: 98.1 % good, 98.6 % within 2 % aspect, 99.5 %
    // at F1 >= 0.95, 100 % at F1 >= 0.85, 98.1 % of widths within 1 %. The goal is asserted as
    // it stands; the others a little below the levels reached, so that a Cairo antialiasing
    // change does not trip them and any real regression of the typesetter does.
    EXPECT_GE(f1_floor, 1.0);
    EXPECT_GE(good, 0.95);
    EXPECT_GE(ratio_ok, 0.96);
    EXPECT_GE(f1_ok, 0.98);
    EXPECT_GE(width_ok, 0.97);
    if (good < 0.95 || f1_floor < 1.0)
        std::printf("  GAP to issue 11's goal: %.1f%% good (goal 95%%), %.1f%% with F1 >= 0.85 "
                    "(goal 100%%)\n",
                    100 * good, 100 * f1_floor);
}

// `reel tex` FORMULA -o OUT, stdout and stderr discarded; its exit status.
int run_reel_tex(const std::string& formula, const std::string& out) {
    std::fflush(nullptr); // nothing buffered is written twice
    const pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        std::freopen("/dev/null", "w", stdout);
        std::freopen("/dev/null", "w", stderr);
        execl(REEL_BINARY, REEL_BINARY, "tex", formula.c_str(), "-o", out.c_str(),
              static_cast<char*>(nullptr));
        _exit(127);
    }
    int status = 0;
    if (waitpid(pid, &status, 0) != pid) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The promo's formulas as `reel tex` draws them (default size) against LaTeX's pictures. Before
// issue 11 texcmp.py measured aspect errors 0.73, 0.59, 0.09, 0.58, 0.76 % and ink F1 0.9860,
// 0.9997, 0.9923, 0.9979, 1.0000; on 2026-11-30 0.71, 0.05, 0.04, 0.21, 0.32 % and F1 1.0000.
// A pixel row is about 1 % of these pictures' height, so the bound is the 0.8 %.
TEST(MathCorpus, PromoFormulasAsReelTexDrawsThem) {
    const std::string dir = std::string(REEL_TEST_REFERENCE_DIR) + "/math";
    const auto formulas = read_lines(dir + "/formulas.txt");
    ASSERT_EQ(formulas.size(), 5u);
    const std::string out_dir = std::string(REEL_TEST_OUTPUT_DIR) + "/math-promo";
    fs::create_directories(out_dir);
    for (std::size_t i = 0; i < formulas.size(); ++i) {
        const std::string n = std::to_string(i);
        const std::string out = out_dir + "/formula" + n + ".png";
        ASSERT_EQ(run_reel_tex(formulas[i], out), 0) << formulas[i];
        Mask ref, ours;
        ASSERT_TRUE(load_reference(dir + "/formula" + n + ".png", ref));
        ASSERT_TRUE(load_reference(out, ours)) << out;
        Result r;
        compare(ref, ours, r, ("promo" + n + ".png").c_str());
        ASSERT_TRUE(r.error.empty()) << r.error;
        std::printf("promo formula %zu: aspect error %.2f%%  ink F1 %.4f\n", i, 100 * r.ratio_err,
                    r.f1);
        EXPECT_LE(r.ratio_err, 0.008) << formulas[i];
        EXPECT_GE(r.f1, 0.995) << formulas[i];
    }
}

} // namespace
} // namespace reel
