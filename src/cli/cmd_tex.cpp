// reel tex 'LATEX' -o FILE.png [--font-size N] [--color C] [--background C]
#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

#include "command.h"
#include "reel/math.h"
#include "reel/render.h"

namespace reel::cli {

namespace {

struct TexArgs {
    std::string latex;
    std::string output;
    double font_size = 48.0;
    std::string color = "#FFFFFF";
    std::string background = "#000000";
};

// Manim's 1080p pixel density: 1920 px across the 14.22-unit frame.
constexpr double kPixelsPerUnit = 1920.0 / kFrameWidth;
// Empty border around the formula, in scene units.
constexpr double kMargin = 0.1;

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
    const Color color = parse_color(a.color, "--color");
    const Color background = parse_color(a.background, "--background");

    Mobject tex;
    try {
        tex = MathTex(a.latex, {.font_size = a.font_size, .color = color});
    } catch (const math::MathError& e) {
        throw UsageError(fmt::format("formula: {}{}", e.what(), point_at(a.latex, e.column())));
    }
    Frame frame;
    for (const Mobject& leaf : tex.leaves()) frame.items.push_back(leaf.leaf_state());
    const Bounds box = tex.all_bounds();
    const double half_w = (box.valid ? std::max(-box.min.x, box.max.x) : 0.0) + kMargin;
    const double half_h = (box.valid ? std::max(-box.min.y, box.max.y) : 0.0) + kMargin;
    // The camera spans kFrameWidth units across the image: widen the image for wide formulas.
    const double ppu = std::max(kPixelsPerUnit, std::ceil(2 * half_w * kPixelsPerUnit) / kFrameWidth);
    const int full_w = static_cast<int>(std::ceil(kFrameWidth * ppu));
    const int height = std::max(1, static_cast<int>(std::ceil(2 * half_h * ppu)));
    const int width = std::min(full_w, std::max(1, static_cast<int>(std::ceil(2 * half_w * ppu))));
    const Image full = render_frame(frame, full_w, height, Camera{background});
    Image cropped(width, height);
    const int x0 = (full_w - width) / 2;
    for (int y = 0; y < height; ++y)
        std::memcpy(cropped.row(y), full.row(y) + static_cast<std::size_t>(x0) * 4,
                    static_cast<std::size_t>(width) * 4);
    std::string err;
    if (!write_png(cropped, a.output, &err)) throw UsageError(err);
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
    app->add_option("--color", args->color, "Formula colour, #RRGGBB (default #FFFFFF)");
    app->add_option("--background", args->background, "Background colour (default #000000)");
    return {app, [args]() { return run_tex(*args); }};
}

} // namespace reel::cli
