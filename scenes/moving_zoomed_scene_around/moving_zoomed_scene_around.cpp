// Manim's documentation example MovingZoomedSceneAround (Camera Settings gallery), line by line.
#include <reel/reel.h>

using namespace reel;

// contributed by TheoremofBeethoven, www.youtube.com/c/TheoremofBeethoven
REEL_SCENE(moving_zoomed_scene_around, "Manim docs: MovingZoomedSceneAround (a zoomed camera and its display inset)") {
    // ZoomedScene.__init__(zoom_factor=0.3, zoomed_display_height=1, zoomed_display_width=6,
    // image_frame_stroke_width=20, zoomed_camera_config={"default_frame_stroke_width": 3})
    ZoomedScene zs(s, {.zoomed_display_height = 1,
                       .zoomed_display_width = 6,
                       .zoomed_camera_config = {.default_frame_stroke_width = 3},
                       .zoom_factor = 0.3,
                       .image_frame_stroke_width = 20});
    // Manim's Text() without a font takes Pango's default family (DejaVu Serif there).
    set_default_text_font("DejaVu Serif");

    auto dot = Dot().shift(UL * 2);
    auto image = ImageMobject(PixelArray::from_rows({{0, 100, 30, 200}, {255, 0, 5, 33}}));
    image.scale_to_fit_height(7); // image.height = 7
    auto frame_text = Text("Frame", {.font_size = 67, .color = PURPLE});
    auto zoomed_camera_text = Text("Zoomed camera", {.font_size = 67, .color = RED});

    s.add(image, dot);
    auto zoomed_camera = zs.zoomed_camera;
    auto zoomed_display = zs.zoomed_display;
    auto frame = zoomed_camera.frame;
    auto zoomed_display_frame = zoomed_display.display_frame;

    frame.move_to(dot);
    frame.set_color(PURPLE);
    zoomed_display_frame.set_color(RED);
    zoomed_display.shift(DOWN);

    auto zd_rect = BackgroundRectangle(zoomed_display, {.buff = MED_SMALL_BUFF, .fill_opacity = 0});
    s.add_foreground_mobject(zd_rect);

    auto unfold_camera = [&] {
        return UpdateFromFunc(zd_rect, [zoomed_display](Mobject& rect) { rect.replace(zoomed_display); });
    };

    frame_text.next_to(frame, DOWN);

    s.play(Create(frame), FadeIn(frame_text, {.shift = UP}));
    zs.activate_zooming();

    s.play(zs.get_zoomed_display_pop_out_animation(), unfold_camera());
    zoomed_camera_text.next_to(zoomed_display_frame, DOWN);
    s.play(FadeIn(zoomed_camera_text, {.shift = UP}));
    // Scale in        x   y  z
    // scale_factor = [0.5, 1.5, 0]: Manim scales each coordinate about the centre, which is
    // stretch(0.5) along x and stretch(1.5) along y.
    s.play(animate(frame).stretch(0.5, 0).stretch(1.5, 1),
           animate(zoomed_display).stretch(0.5, 0).stretch(1.5, 1),
           FadeOut(zoomed_camera_text),
           FadeOut(frame_text));
    s.wait();
    s.play(ScaleInPlace(zoomed_display, 2));
    s.wait();
    s.play(animate(frame).shift(2.5 * DOWN));
    s.wait();
    s.play(zs.get_zoomed_display_pop_out_animation(), unfold_camera(),
           {.rate_func = [](double t) { return smooth(1 - t); }});
    s.play(Uncreate(zoomed_display_frame), FadeOut(frame));
    s.wait();
}
