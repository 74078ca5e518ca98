// Median cut: good enough for flat-coloured explainer frames (a few hues plus their
// antialiased edges on black), and far smaller than dithered output.
#include "palette.h"

#include <algorithm>
#include <limits>

#include "render/render.h"

namespace reel {

namespace {

struct Entry {
    std::uint16_t cell;
    std::uint64_t count;
};

int channel(std::uint16_t cell, int axis) { return (cell >> (10 - 5 * axis)) & 31; }

// 5-bit channel value back to 8 bits (0 -> 0, 31 -> 255).
int expand(int v) { return (v << 3) | (v >> 2); }

struct Box {
    std::size_t begin, end; // range of entries
    std::uint64_t count = 0;
    int longest_axis = 0;
    int range = 0;
};

Box make_box(const std::vector<Entry>& entries, std::size_t begin, std::size_t end) {
    Box b{begin, end};
    int lo[3] = {31, 31, 31}, hi[3] = {0, 0, 0};
    for (std::size_t i = begin; i < end; ++i) {
        b.count += entries[i].count;
        for (int a = 0; a < 3; ++a) {
            lo[a] = std::min(lo[a], channel(entries[i].cell, a));
            hi[a] = std::max(hi[a], channel(entries[i].cell, a));
        }
    }
    for (int a = 0; a < 3; ++a) {
        if (hi[a] - lo[a] > b.range) {
            b.range = hi[a] - lo[a];
            b.longest_axis = a;
        }
    }
    return b;
}

} // namespace

void ColourHistogram::add_bgra(const std::uint8_t* pixels, int width, int height, int stride,
                               int step) {
    for (int y = 0; y < height; y += step) {
        const std::uint8_t* row = pixels + static_cast<std::ptrdiff_t>(y) * stride;
        for (int x = 0; x < width; x += step) {
            const std::uint8_t* p = row + 4 * x;
            ++counts_[static_cast<std::size_t>((p[2] >> 3) << 10 | (p[1] >> 3) << 5 | (p[0] >> 3))];
        }
    }
}

Palette::Palette(const ColourHistogram& histogram) : lut_(ColourHistogram::kCells, 0) {
    std::vector<Entry> entries;
    for (int c = 0; c < ColourHistogram::kCells; ++c) {
        std::uint64_t n = histogram.counts()[static_cast<std::size_t>(c)];
        if (n) entries.push_back({static_cast<std::uint16_t>(c), n});
    }
    std::vector<Box> boxes;
    if (!entries.empty()) boxes.push_back(make_box(entries, 0, entries.size()));
    while (boxes.size() < 256) {
        // Split the box where a wide spread of colours covers the most pixels.
        auto pick = boxes.end();
        double best = 0;
        for (auto it = boxes.begin(); it != boxes.end(); ++it) {
            if (it->end - it->begin < 2) continue;
            double score = static_cast<double>(it->range) * static_cast<double>(it->count);
            if (pick == boxes.end() || score > best) {
                best = score;
                pick = it;
            }
        }
        if (pick == boxes.end()) break;
        Box box = *pick;
        int axis = box.longest_axis;
        auto first = entries.begin() + static_cast<std::ptrdiff_t>(box.begin);
        auto last = entries.begin() + static_cast<std::ptrdiff_t>(box.end);
        std::sort(first, last, [axis](const Entry& a, const Entry& b) {
            return channel(a.cell, axis) < channel(b.cell, axis);
        });
        // Weighted median, keeping at least one colour on each side.
        std::uint64_t half = box.count / 2, seen = 0;
        std::size_t cut = box.begin + 1;
        for (std::size_t i = box.begin; i + 1 < box.end; ++i) {
            seen += entries[i].count;
            cut = i + 1;
            if (seen >= half) break;
        }
        *pick = make_box(entries, box.begin, cut);
        boxes.push_back(make_box(entries, cut, box.end));
    }
    std::vector<std::array<int, 3>> colours;
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        double sum[3] = {0, 0, 0};
        for (std::size_t e = boxes[i].begin; e < boxes[i].end; ++e)
            for (int a = 0; a < 3; ++a)
                sum[a] += static_cast<double>(expand(channel(entries[e].cell, a))) *
                          static_cast<double>(entries[e].count);
        std::array<int, 3> c{};
        for (int a = 0; a < 3; ++a)
            c[static_cast<std::size_t>(a)] =
                static_cast<int>(sum[a] / static_cast<double>(boxes[i].count) + 0.5);
        colours.push_back(c);
        entries_[i] = 0xFF000000u | static_cast<std::uint32_t>(c[0]) << 16 |
                      static_cast<std::uint32_t>(c[1]) << 8 | static_cast<std::uint32_t>(c[2]);
    }
    if (colours.empty()) colours.push_back({0, 0, 0});
    for (int cell = 0; cell < ColourHistogram::kCells; ++cell) {
        int r = expand(channel(static_cast<std::uint16_t>(cell), 0));
        int g = expand(channel(static_cast<std::uint16_t>(cell), 1));
        int b = expand(channel(static_cast<std::uint16_t>(cell), 2));
        int best = std::numeric_limits<int>::max();
        std::size_t best_i = 0;
        for (std::size_t i = 0; i < colours.size(); ++i) {
            int dr = r - colours[i][0], dg = g - colours[i][1], db = b - colours[i][2];
            int d = 2 * dr * dr + 4 * dg * dg + 3 * db * db; // rough perceptual weights
            if (d < best) {
                best = d;
                best_i = i;
            }
        }
        lut_[static_cast<std::size_t>(cell)] = static_cast<std::uint8_t>(best_i);
    }
}

void Palette::map_bgra(const std::uint8_t* pixels, int width, int height, int stride,
                       std::uint8_t* out, int out_stride) const {
    for (int y = 0; y < height; ++y) {
        const std::uint8_t* row = pixels + static_cast<std::ptrdiff_t>(y) * stride;
        std::uint8_t* dst = out + static_cast<std::ptrdiff_t>(y) * out_stride;
        for (int x = 0; x < width; ++x) dst[x] = index_of(row + 4 * x);
    }
}

// Samples frames across the range into one palette (GIF keeps one palette for every frame).
Palette build_palette(const Timeline& timeline, const Range& range, int width, int height) {
    ColourHistogram histogram;
    Image image(width, height);
    const long samples = std::min<long>(range.frames, 24);
    const int step = std::max(1, std::min(width, height) / 360);
    for (long i = 0; i < samples; ++i) {
        long k = samples == 1 ? 0 : i * (range.frames - 1) / (samples - 1);
        render_frame(timeline.state_at(range.time_of(k)), image.pixels.data(), width, height,
                     image.stride);
        histogram.add_bgra(image.pixels.data(), width, height, image.stride, step);
    }
    return Palette(histogram);
}

} // namespace reel
