// The scenes that ship with Reel.
#pragma once

namespace reel::scenes {
/// Registers every built-in scene (the promo "transformer" first: it is the default).
void register_builtin_scenes();
} // namespace reel::scenes
