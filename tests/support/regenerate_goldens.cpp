// Writes the golden images on purpose (never done by the tests, which always compare):
//   cmake --build build --target regenerate-goldens
// then look at what changed (git diff --stat tests/golden, and the images) before committing.
#include <cstdio>
#include <filesystem>
#include <string>

#include "golden_cases.h"
#include "golden_gqa.h"
#include "render/render.h"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
    const fs::path root = argc > 1 ? fs::path(argv[1]) : fs::path(REEL_TEST_GOLDEN_DIR);
    int written = 0;
    auto save = [&](const reel::Image& img, const fs::path& path) {
        fs::create_directories(path.parent_path());
        std::string err;
        if (!reel::write_png(img, path.string(), &err)) {
            std::fprintf(stderr, "regenerate-goldens: %s\n", err.c_str());
            return false;
        }
        std::printf("%s\n", path.c_str());
        ++written;
        return true;
    };
    const reel::Timeline gqa = reel::test::record_gqa_for_goldens();
    for (int ms : reel::test::gqa_golden_times())
        if (!save(reel::test::render_gqa_golden(gqa, ms), root / "gqa" / reel::test::gqa_golden_name(ms))) return 1;
    for (const auto& c : reel::test::kMathGoldenCases)
        if (!save(reel::test::render_math_golden(c.tex), root / "math" / (std::string(c.name) + ".png"))) return 1;
    std::printf("regenerate-goldens: wrote %d images under %s\n", written, root.c_str());
    return 0;
}
