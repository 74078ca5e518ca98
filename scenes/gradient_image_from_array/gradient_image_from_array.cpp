// Manim's documentation example GradientImageFromArray (Basic concepts gallery), line by line.
// np.uint8([[i * 256 / n for i in range(0, n)] for _ in range(0, n)]) is the rows below;
// image.background_rectangle is a local. Manim saves the last frame (:save_last_frame:); the
// wait gives it one second to show it.
#include <cstdint>
#include <vector>

#include <reel/reel.h>

using namespace reel;

REEL_SCENE(gradient_image_from_array, "Manim docs: GradientImageFromArray") {
    int n = 256;
    std::vector<std::vector<std::uint8_t>> rows;
    for (int _ = 0; _ < n; ++_) {
        std::vector<std::uint8_t> row;
        for (int i = 0; i < n; ++i) row.push_back(static_cast<std::uint8_t>(i * 256 / n));
        rows.push_back(row);
    }
    auto imageArray = PixelArray::from_rows(rows);
    auto image = ImageMobject(imageArray).scale(2);
    auto background_rectangle = SurroundingRectangle(image, {.color = GREEN});
    s.add(image, background_rectangle);
    s.wait();
}
