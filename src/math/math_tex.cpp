#include <algorithm>
#include <cctype>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "reel/math.h"

namespace reel {

namespace math {

Vec2 box_origin(const MathLayout& layout, double font_size) {
    const double k = scene_units_per_point(font_size);
    Bounds anchors;
    Points p;
    for (const MathItem& item : layout.items) {
        p.clear();
        for (const Vec2& q : item.points) p.push_back(q * k);
        anchors.include(anchor_bounds(p));
    }
    // Manim centres the imported SVG on the centre of its anchors' box.
    return anchors.valid ? -anchors.center() : Vec2{};
}

} // namespace math

namespace {

// A part of a MathTex and its TeX string (Manim's SingleStringMathTex.tex_string).
class TexPart final : public Behavior {
public:
    explicit TexPart(std::string tex) : tex_(std::move(tex)) {}
    std::string_view kind() const override { return "SingleStringMathTex"; }
    std::string_view tex_string() const override { return tex_; }
    const std::string& tex() const { return tex_; }

private:
    std::string tex_;
};

// Manim's MathTex._break_up_tex_strings: re.split("{{(.*?)}}") of each string, then a split
// at every occurrence of the substrings to isolate (at each place the first one listed that
// matches), empty pieces dropped.
std::vector<std::string> break_up(const std::vector<std::string>& strings, const MathTexOptions& o) {
    std::vector<std::string> pieces;
    for (const std::string& t : strings) {
        std::size_t from = 0;
        for (std::size_t open; (open = t.find("{{", from)) != std::string::npos;) {
            const std::size_t close = t.find("}}", open + 2);
            if (close == std::string::npos) break;
            pieces.push_back(t.substr(from, open - from));
            pieces.push_back(t.substr(open + 2, close - open - 2));
            from = close + 2;
        }
        pieces.push_back(t.substr(from));
    }
    std::vector<std::string> isolate;
    for (const std::string& ss : o.substrings_to_isolate)
        if (!ss.empty()) isolate.push_back(ss);
    for (const auto& [key, colour] : o.tex_to_color_map)
        if (!key.empty()) isolate.push_back(key);
    std::vector<std::string> out;
    for (const std::string& p : pieces) {
        std::size_t start = 0, at = 0;
        while (at < p.size()) {
            const std::string* hit = nullptr;
            for (const std::string& ss : isolate)
                if (p.compare(at, ss.size(), ss) == 0) {
                    hit = &ss;
                    break;
                }
            if (!hit) {
                ++at;
                continue;
            }
            out.push_back(p.substr(start, at - start));
            out.push_back(*hit);
            at += hit->size();
            start = at;
        }
        out.push_back(p.substr(start));
    }
    std::vector<std::string> kept;
    for (std::string& p : out)
        if (!p.empty()) kept.push_back(std::move(p));
    return kept;
}

bool blank(const std::string& s) { return s.find_first_not_of(" \t\n\r") == std::string::npos; }

// The glyph paths and rules of one typeset formula, as Manim's SVG import gives them.
std::vector<Mobject> glyph_leaves(const math::MathLayout& layout, const MathTexOptions& options) {
    const double k = math::scene_units_per_point(options.font_size);
    const Vec2 shift = math::box_origin(layout, options.font_size);
    Style style;
    style.fill_color = options.color;
    style.fill_opacity = 1.0;
    style.stroke_color = options.color;
    style.stroke_opacity = 1.0;
    style.stroke_width = 0.0;
    std::vector<Mobject> leaves;
    leaves.reserve(layout.items.size());
    for (const math::MathItem& item : layout.items) {
        Points p;
        p.reserve(item.points.size());
        for (const Vec2& q : item.points) p.push_back(q * k + shift);
        Mobject leaf;
        leaf.set_points(std::move(p));
        leaf.set_style(style);
        leaf.set_label(item.kind == math::MathItem::Kind::Rule ? "Rectangle" : "VMobjectFromSVGPath");
        leaves.push_back(std::move(leaf));
    }
    return leaves;
}

} // namespace

Mobject MathTex(std::string_view latex, const MathTexOptions& options) {
    return MathTex(std::vector<std::string>{std::string(latex)}, options);
}

Mobject MathTex(std::initializer_list<const char*> tex_strings, const MathTexOptions& options) {
    return MathTex(std::vector<std::string>(tex_strings.begin(), tex_strings.end()), options);
}

Mobject MathTex(const std::vector<std::string>& tex_strings, const MathTexOptions& options) {
    std::vector<std::string> parts = break_up(tex_strings, options);
    if (parts.empty()) parts.emplace_back(); // MathTex(""): one empty part
    std::string joined;
    for (std::size_t i = 0; i < parts.size(); ++i) joined += (i ? options.arg_separator : "") + parts[i];
    const std::vector<Mobject> leaves = glyph_leaves(math::typeset(joined), options);

    // Manim's _break_up_by_substrings: part i takes as many glyphs as it has alone (plus the
    // separator's non-space characters), in order.
    std::size_t separator_glyphs = 0;
    for (char ch : options.arg_separator) separator_glyphs += !std::isspace(static_cast<unsigned char>(ch));
    std::vector<Mobject> groups;
    std::size_t at = 0;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        std::size_t count = 0;
        if (!blank(parts[i]) && parts.size() > 1) {
            try {
                count = math::typeset(parts[i]).items.size();
            } catch (const math::MathError& e) {
                throw math::MathError(fmt::format("part {} of the formula, '{}', is not a formula on its own: {}", i + 1,
                                                  parts[i], e.message()),
                                      e.column(), e.token());
            }
        } else if (parts.size() == 1) {
            count = leaves.size();
        }
        const std::size_t end = std::min(at + count + separator_glyphs, leaves.size());
        Mobject part;
        if (parts.size() == 1) {
            part = VGroup(leaves);
        } else if (count == 0) {
            // Manim's VectorizedPoint, moved to the right edge of the glyph at this index.
            Mobject point;
            Vec2 where = leaves.empty() ? Vec2{} : leaves[std::min(at, leaves.size() - 1)].get_right();
            point.set_points(Points{where});
            part = VGroup({point});
        } else {
            part = VGroup(std::vector<Mobject>(leaves.begin() + static_cast<std::ptrdiff_t>(std::min(at, end)),
                                               leaves.begin() + static_cast<std::ptrdiff_t>(end)));
        }
        part.set_label("SingleStringMathTex");
        part.set_behavior(std::make_shared<TexPart>(parts[i]));
        groups.push_back(std::move(part));
        at = end;
    }
    Mobject tex = VGroup(groups);
    tex.set_behavior(kind_tag("MathTex"));
    tex.set_label("MathTex«" + joined + "»");
    for (const auto& [key, colour] : options.tex_to_color_map) set_color_by_tex(tex, key, colour);
    return tex;
}

std::string tex_string_of(const Mobject& part) {
    const auto* p = part.behavior_as<TexPart>();
    return p ? p->tex() : std::string();
}

std::vector<Mobject> get_parts_by_tex(const Mobject& math_tex, std::string_view tex, bool substring) {
    std::vector<Mobject> out;
    for (const Mobject& part : math_tex.children()) {
        const auto* p = part.behavior_as<TexPart>();
        if (!p) continue;
        if (substring ? p->tex().find(tex) != std::string::npos : p->tex() == tex) out.push_back(part);
    }
    return out;
}

void set_color_by_tex(Mobject& math_tex, std::string_view tex, Color color, bool substring) {
    for (Mobject& part : get_parts_by_tex(math_tex, tex, substring)) part.set_color(color);
}

} // namespace reel
