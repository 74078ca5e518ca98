// The scene registry: a `const SceneInfo*` stays valid and unchanged however many scenes are
// registered after it (plug-in loads, re-registrations), and any thread may find and register
// at once.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "timeline/timeline.h"

namespace reel {
namespace {

void one_wait(Scene& s) { s.wait(1.0); }
void two_waits(Scene& s) {
    s.wait(1.0);
    s.wait(1.0);
}

std::string fmt_name(int thread, int i) { return "thread_" + std::to_string(thread) + "_" + std::to_string(i); }

std::size_t count_named(const std::string& name) {
    const auto all = scene_registry();
    return static_cast<std::size_t>(
        std::count_if(all.begin(), all.end(), [&](const SceneInfo* s) { return s->name == name; }));
}

// ── Negative cases ────────────────────────────────────────────────────────────────────────

TEST(SceneRegistry, UnknownNameIsNull) { EXPECT_EQ(find_scene("no such scene"), nullptr); }

// ── stable entries ────────────────────────────────────────────────────────────────────────

TEST(SceneRegistry, AReRegisteredSceneLeavesTheHeldEntryAsItWas) {
    register_scene({"replaced", "version 1", one_wait});
    const SceneInfo* v1 = find_scene("replaced");
    ASSERT_NE(v1, nullptr);
    const auto held = scene_registry();
    const auto position = std::find(held.begin(), held.end(), v1) - held.begin();
    register_scene({"replaced", "version 2", two_waits});
    EXPECT_EQ(v1->description, "version 1");
    EXPECT_DOUBLE_EQ(record_scene(*v1).duration(), 1.0) << "the held entry records version 1";
    const SceneInfo* v2 = find_scene("replaced");
    ASSERT_NE(v2, nullptr);
    EXPECT_EQ(v2->description, "version 2");
    EXPECT_DOUBLE_EQ(record_scene(*v2).duration(), 2.0);
    EXPECT_EQ(count_named("replaced"), 1u);
    const auto all = scene_registry();
    EXPECT_EQ(std::find(all.begin(), all.end(), v2) - all.begin(), position) << "in the old one's place";
}

TEST(SceneRegistry, EntriesSurviveManyLaterRegistrations) {
    register_scene({"early", "kept", one_wait});
    const SceneInfo* early = find_scene("early");
    ASSERT_NE(early, nullptr);
    for (int i = 0; i < 3000; ++i) register_scene({"later_" + std::to_string(i), "", one_wait});
    EXPECT_EQ(early, find_scene("early"));
    EXPECT_EQ(early->name, "early");
    EXPECT_EQ(early->description, "kept");
    EXPECT_DOUBLE_EQ(record_scene(*early).duration(), 1.0);
}

TEST(SceneRegistry, FindAndRegisterFromManyThreads) {
    register_scene({"shared", "0", one_wait});
    const std::size_t before = scene_registry().size();
    constexpr int kEach = 4000;
    std::atomic<bool> bad{false};
    std::vector<std::thread> threads;
    for (int w = 0; w < 2; ++w)
        threads.emplace_back([w] {
            for (int i = 0; i < kEach; ++i) {
                register_scene({fmt_name(w, i), "", one_wait});
                register_scene({"shared", std::to_string(i), two_waits});
            }
        });
    for (int r = 0; r < 2; ++r)
        threads.emplace_back([&bad] {
            for (int i = 0; i < kEach; ++i) {
                const SceneInfo* s = find_scene("shared");
                if (!s || s->name != "shared" || s->description.empty()) {
                    bad = true;
                    continue;
                }
                const std::string seen = s->description;
                for (const SceneInfo* e : scene_registry())
                    if (!e || e->name.empty()) bad = true;
                if (s->description != seen) bad = true; // a held entry never changes
            }
        });
    for (auto& t : threads) t.join();
    EXPECT_FALSE(bad);
    EXPECT_EQ(scene_registry().size(), before + 2 * kEach);
    EXPECT_EQ(count_named("shared"), 1u);
    for (int w = 0; w < 2; ++w)
        for (int i = 0; i < kEach; ++i) ASSERT_EQ(count_named(fmt_name(w, i)), 1u) << fmt_name(w, i);
}

} // namespace
} // namespace reel
