// The recorded scene: an immutable Timeline whose state_at(t) is a pure function of t, the
// scene registry and record_scene (engine internals; scene code sees Scene, "reel/timeline.h").
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "mobjects/recording.h"
#include "reel/frame.h"
#include "reel/sound.h"
#include "reel/timeline.h"

namespace reel {

/// A key no other segment of any timeline has (process-wide counter, never 0).
std::uint64_t new_layer_key();

/// A named part of a scene (Manim's next_section / a slide).
struct Section {
    std::string name;
    Seconds start = 0;
    Seconds duration = 0;
};

/// A slide mark as recorded.
struct SlideMark {
    Seconds time = 0;
    std::string notes;
    bool loop = false;
};

/// One recorded play or wait.
struct SegmentInfo {
    enum class Kind { Play, Wait };
    Kind kind = Kind::Play;
    Seconds start = 0;
    Seconds duration = 0;
    std::string description;
    /// A play whose every animation only takes things away (FadeOut, Uncreate, ...): how the
    /// presenter's holds tell a section's closing fade-out (src/present/holds.cpp).
    bool removes_only = false;
};

struct Segment;
struct TraceTable;

/// The immutable result of recording a scene. Cheap to share between threads: state_at is
/// const and touches no mutable state.
class Timeline {
public:
    Timeline();
    ~Timeline();
    Timeline(Timeline&&) noexcept;
    Timeline& operator=(Timeline&&) noexcept;

    /// Total length (sum of the quantised segment durations).
    Seconds duration() const { return duration_; }
    /// Number of frames at `fps`: round(duration * fps).
    long frame_count(int fps) const;
    const std::vector<Section>& sections() const { return sections_; }
    std::vector<SegmentInfo> segments() const;
    /// Index of the section containing t (the last one for t >= duration; 0 if none).
    std::size_t section_at(Seconds t) const;
    /// The picture at time t (clamped to [0, duration]): a pure function of t. A moment less
    /// than 2 microseconds before the end of a play shows the play's end (alpha 1).
    Frame state_at(Seconds t) const;
    /// The slide marks recorded with Scene::next_slide, in time order (the holds a presentation
    /// stops at are placed from them by the presenter: src/present/holds.h).
    const std::vector<SlideMark>& marks() const { return marks_; }
    /// The sounds, in the order the scene added them (sound::Mixer gives their samples for any
    /// interval). None plays past the end: a sound longer than the rest of the scene is cut there.
    const std::vector<Sound>& sounds() const { return sounds_; }
    /// The voice-over lines (Scene::voiceover), in the order the scene spoke them; each line's
    /// voice is one of sounds().
    const std::vector<VoiceoverLine>& voiceovers() const { return voiceovers_; }
    /// The background colour at t (Scene::set_background_color; BLACK before any).
    Color background_at(Seconds t) const;

private:
    friend class Scene;
    Frame state_at_items(Seconds t) const;
    std::vector<std::shared_ptr<const Segment>> segments_;
    std::vector<LeafState> final_state_;
    std::uint64_t final_key_ = 0;
    std::vector<Section> sections_;
    std::vector<SlideMark> marks_;
    std::vector<Sound> sounds_;
    std::vector<VoiceoverLine> voiceovers_;
    /// (from, colour) in time order: each colour holds until the next one.
    std::vector<std::pair<Seconds, Color>> backgrounds_;
    /// TracedPaths' samples (shared with the recording that made them).
    std::shared_ptr<const TraceTable> traces_;
    View final_view_;
    Seconds duration_ = 0;
};

// The scene registry (find_scene and SceneInfo: "reel/timeline.h"). Every function may be
// called from any thread. A `const SceneInfo*` it returns stays valid, and unchanged, until the
// process ends: a later registration of the same name (a reloaded plug-in) adds a new entry that
// takes the old one's place in the list.

/// The registered scenes, in registration order (a copy of the list as it is now).
std::vector<const SceneInfo*> scene_registry();
/// Registers a scene (used by REEL_SCENE); a second scene of the same name takes the first
/// one's place. Returns true.
bool register_scene(SceneInfo info);
/// The scene a command runs when none is named: the one named by set_default_scene() if it is
/// registered, else the first registered; nullptr when there is none.
const SceneInfo* default_scene();
/// Names the default scene (the CLI names the promo, a plug-in host its plug-in's first scene).
void set_default_scene(std::string name);
/// Records a scene into a timeline, in a RecordingContext of its own made from `options`.
/// Throws std::runtime_error with a clear message.
Timeline record_scene(const SceneInfo& info, const RecordingOptions& options = {});

/// A digest of what a timeline shows (64-bit FNV-1a): its duration, sections, slide marks
/// (the holds follow from them), sounds (source path, start, gain, trim, length; a timeline
/// without sounds digests as it did before sounds existed), every segment's kind, times,
/// description and whether it only removes, and the frames at the start, middle and end of
/// every segment and at the end (each leaf's points, style, image pixels and glyph source, in
/// painter order). Node ids and layer keys are left out, so recording the same
/// scene twice gives the same digest; two timelines with equal digests show the same pictures
/// at those moments. Bit-exact: compare digests made by the same build on the same platform.
std::uint64_t timeline_digest(const Timeline& timeline);

} // namespace reel
