// The export's per-frame CPU outside the encoder (Google Benchmark): build/bench_export.
// BGRA -> YUV 4:2:0 at 1080p with the built-in converter and with libswscale, on a rendered
// frame (shapes, fills, text-free: the conversion cost does not depend on the content).
#include <benchmark/benchmark.h>

#include "convert.h"
#include "reel/reel.h"
#include "timeline/timeline.h"
#include "render/render.h"

namespace {

const reel::Image& frame_1080p() {
    static const reel::Image image = [] {
        using namespace reel;
        register_scene({"export_bench", "", [](Scene& s) {
                            s.add(Square(3.0, {.color = BLUE, .fill_opacity = 0.7}));
                            s.add(Rectangle({.width = 6, .height = 1, .color = YELLOW}));
                            s.add(Circle(1.5, {.color = RED, .fill_opacity = 0.5}));
                            s.wait(1);
                        }});
        Timeline tl = record_scene(*find_scene("export_bench"));
        return render_frame(tl.state_at(0.5), 1920, 1080);
    }();
    return image;
}

void BM_Convert(benchmark::State& state) {
    const reel::Image& img = frame_1080p();
    const bool swscale = state.range(0) != 0;
    reel::YuvConverter converter(img.width, img.height, swscale);
    reel::av::FramePtr out = reel::av::allocate_frame(AV_PIX_FMT_YUV420P, img.width, img.height);
    for (auto _ : state) {
        converter.convert(img.pixels.data(), img.stride, *out);
        benchmark::DoNotOptimize(out->data[0]);
    }
    state.SetLabel(swscale ? "swscale" : "builtin");
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Convert)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// Copying a converted 1080p picture (what a worker pays to hand over a picture it keeps).
void BM_CopyYuv(benchmark::State& state) {
    reel::av::FramePtr a = reel::av::allocate_frame(AV_PIX_FMT_YUV420P, 1920, 1080);
    reel::av::FramePtr b = reel::av::allocate_frame(AV_PIX_FMT_YUV420P, 1920, 1080);
    for (auto _ : state) {
        av_frame_copy(b.get(), a.get());
        benchmark::DoNotOptimize(b->data[0]);
    }
}
BENCHMARK(BM_CopyYuv)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
