// One scene, "live", in versions that a live player (`play --watch`, `reel dev`) is given one after
// the other (see tests/robustness/CMakeLists.txt): a good one in blue or red, versions whose
// recording segfaults, computes forever without calling Reel, throws an int or recurses until
// the stack runs out, and versions that record fine but whose updater segfaults or never returns
// when the window draws it. Self-contained on purpose: supervised_dev_test copies this file as the
// source of a `reel new` project, so it repeats hostile_scene.cpp's two helpers instead of sharing them.
#include <cstdlib>

#include <unistd.h>

#include <reel/reel.h>

using namespace reel;

namespace {

// Out of line, so that the innermost frame of scene code is this function.
[[gnu::noinline]] void write_through(int* p) { *static_cast<volatile int*>(p) = 42; }

[[gnu::noinline]] int recurse(int n) {
    volatile char pad[512];
    pad[n % 512] = static_cast<char>(n);
    if (std::getenv("REEL_TEST_NEVER_SET")) return 0; // a way out the compiler cannot rule out
    return recurse(n + 1) + pad[(n + 1) % 512];
}

} // namespace

REEL_SCENE(live, "One version of a scene being edited") {
#if defined(LIVE_SEGV)
    s.play(FadeIn(Square(2.0)));
    int* volatile p = nullptr;
    write_through(p);
#elif defined(LIVE_HANG)
    s.play(FadeIn(Square(2.0)));
    volatile unsigned long spin = 0;
    while (spin != 1) spin = spin + 2;
#elif defined(LIVE_THROW_INT)
    s.play(FadeIn(Square(2.0)));
    throw 42;
#elif defined(LIVE_RECURSE)
    s.play(FadeIn(Square(2.0)));
    s.wait(recurse(1));
#elif defined(LIVE_DRAW_SEGV) || defined(LIVE_DRAW_HANG)
    // Records fine; its updater fails when the window draws it (on the main thread: a live
    // player records on a thread of its own).
    auto square = Square(2.0);
    square.add_updater([](Mobject& m, double dt) {
        if (::gettid() != ::getpid()) return;
#if defined(LIVE_DRAW_SEGV)
        int* volatile p = nullptr;
        write_through(p);
#else
        volatile unsigned long spin = 0;
        while (spin != 1) spin = spin + 2;
#endif
        m.shift(RIGHT * dt);
    });
    s.add(square);
    s.wait(2);
#else
    s.play(FadeIn(Square(2.0, {.color = LIVE_COLOR})));
    s.wait(2);
#endif
}
