// The recording context: per-recording state, and which one is current on each thread.
#include "mobjects/recording.h"

#include <cassert>

#include "geometry/shared.h"

namespace reel {

namespace {
// The innermost RecordingScope of this thread (nullptr: the thread's own context).
thread_local RecordingContext* g_current = nullptr;
} // namespace

RecordingContext::RecordingContext(const RecordingOptions& options) {
    text_.manim_glyph_rounding = options.manim_glyph_rounding;
}

void RecordingContext::add_tracker(const Mobject& tracker) {
    std::erase_if(trackers_, [](const std::weak_ptr<Node>& w) { return w.expired(); });
    trackers_.push_back(std_ptr(tracker.node()));
}

std::vector<Mobject> RecordingContext::trackers() const {
    std::vector<Mobject> out;
    for (const auto& w : trackers_)
        if (auto n = w.lock()) out.emplace_back(n);
    return out;
}

RecordingContext& RecordingContext::current() {
    if (g_current) return *g_current;
    thread_local RecordingContext own;
    return own;
}

RecordingScope::RecordingScope(RecordingContext& ctx) : context_(&ctx), previous_(g_current) {
    g_current = &ctx;
}

RecordingScope::~RecordingScope() {
    assert(g_current == context_ && "RecordingScopes must end in reverse order on their thread");
    g_current = previous_;
}

} // namespace reel
