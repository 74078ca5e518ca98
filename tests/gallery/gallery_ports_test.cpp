// The 20 ports of Manim's 2-D gallery examples (scenes/<snake_name>/) record, and each lasts
// as long as Manim's scene: Manim CE 0.17.3 rendered them at 60 fps (their durations as its
// render of docs/source/examples.rst gave them; BooleanOperations: nine plays of 1 s, read
// from its source). A still (:save_last_frame:, no play or wait) holds its picture for at most
// the one second of wait its port may add.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "timeline/timeline.h"

namespace reel {
namespace {

struct Port {
    const char* scene;
    double manim_seconds; ///< < 0: a still
};

constexpr Port kPorts[] = {
    {"manim_ce_logo", -1},           {"brace_annotation", -1},
    {"vector_arrow", -1},            {"gradient_image_from_array", -1},
    {"boolean_operations", 9.0},     {"point_moving_on_shapes", 6.5},
    {"moving_around", 4.0},          {"moving_angle", 4.5},
    {"moving_dots", 3.0},            {"moving_group_to_destination", 1.5},
    {"moving_frame_box", 6.0},       {"rotation_updater", 4.5},
    {"point_with_trace", 6.0},       {"sin_and_cos_function_plot", -1},
    {"arg_min_example", 2.0},        {"graph_area_plot", -1},
    {"polygon_on_axes", 4.0},        {"heat_diagram_plot", -1},
    {"opening_manim", 15.0},         {"sine_curve_unit_circle", 9.5},
};

// A still lasts at most a second and nothing moves in it: its first and last moments are the
// same picture.
void expect_still(const Timeline& tl) {
    EXPECT_LE(tl.duration(), 1.0);
    const Frame a = tl.state_at(0), b = tl.state_at(tl.duration());
    ASSERT_EQ(a.items.size(), b.items.size());
    for (std::size_t i = 0; i < a.items.size(); ++i) EXPECT_EQ(*a.items[i].points, *b.items[i].points);
}

TEST(GalleryPorts, EachRecordsAndLastsAsLongAsManimsScene) {
    for (const Port& p : kPorts) {
        SCOPED_TRACE(p.scene);
        const SceneInfo* info = find_scene(p.scene);
        ASSERT_NE(info, nullptr);
        const Timeline tl = record_scene(*info);
        if (p.manim_seconds < 0) {
            expect_still(tl);
        } else {
            EXPECT_DOUBLE_EQ(tl.duration(), p.manim_seconds);
        }
    }
}

// The 7 camera and 3-D ports (issue 21): their lengths as Manim rendered them (MovingZoomed-
// SceneAround 720 frames; ThreeDCameraIllusionRotation 95 frames: its wait(PI / 2) runs
// updaters, so it lasts ceil(94.2) frames as a play does). The two stills hold for one second.
constexpr Port kCameraPorts[] = {
    {"following_graph_camera", 3.0},         {"moving_zoomed_scene_around", 12.0},
    {"fixed_in_frame_mobject_test", 1.0},    {"three_d_light_source_position", -1},
    {"three_d_camera_rotation", 3.0},        {"three_d_camera_illusion_rotation", 95.0 / 60.0},
    {"three_d_surface_plot", -1},
};

TEST(GalleryPorts, CameraAndThreeDPortsLastAsLongAsManimsScenes) {
    for (const Port& p : kCameraPorts) {
        SCOPED_TRACE(p.scene);
        const SceneInfo* info = find_scene(p.scene);
        ASSERT_NE(info, nullptr);
        const Timeline tl = record_scene(*info);
        if (p.manim_seconds < 0) {
            expect_still(tl);
        } else {
            EXPECT_EQ(tl.frame_count(60), std::lround(p.manim_seconds * 60));
        }
    }
}

// MovingZoomedSceneAround's display is timeline state: every frame at 30 fps, reached
// backwards and by jumps, has the played items and the same inset (the zoomed frame's view at
// that moment), and the display really shows a moving frame.
TEST(GalleryPorts, ZoomedDisplaySeeksToThePlayedFrames) {
    const SceneInfo* info = find_scene("moving_zoomed_scene_around");
    ASSERT_NE(info, nullptr);
    const Timeline tl = record_scene(*info);
    auto same = [](const Frame& a, const Frame& b) {
        if (a.items.size() != b.items.size()) return false;
        for (std::size_t i = 0; i < a.items.size(); ++i) {
            const LeafState &x = a.items[i], &y = b.items[i];
            if (!(*x.points == *y.points) || !(x.style == y.style)) return false;
            if ((x.inset == nullptr) != (y.inset == nullptr) || (x.inset && !(*x.inset == *y.inset))) return false;
        }
        return true;
    };
    std::vector<Seconds> times;
    for (Seconds t = 0; t <= tl.duration(); t += 1.0 / 30) times.push_back(t);
    std::vector<Frame> played;
    for (Seconds t : times) played.push_back(tl.state_at(t));
    for (std::size_t k = times.size(); k-- > 0;)
        ASSERT_TRUE(same(tl.state_at(times[k]), played[k])) << "backwards at t = " << times[k];
    for (std::size_t k = 0; k < times.size(); ++k) {
        const std::size_t j = (k * 101) % times.size();
        ASSERT_TRUE(same(tl.state_at(times[j]), played[j])) << "jumping to t = " << times[j];
    }
    // The display shows the frame shifting down by 2.5 (7 s to 8 s: frame.animate.shift).
    auto inset_y = [&](Seconds t) {
        for (const LeafState& l : tl.state_at(t).items)
            if (l.inset) return l.inset->center.y;
        return -100.0;
    };
    EXPECT_NEAR(inset_y(6.9) - inset_y(8.1), 2.5, 1e-9);
    EXPECT_EQ(inset_y(0.5), -100.0); // not before activate_zooming
    EXPECT_EQ(inset_y(11.9), -100.0); // gone with its frame (Uncreate of display_frame)
}

} // namespace
} // namespace reel
