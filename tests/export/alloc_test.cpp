// The export pipeline allocates nothing sizeable per frame once warmed up: frame buffers, YUV
// pictures and encoder packets come from pools, so steady state touches no fresh pages (a fresh
// page is one the kernel zeroes first). This binary replaces malloc and its kin (for every
// library in the process: the executable's definitions come first) with counting forwarders
// to glibc's own, and counts the allocations of a page or more between two frames of an export.
#include <atomic>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include <dlfcn.h>
#include <execinfo.h>

#include <gtest/gtest.h>

#include "export/export.h"
#include "reel/reel.h"
#include "render/render.h"
#include "support/run_reel.h"

// Built only without the sanitizers (tests/export/CMakeLists.txt): AddressSanitizer owns malloc.
#if defined(__SANITIZE_ADDRESS__)
#error "alloc_test counts malloc's calls: build it without AddressSanitizer"
#endif

namespace {

// A page: an allocation below it shares its pages with others the allocator already holds.
constexpr std::size_t kLarge = 4096;
// Large allocations by whom: the export (its buffers, libav's packets), or the two libraries that
// keep memory of their own: Cairo (its rasteriser's scratch for a big shape, freed at once, so
// the allocator reuses those pages) and x264 (its pool of frames, which grows to its bound the
// first time its lookahead and threads hold that many, depending on the content and on timing).
std::atomic<long> pipeline_allocations{0};
std::atomic<long> pipeline_bytes{0};
std::atomic<long> cairo_allocations{0};
std::atomic<long> x264_allocations{0};
std::atomic<bool> tracing{false}; // between the two frames counted
thread_local bool inside = false; // backtrace and dladdr may allocate themselves

enum class Owner { Pipeline, Cairo, X264 };

Owner owner() {
    void* frames[48];
    const int n = backtrace(frames, 48);
    for (int i = 0; i < n; ++i) {
        Dl_info info;
        if (!dladdr(frames[i], &info) || !info.dli_fname) continue;
        if (std::strstr(info.dli_fname, "libcairo") || std::strstr(info.dli_fname, "libpixman")) return Owner::Cairo;
        if (std::strstr(info.dli_fname, "libx264")) return Owner::X264;
    }
    return Owner::Pipeline;
}

void count(std::size_t n) {
    if (n < kLarge || inside) return;
    inside = true;
    const Owner o = owner();
    if (o == Owner::Cairo) {
        cairo_allocations.fetch_add(1, std::memory_order_relaxed);
    } else if (o == Owner::X264) {
        x264_allocations.fetch_add(1, std::memory_order_relaxed);
    } else {
        pipeline_allocations.fetch_add(1, std::memory_order_relaxed);
        pipeline_bytes.fetch_add(static_cast<long>(n), std::memory_order_relaxed);
        if (tracing && std::getenv("REEL_ALLOC_TRACE")) {
            void* frames[24];
            backtrace_symbols_fd(frames, backtrace(frames, 24), 2);
            std::fprintf(stderr, "(%zu bytes)\n\n", n);
        }
    }
    inside = false;
}

} // namespace

extern "C" {
void* __libc_malloc(std::size_t);
void* __libc_calloc(std::size_t, std::size_t);
void* __libc_realloc(void*, std::size_t);
void* __libc_memalign(std::size_t, std::size_t);

void* malloc(std::size_t n) {
    count(n);
    return __libc_malloc(n);
}
void* calloc(std::size_t a, std::size_t b) {
    count(a * b);
    return __libc_calloc(a, b);
}
void* realloc(void* p, std::size_t n) {
    count(n);
    return __libc_realloc(p, n);
}
void* memalign(std::size_t alignment, std::size_t n) {
    count(n);
    return __libc_memalign(alignment, n);
}
void* aligned_alloc(std::size_t alignment, std::size_t n) {
    count(n);
    return __libc_memalign(alignment, n);
}
int posix_memalign(void** out, std::size_t alignment, std::size_t n) {
    count(n);
    void* p = __libc_memalign(alignment, n);
    if (!p) return ENOMEM;
    *out = p;
    return 0;
}
} // extern "C"

using namespace reel;

namespace {

// 3 s: motion everywhere (a backdrop changing colour, a square turning and crossing it), a
// held picture, motion again.
Timeline moving_timeline() {
    Scene s;
    auto back = Rectangle({.width = 14, .height = 7, .color = BLUE, .fill_opacity = 1.0});
    auto sq = Square(2.0, {.color = YELLOW, .fill_opacity = 1.0});
    sq.shift(LEFT * 5.0);
    s.add(back);
    s.add(sq);
    s.play(animate(back).set_color(RED), animate(sq).shift(RIGHT * 8.0).rotate(3.0),
           {.run_time = 2.0, .rate_func = linear});
    s.wait(0.5);
    s.play(animate(back).set_color(GREEN), animate(sq).shift(LEFT * 4.0), {.run_time = 0.5, .rate_func = linear});
    return s.finish();
}

struct Counted {
    long allocations = 0; ///< outside the rasteriser
    long bytes = 0;
    long rasteriser = 0; ///< Cairo's
    long x264 = 0;       ///< x264's frame pool
    long frames = 0;
};

// Large allocations while the encoder thread went from frame `from` to frame `to`.
Counted count_between(const Timeline& tl, ExportOptions o, long from, long to) {
    Counted at_from, c;
    auto now = [] {
        return Counted{pipeline_allocations.load(), pipeline_bytes.load(), cairo_allocations.load(),
                       x264_allocations.load(), 0};
    };
    o.progress = [&](const ExportProgress& p) {
        if (p.frames_done == from) {
            at_from = now();
            tracing = true;
        } else if (p.frames_done == to) {
            tracing = false;
            const Counted end = now();
            c = {end.allocations - at_from.allocations, end.bytes - at_from.bytes, end.rasteriser - at_from.rasteriser,
                 end.x264 - at_from.x264, to - from};
        }
    };
    export_video(tl, o);
    return c;
}

} // namespace

TEST(ExportAllocations, CountingSeesLargeAllocationsAndWhoMadeThem) {
    const long before = pipeline_allocations.load();
    void* p = std::malloc(1 << 20);
    ASSERT_NE(p, nullptr);
    std::free(p);
    void* q = nullptr;
    ASSERT_EQ(posix_memalign(&q, 64, 1 << 16), 0);
    std::free(q);
    std::free(std::malloc(kLarge - 1));
    EXPECT_EQ(pipeline_allocations.load() - before, 2);
    // A 1080p-wide fill: Cairo's scan converter takes its scratch from malloc.
    const long cairo_before = cairo_allocations.load();
    render_frame(moving_timeline().state_at(1.0), 1920, 1080);
    EXPECT_GT(cairo_allocations.load(), cairo_before);
}

// 1080p at the defaults (x264 medium, crf 18; held pictures and --cfr alike): between frames 70
// and 170 of 180, nothing but Cairo and x264 (see Owner) allocates a page or more. (Before the packet
// pool: 9 of libx264's packets in that span were fresh allocations.)
TEST(ExportAllocations, NoLargeAllocationPerFrameAfterWarmUp) {
    const Timeline tl = moving_timeline();
    auto dir = test::fresh_folder("allocations");
    for (bool cfr : {false, true}) {
        ExportOptions o;
        o.output = (dir / (cfr ? "cfr.mp4" : "vfr.mp4")).string();
        o.constant_frame_rate = cfr;
        const Counted c = count_between(tl, o, 70, 170);
        EXPECT_EQ(c.frames, 100);
        EXPECT_EQ(c.allocations, 0) << (cfr ? "--cfr: " : "") << c.allocations << " allocations of "
                                     << c.bytes / 1024 << " KiB in all over " << c.frames
                                     << " frames (REEL_ALLOC_TRACE=1 prints where); x264's own: " << c.x264;
        EXPECT_GT(c.rasteriser, 0) << "Cairo's own are counted apart";
    }
}
