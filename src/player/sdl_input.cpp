// The physical keys of a video player's habits, mapped onto the controller's keys.
#include "sdl_input.h"

namespace reel {

std::optional<Key> key_from_sdl(SDL_Keycode sym, Uint16 mod) {
    const bool shift = (mod & KMOD_SHIFT) != 0;
    // Shortcuts with Ctrl / Alt / GUI belong to the desktop, not to the player.
    if ((mod & (KMOD_CTRL | KMOD_ALT | KMOD_GUI)) != 0) return std::nullopt;
    if (sym >= SDLK_0 && sym <= SDLK_9 && !shift) return digit_key(sym - SDLK_0);
    if (sym >= SDLK_KP_1 && sym <= SDLK_KP_9) return digit_key(sym - SDLK_KP_1 + 1);
    switch (sym) {
    case SDLK_KP_0: return Key::Digit0;
    case SDLK_SPACE: return Key::Space;
    case SDLK_k: return Key::K;
    case SDLK_j: return Key::J;
    case SDLK_l: return Key::L;
    case SDLK_LEFT: return Key::Left;
    case SDLK_RIGHT: return Key::Right;
    case SDLK_COMMA: return shift ? Key::Slower : Key::Comma;
    case SDLK_PERIOD: return shift ? Key::Faster : Key::Period;
    case SDLK_SLASH: return shift ? std::optional<Key>(Key::Help) : std::nullopt;
    case SDLK_LESS: return Key::Slower;
    case SDLK_GREATER: return Key::Faster;
    case SDLK_QUESTION: return Key::Help;
    case SDLK_HOME: return Key::Home;
    case SDLK_END: return Key::End;
    case SDLK_n: return Key::N;
    case SDLK_p: return Key::P;
    case SDLK_PAGEDOWN: return Key::PageDown;
    case SDLK_PAGEUP: return Key::PageUp;
    case SDLK_f: return Key::F;
    case SDLK_b: return Key::B;
    case SDLK_ESCAPE: return Key::Escape;
    case SDLK_RETURN: case SDLK_KP_ENTER: return Key::Enter;
    case SDLK_BACKSPACE: return Key::Backspace;
    case SDLK_c: return Key::C;
    case SDLK_m: return Key::M;
    case SDLK_q: return Key::Q;
    default: return std::nullopt;
    }
}

} // namespace reel
