// Scene code written to take Reel down (issue 22). One plug-in per HOSTILE_* kind (see
// tests/robustness/CMakeLists.txt); each keeps a good scene before and after the bad ones so
// that `reel scenes` has something to list around them.
#include <cmath>
#include <cstdlib>
#include <stdexcept>

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

REEL_SCENE(good_first, "A square that fades in") {
    s.play(FadeIn(Square(2.0)));
    s.wait(0.5);
}

#ifdef HOSTILE_CRASHES
REEL_SCENE(segv, "Writes through a null pointer") {
    s.play(FadeIn(Square(2.0)));
    int* volatile p = nullptr;
    write_through(p);
}

REEL_SCENE(aborts, "Calls abort()") {
    s.play(FadeIn(Square(2.0)));
    std::abort();
}

REEL_SCENE(recursion, "Recurses until the stack runs out") {
    s.play(FadeIn(Square(2.0)));
    s.wait(recurse(1));
}

REEL_SCENE(throws_int, "Throws 42") {
    s.play(FadeIn(Square(2.0)));
    throw 42;
}

// Records fine (and `reel scenes` lists it); its updater recurses when a thread other than the
// main one runs it: the exporter's workers, drawing frames.
REEL_SCENE(updater_recursion, "An updater that recurses on the exporter's threads") {
    auto square = Square(2.0);
    square.add_updater([](Mobject& m, double dt) {
        if (dt > 0.25 && ::gettid() != ::getpid()) m.shift(RIGHT * recurse(1));
    });
    s.add(square);
    s.wait(1);
}
#endif

#ifdef HOSTILE_HANGS
REEL_SCENE(wait_forever, "Waits one second at a time, forever") {
    s.add(Square(2.0));
    while (true) s.wait(1);
}

REEL_SCENE(churn_forever, "Adds and removes a square forever") {
    auto square = Square(2.0);
    s.play(FadeIn(square));
    while (true) {
        s.remove(square);
        s.add(square);
    }
}

REEL_SCENE(compute_forever, "Computes forever without calling Reel") {
    s.play(FadeIn(Square(2.0)));
    volatile unsigned long spin = 0;
    while (spin != 1) spin = spin + 2;
}

REEL_SCENE(swallows_stops, "Catches every exception and goes on waiting") {
    s.add(Square(2.0));
    while (true) {
        try {
            s.wait(1);
        } catch (...) {
        }
    }
}
#endif

#ifdef HOSTILE_LIMITS
REEL_SCENE(wait_1e12, "Waits 1e12 seconds") { s.wait(1e12); }
REEL_SCENE(empty, "Plays and waits nothing") { s.add(Square(2.0)); }
REEL_SCENE(noisy_throw, "Throws a text of many lines, colours and 5000 characters") {
    s.wait(1);
    throw std::runtime_error("the \x1b[1;31mfirst\x1b[0m line\tends here\nsecond line\n" + std::string(5000, 'x'));
}
REEL_SCENE(wait_inf, "Waits forever in one call") { s.wait(INFINITY); }
REEL_SCENE(wait_nan, "Waits NaN seconds") { s.wait(NAN); }
REEL_SCENE(run_time_inf, "Plays with run_time = inf") { s.play(FadeIn(Square(2.0)), {.run_time = INFINITY}); }
REEL_SCENE(huge_font, "A Text of font_size 1e9") {
    s.add(Text("big", {.font_size = 1e9}));
    s.wait(1);
}
#endif

#ifdef HOSTILE_CTOR_ABORT
// Runs while the plug-in loads, before any scene.
[[maybe_unused]] static const bool g_dies_on_load = [] {
    std::abort();
    return true;
}();
#endif

REEL_SCENE(good_last, "A circle that fades in") {
    s.play(FadeIn(Circle(1.0)));
    s.wait(0.5);
}
