// What a scene's code records with: Scene (Manim's Scene API: add, play, wait, sections, slides,
// sound, voice-over, the camera) and REEL_SCENE, which registers a scene from a plug-in. The
// recorded Timeline and the scene registry are the engine's ("timeline/timeline.h").
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "reel/animation.h"
#include "reel/camera.h"
#include "reel/mobject.h"
#include "reel/shared.h"
#include "reel/sound.h"
#include "reel/version.h"

namespace reel {

/// Manim's recording rate: every play lasts ceil(d * 60) / 60 s, every wait floor(d * 60) / 60 s.
inline constexpr int kTimelineFps = 60;

/// Options of a slide mark (Scene::next_slide). They describe the slide that ends at the mark:
/// the part of the timeline from the previous hold up to the mark.
struct SlideOptions {
    /// Presenter notes: shown in the presenter console and on the PDF handout's page.
    std::string notes;
    /// The part before the mark repeats until the presenter moves on (manim-slides' loop).
    bool loop = false;
};

class Timeline;
struct RecordingOptions;
class RecordingContext;

/// Keyword arguments of Scene::play, applied to every animation of the play.
struct PlayOptions {
    std::optional<Seconds> run_time;
    RateFunc rate_func = nullptr;
};

class Scene;

/// The voice-over line a Scene::voiceover block is in (manim-voiceover's tracker).
class Voiceover {
public:
    /// The line's length in seconds (manim-voiceover's `tracker.duration`).
    Seconds duration() const;
    /// Seconds from the scene's current time to the end of the line, 0 once it has ended
    /// (`tracker.get_remaining_duration()`).
    Seconds remaining() const;
    /// Seconds from the scene's current time to the bookmark (negative once passed); throws
    /// std::invalid_argument naming the mark and the line's marks when the line has no such mark.
    Seconds time_until_bookmark(std::string_view mark) const;
    /// The line as recorded so far (text, start, bookmarks, words).
    const VoiceoverLine& line() const;

private:
    friend class Scene;
    Voiceover(const Scene& scene, std::size_t index) : scene_(&scene), index_(index) {}
    const Scene* scene_;
    std::size_t index_;
};

namespace detail {
template <std::size_t> using PlayArg = AnimationPtr;
/// Scene::play(a, b, ..., {options}) for one count of animations. The counts are separate
/// overloads, not a template pack, so that the options can be a braced list.
template <class S, class Indices> struct PlayArity;
template <class S, std::size_t... I> struct PlayArity<S, std::index_sequence<I...>> {
    void play(PlayArg<I>... anims, const PlayOptions& o = {}) {
        static_cast<S*>(this)->play(std::vector<AnimationPtr>{std::move(anims)...}, o);
    }
};
template <class S, std::size_t N>
struct PlayArities : PlayArities<S, N - 1>, PlayArity<S, std::make_index_sequence<N>> {
    using PlayArities<S, N - 1>::play;
    using PlayArity<S, std::make_index_sequence<N>>::play;
};
template <class S> struct PlayArities<S, 1> : PlayArity<S, std::make_index_sequence<1>> {
    using PlayArity<S, std::make_index_sequence<1>>::play;
};
} // namespace detail

/// Records a scene: runs once, renders nothing. Mirrors Manim's Scene API. Each Scene owns a
/// fresh RecordingContext, current on its thread while the Scene lives: what the scene code
/// sets (text defaults) and the trackers it makes belong to this recording only. Destroy a
/// Scene on the thread that made it, after any Scene made later there (a local variable is).
class Scene : public detail::PlayArities<Scene, 24> {
public:
    /// A scene recorded with the default options.
    Scene();
    /// A scene recorded as `options` say (the engine's "mobjects/recording.h").
    explicit Scene(const RecordingOptions& options);
    ~Scene();
    Scene(const Scene&) = delete;
    Scene& operator=(const Scene&) = delete;

    /// This recording's context (text defaults, trackers).
    RecordingContext& context();
    const RecordingContext& context() const;

    /// Adds mobjects on top (Manim's add: removes them, dissolving groups, then appends).
    void add(const Mobject& m);
    /// Manim's add(a, b, c): the same as adding them one after the other.
    template <class... More>
        requires(sizeof...(More) > 0 && (std::is_convertible_v<const More&, const Mobject&> && ...))
    void add(const Mobject& first, const More&... more) {
        add(first);
        (add(static_cast<const Mobject&>(more)), ...);
    }
    void remove(const Mobject& m);
    /// Manim's add_foreground_mobjects: added, and kept on top of everything added later
    /// (remove takes them out of the foreground too).
    void add_foreground_mobjects(const std::vector<Mobject>& mobjects);
    void add_foreground_mobject(const Mobject& m) { add_foreground_mobjects(std::vector<Mobject>{m}); }
    /// Plays animations together; each keeps its own run time (the play lasts the longest).
    /// `s.play(a, b, c, {.run_time = 2})` takes up to 24 animations before the options; the
    /// vector form any number.
    void play(const std::vector<AnimationPtr>& anims, const PlayOptions& o = {});
    using PlayArities::play;
    /// A static pause.
    void wait(Seconds d = 1.0);
    /// Starts a named section at the current time.
    void section(std::string name);
    /// Marks a slide: a presentation stops here (manim-slides' next_slide). The options describe
    /// the slide that ends here. A second mark at the same moment merges into the first (notes
    /// joined by a line break); a mark at time 0 has nothing to show and is refused.
    void next_slide(const SlideOptions& options = {});
    /// Plays a sound file from the current time plus `options.time_offset` (Manim's
    /// add_sound): WAV, FLAC, MP3, Ogg/Vorbis, Opus, AAC/M4A, any rate and channels, mixed at
    /// 48 kHz stereo. The file is decoded once now: a missing, empty, corrupt or truncated file,
    /// or a start before 0, throws here with a message naming the file. The scene does not get
    /// longer for a sound: one that runs past the scene's end is cut there, and one that starts
    /// at or after the end is an error when the scene finishes.
    void add_sound(const std::string& path, const SoundOptions& options = {});
    /// A music bed: add_sound that ducks by options.duck_db under every voice-over line of the
    /// scene (spoken before or after this call), with ramps of options.duck_ramp seconds.
    void add_music(const std::string& path, const MusicOptions& options = {});
    /// manim-voiceover's `with self.voiceover(text) as tracker:` — speaks `text` from now (or
    /// plays options.recording) and runs `block`, which sees the line's duration and remaining
    /// time and can wait_until_bookmark(); after the block the scene waits until the voice has
    /// finished (to the next frame). `<bookmark mark='name'/>` in the text marks a moment.
    /// Speech is espeak-ng's unless a command is set (set_speech, options), cached on disk
    /// (sound/voice.h). Throws naming the line for a malformed bookmark, an unknown voice, a
    /// failing speech command, an unreadable recording or a bad timing sidecar.
    void voiceover(std::string_view text, const VoiceoverOptions& options = {},
                   const Function<void(Voiceover&)>& block = {});
    void voiceover(std::string_view text, const Function<void(Voiceover&)>& block) { voiceover(text, {}, block); }
    /// Waits until the bookmark `mark` of the voice-over line being spoken (the innermost
    /// block that has it), to the nearest frame. Throws std::invalid_argument outside a
    /// voice-over block, for a mark the line does not have (listing the ones it has) and for a
    /// mark already passed.
    void wait_until_bookmark(std::string_view mark);
    /// The speech every later voice-over line uses unless its options say otherwise
    /// (manim-voiceover's set_speech_service).
    void set_speech(const SpeechOptions& speech);
    /// Manim's `self.camera.background_color = c`: the background from the current time on
    /// (a scene that sets it first has it everywhere). BLACK until set.
    void set_background_color(Color c);
    /// The same from "#RRGGBB" or "#RGB"; throws std::invalid_argument for anything else.
    void set_background_color(std::string_view hex);
    /// Manim's `self.mobjects`: what is on stage now, top level, in painter order.
    std::vector<Mobject> mobjects() const;
    /// The scene's camera: MovingCameraScene's `camera.frame`, ThreeDScene's trackers and light.
    SceneCamera& camera();

    // ── ThreeDScene (Manim's scene/three_d_scene.py, Cairo renderer) ──
    /// Sets the 3-D camera's orientation now (the scene becomes a 3-D scene).
    void set_camera_orientation(const CameraOrientation& o = {});
    /// Plays the trackers of the given angles, zoom and focal distance to their values and the
    /// frame centre to its point (with `added_anims` alongside).
    void move_camera(const CameraOrientation& o, const PlayOptions& options = {},
                     const std::vector<AnimationPtr>& added_anims = {});
    /// Turns the camera about the z axis at `rate` radians per second from now on ("theta",
    /// "phi" or "gamma"); throws std::invalid_argument for another name.
    void begin_ambient_camera_rotation(double rate = 0.02, std::string_view about = "theta");
    void stop_ambient_camera_rotation(std::string_view about = "theta");
    /// Manim's 3-D illusion: theta swings by 0.2 sin(rate t) and phi by 0.1 (cos(rate t) - 1)
    /// about their values now (or the origins given).
    void begin_3dillusion_camera_rotation(double rate = 1.0, std::optional<double> origin_phi = std::nullopt,
                                          std::optional<double> origin_theta = std::nullopt);
    void stop_3dillusion_camera_rotation();
    /// Adds the mobjects, drawn over the projection where they are, as if on the screen.
    void add_fixed_in_frame_mobjects(const std::vector<Mobject>& mobjects);
    void add_fixed_in_frame_mobjects(const Mobject& m) { add_fixed_in_frame_mobjects(std::vector<Mobject>{m}); }
    void remove_fixed_in_frame_mobjects(const std::vector<Mobject>& mobjects);
    /// Adds the mobjects; their centre is projected but they are never turned with the camera
    /// (the centre where the mobject is at each moment, as Manim's default get_center).
    void add_fixed_orientation_mobjects(const std::vector<Mobject>& mobjects);
    void add_fixed_orientation_mobjects(const Mobject& m) { add_fixed_orientation_mobjects(std::vector<Mobject>{m}); }
    void remove_fixed_orientation_mobjects(const std::vector<Mobject>& mobjects);

    /// Current recorded time.
    Seconds time() const;
    /// Finishes recording (the engine's "timeline/timeline.h" defines Timeline).
    Timeline finish();

private:
    friend class Voiceover;
    // A wait of exactly `frames` frames (a voice-over's end, a bookmark).
    void wait_frames(long frames, std::string description);
    struct Recording; // the RecordingContext and the scope that makes it current
    struct Impl;
    Owned<Recording> recording_; // made first, ended last: Impl's camera makes trackers in it
    Owned<Impl> impl_;
    std::vector<Mobject> illusion_; // begin_3dillusion_camera_rotation's phase trackers
};

/// A scene that can be listed and played by name.
struct SceneInfo {
    std::string name;
    std::string description;
    Function<void(Scene&)> build;
};

/// Finds a registered scene by name (another plug-in's, to build inside this one), nullptr if
/// unknown. The entry stays valid, and unchanged, until the process ends.
const SceneInfo* find_scene(const std::string& name);

} // namespace reel

extern "C" {

/// The Reel a scene was compiled against. Every scene plug-in exports reel_plugin_version()
/// (REEL_SCENE defines it), and the host refuses one whose version differs from its own.
struct ReelPluginVersion {
    unsigned magic; ///< kReelPluginMagic
    int major;
    int minor;
    int patch;
    int abi; ///< REEL_PLUGIN_ABI
};

/// REEL_SCENE's entry point into the engine: registers `build` as scene `name` when `built_with`
/// is this engine's version; otherwise registers nothing, records why (the plug-in loader
/// reports it) and returns false. The `_v1` is the entry point's own version: a plug-in from a
/// Reel whose entry points changed shape fails to load with this name in the message.
bool reel_register_scene_v1(ReelPluginVersion built_with, const char* name, const char* description,
                            void (*build)(reel::Scene&));

/// The version these headers belong to. An inline function: every plug-in that uses
/// REEL_SCENE has its own exported copy, which the loader reads before accepting the plug-in.
[[gnu::visibility("default"), gnu::used]] inline ReelPluginVersion reel_plugin_version() {
    return {0x5245454cu, REEL_VERSION_MAJOR, REEL_VERSION_MINOR, REEL_VERSION_PATCH, REEL_PLUGIN_ABI};
}

} // extern "C"

#define REEL_SCENE_CONCAT_(a, b) a##b
#define REEL_SCENE_CONCAT(a, b) REEL_SCENE_CONCAT_(a, b)

/// Defines and registers a scene from any .cpp file of a scene folder or plug-in:
///
///     REEL_SCENE(hello, "Three boxes and an arrow") {
///         auto box = Rectangle({.width = 2, .height = 1});
///         s.play(Create(box));
///     }
///
/// `name` is an identifier (it is also the scene's name in `reel scenes`); the body receives
/// `reel::Scene& s`. Registration runs when the object file is loaded, so the file must be
/// linked whole: scenes are shared modules for that reason (reel_add_scene in CMake; scenes/
/// builds one per folder).
#define REEL_SCENE(name, description)                                                          \
    static void REEL_SCENE_CONCAT(reel_scene_body_, name)(::reel::Scene & s);                  \
    [[maybe_unused]] static const bool REEL_SCENE_CONCAT(reel_scene_registered_, name) =       \
        ::reel_register_scene_v1(::reel_plugin_version(), #name, description,                  \
                                 &REEL_SCENE_CONCAT(reel_scene_body_, name));                  \
    static void REEL_SCENE_CONCAT(reel_scene_body_, name)([[maybe_unused]] ::reel::Scene & s)
