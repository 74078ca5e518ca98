// EXPECT_NEAR for points, shared by the tests of every module.
#pragma once

#include <gtest/gtest.h>

#include "reel/geometry.h"

namespace reel {

/// Both coordinates of `a` within `eps` of those of `b` (1e-9 unless given).
inline void expect_near(Vec2 a, Vec2 b, double eps = 1e-9) {
    EXPECT_NEAR(a.x, b.x, eps);
    EXPECT_NEAR(a.y, b.y, eps);
}

} // namespace reel
