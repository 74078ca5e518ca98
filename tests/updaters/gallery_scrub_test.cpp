// scenes/gallery: seeking backwards and forwards through its updaters (a counter, a bar, a
// DecimalNumber and a dt-driven spinner) gives the frames playing gives, and the other
// sections stay pure too.
#include <gtest/gtest.h>

#include <vector>

#include "timeline/timeline.h"

namespace reel {
namespace {

// Styles equal field by field; a shaded 3-D face's gradient by value (each evaluation makes
// its own).
bool same_style(Style a, Style b) {
    if ((a.gradient == nullptr) != (b.gradient == nullptr)) return false;
    if (a.gradient && !(*a.gradient == *b.gradient)) return false;
    a.gradient = b.gradient = nullptr;
    return a == b;
}

bool same(const Frame& a, const Frame& b) {
    if (a.items.size() != b.items.size() || !(a.view == b.view)) return false;
    for (std::size_t i = 0; i < a.items.size(); ++i) {
        if (!(*a.items[i].points == *b.items[i].points) || !same_style(a.items[i].style, b.items[i].style))
            return false;
        const auto &x = a.items[i].inset, &y = b.items[i].inset; // a zoomed display's view
        if ((x == nullptr) != (y == nullptr) || (x && !(*x == *y))) return false;
    }
    return true;
}

TEST(GalleryScrub, SeekingGivesThePlayedFrames) {
    const SceneInfo* info = find_scene("gallery");
    ASSERT_NE(info, nullptr);
    Timeline tl = record_scene(*info);
    Seconds numbers = -1;
    for (const auto& sec : tl.sections())
        if (sec.name == "numbers") numbers = sec.start;
    ASSERT_GT(numbers, 0.0);
    // Play the numbers section at 30 fps, then seek to the same moments backwards and in a
    // scrambled order, and sample the rest of the scene the same way at 5 fps.
    std::vector<Seconds> times;
    for (Seconds t = numbers; t <= tl.duration(); t += 1.0 / 30) times.push_back(t);
    for (Seconds t = 0; t < numbers; t += 0.2) times.push_back(t);
    std::vector<Frame> played;
    for (Seconds t : times) played.push_back(tl.state_at(t));
    for (std::size_t k = times.size(); k-- > 0;)
        ASSERT_TRUE(same(tl.state_at(times[k]), played[k])) << "backwards at t = " << times[k];
    for (std::size_t k = 0; k < times.size(); ++k) {
        std::size_t j = (k * 101) % times.size();
        ASSERT_TRUE(same(tl.state_at(times[j]), played[j])) << "jumping to t = " << times[j];
    }
    // The counter moves: one second into the numbers section differs from its start.
    EXPECT_FALSE(same(tl.state_at(numbers + 0.6), tl.state_at(numbers + 1.6)));
}

TEST(GalleryScrub, TheCameraZoomAndThreeDSectionsSeekToThePlayedFrames) {
    const SceneInfo* info = find_scene("gallery");
    ASSERT_NE(info, nullptr);
    Timeline tl = record_scene(*info);
    Seconds camera = -1;
    for (const auto& sec : tl.sections())
        if (sec.name == "camera") camera = sec.start;
    ASSERT_GT(camera, 0.0);
    // Every frame at 30 fps from the camera section to the end: played in order, then reached
    // backwards and by scrambled jumps (a moving 2-D frame, a zoomed display following its
    // camera frame, a turning and wobbling 3-D camera, shaded and sorted faces, a moving light).
    std::vector<Seconds> times;
    for (Seconds t = camera; t <= tl.duration(); t += 1.0 / 30) times.push_back(t);
    std::vector<Frame> played;
    for (Seconds t : times) played.push_back(tl.state_at(t));
    for (std::size_t k = times.size(); k-- > 0;)
        ASSERT_TRUE(same(tl.state_at(times[k]), played[k])) << "backwards at t = " << times[k];
    for (std::size_t k = 0; k < times.size(); ++k) {
        std::size_t j = (k * 101) % times.size();
        ASSERT_TRUE(same(tl.state_at(times[j]), played[j])) << "jumping to t = " << times[j];
    }
    // The camera really moves: the view zooms in, a display shows a zoomed camera whose frame
    // moves, and the 3-D picture turns.
    bool zoomed = false, shaded = false;
    std::vector<Vec2> inset_centres;
    for (const Frame& f : played) {
        zoomed = zoomed || f.view.width < kFrameWidth / 2;
        for (const LeafState& l : f.items) {
            shaded = shaded || l.style.gradient != nullptr;
            if (l.inset) inset_centres.push_back(l.inset->center);
        }
    }
    EXPECT_TRUE(zoomed);
    EXPECT_TRUE(shaded);
    ASSERT_FALSE(inset_centres.empty());
    EXPECT_GT((inset_centres.front() - inset_centres.back()).norm(), 1.0);
    EXPECT_FALSE(same(played[played.size() - 60], played[played.size() - 30]));
}

} // namespace
} // namespace reel
