// The gallery's camera and 3-D sections (cameras.cpp).
#pragma once

#include <reel/timeline.h>

/// Plays the "camera" and "3-D" sections at the end of the gallery.
void gallery_cameras(reel::Scene& s);
