// The presenter console: a second SDL window driven by the presentation's one controller.
#pragma once

#include <SDL.h>

#include <cstdint>
#include <optional>

#include "player/overlay.h"
#include "player/player.h"
#include "render/render.h"
#include "window.h"

namespace reel {

/// Shows the current picture, the next slide's hold, the notes, elapsed time and the clock.
/// Owns no state of the presentation: everything comes from the controller.
class ConsoleWindow {
public:
    /// Opens the window on `display` (0-based; -1: SDL's choice). The timeline shown is always
    /// the controller's (it follows a live reload). Throws std::runtime_error.
    ConsoleWindow(const PlayerController& controller, int display, std::optional<PixelRect> place = std::nullopt);
    ConsoleWindow(const ConsoleWindow&) = delete;
    ConsoleWindow& operator=(const ConsoleWindow&) = delete;

    Uint32 id() const { return SDL_GetWindowID(window_.get()); }
    SDL_Window* sdl_window() const { return window_.get(); }
    /// A window event of this window (resize, expose).
    void handle(const SDL_Event& e);
    /// Redraws when something shown changed: the controller's state, the playing clock (at
    /// most 30 times a second), or the second of the clocks.
    void update(Seconds now);
    /// When the next redraw is due without input (the next second of the clocks).
    Seconds next_due(Seconds now) const;
    /// The next draw also copies the picture into `captured()`.
    void request_capture() { capture_ = true; }
    const std::optional<Image>& captured() const { return captured_; }

private:
    void draw(Seconds now);

    const PlayerController& controller_;
    SdlWindowPtr window_;
    Image frame_;
    Image next_;
    long next_for_ = -1; ///< hold index whose picture is in next_
    const Timeline* next_timeline_ = nullptr; ///< ... of this timeline
    int next_w_ = 0;
    std::uint64_t drawn_revision_ = ~std::uint64_t{0};
    long drawn_second_ = -1;
    Seconds drawn_at_ = -1e300;
    bool dirty_ = true;
    bool capture_ = false;
    std::optional<Image> captured_;
};

} // namespace reel
