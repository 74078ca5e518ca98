#include "font.h"

#include "text/fonts.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace reel::math {

namespace {

// Collects an outline as Manim cubics; quadratic segments are raised to cubics exactly.
struct OutlineSink {
    Points* out;
    Vec2 start;
    Vec2 pen;
    bool open = false;

    void close() {
        if (open && !(pen == start)) add_line(*out, pen, start);
        open = false;
    }
};

void draw_move_to(hb_draw_funcs_t*, void* data, hb_draw_state_t*, float x, float y, void*) {
    auto* s = static_cast<OutlineSink*>(data);
    s->close();
    s->start = s->pen = {x, y};
    s->open = true;
}

void draw_line_to(hb_draw_funcs_t*, void* data, hb_draw_state_t*, float x, float y, void*) {
    auto* s = static_cast<OutlineSink*>(data);
    Vec2 p{x, y};
    add_line(*s->out, s->pen, p);
    s->pen = p;
}

void draw_quadratic_to(hb_draw_funcs_t*, void* data, hb_draw_state_t*, float cx, float cy,
                       float x, float y, void*) {
    auto* s = static_cast<OutlineSink*>(data);
    Vec2 c{cx, cy};
    Vec2 p{x, y};
    s->out->insert(s->out->end(),
                   {s->pen, s->pen + (c - s->pen) * (2.0 / 3.0), p + (c - p) * (2.0 / 3.0), p});
    s->pen = p;
}

void draw_cubic_to(hb_draw_funcs_t*, void* data, hb_draw_state_t*, float c1x, float c1y,
                   float c2x, float c2y, float x, float y, void*) {
    auto* s = static_cast<OutlineSink*>(data);
    Vec2 p{x, y};
    s->out->insert(s->out->end(), {s->pen, Vec2{c1x, c1y}, Vec2{c2x, c2y}, p});
    s->pen = p;
}

void draw_close_path(hb_draw_funcs_t*, void* data, hb_draw_state_t*, void*) {
    static_cast<OutlineSink*>(data)->close();
}

hb_draw_funcs_t* draw_funcs() {
    static hb_draw_funcs_t* funcs = [] {
        hb_draw_funcs_t* f = hb_draw_funcs_create();
        hb_draw_funcs_set_move_to_func(f, draw_move_to, nullptr, nullptr);
        hb_draw_funcs_set_line_to_func(f, draw_line_to, nullptr, nullptr);
        hb_draw_funcs_set_quadratic_to_func(f, draw_quadratic_to, nullptr, nullptr);
        hb_draw_funcs_set_cubic_to_func(f, draw_cubic_to, nullptr, nullptr);
        hb_draw_funcs_set_close_path_func(f, draw_close_path, nullptr, nullptr);
        hb_draw_funcs_make_immutable(f);
        return f;
    }();
    return funcs;
}

// FreeType's outline walk into the same sink (a Type 1 font's units, cubic segments).
int ft_move_to(const FT_Vector* to, void* data) {
    draw_move_to(nullptr, data, nullptr, float(to->x), float(to->y), nullptr);
    return 0;
}
int ft_line_to(const FT_Vector* to, void* data) {
    draw_line_to(nullptr, data, nullptr, float(to->x), float(to->y), nullptr);
    return 0;
}
int ft_conic_to(const FT_Vector* c, const FT_Vector* to, void* data) {
    draw_quadratic_to(nullptr, data, nullptr, float(c->x), float(c->y), float(to->x),
                      float(to->y), nullptr);
    return 0;
}
int ft_cubic_to(const FT_Vector* c1, const FT_Vector* c2, const FT_Vector* to, void* data) {
    draw_cubic_to(nullptr, data, nullptr, float(c1->x), float(c1->y), float(c2->x), float(c2->y),
                  float(to->x), float(to->y), nullptr);
    return 0;
}

bool ends_with(const std::string& s, std::string_view tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

} // namespace

// The FreeType library and face of a Type 1 font (one library per font: FreeType's objects are
// not thread-safe across faces of one library, and the outline cache below is locked per font).
struct Font::Type1 {
    FT_Library library = nullptr;
    FT_Face face = nullptr;
    ~Type1() {
        if (face) FT_Done_Face(face);
        if (library) FT_Done_FreeType(library);
    }
    // Loads a glyph unscaled (font units, no hinting); false if FreeType cannot.
    bool load(std::uint32_t glyph) const {
        return FT_Load_Glyph(face, glyph, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING) == 0 &&
               face->glyph->format == FT_GLYPH_FORMAT_OUTLINE;
    }
};

Font::~Font() = default;

Font::Font(const std::string& path) {
    if (ends_with(path, ".pfb")) {
        type1_ = std::make_unique<Type1>();
        if (FT_Init_FreeType(&type1_->library) != 0)
            throw std::runtime_error("cannot start FreeType to read " + path);
        if (FT_New_Face(type1_->library, path.c_str(), 0, &type1_->face) != 0)
            throw std::runtime_error("cannot read font file " + path);
        if (type1_->face->num_glyphs == 0 || type1_->face->units_per_EM == 0)
            throw std::runtime_error("not a usable font (no glyphs): " + path);
        upem_ = type1_->face->units_per_EM;
        return;
    }
    blob_.reset(hb_blob_create_from_file_or_fail(path.c_str()));
    if (!blob_) throw std::runtime_error("cannot read font file " + path);
    face_.reset(hb_face_create(blob_.get(), 0));
    if (hb_face_get_glyph_count(face_.get()) == 0)
        throw std::runtime_error("not a usable font (no glyphs): " + path);
    font_.reset(hb_font_create(face_.get()));
    upem_ = hb_face_get_upem(face_.get());
    auto scale = static_cast<int>(upem_);
    hb_font_set_scale(font_.get(), scale, scale);
    hb_ot_font_set_funcs(font_.get());
}

bool Font::glyph_of(char32_t cp, std::uint32_t& glyph) const {
    if (type1_) {
        std::lock_guard lock(mutex_);
        // FreeType gives a Type 1 font a Unicode charmap from its glyph names (msbm's "A" is A).
        const FT_UInt g = FT_Get_Char_Index(type1_->face, cp);
        glyph = g;
        return g != 0;
    }
    hb_codepoint_t g = 0;
    if (!hb_font_get_nominal_glyph(font_.get(), cp, &g)) return false;
    glyph = g;
    return true;
}

GlyphMetrics Font::metrics(std::uint32_t glyph) const {
    GlyphMetrics m;
    if (type1_) {
        std::lock_guard lock(mutex_);
        if (!type1_->load(glyph)) return m;
        const FT_Glyph_Metrics& gm = type1_->face->glyph->metrics;
        m.advance = double(gm.horiAdvance);
        m.top = double(gm.horiBearingY);
        m.bottom = double(gm.horiBearingY - gm.height);
        return m;
    }
    m.advance = hb_font_get_glyph_h_advance(font_.get(), glyph);
    hb_glyph_extents_t e{};
    if (hb_font_get_glyph_extents(font_.get(), glyph, &e)) {
        m.top = e.y_bearing;
        m.bottom = e.y_bearing + e.height;
    }
    return m;
}

const Points& Font::outline(std::uint32_t glyph) const {
    std::lock_guard lock(mutex_);
    auto& slot = outlines_[glyph];
    if (!slot) {
        slot = std::make_unique<Points>();
        OutlineSink sink{slot.get(), {}, {}, false};
        if (type1_) {
            if (type1_->load(glyph)) {
                static const FT_Outline_Funcs funcs{ft_move_to, ft_line_to, ft_conic_to,
                                                    ft_cubic_to, 0, 0};
                FT_Outline_Decompose(&type1_->face->glyph->outline, &funcs, &sink);
            }
        } else {
            hb_font_get_glyph_shape(font_.get(), glyph, draw_funcs(), &sink);
        }
        sink.close();
    }
    return *slot;
}

std::vector<ShapedGlyph> Font::shape(std::string_view utf8, double& advance,
                                     const char* features) const {
    if (type1_) throw std::logic_error("a Type 1 font cannot be shaped");
    HbBuffer buf(hb_buffer_create());
    hb_buffer_add_utf8(buf.get(), utf8.data(), static_cast<int>(utf8.size()), 0,
                       static_cast<int>(utf8.size()));
    hb_buffer_set_direction(buf.get(), HB_DIRECTION_LTR);
    hb_buffer_set_script(buf.get(), HB_SCRIPT_LATIN);
    hb_buffer_set_language(buf.get(), hb_language_from_string("en", -1));
    hb_feature_t feats[2];
    unsigned n_feats = 0;
    if (features) {
        if (hb_feature_from_string(features, -1, &feats[0])) n_feats = 1;
    }
    hb_shape(font_.get(), buf.get(), feats, n_feats);
    unsigned count = 0;
    hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf.get(), &count);
    hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf.get(), &count);
    std::vector<ShapedGlyph> out;
    out.reserve(count);
    double pen = 0;
    for (unsigned i = 0; i < count; ++i) {
        out.push_back({info[i].codepoint, pen + pos[i].x_offset, double(pos[i].y_offset)});
        pen += pos[i].x_advance;
    }
    advance = pen;
    return out;
}

FontSet::FontSet() {
    const std::string dir = fonts_dir();
    const char* files[kFontCount] = {"latinmodern-math.otf", "lmroman10-regular.otf",
                                     "lmroman10-bold.otf", "lmroman10-italic.otf", "msbm10.pfb"};
    for (int i = 0; i < kFontCount; ++i) fonts_[i] = std::make_unique<Font>(dir + "/" + files[i]);
    if (!hb_ot_math_has_data(hb_font_get_face(math().hb())))
        throw std::runtime_error("font has no OpenType MATH table: " + dir + "/" + files[0]);
    for (int c = 0; c <= HB_OT_MATH_CONSTANT_RADICAL_DEGREE_BOTTOM_RAISE_PERCENT; ++c)
        constants_[c] = hb_ot_math_get_constant(math().hb(), static_cast<hb_ot_math_constant_t>(c));
}

const FontSet& FontSet::get() {
    static const FontSet instance;
    return instance;
}

bool FontSet::math_glyph(char32_t cp, int ssty, std::uint32_t& glyph) const {
    if (ssty <= 0) return math().glyph_of(cp, glyph);
    const std::uint64_t key = (std::uint64_t(cp) << 2) | std::uint64_t(ssty);
    {
        std::lock_guard lock(mutex_);
        if (auto it = ssty_cache_.find(key); it != ssty_cache_.end()) {
            glyph = it->second;
            return glyph != 0;
        }
    }
    std::uint32_t g = 0;
    if (math().glyph_of(cp, g)) {
        // Shaping one character with ssty=N applies the font's script-size alternates.
        HbBuffer buf(hb_buffer_create());
        const std::uint32_t text[1] = {static_cast<std::uint32_t>(cp)};
        hb_buffer_add_utf32(buf.get(), text, 1, 0, 1);
        hb_buffer_set_direction(buf.get(), HB_DIRECTION_LTR);
        hb_buffer_set_script(buf.get(), HB_SCRIPT_COMMON);
        hb_feature_t feat{HB_TAG('s', 's', 't', 'y'), static_cast<std::uint32_t>(ssty), 0,
                          static_cast<unsigned>(-1)};
        hb_shape(math().hb(), buf.get(), &feat, 1);
        unsigned count = 0;
        hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf.get(), &count);
        if (count == 1 && info[0].codepoint != 0) g = info[0].codepoint;
    }
    std::lock_guard lock(mutex_);
    ssty_cache_[key] = g;
    glyph = g;
    return g != 0;
}

double FontSet::italic_correction(std::uint32_t glyph) const {
    return hb_ot_math_get_glyph_italics_correction(math().hb(), glyph);
}

double FontSet::top_accent(std::uint32_t glyph) const {
    // HarfBuzz answers half the advance when the glyph has no attachment; that is our default
    // too, so the value can be used as is.
    return hb_ot_math_get_glyph_top_accent_attachment(math().hb(), glyph);
}

double FontSet::kerning(std::uint32_t glyph, hb_ot_math_kern_t corner, double height) const {
    return hb_ot_math_get_glyph_kerning(math().hb(), glyph, corner,
                                        static_cast<hb_position_t>(height));
}

std::vector<std::pair<std::uint32_t, double>> FontSet::variants(std::uint32_t glyph,
                                                                bool vertical) const {
    hb_ot_math_glyph_variant_t buf[32];
    unsigned count = 32;
    hb_ot_math_get_glyph_variants(math().hb(), glyph,
                                  vertical ? HB_DIRECTION_TTB : HB_DIRECTION_LTR, 0, &count, buf);
    std::vector<std::pair<std::uint32_t, double>> out;
    for (unsigned i = 0; i < count; ++i) out.emplace_back(buf[i].glyph, double(buf[i].advance));
    return out;
}

std::vector<AssemblyPart> FontSet::assembly(std::uint32_t glyph, bool vertical) const {
    hb_ot_math_glyph_part_t buf[16];
    unsigned count = 16;
    hb_ot_math_get_glyph_assembly(math().hb(), glyph,
                                  vertical ? HB_DIRECTION_TTB : HB_DIRECTION_LTR, 0, &count, buf,
                                  nullptr);
    std::vector<AssemblyPart> out;
    for (unsigned i = 0; i < count; ++i)
        out.push_back({buf[i].glyph, double(buf[i].start_connector_length),
                       double(buf[i].end_connector_length), double(buf[i].full_advance),
                       (buf[i].flags & HB_OT_MATH_GLYPH_PART_FLAG_EXTENDER) != 0});
    return out;
}

double FontSet::min_connector_overlap(bool vertical) const {
    return hb_ot_math_get_min_connector_overlap(math().hb(),
                                                vertical ? HB_DIRECTION_TTB : HB_DIRECTION_LTR);
}

} // namespace reel::math
