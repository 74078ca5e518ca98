// Everything a scene author needs: one include, as `from manim import *`.
//
//     #include <reel/reel.h>
//     using namespace reel;
//
//     REEL_SCENE(hello, "A box that appears") {
//         auto box = Rectangle({.width = 3, .height = 2, .color = BLUE});
//         s.play(Create(box));
//         s.wait();
//     }
#pragma once

#include "reel/animation.h"
#include "reel/brace.h"
#include "reel/geometry.h"
#include "reel/graphing.h"
#include "reel/image.h"
#include "reel/math.h"
#include "reel/mobject.h"
#include "reel/number_plane.h"
#include "reel/numbers.h"
#include "reel/shapes/angle.h"
#include "reel/shapes/boolean_ops.h"
#include "reel/shapes/traced_path.h"
#include "reel/table.h"
#include "reel/text.h"
#include "reel/three_d.h"
#include "reel/timeline.h"
#include "reel/zoomed_scene.h"
