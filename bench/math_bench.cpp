// Parse + layout + outlines of the promo formulas (Google Benchmark): build/bench_math.
#include <string>

#include <benchmark/benchmark.h>

#include "reel/math.h"

namespace {

const char* const kFormulas[] = {
    R"(\operatorname{Attention}(Q,K,V)=\operatorname{softmax}\!\left(\frac{QK^\top}{\sqrt{d_k}}\right)\!V)",
    R"(\text{(1) } S = QK^\top)",
    R"(\text{(2) } S \mathbin{/} \sqrt{d_k})",
    R"(\text{(3) } \operatorname{softmax}\!\left(S \mathbin{/} \sqrt{d_k}\right))",
    R"(\text{(4) } \operatorname{softmax}\!\left(S \mathbin{/} \sqrt{d_k}\right) \cdot V)",
};

// The whole pipeline behind MathTex minus the mobject tree: parse, Appendix G layout, and the
// glyph outlines and rules as points in TeX coordinates.
void BM_Typeset(benchmark::State& state) {
    const char* tex = kFormulas[state.range(0)];
    reel::math::typeset(tex); // fonts are loaded once per process
    std::size_t items = 0;
    for (auto _ : state) {
        const reel::math::MathLayout l = reel::math::typeset(tex);
        items = l.items.size();
        benchmark::DoNotOptimize(l.items.data());
    }
    state.counters["items"] = static_cast<double>(items);
}
BENCHMARK(BM_Typeset)->DenseRange(0, 4)->Unit(benchmark::kMicrosecond);

void BM_ParseOnly(benchmark::State& state) {
    for (auto _ : state) reel::math::check_syntax(kFormulas[0]);
}
BENCHMARK(BM_ParseOnly)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
