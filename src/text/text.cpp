// Text as Manim 0.17.3 builds it (text_mobject.py + manimpango text2svg), with Pango's own
// glyph positions: one path per visible glyph, in string order.
#include "reel/text.h"

#include <cmath>
#include <memory>

#include "mobjects/recording.h"
#include "text_internal.h"

namespace reel {

namespace {

// Manim's constant (text_mobject.py); the others are in text_internal.h, shared with MarkupText.
constexpr double kDefaultLineSpacingScale = 0.3;

} // namespace

namespace text_detail {

TextEngine& engine() {
    static TextEngine e;
    return e;
}

// Cairo path → Manim points: M starts a contour; L → straight cubic; C as is; Z → a line back
// to the start if the pen is away (svg import); then Text's extra closing cubic per contour.
Points glyph_points(const cairo_path_t* path) {
    Points pts;
    Vec2 start{}, pen{};
    bool open = false;
    auto close_contour = [&]() {
        if (!open) return;
        if ((pen - start).norm() > 1e-4) add_line(pts, pen, start), pen = start;
        add_line(pts, pen, start); // Manim's zero-length closing cubic (Text only)
        open = false;
    };
    for (int i = 0; i < path->num_data; i += path->data[i].header.length) {
        const cairo_path_data_t* d = &path->data[i];
        switch (d->header.type) {
        case CAIRO_PATH_MOVE_TO:
            // A contour is open only once it has a segment: cairo_copy_path ends a path that
            // ends in CLOSE_PATH with a lone MOVE_TO, which must not become a closing cubic.
            close_contour();
            start = pen = {d[1].point.x, d[1].point.y};
            break;
        case CAIRO_PATH_LINE_TO: {
            Vec2 p{d[1].point.x, d[1].point.y};
            add_line(pts, pen, p);
            pen = p;
            open = true;
            break;
        }
        case CAIRO_PATH_CURVE_TO: {
            Vec2 p{d[3].point.x, d[3].point.y};
            pts.insert(pts.end(), {pen, {d[1].point.x, d[1].point.y}, {d[2].point.x, d[2].point.y}, p});
            pen = p;
            open = true;
            break;
        }
        case CAIRO_PATH_CLOSE_PATH:
            close_contour();
            break;
        }
    }
    close_contour();
    return pts;
}

// The face outlives every glyph: Pango's font map is never freed, and the source holds its
// own reference.
void attach_glyph_source(Mobject& glyph, cairo_font_face_t* face, double font_px, unsigned long index,
                         std::string text, Vec2 origin, double em_scale) {
    auto src = std::make_shared<GlyphSource>();
    src->font_face = std::shared_ptr<void>(cairo_font_face_reference(face),
                                           [](void* f) { cairo_font_face_destroy(static_cast<cairo_font_face_t*>(f)); });
    src->font_px = font_px;
    src->glyph = index;
    src->text = std::move(text);
    src->origin = origin;
    src->em_scale = em_scale;
    src->outline = glyph.points_ptr();
    glyph.set_glyph(std::move(src));
}

} // namespace text_detail

using namespace text_detail;

namespace {


} // namespace

// The defaults belong to the recording (RecordingContext), not to the engine: a reloaded
// plug-in that no longer sets a font must not inherit the font its previous version set.
void set_default_text_font(std::string family) {
    RecordingContext::current().text().font = std::move(family);
}

const std::string& default_text_font() { return RecordingContext::current().text().font; }

void set_manim_glyph_rounding(bool on) {
    RecordingContext::current().text().manim_glyph_rounding = on;
}

Mobject Text(std::string_view text, const TextOptions& o) {
    // Pango keeps sizes in 1/1024 points in an int: far above 100000 they overflow (and assert).
    if (!(o.font_size > 0) || !(o.font_size <= 100000))
        throw std::invalid_argument(fmt::format("Text: font_size = {:g}: it must be a positive number up to 100000", o.font_size));
    if (!g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr))
        throw std::invalid_argument("Text: the string is not valid UTF-8");
    const TextDefaults& defaults = RecordingContext::current().text();
    TextEngine& e = engine();
    std::lock_guard lock(e.mutex);
    e.ensure();
    std::string family = o.font.empty() ? defaults.font : o.font;
    pango_context_set_round_glyph_positions(e.context, defaults.manim_glyph_rounding ? TRUE : FALSE);
    e.check_family(family);

    FontDescPtr desc(pango_font_description_new());
    pango_font_description_set_family(desc.get(), family.c_str());
    pango_font_description_set_weight(desc.get(), o.weight == Weight::Bold ? PANGO_WEIGHT_BOLD
                                                                          : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_size(desc.get(), pango_units_from_double(o.font_size / kText2SvgAdjustment));

    // Manim: tabs become 4 spaces; one layout per line, top-left at (30, 20 + k * spacing).
    std::string s(text);
    for (std::size_t pos; (pos = s.find('\t')) != std::string::npos;) s.replace(pos, 1, "    ");
    double spacing_scale = o.line_spacing >= 0 ? o.line_spacing : kDefaultLineSpacingScale;
    double line_spacing = o.font_size / kText2SvgAdjustment * (1.0 + spacing_scale);

    std::vector<Points> glyphs;
    struct Source {
        cairo_font_face_t* face;
        double px;
        unsigned long index;
        std::string text;
        Vec2 origin; // in layout pixels (y down)
    };
    std::vector<Source> sources;
    std::size_t line_start = 0;
    for (int k = 0; line_start <= s.size(); ++k) {
        std::size_t nl = s.find('\n', line_start);
        std::string line = s.substr(line_start, nl == std::string::npos ? std::string::npos : nl - line_start);
        line_start = nl == std::string::npos ? s.size() + 1 : nl + 1;
        LayoutPtr layout(pango_layout_new(e.context));
        pango_layout_set_font_description(layout.get(), desc.get());
        std::string with_space = line + " "; // manimpango turns the line's '\n' into a space
        pango_layout_set_text(layout.get(), with_space.c_str(), -1);
        double top = 20.0 + k * line_spacing;
        IterPtr it(pango_layout_get_iter(layout.get()));
        do {
            PangoLayoutRun* run = pango_layout_iter_get_run_readonly(it.get());
            if (!run) continue;
            PangoRectangle logical;
            pango_layout_iter_get_run_extents(it.get(), nullptr, &logical);
            double baseline = pango_layout_iter_get_baseline(it.get()) / double(PANGO_SCALE);
            double x = logical.x / double(PANGO_SCALE);
            cairo_scaled_font_t* sf = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(run->item->analysis.font));
            const int item_offset = run->item->offset, item_end = run->item->offset + run->item->length;
            for (int g = 0; g < run->glyphs->num_glyphs; ++g) {
                const PangoGlyphInfo& gi = run->glyphs->glyphs[g];
                // The characters of this glyph's cluster, on its first glyph only.
                const int cl = run->glyphs->log_clusters[g];
                std::string chars;
                if (g == 0 || run->glyphs->log_clusters[g - 1] != cl) {
                    int end = item_end;
                    for (int n = g + 1; n < run->glyphs->num_glyphs; ++n)
                        if (run->glyphs->log_clusters[n] != cl) {
                            end = item_offset + run->glyphs->log_clusters[n];
                            break;
                        }
                    const int begin = item_offset + cl;
                    if (end > begin && static_cast<std::size_t>(end) <= with_space.size())
                        chars = with_space.substr(static_cast<std::size_t>(begin),
                                                  static_cast<std::size_t>(end - begin));
                }
                double gx = x + gi.geometry.x_offset / double(PANGO_SCALE);
                double gy = baseline + gi.geometry.y_offset / double(PANGO_SCALE);
                x += gi.geometry.width / double(PANGO_SCALE);
                if (gi.glyph == PANGO_GLYPH_EMPTY) continue;
                if (gi.glyph & PANGO_GLYPH_UNKNOWN_FLAG) {
                    e.warn_once(fmt::format("no shipped font has U+{:04X}; it is left out",
                                            gi.glyph & ~PANGO_GLYPH_UNKNOWN_FLAG));
                    continue;
                }
                if (!sf) continue;
                cairo_set_scaled_font(e.cr.get(), sf);
                cairo_glyph_t cg{gi.glyph, 30.0 + gx, top + gy};
                cairo_new_path(e.cr.get());
                cairo_glyph_path(e.cr.get(), &cg, 1);
                PathPtr path(cairo_copy_path(e.cr.get()));
                if (path->status != CAIRO_STATUS_SUCCESS)
                    throw std::runtime_error(fmt::format("Text: cannot get glyph outline: {}",
                                                         cairo_status_to_string(path->status)));
                Points p = glyph_points(path.get());
                if (p.empty()) continue; // spaces have no outline
                glyphs.push_back(std::move(p));
                cairo_matrix_t fm;
                cairo_scaled_font_get_font_matrix(sf, &fm);
                sources.push_back({cairo_scaled_font_get_font_face(sf), fm.xx, gi.glyph, std::move(chars),
                                   {cg.x, cg.y}});
            }
        } while (pango_layout_iter_next_run(it.get()));
    }

    // flip y about the anchor-bbox centre, centre on the origin, scale by 0.05.
    Bounds b;
    for (const auto& g : glyphs) b.include(anchor_bounds(g));
    Vec2 c = b.center();
    Mobject result;
    result.set_behavior(kind_tag("Text"));
    result.set_label(short_label("Text", text));
    Style st{o.color, 1.0, WHITE, 1.0, 0.0};
    result.set_style(st);
    for (std::size_t i = 0; i < glyphs.size(); ++i) {
        auto& g = glyphs[i];
        for (Vec2& v : g) v = {kTextMobScale * (v.x - c.x), kTextMobScale * (c.y - v.y)};
        Mobject glyph;
        glyph.set_points(std::move(g));
        glyph.set_style(st);
        // What a vector output needs to draw it as real text.
        const Source& so = sources[i];
        attach_glyph_source(glyph, so.face, so.px, so.index, so.text,
                            {kTextMobScale * (so.origin.x - c.x), kTextMobScale * (c.y - so.origin.y)},
                            kTextMobScale);
        result.add(glyph);
    }
    return result;
}

} // namespace reel

namespace reel::text_detail {

std::string short_label(std::string_view kind, std::string_view text) {
    std::string s;
    for (char ch : text) s += ch == '\n' ? std::string("\\n") : std::string(1, ch);
    // Cut at 40 bytes without splitting a UTF-8 sequence.
    if (s.size() > 40) {
        std::size_t cut = 40;
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
        s = s.substr(0, cut);
    }
    return std::string(kind) + "«" + s + "»";
}

} // namespace reel::text_detail
