// Turns SDL key events into the controller's keys (the player layer's only key table).
#pragma once

#include <SDL.h>

#include <optional>

#include "player/player.h"

namespace reel {

/// The player key for an SDL key with modifiers, or nothing for keys the player ignores.
/// Layout aware: "<", ">" and "?" are Shift+",", Shift+"." and Shift+"/" on US keyboards and
/// keys of their own on others; both arrive here.
std::optional<Key> key_from_sdl(SDL_Keycode sym, Uint16 mod);

} // namespace reel
