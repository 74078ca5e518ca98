// Text layer internals shared by Text and MarkupText: the Pango/Cairo engine (one per process,
// behind a mutex) and the conversion of a Cairo path into Manim's points.
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include <cstdio>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

#include "base/c_handle.h"
#include "fonts_internal.h"
#include "reel/geometry.h"
#include "reel/mobject.h"

namespace reel::text_detail {

/// Manim's constants (text_mobject.py): font size per Pango size, scene units per layout pixel.
inline constexpr double kText2SvgAdjustment = 4.8;
inline constexpr double kTextMobScale = 0.05;

/// A mobject label for text: KIND«first 40 bytes, newlines as \\n».
std::string short_label(std::string_view kind, std::string_view text);

using LayoutPtr = CHandle<PangoLayout, g_object_unref>;
using FontDescPtr = CHandle<PangoFontDescription, pango_font_description_free>;
using IterPtr = CHandle<PangoLayoutIter, pango_layout_iter_free>;
using CairoPtr = CHandle<cairo_t, cairo_destroy>;
using SurfacePtr = CHandle<cairo_surface_t, cairo_surface_destroy>;
using PathPtr = CHandle<cairo_path_t, cairo_path_destroy>;

struct TextEngine {
    std::mutex mutex;
    PangoFontMap* font_map = nullptr;
    PangoContext* context = nullptr;
    SurfacePtr surface;
    CairoPtr cr;
    std::set<std::string> warned;

    void ensure() {
        if (context) return;
        std::string err;
        if (!init_fonts(&err)) throw std::runtime_error("fonts: " + err);
        font_map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
        if (!font_map) throw std::runtime_error("Pango has no FreeType font map");
        pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(font_map), font_config());
        context = pango_font_map_create_context(font_map);
        pango_cairo_context_set_resolution(context, 96.0);
        cairo_font_options_t* fo = cairo_font_options_create();
        cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
        cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
        cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
        pango_cairo_context_set_font_options(context, fo);
        cairo_font_options_destroy(fo);
        // Reel keeps Pango's exact positions (Manim 0.17.3 rounded them to 0.05 units).
        pango_context_set_round_glyph_positions(context, FALSE);
        // An unbounded recording surface: Cairo culls glyphs outside a bounded target.
        surface.reset(cairo_recording_surface_create(CAIRO_CONTENT_ALPHA, nullptr));
        cr.reset(cairo_create(surface.get()));
    }

    void warn_once(const std::string& msg) {
        if (warned.insert(msg).second) std::fprintf(stderr, "reel: warning: %s\n", msg.c_str());
    }

    // Pango never reports a missing family: compare what fontconfig resolved.
    void check_family(const std::string& family) {
        static const std::set<std::string> aliases = {"Times New Roman", "Times", "serif", "sans-serif",
                                                      "Sans", "Serif", "monospace", "Monospace"};
        FcPattern* pat = FcNameParse(reinterpret_cast<const FcChar8*>(family.c_str()));
        FcConfigSubstitute(font_config(), pat, FcMatchPattern);
        FcDefaultSubstitute(pat);
        FcResult res;
        FcPattern* match = FcFontMatch(font_config(), pat, &res);
        FcChar8* got = nullptr;
        std::string resolved;
        if (match && FcPatternGetString(match, FC_FAMILY, 0, &got) == FcResultMatch)
            resolved = reinterpret_cast<const char*>(got);
        if (match) FcPatternDestroy(match);
        FcPatternDestroy(pat);
        if (resolved != family && !aliases.count(family))
            warn_once(fmt::format("font '{}' is not in fonts/; using '{}'", family, resolved));
    }
};

/// The process' text engine (created on first use by ensure()).
TextEngine& engine();

/// Cairo path -> Manim points: M starts a contour; L -> straight cubic; C as is; Z -> a line
/// back to the start if the pen is away (svg import); then Text's extra closing cubic.
Points glyph_points(const cairo_path_t* path);

/// Makes `glyph` carry what a vector output needs to draw it as real text: the face (a new
/// reference), its size in pixels, the glyph index, the characters and the origin (already in
/// the glyph's point coordinates), scene units per font pixel.
void attach_glyph_source(Mobject& glyph, cairo_font_face_t* face, double font_px, unsigned long index,
                         std::string text, Vec2 origin, double em_scale);

} // namespace reel::text_detail
