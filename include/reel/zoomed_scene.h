// Manim's ZoomedScene (scene/zoomed_scene.py, Cairo renderer): a second camera whose frame is
// a mobject in the scene, and a display inset showing what that frame covers.
#pragma once

#include <optional>

#include "reel/animation.h"
#include "reel/timeline.h"

namespace reel {

/// ZoomedScene's zoomed_camera_config: the zoomed MovingCamera's frame stroke.
struct ZoomedCameraConfig {
    double default_frame_stroke_width = 2.0;
    Color default_frame_stroke_color = WHITE;
};

/// ZoomedScene's keyword arguments, with Manim's defaults.
struct ZoomedSceneOptions {
    double zoomed_display_height = 3.0;
    double zoomed_display_width = 3.0;
    /// Where the display goes (unset: in zoomed_display_corner).
    std::optional<Vec2> zoomed_display_center;
    Vec2 zoomed_display_corner = UR;
    double zoomed_display_corner_buff = 0.5; // DEFAULT_MOBJECT_TO_EDGE_BUFFER
    ZoomedCameraConfig zoomed_camera_config;
    Vec2 zoomed_camera_frame_starting_position = ORIGIN;
    double zoom_factor = 0.15;
    /// Kept as Manim keeps it (its ZoomedScene never reads it).
    double image_frame_stroke_width = 3.0;
};

/// Manim's ZoomedScene, set up on a Scene: `zoomed_camera.frame` (a ScreenRectangle the size
/// of the display, scaled by zoom_factor) and `zoomed_display` (Manim's ImageMobjectFromCamera
/// with its `display_frame`, a white SurroundingRectangle). Once zooming is activated the
/// display shows, at every moment, the scene (without the display) as the frame covers it,
/// stretched onto the display: everything is recorded as timeline state, so seeking shows
/// what playing shows.
class ZoomedScene {
public:
    /// Manim's ZoomedScene.setup on scene `s` (which must outlive this object).
    explicit ZoomedScene(Scene& s, const ZoomedSceneOptions& o = {});

    struct ZoomedCamera {
        Mobject frame;
    };
    struct ZoomedDisplay : Mobject {
        Mobject display_frame;
    };
    ZoomedCamera zoomed_camera;
    ZoomedDisplay zoomed_display;

    /// Manim's activate_zooming: the display shows the zoomed camera's picture from now on;
    /// with `animate`, plays get_zoom_in_animation() then the pop-out first. The frame and the
    /// display become foreground mobjects.
    void activate_zooming(bool animate = false);
    /// Manim's get_zoom_in_animation: the frame grows to the whole picture without stroke,
    /// then the animation restores it (run_time 2 by default).
    AnimationPtr get_zoom_in_animation(const AnimOptions& o = {});
    /// Manim's get_zoomed_display_pop_out_animation: the display is put on the frame
    /// (stretched) and the animation restores it to where it was.
    AnimationPtr get_zoomed_display_pop_out_animation(const AnimOptions& o = {});
    /// Manim's get_zoom_factor: frame height over display height.
    double get_zoom_factor() const;
    bool zoom_activated() const { return zoom_activated_; }

private:
    Scene& scene_;
    bool zoom_activated_ = false;
};

} // namespace reel
