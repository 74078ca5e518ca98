// Reel's shipped fonts: where they live and the private fontconfig set-up that makes them
// current (used by Text and MathTex alike; engine internals, not installed).
#pragma once

#include <string>

namespace reel {

/// The folder fonts are loaded from: $REEL_FONTS_DIR, else fonts/ next to the executable
/// (build/fonts, ../fonts, ../share/reel/fonts: an installed tree is relocatable), else
/// ../share/reel/fonts next to libreel.so, else the source tree's fonts/.
std::string fonts_dir();

/// Registers `fonts/` with a private fontconfig configuration. Idempotent; called by Text
/// (and MathTex) before the first layout. Returns false and fills `error` when the folder or
/// its fonts.conf cannot be loaded.
bool init_fonts(std::string* error = nullptr);

} // namespace reel
