// What one recording of a scene owns: the settings its code makes (text defaults) and the
// ValueTrackers it creates. Every Scene (and so every record_scene) starts a fresh one, so
// nothing a scene sets outlives its recording or reaches the next one.
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "reel/mobject.h"
#include "reel/sound.h"

namespace reel {

/// How a scene is recorded: chosen by whoever records it (the command line), not by the scene.
struct RecordingOptions {
    /// Manim 0.17.3 compatibility: round every glyph advance to 0.05 units as manimpango's SVG
    /// path did (uneven spacing at small sizes). Off: Reel keeps Pango's exact positions.
    bool manim_glyph_rounding = false;
    /// Set (by a signal handler, another thread) to stop the recording: the next add, play or
    /// wait throws RecordingStopped. Not owned; null for none.
    const std::atomic<bool>* cancel = nullptr;
};

/// Thrown by Scene::add, play and wait once RecordingOptions::cancel is set.
class RecordingStopped : public std::runtime_error {
public:
    RecordingStopped() : std::runtime_error("the recording was stopped") {}
};

/// The text settings of a recording (Manim's Text.set_default), read by Text when it is made.
struct TextDefaults {
    /// Family of a Text whose TextOptions::font is empty (set_default_text_font). Manim's
    /// Text() without a font gets Pango's default family, DejaVu Serif on Debian 12.
    std::string font = "DejaVu Serif";
    /// See RecordingOptions::manim_glyph_rounding (set_manim_glyph_rounding).
    bool manim_glyph_rounding = false;
};

/// Everything a scene sets while it records, owned by that recording alone. A Scene makes one
/// and makes it current on its thread while it lives; Manim-style constructors that take no
/// Scene (`Text("hi")`, `ValueTracker(0)`) and set_default_text_font reach it through
/// current(). The sounds a scene adds wait here until Scene::finish puts them on the Timeline;
/// further per-recording state belongs here too (the camera).
class RecordingContext {
public:
    explicit RecordingContext(const RecordingOptions& options = {});
    RecordingContext(const RecordingContext&) = delete;
    RecordingContext& operator=(const RecordingContext&) = delete;

    /// The text defaults of this recording.
    TextDefaults& text() { return text_; }
    const TextDefaults& text() const { return text_; }

    /// Adds a tracker to this recording (ValueTracker's constructor does). Held weakly: a
    /// tracker nobody refers to any more is dropped.
    void add_tracker(const Mobject& tracker);
    /// The trackers added to this recording that are still alive, in the order they were made:
    /// every play records their values.
    std::vector<Mobject> trackers() const;

    /// Adds a sound to this recording (Scene::add_sound does, after checking the file).
    void add_sound(Sound sound) { sounds_.push_back(std::move(sound)); }
    /// The sounds added so far, in the order they were added.
    const std::vector<Sound>& sounds() const { return sounds_; }
    /// Hands the sounds over (to the Timeline Scene::finish makes) and forgets them.
    std::vector<Sound> take_sounds() { return std::exchange(sounds_, {}); }

    /// The context current on this thread: the innermost RecordingScope's (a live Scene's),
    /// else the thread's own, which code outside any Scene uses (unit tests that make Text or
    /// trackers directly). A recording never reads the thread's own context: settings made
    /// outside any Scene apply outside any Scene only.
    static RecordingContext& current();

private:
    TextDefaults text_;
    std::vector<std::weak_ptr<Node>> trackers_;
    std::vector<Sound> sounds_;
};

/// Makes `ctx` the current context of this thread for its lifetime and restores the previous
/// one when it ends. Scopes nest: end them in reverse order, on the thread that made them (a
/// local variable does). `ctx` must outlive the scope.
class RecordingScope {
public:
    explicit RecordingScope(RecordingContext& ctx);
    ~RecordingScope();
    RecordingScope(const RecordingScope&) = delete;
    RecordingScope& operator=(const RecordingScope&) = delete;

private:
    RecordingContext* context_;
    RecordingContext* previous_;
};

} // namespace reel
