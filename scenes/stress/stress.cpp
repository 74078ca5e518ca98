// Stress scenes for `reel bench --scale`: how the cost of drawing and exporting grows with the
// work in a frame. The promo's heatmap at 70x70 cells, 1000 moving mobjects, and a 64x64-face
// surface under a turning 3-D camera. They register themselves; nothing outside scenes/stress/
// names them.
#include <cmath>
#include <cstdint>
#include <random>

#include <reel/reel.h>

using namespace reel;

namespace {

// Deterministic numbers in [0, 1): mt19937's output is fixed by the standard (its
// distributions are not), so every machine draws the same scene.
class Uniform {
public:
    explicit Uniform(std::uint32_t seed) : engine_(seed) {}
    double operator()() { return static_cast<double>(engine_()) / 4294967296.0; }

private:
    std::mt19937 engine_;
};

} // namespace

// 4900 cells appear row by row, change colour together (one Transform of 4900 leaves), then
// the causal mask fades the upper triangle; static title and labels stay underneath.
REEL_SCENE(stress_heatmap, "Stress: the attention heatmap at 70x70 cells") {
    constexpr int n = 70;
    auto title = Text("Attention Score Heatmap, 70 x 70", {.font_size = 30, .color = BLUE});
    title.to_edge(UP, 0.3);
    s.play(Write(title), {.run_time = 0.5});
    const double cell = 6.6 / n;
    const double left = -3.3, top = 3.3 - 0.35;
    Uniform rnd(7);
    Mobject grid = VGroup();
    std::vector<Mobject> rows;
    for (int i = 0; i < n; ++i) {
        Mobject row = VGroup();
        for (int j = 0; j < n; ++j) {
            const double distance = std::abs(i - j) / static_cast<double>(n);
            const double w = std::max(0.0, 1.0 - 3 * distance) * 0.7 + 0.3 * rnd();
            auto sq = Square(cell * 0.92, {.fill_color = interpolate_color(BLUE, RED, w), .fill_opacity = 0.8,
                                           .stroke_color = GRAY, .stroke_width = 0.3});
            sq.move_to({left + (j + 0.5) * cell, top - (i + 0.5) * cell});
            row.add(sq);
        }
        rows.push_back(row);
        grid.add(row);
    }
    // Ten rows a play: 7 plays of FadeIn with a lag across the rows' cells.
    for (int r = 0; r < n; r += 10) {
        Mobject band = VGroup();
        for (int i = r; i < r + 10; ++i) band.add(rows[static_cast<std::size_t>(i)]);
        s.play(FadeIn(band, {.scale = 0.6, .run_time = 0.4, .lag_ratio = 0.02}));
    }
    s.wait(0.5);
    // Softmax: every cell changes colour at once.
    Mobject target = grid.copy();
    Uniform rnd2(11);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            const double w = j > i ? 0.0 : std::exp(-std::abs(i - j) / 6.0) * (0.6 + 0.4 * rnd2());
            target[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)].set_fill(interpolate_color(BLUE, YELLOW, w));
        }
    s.play(Transform(grid, target, {.run_time = 1.5}));
    s.wait(0.5);
    // The causal mask: the upper triangle fades (2415 leaves animated, the rest static).
    Mobject masked = VGroup();
    for (int i = 0; i < n; ++i)
        for (int j = i + 1; j < n; ++j) masked.add(rows[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)]);
    s.play(animate(masked).set_opacity(0.1).with({.run_time = 1.0}));
    s.wait(1.0);
}

// 1000 dots drift, then the whole swarm turns; a static frame and caption stay underneath.
REEL_SCENE(stress_mobjects, "Stress: 1000 moving mobjects") {
    auto frame = Rectangle({.width = 13.5, .height = 7.2, .color = GRAY});
    auto caption = Text("1000 moving mobjects", {.font_size = 24, .color = GRAY});
    caption.to_edge(DOWN, 0.2);
    s.add(frame);
    s.add(caption);
    Uniform rnd(3);
    const Color palette[] = {BLUE, RED, GREEN, YELLOW, PURPLE, TEAL, ORANGE, WHITE};
    Mobject swarm = VGroup();
    std::vector<Vec2> moves;
    for (int i = 0; i < 1000; ++i) {
        Vec2 p{-6.4 + 12.8 * rnd(), -3.3 + 6.6 * rnd()};
        auto dot = i % 2 ? Dot(p, {.radius = 0.06, .color = palette[i % 8]})
                         : Square(0.12, {.color = palette[i % 8], .fill_opacity = 0.7}).move_to(p);
        swarm.add(dot);
        moves.push_back({-1.0 + 2.0 * rnd(), -1.0 + 2.0 * rnd()});
    }
    s.play(FadeIn(swarm, {.run_time = 1.0, .lag_ratio = 0.001}));
    Mobject target = swarm.copy();
    for (std::size_t i = 0; i < moves.size(); ++i) target[i].shift(moves[i]);
    s.play(Transform(swarm, target, {.run_time = 2.0}));
    s.play(Rotate(swarm, PI / 3, std::nullopt, {.run_time = 2.0}));
    s.wait(0.5);
}

// A 64x64-face surface (4096 shaded faces) over ThreeDAxes under a camera turning for 4 s:
// every frame projects, shades and sorts every face again (the camera moves every pixel).
REEL_SCENE(stress_surface, "Stress: a 64x64-face surface under a rotating 3-D camera") {
    s.set_camera_orientation({.phi = 70 * DEGREES, .theta = -40 * DEGREES});
    auto axes = ThreeDAxes();
    auto surface = Surface(
        [](double u, double v) { return Vec3{u, v, 0.8 * std::sin(u) * std::cos(v)}; },
        {.u_range = {-4, 4}, .v_range = {-4, 4}, .resolution = {64, 64}});
    surface.set_fill_by_checkerboard({ORANGE, BLUE}, 0.9);
    s.add(axes, surface);
    s.begin_ambient_camera_rotation(0.3);
    s.wait(4);
    s.stop_ambient_camera_rotation();
}
