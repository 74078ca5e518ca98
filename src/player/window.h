// The player's SDL window: real events become controller calls, the picture is shown.
#pragma once

#include <SDL.h>

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/c_handle.h"
#include "player/player.h"
#include "render/render.h"

namespace reel {

class ConsoleWindow;
class SoundOutput;
class Waveform;
class WaveBand;

using SdlWindowPtr = CHandle<SDL_Window, SDL_DestroyWindow>;
using SdlRendererPtr = CHandle<SDL_Renderer, SDL_DestroyRenderer>;
using SdlTexturePtr = CHandle<SDL_Texture, SDL_DestroyTexture>;

/// SDL's video subsystem, initialised for the lifetime of the object. Throws
/// std::runtime_error with SDL's message (e.g. no display) when it cannot start.
class SdlVideo {
public:
    SdlVideo();
    ~SdlVideo();
    SdlVideo(const SdlVideo&) = delete;
    SdlVideo& operator=(const SdlVideo&) = delete;
};

/// Seconds on the monotonic clock the player runs on.
Seconds wall_now();

/// One picture shown: when its present returned and which moment it showed.
struct Presented {
    Seconds done = 0;    ///< wall time after SDL_RenderPresent returned
    Seconds shown = 0;   ///< timeline time of the picture
    Seconds drawing = 0; ///< seconds spent drawing, uploading and presenting
    long slot = -1;      ///< paced playback: the display refresh it was drawn for, else -1
};

/// The window: 1280x720 (or full screen), resizable, picture letterboxed, drawn at the
/// drawable's own resolution (sharp on HiDPI). Throws std::runtime_error with SDL's message.
class PlayerWindow {
public:
    PlayerWindow(const Timeline& timeline, const PlayerSettings& settings);
    ~PlayerWindow();
    PlayerWindow(const PlayerWindow&) = delete;
    PlayerWindow& operator=(const PlayerWindow&) = delete;

    /// Waits for input or the next refresh while playing (at most `max_wait` seconds; infinity
    /// sleeps until an event when paused), handles every pending event, draws when needed.
    void step(Seconds max_wait);
    /// The user asked to quit.
    bool done() const { return controller_->quit_requested(); }
    PlayerController& controller() { return *controller_; }
    const PlayerController& controller() const { return *controller_; }
    SDL_Window* sdl_window() const { return window_.get(); }
    /// How pictures reach the screen: an SDL render driver ("opengl", ...) or "framebuffer"
    /// (SDL's software path without its renderer: only the changed rectangle is sent).
    const std::string& renderer_name() const { return renderer_name_; }
    bool vsync() const { return vsync_; }
    int refresh_hz() const { return refresh_hz_; }
    /// Window pixels per window coordinate (2 on HiDPI).
    double pixel_ratio() const;
    /// The drawable's size in pixels.
    std::pair<int, int> pixel_size() const;
    /// Called on every step, after the events are handled and before drawing.
    std::function<void()> on_step;
    /// Called after every present.
    std::function<void(const Presented&)> on_present;
    /// The next draw also copies the picture into `captured()` (forces a draw).
    void request_capture() { capture_requested_ = true; }
    const std::optional<Image>& captured() const { return captured_; }
    /// Shows another version of the timeline (see PlayerController::set_timeline).
    void set_timeline(const Timeline& timeline);
    /// The presenter console, when the settings asked for one.
    ConsoleWindow* console() const { return console_.get(); }
    /// The sound output (silent without a device or sounds).
    const SoundOutput& sound() const { return *sound_; }
    /// The seek bar's waveform of the timeline's sounds (empty without sounds).
    const Waveform& waveform() const { return *waveform_; }
    /// Wall time of refresh 0 of the current playback run and the refresh period.
    Seconds tick0() const { return tick0_; }
    Seconds period() const { return 1.0 / refresh_hz_; }

private:
    void handle(const SDL_Event& e, Seconds now);
    void sync_window(Seconds now);
    void sync_size();
    void sync_sound(Seconds now);
    void draw(Seconds wall, long slot);
    Seconds compose(std::uint8_t* px, int pitch, Seconds wall);
    void present_texture();
    void present_changed();
    const Image& thumbnail(Seconds t);
    std::span<const float> waveform_levels();

    const Timeline* timeline_;
    SdlVideo video_;
    SdlWindowPtr window_;
    SdlRendererPtr renderer_;
    SdlTexturePtr texture_;
    // Framebuffer path: the picture is composed here, then only what differs from the window
    // surface is copied and sent (a software display's cost is the pixels it moves).
    bool framebuffer_ = false;
    Image frame_;
    bool full_update_ = true;
    int texture_w_ = 0;
    int texture_h_ = 0;
    std::unique_ptr<PlayerController> controller_;
    std::unique_ptr<ConsoleWindow> console_;
    // What the sound output and the waveform get: the timeline, or with --audio none an empty one.
    const Timeline& with_sound(const Timeline& timeline) const { return sound_on_ ? timeline : silent_; }
    bool sound_on_ = true;
    Timeline silent_;
    std::unique_ptr<SoundOutput> sound_;
    std::uint64_t sound_epoch_ = ~std::uint64_t{0}; // the cue the sound last restarted at
    std::unique_ptr<Waveform> waveform_;
    std::vector<float> levels_;     // the waveform per track column, as last drawn
    std::size_t levels_ready_ = 0;  // waveform buckets computed when levels_ was made
    std::unique_ptr<WaveBand> wave_band_; // the waveform's mask, kept from picture to picture
    std::string renderer_name_;
    bool vsync_ = false;
    int refresh_hz_ = 60;
    bool fullscreen_applied_ = false;
    int cursor_shown_ = -1;
    std::string title_;
    std::uint64_t drawn_revision_ = ~std::uint64_t{0};
    bool drawn_bar_ = false;
    bool needs_draw_ = true;
    bool was_playing_ = false;
    Seconds last_present_ = 0;
    Seconds draw_lead_ = 0; // while playing: seconds from drawing to the picture presented
    int fake_vsync_frames_ = 0;
    Seconds tick0_ = 0;
    long next_slot_ = 0;
    LayerCache layers_; ///< the picture: static bottom drawn once per segment
    Image thumb_;
    long thumb_frame_ = -1;
    bool capture_requested_ = false;
    std::optional<Image> captured_;
};

} // namespace reel
