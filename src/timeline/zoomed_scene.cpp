// Manim's ZoomedScene with the Cairo renderer's MultiCamera (camera/multi_camera.py): the
// display's picture is drawn at each moment from the recorded frame (timeline.cpp apply_feeds,
// render.cpp draw_inset).
#include "reel/zoomed_scene.h"

namespace reel {

namespace {

// MovingCamera's frame: ScreenRectangle(height=frame_height) with the configured stroke.
Mobject moving_camera_frame(const ZoomedCameraConfig& c) {
    Mobject frame = Rectangle({.width = kFrameWidth, .height = kFrameHeight});
    frame.set_stroke(c.default_frame_stroke_color, c.default_frame_stroke_width);
    frame.set_label("ScreenRectangle");
    return frame;
}

// ImageMobjectFromCamera(camera) with add_display_frame(): AbstractImageMobject's corners
// (height 3, the camera's 16:9 pixel shape) and a SurroundingRectangle(buff=0, WHITE, 3).
ZoomedScene::ZoomedDisplay image_mobject_from_camera() {
    const double h = 3.0, w = h * kFrameWidth / kFrameHeight;
    ZoomedScene::ZoomedDisplay display;
    display.set_points_as_corners({{-w / 2, h / 2}, {w / 2, h / 2}, {w / 2, -h / 2}, {-w / 2, -h / 2}, {-w / 2, h / 2}});
    display.set_style(Style{WHITE, 1.0, WHITE, 1.0, 0.0});
    display.set_label("ImageMobjectFromCamera");
    display.set_behavior(kind_tag("ImageMobjectFromCamera"));
    display.display_frame = SurroundingRectangle(display, {.buff = 0, .stroke_color = WHITE, .stroke_width = 3});
    display.add(display.display_frame);
    return display;
}

} // namespace

ZoomedScene::ZoomedScene(Scene& s, const ZoomedSceneOptions& o) : scene_(s) {
    zoomed_camera.frame = moving_camera_frame(o.zoomed_camera_config);
    zoomed_display = image_mobject_from_camera();
    for (Mobject mob : {zoomed_camera.frame, static_cast<Mobject>(zoomed_display)}) {
        mob.stretch_to_fit_height(o.zoomed_display_height);
        mob.stretch_to_fit_width(o.zoomed_display_width);
    }
    zoomed_camera.frame.scale(o.zoom_factor);
    zoomed_camera.frame.move_to(o.zoomed_camera_frame_starting_position);
    if (o.zoomed_display_center) zoomed_display.move_to(*o.zoomed_display_center);
    else zoomed_display.to_corner(o.zoomed_display_corner, o.zoomed_display_corner_buff);
}

void ZoomedScene::activate_zooming(bool animate) {
    zoom_activated_ = true;
    scene_.camera().add_image_mobject_from_camera(zoomed_display, zoomed_camera.frame);
    if (animate) {
        scene_.play(get_zoom_in_animation());
        scene_.play(get_zoomed_display_pop_out_animation());
    }
    scene_.add_foreground_mobjects({zoomed_camera.frame, zoomed_display});
}

AnimationPtr ZoomedScene::get_zoom_in_animation(const AnimOptions& o) {
    Mobject frame = zoomed_camera.frame;
    const Mobject full = scene_.camera().frame();
    frame.save_state();
    frame.stretch_to_fit_width(full.width());
    frame.stretch_to_fit_height(full.height());
    frame.center();
    frame.set_stroke(std::nullopt, 0.0);
    AnimOptions with = o;
    if (!with.run_time) with.run_time = 2.0;
    return Restore(frame, with);
}

AnimationPtr ZoomedScene::get_zoomed_display_pop_out_animation(const AnimOptions& o) {
    Mobject display = zoomed_display;
    display.save_state();
    display.replace(zoomed_camera.frame, true);
    return Restore(display, o);
}

double ZoomedScene::get_zoom_factor() const { return zoomed_camera.frame.height() / zoomed_display.height(); }

} // namespace reel
