// The fonts of the typesetter (Latin Modern Math; Latin Modern Roman regular, bold, italic;
// amsfonts' msbm10 for \mathbb) behind HarfBuzz and FreeType: metrics, the OpenType MATH
// table, shaping and outlines.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <hb-ot.h>
#include <hb.h>

#include "base/c_handle.h"
#include "reel/geometry.h"

namespace reel::math {

/// Which font a glyph comes from.
enum class FontId : std::uint8_t { Math = 0, Roman = 1, Bold = 2, Italic = 3, Blackboard = 4 };
inline constexpr int kFontCount = 5;

using HbBlob = CHandle<hb_blob_t, hb_blob_destroy>;
using HbFace = CHandle<hb_face_t, hb_face_destroy>;
using HbFont = CHandle<hb_font_t, hb_font_destroy>;
using HbBuffer = CHandle<hb_buffer_t, hb_buffer_destroy>;

/// Ink box and advance of a glyph, in font units (+y up).
struct GlyphMetrics {
    double advance = 0;
    double top = 0;    ///< highest ink point (height)
    double bottom = 0; ///< lowest ink point (negative below the baseline)
};

/// One shaped glyph of a text run, in font units.
struct ShapedGlyph {
    std::uint32_t glyph = 0;
    double x = 0; ///< pen position plus offset
    double y = 0;
};

/// One part of an extensible glyph assembly (OpenType MathGlyphPartRecord), font units.
struct AssemblyPart {
    std::uint32_t glyph = 0;
    double start_connector = 0;
    double end_connector = 0;
    double full_advance = 0;
    bool extender = false;
};

/// A loaded font: HarfBuzz face and font at unitsPerEm scale, and an outline cache. A Type 1
/// font (.pfb, which HarfBuzz cannot read) is read by FreeType: its code points, metrics and
/// outlines work as an OpenType font's do; it has no HarfBuzz font (hb() is null) and no shaping.
class Font {
public:
    /// Loads `path`; throws std::runtime_error naming the file on failure.
    explicit Font(const std::string& path);
    ~Font();
    Font(const Font&) = delete;
    Font& operator=(const Font&) = delete;

    hb_font_t* hb() const { return font_.get(); }
    /// Font units per em.
    double upem() const { return upem_; }
    /// Nominal glyph of a code point; false if the font has none.
    bool glyph_of(char32_t cp, std::uint32_t& glyph) const;
    GlyphMetrics metrics(std::uint32_t glyph) const;
    /// The glyph outline in font units (+y up), Manim cubic layout; cached, thread-safe.
    const Points& outline(std::uint32_t glyph) const;
    /// Shapes a UTF-8 run with the font's default features (ligatures, kerning).
    std::vector<ShapedGlyph> shape(std::string_view utf8, double& advance,
                                   const char* features = nullptr) const;

private:
    struct Type1;
    std::unique_ptr<Type1> type1_;
    HbBlob blob_;
    HbFace face_;
    HbFont font_;
    double upem_ = 1000;
    mutable std::mutex mutex_;
    mutable std::unordered_map<std::uint32_t, std::unique_ptr<Points>> outlines_;
};

/// The typesetter's fonts, loaded once per process from the fonts directory.
class FontSet {
public:
    /// The shared instance; throws std::runtime_error if a font is missing or broken.
    static const FontSet& get();

    const Font& font(FontId id) const { return *fonts_[static_cast<int>(id)]; }
    const Font& math() const { return font(FontId::Math); }
    /// A MATH table constant in font units (percentages as given).
    double constant(hb_ot_math_constant_t c) const { return constants_[c]; }
    /// The glyph of `cp` in the math font with the ssty feature at `level` (0, 1, 2).
    bool math_glyph(char32_t cp, int ssty, std::uint32_t& glyph) const;
    double italic_correction(std::uint32_t glyph) const;
    /// Top accent attachment in font units, or a negative value when the glyph has none.
    double top_accent(std::uint32_t glyph) const;
    /// OpenType math kerning at a correction height (font units).
    double kerning(std::uint32_t glyph, hb_ot_math_kern_t corner, double height) const;
    /// Size variants (glyph, advance in font units), smallest first, the base glyph included.
    std::vector<std::pair<std::uint32_t, double>> variants(std::uint32_t glyph,
                                                           bool vertical) const;
    std::vector<AssemblyPart> assembly(std::uint32_t glyph, bool vertical) const;
    double min_connector_overlap(bool vertical) const;

private:
    FontSet();
    std::unique_ptr<Font> fonts_[kFontCount];
    double constants_[HB_OT_MATH_CONSTANT_RADICAL_DEGREE_BOTTOM_RAISE_PERCENT + 1] = {};
    mutable std::mutex mutex_;
    mutable std::unordered_map<std::uint64_t, std::uint32_t> ssty_cache_;
};

} // namespace reel::math
