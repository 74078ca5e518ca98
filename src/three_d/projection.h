// Manim's ThreeDCamera (camera/three_d_camera.py) as a function of one moment: rotation,
// perspective, shading from the light source, back-to-front order (engine internals; the
// timeline applies it to every frame of a 3-D scene).
#pragma once

#include <array>
#include <vector>

#include "reel/geometry.h"
#include "reel/mobject.h"

namespace reel::three_d {

/// The camera's state at one moment: ThreeDCamera's trackers, frame centre and light source.
struct CameraState {
    double phi = 0.0;
    double theta = -PI / 2;
    double gamma = 0.0;
    double zoom = 1.0;
    double focal_distance = 20.0;
    Vec3 frame_center{};
    /// ThreeDCamera's light_source_start_point: 9 DOWN + 7 LEFT + 10 OUT.
    Vec3 light_source{-7, -9, 10};
    /// should_apply_shading.
    bool shading = true;
};

using Matrix3 = std::array<std::array<double, 3>, 3>;

/// ThreeDCamera.generate_rotation_matrix: rotation_about_z(gamma) . rotation_matrix(-phi,
/// RIGHT) . rotation_about_z(-theta - 90 degrees).
Matrix3 rotation_matrix(double phi, double theta, double gamma);
/// m . v
Vec3 apply(const Matrix3& m, Vec3 v);
/// ThreeDCamera.project_points for one point: moved by -frame_center, rotated, then x and y
/// scaled by zoom * focal_distance / (focal_distance - z) (10^6 behind the eye); z is the
/// rotated depth (larger: nearer the viewer).
Vec3 project_point(const CameraState& camera, const Matrix3& rotation, Vec3 p);
/// Manim's get_shaded_rgb: rgb + f, f = 0.5 (normal . to_sun)^3, halved when negative.
Color shaded_rgb(Color rgb, Vec3 point, Vec3 unit_normal, Vec3 light_source);
/// Manim's get_3d_vmob_unit_normal at point index i of a path (UP for two anchors or fewer).
Vec3 unit_normal_at(const std::vector<Vec3>& points, std::size_t i);
/// get_3d_vmob_end_corner_index: ((n - 1) / 6) * 3.
std::size_t end_corner_index(std::size_t n);
/// A leaf's points in 3-D (z from its Depth when there is one per point, else 0).
std::vector<Vec3> points3(const LeafState& leaf);
/// ThreeDCamera.get_mobjects_to_display's key: the rotated depth of the centre of the
/// anchors' box for a shaded leaf; +infinity otherwise (drawn after all shaded leaves).
double z_key(const LeafState& leaf, const Matrix3& rotation);
/// Projects a frame's items as ThreeDCamera draws them: stably sorted by z_key, points
/// projected (fixed-in-frame leaves untouched, fixed-orientation ones moved with their
/// centre), shaded leaves given Manim's two-colour gradient from start corner to end corner.
void project_items(std::vector<LeafState>& items, const CameraState& camera);

} // namespace reel::three_d
