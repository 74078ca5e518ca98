// Scene's recording state: the scene list, segments, sections and voice-over lines, shared by
// scene.cpp (add, play, wait, finish), scene_impl.cpp (the scene list and the segments) and
// scene_sound.cpp (sounds and voice-over). Private to the timeline module.
#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "mobjects/node.h"
#include "segment.h"
#include "timeline/timeline.h"

namespace reel {
namespace scene_detail {

using IdSet = std::unordered_set<std::uint64_t>;

/// The ids of `m` and every member of its family.
IdSet family_ids(const Mobject& m);

/// `fallback`, or environment variable `name` when it is a positive number (how a user raises a
/// limit; the messages name the variable).
double limit_from_env(const char* name, double fallback);

/// The recording's limits (REEL_MAX_* raise them).
struct Limits {
    double seconds = limit_from_env("REEL_MAX_SCENE_SECONDS", 24 * 3600.0);
    double segments = limit_from_env("REEL_MAX_SEGMENTS", 1e6);
    double mobjects = limit_from_env("REEL_MAX_MOBJECTS", 1e6);
    // Half the machine's memory by default: a scene that grows without end stops with a
    // message long before the kernel kills the process.
    double megabytes = limit_from_env("REEL_MAX_RECORDING_MB", default_recording_megabytes());
    static double default_recording_megabytes();
};

/// This process's resident memory in MB (0 when it cannot be read).
double resident_megabytes();

/// "90 s", or "86400 s (24 h)" for whole hours.
std::string duration_text(double seconds);

/// Manim's frame counts: ceil(d * fps) frames for a play, int(d / (1 / fps)) for a wait, both
/// in floating point.
Seconds quantise_play(Seconds d);
Seconds quantise_wait(Seconds d);

/// Throws std::invalid_argument naming `call` ("Scene::section") and `where` ("the name of
/// section 2") when `text` is not well-formed UTF-8.
void check_utf8(const std::string& text, const char* call, const std::string& where);

} // namespace scene_detail

struct Scene::Recording {
    explicit Recording(const RecordingOptions& options) : context(options) {}
    RecordingContext context;
    RecordingScope scope{context};
};

struct Scene::Impl {
    using IdSet = scene_detail::IdSet;
    explicit Impl(const RecordingContext& c) : context(c) {}
    const RecordingContext& context; // the Scene's: its trackers are this recording's
    SceneCamera camera;
    const std::atomic<bool>* cancel = nullptr;
    scene_detail::Limits limits;
    double start_megabytes = scene_detail::resident_megabytes();
    long calls = 0; // add, play and wait calls: the memory is looked at every 1024th

    // The ids of every family member of the scene's mobjects, kept while no node's children
    // change (Node::structure_generation): add and in_scene then cost the size of the added
    // mobject, not the size of the scene, and 100,000 adds take linear time.
    IdSet present;
    std::uint64_t present_generation = 0;
    bool present_valid = false;

    const IdSet& present_ids() {
        const std::uint64_t now = Node::structure_generation().load(std::memory_order_relaxed);
        if (!present_valid || present_generation != now) {
            present.clear();
            for (const auto& top : mobjects)
                for (const auto& f : top.family()) present.insert(f.id());
            present_generation = now;
            present_valid = true;
        }
        return present;
    }

    // Stops a recording that grew over limits.megabytes (looked at every 1024th call).
    void check_memory();

    // Scene code that loops forever still calls add, play or wait: a stop ends it there.
    void check_stop() const {
        if (cancel && cancel->load(std::memory_order_relaxed)) throw RecordingStopped();
    }
    std::vector<Mobject> mobjects; // Manim's scene.mobjects (top level, painter order)
    std::vector<Mobject> foreground; // Manim's scene.foreground_mobjects (also in mobjects, last)
    std::vector<std::shared_ptr<const Segment>> segments;
    std::vector<Section> sections;
    std::vector<SlideMark> marks;
    std::vector<std::pair<Seconds, Color>> backgrounds;
    std::vector<VoiceoverLine> voiceovers;
    std::vector<std::size_t> open_voiceovers; // the voice-over blocks running, innermost last
    SpeechOptions speech;
    std::shared_ptr<TraceTable> traces = std::make_shared<TraceTable>();
    Seconds time = 0;
    long frames = 0; // total frames at kTimelineFps, so times stay exact multiples

    bool in_scene(const Mobject& m) { return present_ids().count(m.id()) != 0; }

    // Manim's get_restructured_mobject_list: drops members of `remove`, dissolving groups
    // that contain one.
    static void restructure(const std::vector<Mobject>& list, const IdSet& remove,
                            std::vector<Mobject>& out);

    // Manim's add: [*mobjects, *foreground_mobjects] are taken out, then appended, so the
    // foreground mobjects stay on top of anything added later.
    void add(const Mobject& m);

    void remove(const Mobject& m);

    // The topmost family members with updaters, in scene order.
    std::vector<Mobject> updated_mobjects() const;

    // Runs the updaters after a segment: `dt` for those that ran freely, 0 for animated ones.
    void update_after(const Segment& seg, Seconds dt);

    // Painter order: families with points, keeping the last occurrence of each leaf.
    std::vector<Mobject> draw_order() const;

    // Where each zoomed display, its camera frame and its family are drawn in this segment.
    void record_feeds(Segment& seg);

    // Where the camera is in this segment (segment.h, CameraRecord).
    void record_camera(Segment& seg);

    void push_segment(SegmentInfo::Kind kind, Seconds nominal, Seconds quantised_frames_time,
                      std::vector<AnimationPtr> anims, std::string description);
};

} // namespace reel
