// The version header of a Reel that does not exist (0.99.0, ABI 99), for the version mismatch test.
#pragma once

#define REEL_VERSION_MAJOR 0
#define REEL_VERSION_MINOR 99
#define REEL_VERSION_PATCH 0
#define REEL_VERSION_STRING "0.99.0"
#define REEL_PLUGIN_ABI 99
