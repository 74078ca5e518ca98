// The test executables' one precompiled header (tests/CMakeLists.txt, reel_test_pch): what most
// test files include. Each test file still includes what it uses itself.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "render/render.h"
#include "timeline/timeline.h"
