// Manim's documentation example ThreeDSurfacePlot (3D Scenes gallery), line by line.
#include <cmath>

#include <reel/reel.h>

using namespace reel;

REEL_SCENE(three_d_surface_plot, "Manim docs: ThreeDSurfacePlot (a Gaussian surface, checkerboard)") {
    const int resolution_fa = 24;
    s.set_camera_orientation({.phi = 75 * DEGREES, .theta = -30 * DEGREES});

    auto param_gauss = [](double u, double v) {
        double x = u;
        double y = v;
        double sigma = 0.4, mu[2] = {0.0, 0.0};
        double d = std::hypot(x - mu[0], y - mu[1]);
        double z = std::exp(-(d * d / (2.0 * sigma * sigma)));
        return Vec3{x, y, z};
    };

    auto gauss_plane = Surface(param_gauss, {.u_range = {-2, +2}, .v_range = {-2, +2},
                                             .resolution = {resolution_fa, resolution_fa}});

    gauss_plane.scale(2, ORIGIN);
    gauss_plane.set_style({.fill_opacity = 1, .stroke_color = GREEN});
    gauss_plane.set_fill_by_checkerboard({ORANGE, BLUE}, 0.5);
    auto axes = ThreeDAxes();
    s.add(axes, gauss_plane);
    // Manim saves this still's last frame (no play or wait); held one second here so that it
    // can be played, benchmarked and exported like the 2-D stills' ports.
    s.wait();
}
