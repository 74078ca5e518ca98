// Where Reel's shipped fonts live (used by Text and MathTex alike).
#pragma once

#include <string>

namespace reel {

/// The folder fonts are loaded from: $REEL_FONTS_DIR, else fonts/ next to the executable
/// (build/fonts, ../fonts, ../share/reel/fonts: an installed tree is relocatable), else
/// ../share/reel/fonts next to libreel.so, else the source tree's fonts/.
std::string fonts_dir();

} // namespace reel
