// A split export (ExportOptions::parts): which frames a part holds, and the comment tag that
// says so in its file (join.cpp reads it back to put the parts together).
#include <cmath>
#include <cstdio>
#include <string_view>

#include <fmt/format.h>

#include "pipeline.h"

namespace reel {

PartInfo part_of(const ExportOptions& options, const Range& whole) {
    const long n = whole.frames;
    return PartInfo{options.part, options.parts, options.part * n / options.parts,
                    (options.part + 1L) * n / options.parts, n, options.fps,
                    std::lround(options.from * 1e6), options.crf, options.preset};
}

namespace {

// A scene's name as one word of the comment: bytes outside printable ASCII, the space and '%'
// become %XX, so any name comes back exactly.
std::string escape_word(const std::string& s) {
    std::string out;
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= ' ' || u >= 0x7f || c == '%') out += fmt::format("%{:02X}", u);
        else out += c;
    }
    return out.empty() ? "%" : out; // an empty name is still a word
}

std::optional<std::string> unescape_word(const std::string& s) {
    if (s == "%") return std::string();
    if (s.empty()) return std::nullopt;
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '%') {
            out += s[i];
            continue;
        }
        if (i + 2 >= s.size() || hex(s[i + 1]) < 0 || hex(s[i + 2]) < 0) return std::nullopt;
        out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
        i += 2;
    }
    return out;
}

} // namespace

std::string part_comment(const PartInfo& p) {
    return fmt::format("reel part {}/{} frames {}-{} of {} at {} fps from {} us crf {} {} scene {} digest {:016x}",
                       p.part, p.parts, p.first, p.end, p.total, p.fps, p.from_us, p.crf, p.preset,
                       escape_word(p.scene.value_or("")), p.digest);
}

std::optional<PartInfo> parse_part_comment(const std::string& text) {
    PartInfo p;
    int used = 0;
    char preset[32] = {};
    if (std::sscanf(text.c_str(), "reel part %d/%d frames %ld-%ld of %ld at %d fps from %ld us crf %d %31s%n",
                    &p.part, &p.parts, &p.first, &p.end, &p.total, &p.fps, &p.from_us, &p.crf, preset, &used) != 9)
        return std::nullopt;
    p.preset = preset;
    // A part of an older Reel ends here: its scene stays empty, which join_parts refuses.
    const std::string rest = text.substr(static_cast<std::size_t>(used));
    if (!rest.empty()) {
        constexpr std::string_view kScene = " scene ", kDigest = " digest ";
        const std::size_t at = rest.rfind(kDigest);
        if (!rest.starts_with(kScene) || at == std::string::npos || at < kScene.size()) return std::nullopt;
        const std::string hex = rest.substr(at + kDigest.size());
        std::optional<std::string> scene = unescape_word(rest.substr(kScene.size(), at - kScene.size()));
        if (!scene || hex.size() != 16 || hex.find_first_not_of("0123456789abcdef") != std::string::npos)
            return std::nullopt;
        p.scene = *scene;
        p.digest = std::stoull(hex, nullptr, 16);
    }
    if (p.parts < 1 || p.part < 0 || p.part >= p.parts || p.first < 0 || p.end <= p.first || p.end > p.total ||
        p.fps < 1)
        return std::nullopt;
    return p;
}

} // namespace reel
