// Manim's documentation example MovingGroupToDestination (Animations gallery), line by line.
#include <reel/reel.h>

using namespace reel;

REEL_SCENE(moving_group_to_destination, "Manim docs: MovingGroupToDestination") {
    auto group = VGroup(Dot(LEFT), Dot(ORIGIN), Dot(RIGHT, {.color = RED}), Dot(2 * RIGHT)).scale(1.4);
    auto dest = Dot({4, 3}, {.color = YELLOW});
    s.add(group, dest);
    s.play(animate(group).shift(dest.get_center() - group[2].get_center()));
    s.wait(0.5);
}
