// The player: a controller (events in, state out, no window) and the window that runs it.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "player/overlay.h"
#include "present/holds.h"
#include "timeline/timeline.h"

namespace reel {

/// The keys the player understands; the window maps physical keys onto them.
enum class Key {
    Space, K, J, L, Left, Right, Comma, Period, Home, End,
    Digit0, Digit1, Digit2, Digit3, Digit4, Digit5, Digit6, Digit7, Digit8, Digit9,
    Slower, Faster, N, P, PageDown, PageUp, F, B, Escape, Q, Help,
    Enter, Backspace, C, M,
};

/// Key::Digit0 + n for n in 0..9.
Key digit_key(int n);

/// A video player, or a slide show that plays from hold to hold (place_holds).
enum class PlayerMode { Play, Present };

/// How playback starts.
struct PlayerSettings {
    PlayerMode mode = PlayerMode::Play;
    std::string scene_name;  ///< shown in the title bar
    Seconds start = 0;       ///< must lie in [0, duration]; presenting: the slide after it plays from it
    double speed = 1;        ///< must lie in [kMinSpeed, kMaxSpeed]
    bool loop = false;       ///< play again from 0 at the end
    bool paused = false;     ///< start paused
    bool sound = true;       ///< false: no audio device and no waveform at all (--audio none)
    bool fullscreen = false; ///< start full screen
    bool console = false;    ///< presenting: open the presenter console as a second window
    int screen = -1;         ///< presenting: the audience's display (0-based); -1: the first
    /// Presenting: the slide being presented at `start` (a player started again where another
    /// was); -1: the slide that plays from `start`.
    long slide = -1;
};

/// Playback speed limits.
inline constexpr double kMinSpeed = 0.25;
inline constexpr double kMaxSpeed = 2.0;
/// The bar hides after this long without mouse movement during playback.
inline constexpr Seconds kOverlayHideDelay = 2.0;

/// Where the sound should be: the player's audio output restarts at `sample` whenever `epoch`
/// changes (a seek, pause, resume, section jump, speed change, loop, new timeline, mute).
struct SoundCue {
    std::uint64_t epoch = 0;
    bool audible = false;       ///< playing at 1x and not muted (other speeds are silent)
    bool grain = false;         ///< scrubbing and not muted: short grains from `sample`
    /// Where the action that changed the epoch left the clock (a seek's target, the paused
    /// time...), round(t * kSampleRate): the sound restarts there and the picture waits for it.
    std::int64_t sample = 0;
};

/// All of the player's behaviour: keys, mouse, clock, sections, overlay visibility. Pure: wall
/// time is passed in (`now`, seconds on any monotonic clock), so tests drive it without a window.
/// The picture to show is always timeline.state_at(time(now)).
class PlayerController {
public:
    /// Starts at settings.start at wall time `now`, playing unless settings.paused. The timeline
    /// is not owned and must outlive the controller. Throws std::invalid_argument naming the
    /// bad setting (speed out of range, start outside the timeline).
    PlayerController(const Timeline& timeline, const PlayerSettings& settings, Seconds now);

    /// A key press.
    void key(Key k, Seconds now);
    /// The pointer moved to (x, y), in window pixels.
    void mouse_move(double x, double y, Seconds now);
    /// The main button went down at (x, y).
    void mouse_down(double x, double y, Seconds now);
    /// The main button went up at (x, y).
    void mouse_up(double x, double y, Seconds now);
    /// The pointer left the window.
    void mouse_leave(Seconds now);
    /// The window is `width` x `height` pixels at UI scale `scale` (2 on HiDPI).
    void resize(int width, int height, double scale);
    /// The window system changed the full-screen state itself.
    void set_fullscreen(bool on);
    /// Shows another version of the timeline (live reload; not owned, must outlive the
    /// controller or the next call): the same section (by name) at the same time into it, else
    /// the same time, clamped; pause, speed, mode and loop stay as they are.
    void set_timeline(const Timeline& timeline, Seconds now);
    /// An error drawn over the picture (a failed build or reload); "" removes it.
    void set_error(std::string message);
    const std::string& error() const { return error_; }
    /// What a live source is busy with, drawn small over the picture ("recording… 3 s"); ""
    /// removes it.
    void set_activity(std::string text);
    const std::string& activity() const { return activity_; }
    /// Applies what the clock alone changes: stopping at the end, holding at a section's end.
    /// Call once per loop iteration, before reading the state.
    void update(Seconds now);

    /// The time shown at wall time `now`: t0 + speed * (now - wall0), clamped or looped.
    Seconds time(Seconds now) const;
    /// Where the sound should be (see SoundCue).
    SoundCue sound_cue() const;
    /// During playback the picture follows the sound: `heard` is the timeline time of the sample
    /// leaving the speaker at wall time `now` (the restart point while the device has not got
    /// there yet); the clock is re-anchored there (no restart).
    void follow_sound(Seconds heard, Seconds now);
    /// M: the sound is off.
    bool muted() const { return muted_; }
    /// The clock runs; when false nothing changes without input (the window sleeps).
    bool playing() const { return playing_; }
    double speed() const { return speed_; }
    PlayerMode mode() const { return settings_.mode; }
    /// Index into timeline().sections() of the section shown at `now`.
    std::size_t section(Seconds now) const;
    /// Presenter mode: the slide being presented, an index into holds(): the clock
    /// runs from its start to its hold and stops there (a looping slide starts over instead).
    std::size_t slide() const { return slide_; }
    /// Presenter mode: the number of slides (holds).
    std::size_t slide_count() const { return holds_.size(); }
    /// Where the presentation stops: place_holds(timeline()), placed again by set_timeline.
    const std::vector<Hold>& holds() const { return holds_; }
    /// Presenter mode: the picture stands at the current slide's hold.
    bool at_hold(Seconds now) const;
    /// Presenter mode: the small "3 / 14" counter is shown on the audience's screen (off until C
    /// toggles it; the console always shows the slide number).
    bool counter_visible() const { return counter_; }
    /// Presenter mode: "next" on the last slide's hold ended the show; the audience sees a black
    /// screen that says so, "previous" goes back to the last slide.
    bool ended() const { return ended_; }
    /// Presenter mode: the digits typed so far for "number + Enter".
    const std::string& typed() const { return typed_; }
    /// Presenter mode: the counter's text ("3 / 14", or "go to 12" while a number is typed);
    /// empty when hidden. Play mode: "frame 123 / 5316" after a frame step, while paused.
    std::string corner_text(Seconds now) const;
    /// Presenter console: the notes of the current slide.
    const std::string& notes() const;
    /// Presenter console: the picture time of the next slide's hold; nullopt on the last slide.
    std::optional<Seconds> next_picture() const;
    /// Presenter console: seconds since the presentation started (construction).
    Seconds elapsed(Seconds now) const { return now - started_; }
    /// Play mode: the frame shown (at kTimelineFps) when the last key stepped frames.
    std::optional<long> stepped_frame() const { return stepped_frame_; }
    /// The playhead is being dragged.
    bool scrubbing() const { return scrubbing_; }
    /// Time under the pointer on the seek bar (not while scrubbing).
    std::optional<Seconds> hover() const { return hover_; }
    /// The seek bar is shown: paused, scrubbing, or the mouse moved in the last 2 s.
    bool overlay_visible(Seconds now) const;
    bool help_visible() const { return help_; }
    bool fullscreen() const { return fullscreen_; }
    /// Presenter mode's black screen.
    bool black() const { return black_; }
    bool quit_requested() const { return quit_; }
    /// Changes whenever something shown changes other than by the running clock.
    std::uint64_t revision() const { return revision_; }
    /// "scene — section — 0:16.5 / 1:28.6".
    std::string title(Seconds now) const;
    /// What the overlay draws at `now` (thumbnail left empty: the window renders it).
    OverlayView overlay(Seconds now) const;
    /// The keys of the current mode, for the `?` panel.
    std::vector<HelpLine> help_lines() const;
    const OverlayLayout& layout() const { return layout_; }
    const Timeline& timeline() const { return *timeline_; }

private:
    Seconds raw_time(Seconds now) const;
    Seconds stop_time() const;
    Seconds section_hold(std::size_t i) const;
    void seek(Seconds t, Seconds now);
    void set_playing(bool on, Seconds now);
    void changed() { ++revision_; }
    void key_play(Key k, Seconds now);
    void key_present(Key k, Seconds now);
    /// Keys of the window in both modes (full screen, quit, keys panel, Esc); false for others.
    bool window_key(Key k, Seconds now);
    void present_play(std::size_t i, Seconds from, Seconds now);
    void present_show(std::size_t i, Seconds now, bool still = false);
    Seconds hold_time(std::size_t i) const;
    bool looping() const;

    const Timeline* timeline_;
    std::vector<Hold> holds_;
    PlayerSettings settings_;
    std::string error_;
    std::string activity_;
    OverlayLayout layout_;
    Seconds anchor_time_ = 0;
    Seconds anchor_wall_ = 0;
    bool playing_ = false;
    double speed_ = 1;
    bool scrubbing_ = false;
    bool resume_after_scrub_ = false;
    std::optional<Seconds> hover_;
    Seconds last_activity_ = -1e300;
    bool help_ = false;
    bool fullscreen_ = false;
    bool black_ = false;
    bool quit_ = false;
    std::size_t slide_ = 0;
    bool counter_ = false;
    bool ended_ = false;
    std::string typed_;
    Seconds started_ = 0;
    std::optional<long> stepped_frame_;
    std::uint64_t revision_ = 0;
    std::uint64_t sound_epoch_ = 0;
    bool muted_ = false;
};

/// What a diagnostic run measures (see run_player).
enum class PlayerMeasure { None, Playback, Scrub, Idle };

/// Test and measurement hooks of run_player; all off by default.
struct PlayerDiagnostics {
    /// Keys pressed once the window is up, as synthetic SDL key events (SDL key names: "Right",
    /// "Space", "Left", ",", "?", ...), one per frame.
    std::vector<std::string> keys;
    /// Moves the real pointer over the seek bar at this time once the window is up.
    std::optional<Seconds> hover;
    /// Writes the window's picture to this PNG `screenshot_after` seconds after start, then quits.
    std::string screenshot;
    Seconds screenshot_after = 1.0;
    /// With the presenter console: also writes its picture to this PNG, at the same moment.
    std::string console_screenshot;
    /// Measures instead of waiting for the user, then quits.
    PlayerMeasure measure = PlayerMeasure::None;
    /// Idle: how long to stay paused. Scrub: how many pointer positions.
    Seconds idle_seconds = 5.0;
    int scrub_positions = 200;
};

/// Figures of a diagnostic run.
struct PlayerFigures {
    std::string renderer;     ///< SDL's render driver name
    int refresh_hz = 0;       ///< the display rate playback is paced to
    bool vsync = false;       ///< the renderer waits for vertical blank
    long slots = 0;           ///< Playback: display refreshes while the timeline played
    long on_time = 0;         ///< Playback: refreshes showing their own moment, presented in time
    double draw_ms_median = 0; ///< Playback: render + overlay + upload + present per frame
    double draw_ms_p99 = 0;
    long presented = 0;        ///< Playback: pictures presented while the timeline played
    double play_seconds = 0;   ///< Playback: wall time from the first picture to the end
    double cpu_seconds = 0;    ///< Playback: the process's CPU time (all threads) over it
    double sound_cpu_seconds = 0; ///< Playback: of which the sound's threads (mixing, device)
    double main_cpu_seconds = 0;  ///< Playback: of which the window's own thread (events, drawing)
    int scrub_shown = 0;          ///< Scrub: positions whose picture was presented
    double scrub_ms_median = 0;   ///< Scrub: pointer motion to picture presented
    double scrub_ms_p99 = 0;
    double scrub_ms_max = 0;
    double idle_cpu_percent = 0;  ///< Idle: CPU time / wall time while paused, in % of one core
    long idle_redraws = 0;        ///< Idle: frames drawn while paused
};

/// New versions of what a live player shows (`reel play --watch`, `reel dev`; live/'s
/// LiveSession). The player knows only this.
class LiveSource {
public:
    virtual ~LiveSource() = default;
    /// The running player hands over `wake`, which makes it call poll() soon and may be called
    /// from any thread; when it stops, an empty function: once that call returns, the old `wake`
    /// is not called any more.
    virtual void connect(std::function<void()> wake) = 0;
    /// Called on the player's thread after a wake (and once when the window opens). Returns the
    /// timeline to show from now on (it must stay alive until the next call returns another
    /// one), or nullptr to keep the current one; `error` receives the text drawn over the
    /// picture ("" for none).
    virtual const Timeline* poll(std::string& error) = 0;
    /// Called with poll(): what the source is busy with, shown small over the picture
    /// ("recording… 3 s"); "" when idle. A busy source wakes the player at least once a second.
    virtual std::string activity() { return {}; }
    /// Called on the player's thread after every present: what the window shows now.
    virtual void showing(const PlayerController& controller, Seconds now) {
        (void)controller;
        (void)now;
    }
};

/// Opens the player's window (1280x720, resizable) on `timeline` and runs until the user quits.
/// With `live`, new versions replace the timeline as the source reports them. Throws
/// std::runtime_error with SDL's own message when no window can be opened.
PlayerFigures run_player(const Timeline& timeline, const PlayerSettings& settings,
                         const PlayerDiagnostics& diagnostics = {}, LiveSource* live = nullptr);

} // namespace reel
