// What the video export tests share: a small scene of two sections, small export options,
// and ffmpeg / ffprobe probes of the written files.
#pragma once

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "export/export.h"
#include "render/render.h"
#include "reel/reel.h"

namespace reel::test {

namespace fs = std::filesystem;

// 3 s at any rate: "intro" (a square fades in sliding right over 1 s, then 0.5 s still),
// "outro" (a rectangle is created over 1 s, then 0.5 s still).
inline const Timeline& test_timeline() {
    static const Timeline tl = [] {
        register_scene({"export_test", "export test scene", [](Scene& s) {
                            s.section("intro");
                            auto sq = Square(2.0, {.color = BLUE, .fill_opacity = 1.0});
                            s.play(FadeIn(sq, {.shift = RIGHT * 3.0, .run_time = 1.0, .rate_func = linear}));
                            s.wait(0.5);
                            s.section("outro");
                            auto r = Rectangle({.width = 5, .height = 1, .color = YELLOW});
                            s.play(Create(r, {.run_time = 1.0}));
                            s.wait(0.5);
                        }});
        return record_scene(*find_scene("export_test"));
    }();
    return tl;
}

inline ExportOptions small(const fs::path& out) {
    ExportOptions o;
    o.output = out.string();
    o.width = 320;
    o.height = 180;
    o.fps = 30;
    o.preset = "ultrafast";
    return o;
}

template <class F> inline std::string error_of(F&& f) {
    try {
        f();
    } catch (const ExportError& e) {
        return e.what();
    }
    return "(no error)";
}

// Decodes frame `index` of a video as 8-bit RGB via ffmpeg.
inline std::string decoded_rgb(const fs::path& file, int index, int w, int h) {
    std::string cmd = "ffmpeg -v error -i '" + file.string() + "' -vf 'select=eq(n\\," + std::to_string(index) +
                      ")' -frames:v 1 -f rawvideo -pix_fmt rgb24 -";
    std::string bytes;
    FILE* p = popen(cmd.c_str(), "r");
    char buf[65536];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) bytes.append(buf, n);
    pclose(p);
    EXPECT_EQ(bytes.size(), static_cast<std::size_t>(w * h * 3));
    return bytes;
}

// Pixels whose colour differs by more than 48 in some channel.
inline long differing_pixels(const std::string& rgb, const Image& bgra) {
    long count = 0;
    for (int y = 0; y < bgra.height; ++y)
        for (int x = 0; x < bgra.width; ++x) {
            const std::uint8_t* p = bgra.row(y) + 4 * x;
            const auto* q = reinterpret_cast<const std::uint8_t*>(rgb.data()) + 3 * (y * bgra.width + x);
            if (std::abs(p[2] - q[0]) > 48 || std::abs(p[1] - q[1]) > 48 || std::abs(p[0] - q[2]) > 48) ++count;
        }
    return count;
}

// PSNR (dB, average over the planes) between decoded frame `a` of one file and frame `b` of
// another, by ffmpeg's psnr filter; 1000 for identical frames.
inline double psnr_of_frames(const fs::path& fa, int a, const fs::path& fb, int b) {
    std::string cmd = "ffmpeg -v info -nostats -i '" + fa.string() + "' -i '" + fb.string() +
                      "' -lavfi '[0:v]select=eq(n\\," + std::to_string(a) + ")[x];[1:v]select=eq(n\\," +
                      std::to_string(b) + ")[y];[x][y]psnr' -f null - 2>&1";
    std::string out;
    FILE* p = popen(cmd.c_str(), "r");
    char buf[4096];
    while (std::fgets(buf, sizeof buf, p)) out += buf;
    pclose(p);
    auto at = out.find("average:");
    if (at == std::string::npos) {
        ADD_FAILURE() << "no PSNR in: " << out;
        return 0;
    }
    std::string v = out.substr(at + 8, out.find(' ', at) - at - 8);
    return v == "inf" ? 1000.0 : std::stod(v);
}

// "start end title" of each chapter, by ffprobe.
inline std::vector<std::string> chapters_of_file(const fs::path& file) {
    std::string cmd = "ffprobe -v error -show_entries chapter=start_time,end_time:chapter_tags=title -of csv=p=0 '" +
                      file.string() + "'";
    std::vector<std::string> out;
    FILE* p = popen(cmd.c_str(), "r");
    char line[512];
    while (std::fgets(line, sizeof line, p)) {
        std::string s(line);
        while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
        for (char& ch : s)
            if (ch == ',') ch = ' ';
        if (!s.empty()) out.push_back(s);
    }
    pclose(p);
    return out;
}

} // namespace reel::test
