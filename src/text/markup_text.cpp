// MarkupText as Manim 0.17.3 builds it (text_mobject.py class MarkupText + manimpango's
// MarkupUtils.text2svg): one Pango layout of the markup drawn by Pango's own renderer, whose
// drawing calls (glyphs, background and line rectangles, in Pango's order) become the
// submobjects, as the paths of Manim's SVG do.
#include "reel/text.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "mobjects/recording.h"
#include "text_internal.h"

namespace reel {

using namespace text_detail;

namespace {

// manimpango's SVG set-up for MarkupText (Manim's constants: text_internal.h).
constexpr double kStartX = 30.0, kStartY = 20.0; // where the layout's top-left is drawn
constexpr double kPangoWidth = 500.0;             // MarkupText's pango_width: lines wrap there

// Manim's named colours by the names <color col=...> and <gradient from/to=...> take
// (Colors[name.lower()]; every GRAY also spelt GREY).
const std::pair<const char*, Color> kNamedColors[] = {
#include "markup_colors.inc"
};

// One path of Manim's SVG: layout pixels (y down), its fill, and for a glyph its source.
struct Piece {
    Points points;
    Color color = WHITE;
    double opacity = 1.0;
    bool is_glyph = false;
    cairo_font_face_t* face = nullptr;
    double font_px = 0;
    unsigned long index = 0;
    std::string chars;
    Vec2 origin;
};

struct Collector {
    TextEngine* engine = nullptr;
    Color default_color = WHITE;
    std::vector<Piece> pieces;
};

// A PangoRenderer that records what pango_renderer_draw_layout draws (Pango's cairo renderer
// does the same calls into an SVG surface in Manim).
struct MarkupRenderer {
    PangoRenderer parent;
    Collector* out;
};
struct MarkupRendererClass {
    PangoRendererClass parent_class;
};

Collector& collector(PangoRenderer* r) { return *reinterpret_cast<MarkupRenderer*>(r)->out; }

// The fill of a part as Pango's cairo renderer sets it: the part's colour (else the default
// source colour), its alpha if one is set.
std::pair<Color, double> part_fill(PangoRenderer* r, PangoRenderPart part) {
    const PangoColor* c = pango_renderer_get_color(r, part);
    const guint16 a = pango_renderer_get_alpha(r, part);
    Color color = c ? Color{c->red / 65535.0, c->green / 65535.0, c->blue / 65535.0} : collector(r).default_color;
    return {color, a ? a / 65535.0 : 1.0};
}

Points take_path(cairo_t* cr) {
    PathPtr path(cairo_copy_path(cr));
    if (path->status != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error(fmt::format("MarkupText: cannot get an outline: {}", cairo_status_to_string(path->status)));
    return glyph_points(path.get());
}

void show_glyphs(PangoRenderer* r, const char* text, PangoGlyphItem* item, PangoFont* font, int x, int y) {
    Collector& out = collector(r);
    TextEngine& e = *out.engine;
    const auto [color, opacity] = part_fill(r, PANGO_RENDER_PART_FOREGROUND);
    cairo_scaled_font_t* sf = font ? pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(font)) : nullptr;
    const PangoGlyphString* glyphs = item->glyphs;
    const double base_x = kStartX + double(x) / PANGO_SCALE, base_y = kStartY + double(y) / PANGO_SCALE;
    std::int64_t x_position = 0; // Pango units; a long run of spaces overflows an int
    for (int g = 0; g < glyphs->num_glyphs; ++g) {
        const PangoGlyphInfo& gi = glyphs->glyphs[g];
        const std::int64_t advance = gi.geometry.width;
        // The characters of this glyph's cluster, on its first glyph only.
        std::string chars;
        if (text && item->item) {
            const int cl = glyphs->log_clusters[g];
            if (g == 0 || glyphs->log_clusters[g - 1] != cl) {
                int end = item->item->offset + item->item->length;
                for (int n = g + 1; n < glyphs->num_glyphs; ++n)
                    if (glyphs->log_clusters[n] != cl) {
                        end = item->item->offset + glyphs->log_clusters[n];
                        break;
                    }
                const int begin = item->item->offset + cl;
                if (end > begin) chars.assign(text + begin, static_cast<std::size_t>(end - begin));
            }
        }
        const double cx = base_x + double(x_position + gi.geometry.x_offset) / PANGO_SCALE;
        const double cy = gi.geometry.y_offset == 0 ? base_y : base_y + double(gi.geometry.y_offset) / PANGO_SCALE;
        x_position += advance;
        if (gi.glyph == PANGO_GLYPH_EMPTY) continue;
        if (gi.glyph & PANGO_GLYPH_UNKNOWN_FLAG) {
            if (gi.glyph != (0x20 | PANGO_GLYPH_UNKNOWN_FLAG))
                e.warn_once(fmt::format("no shipped font has U+{:04X}; it is left out", gi.glyph & ~PANGO_GLYPH_UNKNOWN_FLAG));
            continue;
        }
        if (!sf) continue;
        cairo_set_scaled_font(e.cr.get(), sf);
        cairo_glyph_t cg{gi.glyph, cx, cy};
        cairo_new_path(e.cr.get());
        cairo_glyph_path(e.cr.get(), &cg, 1);
        Points p = take_path(e.cr.get());
        if (p.empty()) continue; // spaces have no outline (and no path in Manim's SVG)
        cairo_matrix_t fm;
        cairo_scaled_font_get_font_matrix(sf, &fm);
        out.pieces.push_back({std::move(p), color, opacity, true, cairo_scaled_font_get_font_face(sf), fm.xx,
                              gi.glyph, std::move(chars), {cx, cy}});
    }
}

void draw_glyph_item(PangoRenderer* r, const char* text, PangoGlyphItem* item, int x, int y) {
    show_glyphs(r, text, item, item->item->analysis.font, x, y);
}

void draw_glyphs(PangoRenderer* r, PangoFont* font, PangoGlyphString* glyphs, int x, int y) {
    PangoGlyphItem item{nullptr, glyphs, 0, 0, 0};
    show_glyphs(r, nullptr, &item, font, x, y);
}

void draw_rectangle(PangoRenderer* r, PangoRenderPart part, int x, int y, int width, int height) {
    Collector& out = collector(r);
    cairo_t* cr = out.engine->cr.get();
    cairo_new_path(cr);
    cairo_rectangle(cr, kStartX + double(x) / PANGO_SCALE, kStartY + double(y) / PANGO_SCALE,
                    double(width) / PANGO_SCALE, double(height) / PANGO_SCALE);
    const auto [color, opacity] = part_fill(r, part);
    out.pieces.push_back({take_path(cr), color, opacity});
}

// underline="error": the squiggle Pango's cairo renderer fills (pangocairo-render.c), a
// zig-zag band of `height` (3 underline thicknesses) in whole units of 3/4 of it.
void draw_error_underline(PangoRenderer* r, int xi, int yi, int wi, int hi) {
    Collector& out = collector(r);
    cairo_t* cr = out.engine->cr.get();
    double x = kStartX + double(xi) / PANGO_SCALE, y = kStartY + double(yi) / PANGO_SCALE;
    const double width = double(wi) / PANGO_SCALE, height = double(hi) / PANGO_SCALE;
    constexpr double kHeightSquares = 2.5;
    const double square = height / kHeightSquares;
    const double unit = (kHeightSquares - 1) * square;
    const int units = static_cast<int>((width + unit / 2) / unit);
    x += (width - units * unit) / 2;
    const double top = y, bottom = y + height;
    cairo_new_path(cr);
    double mid = x + unit, right = x + 2 * unit;
    cairo_move_to(cr, x - square / 2, top + square / 2);
    int i = 0;
    for (; i < units - 2; i += 2) {
        cairo_line_to(cr, mid, bottom);
        cairo_line_to(cr, right, top + square);
        mid += 2 * unit;
        right += 2 * unit;
    }
    cairo_line_to(cr, mid, bottom);
    if (i + 1 == units) {
        cairo_line_to(cr, mid + square / 2, bottom - square / 2);
    } else if (i + 2 == units) {
        cairo_line_to(cr, right + square / 2, top + square / 2);
        cairo_line_to(cr, right, top);
    }
    double left = mid - unit;
    for (; i >= 0; i -= 2) {
        cairo_line_to(cr, mid, bottom - square);
        cairo_line_to(cr, left, top);
        left -= 2 * unit;
        mid -= 2 * unit;
    }
    Points p = take_path(cr);
    // The SVG path has no Z: Manim closes it with one line, without Text's extra null cubic.
    if (p.size() >= 4) p.resize(p.size() - 4);
    const auto [color, opacity] = part_fill(r, PANGO_RENDER_PART_UNDERLINE);
    out.pieces.push_back({std::move(p), color, opacity});
}

void renderer_class_init(gpointer klass, gpointer) {
    auto* rc = PANGO_RENDERER_CLASS(klass);
    rc->draw_glyph_item = draw_glyph_item;
    rc->draw_glyphs = draw_glyphs;
    rc->draw_rectangle = draw_rectangle;
    rc->draw_error_underline = draw_error_underline;
}

GType markup_renderer_type() {
    static const GType type = g_type_register_static_simple(
        PANGO_TYPE_RENDERER, "ReelMarkupRenderer", sizeof(MarkupRendererClass), renderer_class_init,
        sizeof(MarkupRenderer), nullptr, GTypeFlags(0));
    return type;
}

using RendererPtr = CHandle<PangoRenderer, g_object_unref>;

// Manim's _count_real_chars: what is drawn of a piece of markup, by its count (an entity
// &...; is one character; spaces, tabs and tags are none; a newline is one, as in Manim).
long count_real_chars(std::string_view s) {
    long count = 0;
    int level = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if ((c & 0xC0) == 0x80) continue; // a UTF-8 continuation byte: same character
        if (c == '&') {
            // Manim first replaces "&[^;]+;" by one letter.
            const std::size_t semi = s.find(';', i + 1);
            if (semi != std::string_view::npos && semi > i + 1) {
                i = semi;
                c = 'x';
            }
        }
        if (c == '<') ++level;
        if (c == '>' && level > 0)
            --level;
        else if (c != ' ' && c != '\t' && level == 0)
            ++count;
    }
    return count;
}

// The scanning below reads Manim's regular expressions by hand (std::regex recurses per
// character and would overflow the stack on a long tag body).
// a + b + c (GCC 12 warns falsely about `"<" + std::string(...)`, -Wrestrict).
std::string cat(std::string_view a, std::string_view b, std::string_view c = {}) {
    std::string out;
    out.reserve(a.size() + b.size() + c.size());
    out.append(a).append(b).append(c);
    return out;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// At `i`: one or more spaces, then name="value" with a non-empty value without quotes.
std::optional<std::string> attribute(std::string_view s, std::size_t& i, std::string_view name) {
    std::size_t j = i;
    while (j < s.size() && is_space(s[j])) ++j;
    if (j == i || s.substr(j, name.size() + 2) != cat(name, "=\"")) return std::nullopt;
    j += name.size() + 2;
    const std::size_t close = s.find('"', j);
    if (close == std::string_view::npos || close == j) return std::nullopt;
    i = close + 1;
    return std::string(s.substr(j, close - j));
}

// One of Manim's tags as its regular expression matches it: `<name ATTRS( offset="..")?>BODY</name>`
// with the body the shortest non-empty text up to the closing tag.
struct TagMatch {
    std::size_t begin = 0, end = 0;       // the whole match
    std::size_t body_begin = 0, body_end = 0;
    std::vector<std::string> values;      // the named attributes' values
    std::optional<std::string> offset;
};

std::optional<TagMatch> match_tag(std::string_view s, std::size_t at, std::string_view name,
                                  const std::vector<std::string_view>& attrs) {
    TagMatch m;
    m.begin = at;
    std::size_t i = at + 1 + name.size();
    for (std::string_view a : attrs) {
        auto v = attribute(s, i, a);
        if (!v) return std::nullopt;
        m.values.push_back(std::move(*v));
    }
    std::size_t k = i;
    if (auto off = attribute(s, k, "offset"); off && k < s.size() && s[k] == '>') m.offset = std::move(off), i = k;
    if (i >= s.size() || s[i] != '>') return std::nullopt;
    m.body_begin = i + 1;
    const std::string closing = cat("</", name, ">");
    const std::size_t close = s.find(closing, m.body_begin + 1);
    if (close == std::string_view::npos) return std::nullopt;
    m.body_end = close;
    m.end = close + closing.size();
    return m;
}

// Manim's re.sub("<name[^>]+>(.+?)</name>", r"\1", text, flags=re.S): tags out, bodies kept.
std::string strip_tags(const std::string& s, std::string_view name) {
    const std::string opening = cat("<", name), closing = cat("</", name, ">");
    std::string out;
    std::size_t i = 0;
    while (true) {
        const std::size_t p = s.find(opening, i);
        if (p == std::string::npos) break;
        std::size_t j = p + opening.size();
        const std::size_t gt = s.find('>', j);
        const std::size_t close = gt == std::string::npos || gt == j ? std::string::npos : s.find(closing, gt + 2);
        if (close == std::string::npos) {
            out.append(s, i, p + 1 - i);
            i = p + 1;
            continue;
        }
        out.append(s, i, p - i);
        out.append(s, gt + 1, close - gt - 1);
        i = close + closing.size();
    }
    out.append(s, i, std::string::npos);
    return out;
}

Color parse_tag_color(const std::string& col) {
    Color c;
    if (col.size() == 7 && col[0] == '#' && Color::parse(col, c)) return c;
    std::string lower = col;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char ch) { return char(std::tolower(ch)); });
    for (const auto& [name, color] : kNamedColors)
        if (lower == name) return color;
    throw std::invalid_argument(fmt::format("MarkupText: unknown colour '{}' in a <color> or <gradient> tag "
                                            "(a Manim colour name such as RED or BLUE_C, or #rrggbb)", col));
}

// One of Manim's colour tags: the submobjects [begin, end) it colours, from one colour to the
// other (the same for <color>).
struct ColorRange {
    long begin, end;
    Color from, to;
};

// Manim's _extract_color_tags / _extract_gradient_tags: ranges counted on the original markup
// (matches searched left to right, not overlapping).
void extract_ranges(const std::string& original, std::string_view name, bool gradient, std::vector<ColorRange>& out) {
    const std::vector<std::string_view> attrs = gradient ? std::vector<std::string_view>{"from", "to"}
                                                         : std::vector<std::string_view>{"col"};
    const std::string opening = cat("<", name);
    std::size_t at = 0;
    while ((at = original.find(opening, at)) != std::string::npos) {
        const auto m = match_tag(original, at, name, attrs);
        if (!m) {
            ++at;
            continue;
        }
        at = m->end;
        const long start = count_real_chars(std::string_view(original).substr(0, m->begin));
        const long end = start + count_real_chars(std::string_view(original).substr(m->body_begin, m->body_end - m->body_begin));
        long start_offset = 0, end_offset = 0;
        if (m->offset) {
            const std::string& offs = *m->offset;
            auto bad = [&]() {
                return std::invalid_argument(fmt::format("MarkupText: offset=\"{}\" must be one or two integers (\"a\" or \"a,b\")", offs));
            };
            auto to_long = [&](const std::string& v) {
                try {
                    std::size_t used = 0;
                    const long n = std::stol(v, &used);
                    if (used != v.size()) throw bad();
                    return n;
                } catch (const std::exception&) {
                    throw bad();
                }
            };
            const std::size_t comma = offs.find(',');
            const std::string first = offs.substr(0, comma);
            if (!first.empty()) start_offset = to_long(first);
            if (comma != std::string::npos) {
                const std::string second = offs.substr(comma + 1);
                if (second.find(',') != std::string::npos) throw bad();
                if (!second.empty()) end_offset = to_long(second);
            }
        }
        const Color from = parse_tag_color(m->values[0]);
        const Color to = gradient ? parse_tag_color(m->values[1]) : from;
        out.push_back({start - start_offset, end - start_offset - end_offset, from, to});
    }
}

// Manim's color_gradient(colors, n).
std::vector<Color> spread(const std::vector<Color>& colors, std::size_t n) {
    std::vector<Color> out;
    if (n == 0 || colors.empty()) return out;
    if (colors.size() == 1) return std::vector<Color>(n, colors[0]);
    const double last = double(colors.size() - 1);
    for (std::size_t i = 0; i < n; ++i) {
        const double a = n == 1 ? 0.0 : last * double(i) / double(n - 1);
        std::size_t k = static_cast<std::size_t>(a);
        double t = a - double(k);
        if (i + 1 == n) k = colors.size() - 2, t = 1.0;
        const Color& c0 = colors[k];
        const Color& c1 = colors[k + 1];
        out.push_back({c0.r + (c1.r - c0.r) * t, c0.g + (c1.g - c0.g) * t, c0.b + (c1.b - c0.b) * t});
    }
    return out;
}

// Python's slice bounds for a list of n.
std::pair<std::size_t, std::size_t> slice_bounds(long begin, long end, std::size_t n) {
    const long ln = static_cast<long>(n);
    auto norm = [ln](long v) { return std::clamp(v < 0 ? v + ln : v, 0L, ln); };
    const long b = norm(begin), e = norm(end);
    return {static_cast<std::size_t>(b), static_cast<std::size_t>(std::max(b, e))};
}

} // namespace

Mobject MarkupText(std::string_view markup, const MarkupTextOptions& o) {
    if (!(o.font_size > 0) || !(o.font_size <= 100000))
        throw std::invalid_argument(fmt::format("MarkupText: font_size = {:g}: it must be a positive number up to 100000", o.font_size));
    if (!g_utf8_validate(markup.data(), static_cast<gssize>(markup.size()), nullptr))
        throw std::invalid_argument("MarkupText: the markup is not valid UTF-8");

    // Manim's own tags first: ranges counted on the original, then the tags taken out.
    const std::string original(markup);
    std::vector<ColorRange> ranges;
    extract_ranges(original, "color", false, ranges);
    std::string text = strip_tags(original, "color");
    extract_ranges(original, "gradient", true, ranges);
    text = strip_tags(text, "gradient");

    // Manim validates what Pango will see and raises Pango's message.
    GError* err = nullptr;
    if (!pango_parse_markup(text.c_str(), -1, 0, nullptr, nullptr, nullptr, &err)) {
        std::string msg = err ? err->message : "unknown error";
        if (err) g_error_free(err);
        throw std::invalid_argument("MarkupText: invalid markup: " + msg);
    }
    const auto hex = o.color.to_hex();
    std::string final_markup = fmt::format("<span foreground=\"{}\">{}</span>", hex.data(), text);
    if (o.disable_ligatures)
        final_markup = "<span font_features='liga=0,dlig=0,clig=0,hlig=0'>" + final_markup + "</span>";

    const TextDefaults& defaults = RecordingContext::current().text();
    TextEngine& e = engine();
    std::lock_guard lock(e.mutex);
    e.ensure();
    pango_context_set_round_glyph_positions(e.context, defaults.manim_glyph_rounding ? TRUE : FALSE);
    const std::string family = o.font.empty() ? TextDefaults{}.font : o.font;
    e.check_family(family);

    FontDescPtr desc(pango_font_description_new());
    pango_font_description_set_family(desc.get(), family.c_str());
    pango_font_description_set_size(desc.get(), pango_units_from_double(o.font_size / kText2SvgAdjustment));
    pango_font_description_set_style(desc.get(), o.slant == Slant::Italic    ? PANGO_STYLE_ITALIC
                                                 : o.slant == Slant::Oblique ? PANGO_STYLE_OBLIQUE
                                                                             : PANGO_STYLE_NORMAL);
    pango_font_description_set_weight(desc.get(), o.weight == Weight::Bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);

    LayoutPtr layout(pango_layout_new(e.context));
    pango_layout_set_width(layout.get(), pango_units_from_double(kPangoWidth));
    if (o.justify) pango_layout_set_justify(layout.get(), TRUE);
    pango_layout_set_font_description(layout.get(), desc.get());
    if (o.line_spacing >= 0) {
        // Pango places baselines factor * (the line's font height) apart: the factor that
        // gives Text's pitch for lines of the base font.
        CHandle<PangoFontMetrics, pango_font_metrics_unref> metrics(
            pango_context_get_metrics(e.context, desc.get(), nullptr));
        const double height = pango_font_metrics_get_height(metrics.get()) / double(PANGO_SCALE);
        const double pitch = o.font_size / kText2SvgAdjustment * (1.0 + o.line_spacing);
        if (height > 0) pango_layout_set_line_spacing(layout.get(), static_cast<float>(pitch / height));
    }
    pango_layout_set_markup(layout.get(), final_markup.c_str(), -1);

    Collector out;
    out.engine = &e;
    out.default_color = o.color;
    RendererPtr renderer(static_cast<PangoRenderer*>(g_object_new(markup_renderer_type(), nullptr)));
    reinterpret_cast<MarkupRenderer*>(renderer.get())->out = &out;
    pango_renderer_draw_layout(renderer.get(), layout.get(), 0, 0);

    // As Text: flip y about the anchor-bbox centre, centre on the origin, scale by 0.05.
    Bounds b;
    for (const Piece& p : out.pieces) b.include(anchor_bounds(p.points));
    const Vec2 c = b.center();
    auto to_scene = [&](Vec2 v) { return Vec2{kTextMobScale * (v.x - c.x), kTextMobScale * (c.y - v.y)}; };
    std::vector<Mobject> parts;
    parts.reserve(out.pieces.size());
    for (Piece& p : out.pieces) {
        for (Vec2& v : p.points) v = to_scene(v);
        Mobject m;
        m.set_points(std::move(p.points));
        m.set_style({p.color, p.opacity, p.color, 1.0, 0.0});
        if (p.is_glyph) attach_glyph_source(m, p.face, p.font_px, p.index, std::move(p.chars), to_scene(p.origin), kTextMobScale);
        parts.push_back(std::move(m));
    }

    // Manim: gradient=(...) over everything, then <color>, then <gradient> ranges.
    if (!o.gradient.empty()) {
        const auto colors = spread(o.gradient, parts.size());
        for (std::size_t i = 0; i < parts.size(); ++i) parts[i].set_color(colors[i]);
    }
    for (const ColorRange& r : ranges) {
        const auto [begin, end] = slice_bounds(r.begin, r.end, parts.size());
        const auto colors = spread({r.from, r.to}, end - begin);
        for (std::size_t i = begin; i < end; ++i) parts[i].set_color(colors[i - begin]);
    }

    Mobject result;
    result.set_behavior(kind_tag("MarkupText"));
    result.set_label(short_label("MarkupText", markup));
    result.set_style({o.color, 1.0, o.color, 1.0, 0.0});
    for (const Mobject& m : parts) result.add(m);
    return result;
}

} // namespace reel
