#include "tex_metrics.h"

#include <array>
#include <unordered_map>

namespace reel::math {

namespace {

struct Metric {
    double w, h, d, i;
    double ink_left, ink_bottom, ink_right, ink_top; // the glyph's ink box (AFM)
};

struct TfmFont {
    Metric chars[128];
    double params[22];
};

// cmr, cmmi, cmsy, cmbx, msbm at 10, 7 and 5 pt, in that order.
const TfmFont kFonts[] = {
#include "tex_metrics.inc"
};

enum Family : unsigned char { Rm = 0, Mi = 1, Sy = 2, Bx = 3, Bb = 4 };

struct Slot {
    Family family;
    unsigned char code;
};

const std::unordered_map<char32_t, Slot>& slots() {
    static const std::unordered_map<char32_t, Slot> table = [] {
        std::unordered_map<char32_t, Slot> t;
        auto put = [&](char32_t cp, Family f, int code) {
            t.emplace(cp, Slot{f, static_cast<unsigned char>(code)});
        };
        for (int i = 0; i < 26; ++i) {
            put(static_cast<char32_t>('A' + i), Rm, 'A' + i);
            put(static_cast<char32_t>('a' + i), Rm, 'a' + i);
            put(0x1D434 + static_cast<char32_t>(i), Mi, 'A' + i);
            if (i != 'h' - 'a') put(0x1D44E + static_cast<char32_t>(i), Mi, 'a' + i);
            put(0x1D400 + static_cast<char32_t>(i), Bx, 'A' + i);
            put(0x1D41A + static_cast<char32_t>(i), Bx, 'a' + i);
        }
        put(0x210E, Mi, 'h');
        for (int i = 0; i < 10; ++i) {
            put(static_cast<char32_t>('0' + i), Rm, '0' + i);
            put(0x1D7CE + static_cast<char32_t>(i), Bx, '0' + i);
        }
        // Calligraphic capitals (cmsy) and blackboard capitals (msbm), with Unicode's holes.
        static const char32_t cal_holes[][2] = {{'B', 0x212C}, {'E', 0x2130}, {'F', 0x2131},
                                                {'H', 0x210B}, {'I', 0x2110}, {'L', 0x2112},
                                                {'M', 0x2133}, {'R', 0x211B}};
        static const char32_t bb_holes[][2] = {{'C', 0x2102}, {'H', 0x210D}, {'N', 0x2115},
                                               {'P', 0x2119}, {'Q', 0x211A}, {'R', 0x211D},
                                               {'Z', 0x2124}};
        for (int i = 0; i < 26; ++i) {
            put(0x1D49C + static_cast<char32_t>(i), Sy, 'A' + i);
            put(0x1D538 + static_cast<char32_t>(i), Bb, 'A' + i);
        }
        for (const auto& h : cal_holes) put(h[1], Sy, static_cast<int>(h[0]));
        for (const auto& h : bb_holes) put(h[1], Bb, static_cast<int>(h[0]));
        // Upright capital Greek (cmr 0-10).
        const char32_t greek_caps[] = {0x393, 0x394, 0x398, 0x39B, 0x39E, 0x3A0,
                                       0x3A3, 0x3A5, 0x3A6, 0x3A8, 0x3A9};
        for (int i = 0; i < 11; ++i) put(greek_caps[i], Rm, i);
        // Math italic Greek (cmmi).
        const std::pair<char32_t, int> mi[] = {
            {0x1D6FC, 11}, {0x1D6FD, 12}, {0x1D6FE, 13}, {0x1D6FF, 14}, {0x1D716, 15},
            {0x1D701, 16}, {0x1D702, 17}, {0x1D703, 18}, {0x1D704, 19}, {0x1D705, 20},
            {0x1D706, 21}, {0x1D707, 22}, {0x1D708, 23}, {0x1D709, 24}, {0x1D70B, 25},
            {0x1D70C, 26}, {0x1D70E, 27}, {0x1D70F, 28}, {0x1D710, 29}, {0x1D719, 30},
            {0x1D712, 31}, {0x1D713, 32}, {0x1D714, 33}, {0x1D700, 34}, {0x1D717, 35},
            {0x1D71B, 36}, {0x1D71A, 37}, {0x1D70D, 38}, {0x1D711, 39}, {0x1D715, 64},
            {0x2113, 96}, {0x1D6A4, 123}, {0x1D6A5, 124}, {0x2C, 59}, {0x2E, 58},
            {0x2F, 61}, {0x3C, 60}, {0x3E, 62}, {0x22C6, 63}, {0x266D, 91}, {0x266E, 92},
            {0x266F, 93}, {0x2323, 94}, {0x2322, 95}, {0x2118, 125}};
        for (auto [cp, code] : mi) put(cp, Mi, code);
        const std::pair<char32_t, int> rm[] = {
            {0x28, 40}, {0x29, 41}, {0x5B, 91}, {0x5D, 93}, {0x3D, 61}, {0x2B, 43},
            {0x21, 33}, {0x3F, 63}, {0x3B, 59}, {0x3A, 58}, {0x40, 64}};
        for (auto [cp, code] : rm) put(cp, Rm, code);
        // Accents (cmr's, \vec cmmi's), by their combining code points.
        const std::pair<char32_t, int> accents[] = {
            {0x0300, 18}, {0x0301, 19}, {0x030C, 20}, {0x0306, 21}, {0x0304, 22},
            {0x030A, 23}, {0x0302, 94}, {0x0307, 95}, {0x0303, 126}, {0x0308, 127}};
        for (auto [cp, code] : accents) put(cp, Rm, code);
        put(0x20D7, Mi, 126);
        const std::pair<char32_t, int> sy[] = {
            {0x2212, 0},   {0x22C5, 1},   {0x00D7, 2},   {0x2217, 3},   {0x00F7, 4},
            {0x22C4, 5},   {0x00B1, 6},   {0x2213, 7},   {0x2295, 8},   {0x2296, 9},
            {0x2297, 10},  {0x2298, 11},  {0x2299, 12},  {0x25EF, 13},  {0x2218, 14},
            {0x2219, 15},  {0x224D, 16},  {0x2261, 17},  {0x2286, 18},  {0x2287, 19},
            {0x2264, 20},  {0x2265, 21},  {0x2AAF, 22},  {0x2AB0, 23},  {0x223C, 24},
            {0x2248, 25},  {0x2282, 26},  {0x2283, 27},  {0x226A, 28},  {0x226B, 29},
            {0x227A, 30},  {0x227B, 31},  {0x2190, 32},  {0x2192, 33},  {0x2191, 34},
            {0x2193, 35},  {0x2194, 36},  {0x2197, 37},  {0x2198, 38},  {0x2243, 39},
            {0x21D0, 40},  {0x21D2, 41},  {0x21D1, 42},  {0x21D3, 43},  {0x21D4, 44},
            {0x2196, 45},  {0x2199, 46},  {0x221D, 47},  {0x2032, 48},  {0x221E, 49},
            {0x2208, 50},  {0x220B, 51},  {0x25B3, 52},  {0x25BD, 53},  {0x2200, 56},
            {0x2203, 57},  {0x00AC, 58},  {0x2205, 59},  {0x211C, 60},  {0x2111, 61},
            {0x22A4, 62},  {0x22A5, 63},  {0x2135, 64},  {0x222A, 91},  {0x2229, 92},
            {0x228E, 93},  {0x2227, 94},  {0x2228, 95},  {0x22A2, 96},  {0x22A3, 97},
            {0x230A, 98},  {0x230B, 99},  {0x2308, 100}, {0x2309, 101}, {0x7B, 102},
            {0x7D, 103},   {0x27E8, 104}, {0x27E9, 105}, {0x7C, 106},   {0x2223, 106},
            {0x2016, 107}, {0x2225, 107}, {0x2195, 108}, {0x21D5, 109}, {0x2216, 110},
            {0x2240, 111}, {0x221A, 112}, {0x2210, 113}, {0x2207, 114}, {0x2294, 116},
            {0x2293, 117}, {0x2291, 118}, {0x2292, 119}, {0x00A7, 120}, {0x2020, 121},
            {0x2021, 122}, {0x00B6, 123}, {0x2663, 124}, {0x2662, 125}, {0x2661, 126},
            {0x2660, 127}};
        for (auto [cp, code] : sy) put(cp, Sy, code);
        return t;
    }();
    return table;
}

// A character's box and ink at `size` points.
void fill(const Metric& m, double size, TexChar& out) {
    out.width = m.w * size;
    out.height = m.h * size;
    out.depth = m.d * size;
    out.italic = m.i * size;
    out.ink = m.ink_right > m.ink_left && m.ink_top > m.ink_bottom;
    out.ink_left = m.ink_left * size;
    out.ink_bottom = m.ink_bottom * size;
    out.ink_right = m.ink_right * size;
    out.ink_top = m.ink_top * size;
}

int size_index(int level) { return level <= 1 ? 0 : level == 2 ? 1 : 2; }
constexpr double kSizes[3] = {10.0, 7.0, 5.0};

} // namespace

bool tex_char(char32_t cp, int level, TexChar& out) {
    const auto it = slots().find(cp);
    if (it == slots().end()) return false;
    const int s = size_index(level);
    const TfmFont& f = kFonts[it->second.family * 3 + s];
    const Metric& m = f.chars[it->second.code];
    if (m.w <= 0) return false;
    fill(m, kSizes[s], out);
    const Metric& base = kFonts[it->second.family * 3].chars[it->second.code];
    out.widen = base.w > 0 && it->second.family != Sy ? m.w / base.w : 1.0;
    return true;
}

bool tex_operator(char32_t cp, bool display, TexChar& out) {
    static const std::unordered_map<char32_t, int> ops = {
        {0x2211, 80}, {0x220F, 81}, {0x222B, 82}, {0x22C3, 83}, {0x22C2, 84}, {0x2A04, 85},
        {0x22C0, 86}, {0x22C1, 87}, {0x2210, 96}, {0x222E, 72}, {0x2A06, 70}, {0x2A00, 74},
        {0x2A01, 76}, {0x2A02, 78}};
    const auto it = ops.find(cp);
    if (it == ops.end()) return false;
    // cmex10 lists each operator's text size, then (at +8, or +1 for the first rows) display.
    int code = it->second;
    if (display) code += code >= 80 || code == 96 ? (code == 96 ? 1 : 8) : 1;
    const Metric& m = kFonts[15].chars[code];
    if (m.w <= 0) return false;
    fill(m, 10, out);
    return true;
}

bool tex_delimiter(char32_t cp, int size, TexChar& out) {
    // cmex10's chains (NEXTLARGER) and the extensible recipes' widest piece.
    static const std::unordered_map<char32_t, std::array<int, 5>> chains = {
        {0x28, {0, 16, 18, 32, 48}},     {0x29, {1, 17, 19, 33, 49}},
        {0x5B, {2, 104, 20, 34, 50}},    {0x5D, {3, 105, 21, 35, 51}},
        {0x7B, {8, 110, 26, 40, 56}},    {0x7D, {9, 111, 27, 41, 57}},
        {0x27E8, {10, 68, 28, 42, -1}},  {0x27E9, {11, 69, 29, 43, -1}},
        {0x230A, {4, 106, 22, 36, 52}},  {0x230B, {5, 107, 23, 37, 53}},
        {0x2308, {6, 108, 24, 38, 50}},  {0x2309, {7, 109, 25, 39, 51}},
        {0x7C, {-1, -1, -1, -1, 12}},    {0x2223, {-1, -1, -1, -1, 12}},
        {0x2016, {-1, -1, -1, -1, 13}},  {0x2225, {-1, -1, -1, -1, 13}},
        {0x2F, {14, 46, 30, 44, -1}},    {0x221A, {112, 113, 114, 115, 116}},
    };
    const auto it = chains.find(cp);
    if (it == chains.end() || size < 0 || size > 4) return false;
    const int code = it->second[static_cast<std::size_t>(size)];
    if (code < 0) return false;
    const Metric& m = kFonts[15].chars[code];
    if (m.w <= 0) return false;
    fill(m, 10, out);
    return true;
}

bool tex_wide_accent(char32_t accent, double width, TexChar& out, double& x_height) {
    if (accent != 0x0302 && accent != 0x0303) return false;
    const bool hat = accent == 0x0302;
    // amsfonts: over a nucleus wider than 2 em the accent comes from msbm, else from cmex.
    const bool ams = width > 20.0;
    const TfmFont& font = ams ? kFonts[Bb * 3] : kFonts[15];
    const std::array<int, 3> chain = ams ? (hat ? std::array<int, 3>{91, 92, -1}
                                                : std::array<int, 3>{93, 94, -1})
                                         : (hat ? std::array<int, 3>{98, 99, 100}
                                                : std::array<int, 3>{101, 102, 103});
    // Rule 12: the chain's first character, then each successor no wider than the nucleus.
    int code = chain[0];
    for (std::size_t i = 1; i < chain.size(); ++i) {
        if (chain[i] < 0 || font.chars[chain[i]].w * 10 > width) break;
        code = chain[i];
    }
    const Metric& m = font.chars[code];
    if (m.w <= 0) return false;
    fill(m, 10, out);
    x_height = font.params[4] * 10;
    return true;
}

bool tex_not_slash(int level, TexChar& out) {
    const int s = size_index(level);
    const Metric& m = kFonts[Sy * 3 + s].chars[54];
    if (!(m.h > 0)) return false;
    fill(m, kSizes[s], out);
    return true;
}

double tex_sigma(int index, int level) {
    const int s = size_index(level);
    if (index < 1 || index > 22) return 0;
    return kFonts[Sy * 3 + s].params[index - 1] * kSizes[s];
}

} // namespace reel::math
