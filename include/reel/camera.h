// The scene's camera as timeline state: Manim's MovingCamera frame (a mobject) and
// ThreeDCamera's orientation trackers and light source. Animating them moves the camera; every
// output (window, frames, exports, thumbnails, handouts) draws with the camera at that moment.
#pragma once

#include <optional>
#include <vector>

#include "reel/mobject.h"
#include "reel/shared.h"

namespace reel {

/// Manim's set_camera_orientation / move_camera keywords (unset: unchanged). Angles in
/// radians.
struct CameraOrientation {
    std::optional<double> phi;
    std::optional<double> theta;
    std::optional<double> gamma;
    std::optional<double> zoom;
    std::optional<double> focal_distance;
    /// The point the 3-D camera looks at.
    std::optional<Vec3> frame_center;
};

/// ThreeDCamera's light source: Manim's Point at 9 DOWN + 7 LEFT + 10 OUT, where shaded faces
/// are lit from. A mobject (an invisible point): move it, animate it
/// (`s.play(animate(s.camera().light_source()).move_to(3 * IN))`) or give it updaters; each
/// moment is lit from where it is at that moment.
class LightSource : public Mobject {
public:
    /// A point at `p`, drawing nothing (no fill, no stroke).
    explicit LightSource(Vec3 p = {-7, -9, 10});
    /// Manim's light_source.move_to(point).
    LightSource& move_to(Vec3 p) {
        Mobject::move_to(p);
        return *this;
    }
    /// Where it is, z included.
    Vec3 get_center() const;
};

/// A scene's camera (Scene::camera()). Made by the Scene, inside its recording.
class SceneCamera {
public:
    SceneCamera();
    SceneCamera(const SceneCamera&) = delete;
    SceneCamera& operator=(const SceneCamera&) = delete;
    ~SceneCamera();

    /// Manim's MovingCamera frame: a ScreenRectangle 8 units high, 16:9, without stroke. The
    /// picture shows what it covers (its centre and width); animate it, give it updaters,
    /// save_state / Restore it as any mobject. A play that animates it adds it to the scene,
    /// as Manim's does (it stays invisible).
    Mobject frame() const { return frame_; }

    /// ThreeDCamera's trackers: the polar angle off the z axis (0), the azimuth (-90 degrees),
    /// the roll about the line of sight (0), the zoom (1) and the focal distance (20).
    ValueTracker phi_tracker();
    ValueTracker theta_tracker();
    ValueTracker gamma_tracker();
    ValueTracker zoom_tracker();
    ValueTracker focal_distance_tracker();
    /// ThreeDCamera's light_source.
    LightSource& light_source();
    /// The point the 3-D camera looks at (set_camera_orientation(frame_center)): ThreeDCamera's
    /// _frame_center, a point mobject that move_camera(frame_center) animates.
    Vec3 frame_center() const;
    void set_frame_center(Vec3 p);
    /// That point as a mobject (LightSource's kind: an invisible point).
    LightSource& frame_center_point();
    /// Whether this scene draws through the 3-D camera (Manim's ThreeDScene): true once any
    /// of the 3-D calls above, or Scene::set_camera_orientation & co., were made.
    bool three_d() const { return static_cast<bool>(three_d_); }
    /// Makes the scene a ThreeDScene without changing the orientation.
    void use_three_d();

    /// A display showing the scene through another camera (Manim's MultiCamera and its
    /// ImageMobjectFromCamera): `display`'s own path is where the picture goes, `frame` the
    /// camera frame it shows, over `background`.
    struct Feed {
        Mobject display;
        Mobject frame;
        Color background = BLACK;
    };
    /// Manim's MultiCamera.add_image_mobject_from_camera: from now on, whenever `display` is in
    /// the scene it shows what `frame` covers (the display's family itself left out).
    void add_image_mobject_from_camera(const Mobject& display, const Mobject& frame, Color background = BLACK);
    const std::vector<Feed>& image_mobjects_from_cameras() const { return feeds_; }

private:
    struct ThreeD;
    std::vector<Feed> feeds_;
    Mobject frame_;
    Owned<ThreeD> three_d_;
};

} // namespace reel
