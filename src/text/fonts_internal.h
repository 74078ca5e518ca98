// Access to Reel's fontconfig configuration (text layer internals).
#pragma once

#include <fontconfig/fontconfig.h>

#include "fonts.h"

namespace reel {
/// The private configuration built by init_fonts(); nullptr if it failed.
FcConfig* font_config();
} // namespace reel
