// reel tex 'LATEX' -o FILE.png [--font-size N] [--scale S] [--color C] [--background C]
#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

#include "command.h"
#include "files/atomic_file.h"
#include "reel/math.h"
#include "render/render.h"

namespace reel::cli {

namespace {

struct TexArgs {
    std::string latex;
    std::string output;
    double font_size = 48.0;
    std::string color = "#FFFFFF";
    std::string background = "#000000";
    double scale = 1.0;
};

// Manim's 1080p pixel density: 1920 px across the 14.22-unit frame.
constexpr double kPixelsPerUnit = 1920.0 / kFrameWidth;
// Empty border around the formula, in scene units.
constexpr double kMargin = 0.1;
// Largest picture side: beyond it the formula is an error, not gigabytes of pixels.
constexpr int kMaxSide = 16384;

Color parse_color(const std::string& text, const char* what) {
    Color c;
    if (!Color::parse(text, c))
        throw UsageError(fmt::format("{} '{}' is not a colour (use #RRGGBB or #RGB)", what, text));
    return c;
}

// The formula with a caret under the offending column.
std::string point_at(const std::string& latex, std::size_t column) {
    if (latex.size() > 200 || latex.find('\n') != std::string::npos) return {};
    std::string caret(column > 0 ? column - 1 : 0, ' ');
    return fmt::format("\n  {}\n  {}^", latex, caret);
}

int run_tex(const TexArgs& a) {
    namespace fs = std::filesystem;
    const fs::path out(a.output);
    if (out.extension() != ".png")
        throw UsageError(fmt::format("output '{}' must end in .png", a.output));
    if (!(a.font_size > 0 && a.font_size <= 2000))
        throw UsageError(fmt::format("--font-size {:g} is out of range (0, 2000]", a.font_size));
    if (a.latex.find_first_not_of(" \t\r\n") == std::string::npos)
        throw UsageError("formula is empty: give the TeX to typeset, e.g. reel tex '\\frac{a}{b}' -o f.png");
    try {
        check_output_target(a.output);
    } catch (const FileError& e) {
        throw UsageError(e.what());
    }
    const Color color = parse_color(a.color, "--color");
    const Color background = parse_color(a.background, "--background");

    if (a.latex.find_first_not_of(" \t\r\n") == std::string::npos)
        throw UsageError("formula: the formula is empty");
    if (!(a.scale > 0 && a.scale <= 64))
        throw UsageError(fmt::format("--scale {:g} is out of range (0, 64]", a.scale));

    StopSignals signals;
    const bool existed = fs::exists(a.output);
    Mobject tex;
    math::MathLayout layout;
    try {
        tex = MathTex(a.latex, {.font_size = a.font_size, .color = color});
        layout = math::typeset(a.latex);
    } catch (const math::MathError& e) {
        throw UsageError(fmt::format("formula: {}{}", e.what(), point_at(a.latex, e.column())));
    }
    Frame frame;
    for (const Mobject& leaf : tex.leaves()) frame.items.push_back(leaf.leaf_state());
    const Bounds box = tex.all_bounds();
    // The picture is the formula's ink plus a margin at Manim's 1080p density times --scale,
    // with the top left corner of TeX's box on a pixel corner, as in a rasterised dvisvgm
    // picture: the same formula always meets the pixel grid the same way, as LaTeX's does.
    // Its size is checked before anything is allocated.
    const double ppu = kPixelsPerUnit * a.scale;
    const Vec2 origin = math::box_origin(layout, a.font_size) +
                        Vec2{0, layout.height * math::scene_units_per_point(a.font_size)};
    const Vec2 lo = box.valid ? box.min : origin, hi = box.valid ? box.max : origin;
    const double left = std::floor((lo.x - origin.x - kMargin) * ppu);
    const double right = std::ceil((hi.x - origin.x + kMargin) * ppu);
    const double bottom = std::floor((lo.y - origin.y - kMargin) * ppu);
    const double top = std::ceil((hi.y - origin.y + kMargin) * ppu);
    const double want_w = right - left, want_h = top - bottom;
    if (want_w > kMaxSide || want_h > kMaxSide)
        throw UsageError(fmt::format(
            "the picture would be {:.0f}x{:.0f} px; the limit is {} px a side (lower --font-size "
            "or --scale)",
            want_w, want_h, kMaxSide));
    const int width = std::max(1, static_cast<int>(want_w));
    const int height = std::max(1, static_cast<int>(want_h));
    // The camera spans kFrameWidth units across the image, centred on it: the scene point at
    // the picture's centre, then the formula scaled to the density.
    const Vec2 centre{origin.x + (left + width / 2.0) / ppu, origin.y + (top - height / 2.0) / ppu};
    const double k = ppu * kFrameWidth / width;
    for (LeafState& item : frame.items) {
        if (!item.points) continue;
        Points p = *item.points;
        for (Vec2& q : p) q = (q - centre) * k;
        item.points = std::make_shared<const Points>(std::move(p));
    }
    // A still picture: curves flattened to Cairo's default 0.1 px, not the video's 0.25 px.
    const Image cropped = render_frame(frame, width, height, Camera{background, 0.1});
    std::string err;
    if (stop_requested() || !write_png(cropped, a.output, &err, &stop_flag())) {
        if (stop_requested())
            throw stopped_error(existed ? fmt::format("'{}' left as it was", a.output) : "nothing written");
        throw UsageError(err);
    }
    fmt::print("{} ({}x{}, {} glyphs and rules)\n", a.output, width, height, frame.items.size());
    return 0;
}

} // namespace

Command add_tex_command(CLI::App& root) {
    auto args = std::make_shared<TexArgs>();
    CLI::App* app = root.add_subcommand("tex", "Typeset one TeX formula (MathTex) alone into a PNG");
    app->add_option("latex", args->latex, "The formula, e.g. '\\frac{a}{b}'")->required();
    app->add_option("-o,--output", args->output, "PNG file")->required();
    app->add_option("--font-size", args->font_size, "Manim font size (default 48)");
    app->add_option("--scale", args->scale,
                    "Pixel density relative to Manim's 1080p (default 1; 2 doubles the size)");
    app->add_option("--color", args->color, "Formula colour, #RRGGBB (default #FFFFFF)");
    app->add_option("--background", args->background, "Background colour (default #000000)");
    return {app, [args]() { return run_tex(*args); }};
}

} // namespace reel::cli
