#include "layout.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "reel/math.h"
#include "tex_metrics.h"

namespace reel::math {

void Box::append(const Box& b, double dx, double dy) {
    items.reserve(items.size() + b.items.size());
    for (Placed p : b.items) {
        p.x += dx;
        p.y += dy;
        items.push_back(p);
    }
}

namespace {

using C = hb_ot_math_constant_t;

// TeX's base size: Manim compiles with the 10 pt document class default.
constexpr double kBasePt = 10.0;
// \nulldelimiterspace and \delimiterfactor / \delimitershortfall of plain TeX and LaTeX.
constexpr double kNullDelimiterSpace = 1.2;
// cmex10's big_op_spacing1-4 (xi 9-12): the limits' gaps (rule 13a); LaTeX uses cmex10 at
// every size.
constexpr double kBigOpSpacing1 = 1.11111, kBigOpSpacing2 = 1.66667, kBigOpSpacing3 = 2.0,
                 kBigOpSpacing4 = 6.0, kBigOpSpacing5 = 1.0;
// cmex10's default_rule_thickness (xi 8).
constexpr double kRuleThickness = 0.4;
constexpr bool kUseMathKerning = false;
constexpr double kInkWidenShare = 0.5;
// \scriptspace of plain TeX and LaTeX.
constexpr double kScriptSpace = 0.5;
constexpr double kDelimiterFactor = 901;
constexpr double kDelimiterShortfall = 5.0;
// LaTeX's array: \arraycolsep 5pt, strut 0.7 and 0.3 of \baselineskip (12 pt at 10 pt).
constexpr double kArrayColSep = 5.0;
constexpr double kStrutHeight = 8.4;
constexpr double kStrutDepth = 3.6;
// Repeated extenders in one assembly: far beyond any real formula, keeps hostile input cheap.
constexpr int kMaxExtenderRepeats = 512;

// An OpenType glyph assembly laid out along its axis: the parts in order, each extender repeated
// until the whole (at scale `s`, neighbours overlapping by at least `min_overlap`) reaches
// `target`, and the overlap shared out evenly within what each pair of connectors allows.
struct AssemblyRun {
    std::vector<const AssemblyPart*> seq;
    double overlap = 0;
};

AssemblyRun assembly_run(const std::vector<AssemblyPart>& parts, double target, double s, double min_overlap) {
    double fixed = 0, ext = 0;
    int n_fixed = 0, n_ext = 0;
    for (const AssemblyPart& p : parts) {
        if (p.extender) { ext += p.full_advance * s; ++n_ext; }
        else { fixed += p.full_advance * s; ++n_fixed; }
    }
    int repeats = 0;
    if (n_ext > 0)
        while (repeats < kMaxExtenderRepeats &&
               fixed + repeats * ext - std::max(0, n_fixed + repeats * n_ext - 1) * min_overlap < target)
            ++repeats;
    AssemblyRun run;
    for (const AssemblyPart& p : parts)
        for (int i = 0; i < (p.extender ? repeats : 1); ++i) run.seq.push_back(&p);
    // Only extenders and a target of zero: one part still shows.
    if (run.seq.empty()) run.seq.push_back(&parts.front());
    double natural = 0;
    for (const AssemblyPart* p : run.seq) natural += p->full_advance * s;
    const std::size_t joints = run.seq.size() - 1;
    run.overlap = min_overlap;
    if (joints > 0) {
        double overlap = std::max(min_overlap, (natural - target) / double(joints));
        double max_allowed = overlap;
        for (std::size_t i = 0; i < joints; ++i)
            max_allowed = std::min(max_allowed,
                                   std::min(run.seq[i]->end_connector, run.seq[i + 1]->start_connector) * s);
        run.overlap = std::max(min_overlap, std::min(overlap, max_allowed));
    }
    return run;
}

// D, T, S, SS and their cramped versions (TeXbook ch. 17).
struct Style {
    int level = 0; // 0 display, 1 text, 2 script, 3 scriptscript
    bool cramped = false;

    bool display() const { return level == 0; }
    Style sup() const { return {level <= 1 ? 2 : 3, cramped}; }
    Style sub() const { return {sup().level, true}; }
    Style num() const { return {std::min(level + 1, 3), cramped}; }
    Style den() const { return {num().level, true}; }
    Style cramp() const { return {level, true}; }
    Style text() const { return {std::max(level, 1), cramped}; }
};

struct Atom {
    Box box;
    AtomClass cls = AtomClass::Ord;
    double italic = 0;   // italic correction not yet in the width (a character nucleus)
    bool is_char = false; // the nucleus is a single glyph (TeX's "character box")
    std::uint32_t glyph = 0;
    double glyph_scale = 0;
    double sub_shift = 0; // extra horizontal offset of the subscript (big operators)
};

// cmex10 offers delimiters of 1.2, 1.8, 2.4 and 3 em before its extensible recipes; Latin
// Modern Math adds sizes in between that LaTeX never uses. Skipping them sets delimiters and
// radicals at the sizes Manim's LaTeX picks.
bool tex_delimiter_size(double em) {
    for (double size : {1.2, 1.8, 2.4, 3.0})
        if (std::abs(em - size) < 0.02) return true;
    return false;
}

// cmmi10's kerns between italic letters and the comma, period and slash that TeX takes from
// the same font (Appendix G rule 14); Latin Modern Math has no kerning. Thousandths of an em.
int tex_letter_kern(char32_t left, char32_t right) {
    int col;
    switch (right) {
    case U',': col = 0; break;
    case U'.': col = 1; break;
    case U'/': col = 2; break;
    default: return 0;
    }
    char letter;
    if (left >= 0x1D434 && left < 0x1D434 + 26) letter = static_cast<char>('A' + (left - 0x1D434));
    else if (left >= 0x1D44E && left < 0x1D44E + 26) letter = static_cast<char>('a' + (left - 0x1D44E));
    else return 0;
    struct Row {
        char letter;
        short comma, period, slash;
    };
    static constexpr Row kRows[] = {
        {'C', -56, -56, -28},   {'F', -111, -111, -56}, {'H', -56, -56, -56},
        {'J', -111, -111, -56}, {'K', -56, -56, -56},   {'M', -56, -56, -56},
        {'N', -56, -56, -83},   {'P', -111, -111, -56}, {'S', -56, -56, -56},
        {'T', -56, -56, -28},   {'U', -111, -111, -56}, {'V', -167, -167, -111},
        {'W', -167, -167, -111}, {'X', -56, -56, -83},  {'Y', -167, -167, -111},
        {'Z', -56, -56, -56},   {'f', -56, -56, 0},     {'j', -56, -56, 0},
        {'r', -56, -56, 0},
    };
    for (const Row& r : kRows)
        if (r.letter == letter) return col == 0 ? r.comma : col == 1 ? r.period : r.slash;
    return 0;
}

class Layout {
public:
    explicit Layout(const FontSet& fonts) : fonts_(fonts), upem_(fonts.math().upem()) {}

    Box list(const NodeList& nodes, Style st) const;

private:
    const FontSet& fonts_;
    double upem_;
    mutable double middle_target_ = 0; // size of \middle delimiters in the current \left group

    double size(Style st) const {
        if (st.level <= 1) return kBasePt;
        const C c = st.level == 2 ? HB_OT_MATH_CONSTANT_SCRIPT_PERCENT_SCALE_DOWN
                                  : HB_OT_MATH_CONSTANT_SCRIPT_SCRIPT_PERCENT_SCALE_DOWN;
        return kBasePt * fonts_.constant(c) / 100.0;
    }
    double scale(Style st) const { return size(st) / upem_; }
    double k(C c, Style st) const { return fonts_.constant(c) * scale(st); }
    double axis(Style st) const { return k(HB_OT_MATH_CONSTANT_AXIS_HEIGHT, st); }
    // 1/18 of the quad of the symbol font at the style's size (cmsy7's quad is 8.19 pt).
    double mu(Style st) const { return tex_sigma(6, st.level) / 18.0; }

    Box glyph_box(std::uint32_t glyph, Style st) const {
        const double s = scale(st);
        const GlyphMetrics m = fonts_.math().metrics(glyph);
        Box b;
        b.width = m.advance * s;
        b.height = m.top * s;
        b.depth = -m.bottom * s;
        b.items.push_back({false, FontId::Math, glyph, s, 0, 0, 0, 0});
        return b;
    }

    std::uint32_t glyph_of(char32_t cp, Style st, bool ssty = true) const {
        std::uint32_t g = 0;
        const int level = ssty ? std::max(0, st.level - 1) : 0;
        if (fonts_.math_glyph(cp, level, g)) return g;
        if (fonts_.math_glyph(cp, 0, g)) return g;
        char buf[32];
        std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
        throw MathError("the math font has no glyph for this character", 1, buf);
    }

    // plain TeX's \vdots and \ddots: periods 4 pt apart, 15 pt tall boxes.
    Atom dots(char32_t cp, Style st) const {
        const double f = size(st) / kBasePt;
        const Atom dot = symbol(0x2E, st);
        Atom a;
        if (cp == 0x22EE) {
            for (int i = 0; i < 3; ++i) a.box.append(dot.box, 0, 4.0 * i * f);
            a.box.width = dot.box.width;
        } else {
            const double m = mu(st);
            for (int i = 0; i < 3; ++i)
                a.box.append(dot.box, m + i * (dot.box.width + 2 * m), (7.0 - 3.0 * i) * f);
            a.box.width = 3 * dot.box.width + 6 * m;
        }
        a.box.height = 14.0 * f + dot.box.height;
        a.box.depth = 0;
        return a;
    }

    // cmsy's double bar: two bars further apart than Latin Modern Math's U+2016, drawn as two
    // single bars centred 1.565 and 3.45 pt into TeX's 5 pt box (measured on LaTeX's output).
    Atom double_bar(char32_t cp, Style st) const {
        Atom a = symbol(0x7C, st);
        TexChar t;
        if (!tex_char(cp, st.level, t)) return a;
        const Placed bar = a.box.items[0];
        double lo = 1e300, hi = -1e300;
        for (const Vec2& q : fonts_.math().outline(bar.glyph)) {
            lo = std::min(lo, q.x);
            hi = std::max(hi, q.x);
        }
        const double f = size(st) / kBasePt;
        const double centre = (lo + hi) / 2 * bar.scale * bar.sx;
        a.box.items.clear();
        for (double at : {1.565, 3.45}) {
            Placed p = bar;
            p.x = at * f - centre;
            a.box.items.push_back(p);
        }
        a.box.width = t.width;
        a.box.height = t.height;
        a.box.depth = t.depth;
        a.italic = 0;
        return a; // still a character box for rule 18
    }

    // The outline stretched and moved so that its ink box is TeX's glyph's (cmmi7's wider
    // letters, cmsy's taller \top, cmex's delimiters): Latin Modern's designs differ from
    // Computer Modern's by fractions of a point at the ink's extremes, and at script sizes by
    // the optical sizes Latin Modern Math does not have. Designs that differ by more than a
    // quarter (another shape, not another size) keep their own proportions.
    bool fit_ink(Placed& p, const TexChar& t, double max_ratio = 1.33) const {
        if (!t.ink || p.rule || p.scale <= 0) return false;
        double lo = 1e300, hi = -1e300;
        for (const Vec2& q : fonts_.font(p.font).outline(p.glyph)) {
            lo = std::min(lo, q.x);
            hi = std::max(hi, q.x);
        }
        const GlyphMetrics m = fonts_.font(p.font).metrics(p.glyph);
        if (!(hi > lo) || !(m.top > m.bottom)) return false;
        const double fx = (t.ink_right - t.ink_left) / ((hi - lo) * p.scale);
        const double fy = (t.ink_top - t.ink_bottom) / ((m.top - m.bottom) * p.scale);
        if (!(fx > 1 / max_ratio && fx < max_ratio && fy > 1 / max_ratio && fy < max_ratio))
            return false;
        p.sx = fx;
        p.sy = fy;
        p.x += t.ink_left - lo * p.scale * fx;
        p.y += t.ink_bottom - m.bottom * p.scale * fy;
        return true;
    }

    // TeX's character at another size (cmex10's delimiters and operators at script sizes).
    static TexChar scaled(TexChar t, double f) {
        for (double* v : {&t.width, &t.height, &t.depth, &t.italic, &t.ink_left, &t.ink_bottom,
                          &t.ink_right, &t.ink_top})
            *v *= f;
        return t;
    }

    // The capital a blackboard code point stands for (U+1D538.. and Unicode's holes), or 0.
    static char32_t msbm_capital(char32_t cp) {
        if (cp >= 0x1D538 && cp <= 0x1D551) return U'A' + (cp - 0x1D538);
        switch (cp) {
        case 0x2102: return U'C';
        case 0x210D: return U'H';
        case 0x2115: return U'N';
        case 0x2119: return U'P';
        case 0x211A: return U'Q';
        case 0x211D: return U'R';
        case 0x2124: return U'Z';
        default: return 0;
        }
    }

    Atom symbol(char32_t cp, Style st) const {
        if (cp == 0x22EE || cp == 0x22F1) return dots(cp, st);
        if (cp == 0x2016 || cp == 0x2225) return double_bar(cp, st);
        Atom a;
        a.glyph = glyph_of(cp, st);
        a.box = glyph_box(a.glyph, st);
        a.italic = fonts_.italic_correction(a.glyph) * scale(st);
        a.is_char = true;
        a.glyph_scale = scale(st);
        if (const char32_t letter = msbm_capital(cp); letter != 0) {
            // amssymb's \mathbb is msbm's letters (open strokes, a double stem only on one
            // side); Latin Modern Math's double-struck alphabet is another design. Drawn from
            // msbm10 and fitted below to TeX's msbm ink at the style's size.
            const Font& bb = fonts_.font(FontId::Blackboard);
            std::uint32_t g = 0;
            if (bb.glyph_of(letter, g))
                a.box.items[0] = Placed{false, FontId::Blackboard, g, size(st) / bb.upem(), 0, 0, 0, 0};
        }
        TexChar t;
        if (tex_char(cp, st.level, t)) {
            // TeX's box for the character; the outline widened as TeX's small sizes are.
            a.box.width = t.width;
            a.box.height = t.height;
            a.box.depth = t.depth;
            a.italic = t.italic;
            double widen = t.widen;
            const bool fitted = cp != 0x2032 && fit_ink(a.box.items[0], t);
            if (fitted) widen = 1;
            if (!fitted && st.level >= 2) {
                const std::uint32_t plain = glyph_of(cp, Style{0, false});
                const double own = fonts_.math().metrics(a.glyph).advance;
                const double base = fonts_.math().metrics(plain).advance;
                if (own > 0 && base > 0) widen *= base / own;
            }
            if (widen != 1) {
                // The small sizes' extra width is part ink, part side bearings: widen the
                // outline by half of it and centre it in TeX's box.
                const double ink_widen = 1 + kInkWidenShare * (widen - 1);
                const double adv = fonts_.math().metrics(a.glyph).advance * a.glyph_scale;
                a.box.items[0].sx = ink_widen;
                a.box.items[0].x = (adv * widen - adv * ink_widen) / 2;
            }
            if (cp == 0x2032 && st.level >= 2) {
                // TeX's \prime is a big glyph that only superscripting makes small; Latin
                // Modern Math's U+2032 is the small raised one. Scale it to cmsy's ink (about
                // 9/10 of its box height) and hang it from the box's top.
                const GlyphMetrics m = fonts_.math().metrics(a.glyph);
                if (m.top > m.bottom) {
                    const double s2 = 0.9 * t.height / (m.top - m.bottom);
                    Placed& p = a.box.items[0];
                    p.scale = s2;
                    p.sx = 1;
                    p.x = (t.width - m.advance * s2) / 2;
                    p.y = t.height - m.top * s2;
                }
            }
        } else if (const char32_t base = negated_base(cp); base != 0 && tex_char(base, st.level, t)) {
            // \not: a zero-width slash (cmsy's, 0.694 em high, 0.194 em deep) over the relation.
            const double em = size(st);
            a.box.width = t.width;
            a.box.height = std::max(t.height, 0.694445 * em);
            a.box.depth = std::max(t.depth, 0.194445 * em);
            a.italic = 0;
            // Drawn as TeX draws it: the relation, and over its middle a slash from the
            // slash's depth to its height.
            const std::uint32_t bg = glyph_of(base, st);
            const std::uint32_t sg = glyph_of(0x2F, st);
            const GlyphMetrics bm = fonts_.math().metrics(bg);
            const GlyphMetrics sm = fonts_.math().metrics(sg);
            TexChar slash;
            Placed sp{false, FontId::Math, sg, scale(st), 0, 0, 0, 0};
            if (tex_not_slash(st.level, slash) && fit_ink(sp, slash, 1.5)) {
                // As TeX sets \not=: cmsy's zero-width slash at the relation's left edge (its
                // ink, from the AFM, reaches past its box), then the relation itself (the
                // order dvisvgm writes them in). A straight stroke: a wider allowance.
                const Atom rel = symbol(base, st);
                a.box.items.assign(1, sp);
                a.box.items.insert(a.box.items.end(), rel.box.items.begin(), rel.box.items.end());
            } else if (sm.top > sm.bottom) {
                const double s0 = scale(st);
                const double s2 = 0.888890 * em / (sm.top - sm.bottom);
                a.box.items.clear();
                a.box.items.push_back({false, FontId::Math, bg, s0, (t.width - bm.advance * s0) / 2,
                                       0, 0, 0});
                a.box.items.push_back({false, FontId::Math, sg, s2,
                                       t.width / 2 - (sm.advance / 2) * s2,
                                       -0.194445 * em - sm.bottom * s2, 0, 0});
            }
        } else if (const double w = long_arrow_width(cp); w > 0 && st.level <= 1) {
            // TeX builds the long arrows from an arrow and a bar (\joinrel): their widths.
            a.box.items[0].sx = w / a.box.width;
            a.box.width = w;
        }
        return a;
    }

    static char32_t negated_base(char32_t cp) {
        switch (cp) {
        case 0x2260: return 0x3D;
        case 0x2209: return 0x2208;
        case 0x2284: return 0x2282;
        case 0x2285: return 0x2283;
        case 0x2288: return 0x2286;
        case 0x2289: return 0x2287;
        case 0x2262: return 0x2261;
        case 0x226E: return 0x3C;
        case 0x226F: return 0x3E;
        case 0x2270: return 0x2264;
        case 0x2271: return 0x2265;
        case 0x2241: return 0x223C;
        case 0x2244: return 0x2243;
        case 0x2249: return 0x2248;
        case 0x220C: return 0x220B;
        default: return 0;
        }
    }

    static double long_arrow_width(char32_t cp) {
        switch (cp) {
        case 0x27F5: case 0x27F6: case 0x27F8: case 0x27F9: case 0x27FC: return 16.11113;
        case 0x27F7: case 0x27FA: return 18.33336;
        default: return 0;
        }
    }

    Box text(const std::string& s, FontId font_id, Style st) const {
        // A run holding a logo: the pieces side by side (each shaped alone, as the macros'
        // kerns and boxes break the run in TeX too).
        for (const std::string_view logo : {kLaTeXLogo, kTeXLogo}) {
            const std::size_t at = s.find(logo);
            if (at == std::string::npos) continue;
            Box b;
            double x = 0;
            for (const Box& piece : {text(s.substr(0, at), font_id, st), this->logo(logo == kLaTeXLogo, font_id, st),
                                     text(s.substr(at + logo.size()), font_id, st)}) {
                b.append(piece, x, 0);
                b.height = std::max(b.height, piece.height);
                b.depth = std::max(b.depth, piece.depth);
                x += piece.width;
            }
            b.width = x;
            return b;
        }
        const Font& font = fonts_.font(font_id);
        const double px = (st.level <= 1 ? kBasePt : size(st)) / font.upem();
        double advance = 0;
        Box b;
        for (const ShapedGlyph& g : font.shape(s, advance)) {
            const GlyphMetrics m = font.metrics(g.glyph);
            if (m.top > m.bottom) {
                b.height = std::max(b.height, (m.top + g.y) * px);
                b.depth = std::max(b.depth, -(m.bottom + g.y) * px);
                b.items.push_back({false, font_id, g.glyph, px, g.x * px, g.y * px, 0, 0});
            }
        }
        b.width = advance * px;
        {
            // TeX's box of the text: its characters' TFM heights and depths (cmr), not the ink.
            double h = 0, d = 0;
            bool all = !s.empty();
            for (unsigned char c : s) {
                TexChar t;
                if (c == ' ') continue;
                if (c >= 0x80 || !tex_char(c, st.level, t)) {
                    all = false;
                    break;
                }
                h = std::max(h, t.height);
                d = std::max(d, t.depth);
            }
            if (all) {
                b.height = h;
                b.depth = d;
            }
        }
        if (st.level >= 2 && font_id != FontId::Math) {
            // TeX sets text in scripts in cmr7 / cmr5, wider than cmr10 scaled down.
            double tex = 0, base = 0;
            for (unsigned char c : s) {
                TexChar small, big;
                if (c < 0x80 && tex_char(c, st.level, small) && tex_char(c, 0, big)) {
                    tex += small.width;
                    base += big.width * size(st) / kBasePt;
                }
            }
            if (tex > 0 && base > 0) {
                const double widen = tex / base;
                for (Placed& p : b.items) {
                    p.x *= widen;
                    p.sx = widen;
                }
                b.width *= widen;
            }
        }
        return b;
    }

    // LaTeX's logos (latex.ltx): \TeX is T\kern-.1667em\lower.5ex\hbox{E}\kern-.125emX;
    // \LaTeX is L\kern-.36em, an A in \sf@size (7 pt at 10 pt) whose top is T's, \kern-.15em,
    // then \TeX. Ems and exes are the text font's at this size.
    Box logo(bool latex, FontId font_id, Style st) const {
        const double em = st.level <= 1 ? kBasePt : size(st);
        auto tfm_height = [&](char c, int level) {
            TexChar t;
            return tex_char(static_cast<unsigned char>(c), level, t) ? t.height : 0.0;
        };
        Box b;
        double x = 0;
        auto put = [&](const Box& piece, double dy) {
            b.append(piece, x, dy);
            b.height = std::max(b.height, piece.height + dy);
            b.depth = std::max(b.depth, piece.depth - dy);
            x += piece.width;
        };
        if (latex) {
            put(text("L", font_id, st), 0);
            x -= 0.36 * em;
            // \sf@size: 7 pt at 10 pt, 5 pt at 7 pt; the script style gives cmr7's (cmr5's)
            // widths, and the outline is scaled to that size's height.
            const Style small{st.level <= 1 ? 2 : 3, st.cramped};
            Box a = text("A", font_id, small);
            const double f = (st.level <= 1 ? 7.0 : 5.0) / size(small);
            for (Placed& p : a.items) p.sy *= f;
            put(a, tfm_height('T', st.level) - tfm_height('A', small.level));
            x -= 0.15 * em;
        }
        put(text("T", font_id, st), 0);
        x -= 0.1667 * em;
        put(text("E", font_id, st), -0.5 * tfm_height('x', st.level));
        x -= 0.125 * em;
        put(text("X", font_id, st), 0);
        b.width = x;
        return b;
    }

    // The nucleus box; character boxes carry their italic correction separately.
    Atom field(const Field& f, Style st) const {
        switch (f.kind) {
        case Field::Kind::Empty: return {};
        case Field::Kind::Symbol: return symbol(f.cp, st);
        case Field::Kind::List: {
            Atom a;
            a.box = list(f.list, st);
            return a;
        }
        case Field::Kind::Text: {
            Atom a;
            a.box = text(f.text, f.text_font, st);
            return a;
        }
        }
        return {};
    }

    // A field as a finished box (italic correction included), e.g. a script or numerator.
    Box clean_box(const Field& f, Style st) const {
        Atom a = field(f, st);
        a.box.width += a.italic;
        return a.box;
    }

    // A delimiter (or radical) at least `target` tall: a size variant or an assembly.
    Box stretchy(char32_t cp, double target, Style st) const {
        const std::uint32_t base = glyph_of(cp, st, false);
        const double s = scale(st);
        const double em = size(st);
        auto variants = fonts_.variants(base, true);
        if (variants.empty()) variants.emplace_back(base, 0);
        // TeX's chain: the small character (its TFM box), cmex's 1.2/1.8/2.4/3 em sizes (none
        // for bars), then the extensible recipe.
        const bool bar = cp == 0x7C || cp == 0x2016 || cp == 0x2223 || cp == 0x2225;
        for (std::size_t i = 0; i < variants.size(); ++i) {
            const auto& [g, adv] = variants[i];
            double total;
            if (i == 0) {
                TexChar t;
                const GlyphMetrics m = fonts_.math().metrics(g);
                total = tex_char(cp, 0, t) ? (t.height + t.depth) * em / kBasePt
                                           : (m.top - m.bottom) * s;
            } else {
                if (bar || !tex_delimiter_size(adv / upem_)) continue;
                total = adv * s;
            }
            if (total >= target) {
                Box b = glyph_box(g, st);
                // TeX's width for the size: the small character's or cmex's.
                TexChar t;
                const int size_index = i == 0 ? -1 : tex_size_index(adv / upem_);
                const bool known = i == 0 ? tex_char(cp, st.level, t)
                                          : tex_delimiter(cp, size_index, t);
                if (known) {
                    if (size_index >= 0) t = scaled(t, em / kBasePt);
                    if (fit_ink(b.items[0], t)) {
                        // TeX's box of the glyph (a radical's top is its rule's top).
                        b.height = t.height;
                        b.depth = t.depth;
                    } else {
                        b.items[0].x = (t.width - b.width) / 2;
                    }
                    b.width = t.width;
                }
                return b;
            }
        }
        const std::vector<AssemblyPart> parts = fonts_.assembly(base, true);
        if (parts.empty()) return glyph_box(variants.back().first, st);
        // cmex's recipes grow in steps of 0.6 em from their fixed pieces (3.6 em for
        // parentheses, brackets and braces, 2.4 em for the radical, none for bars).
        const double step = 0.6 * em;
        double fixed = 3.6 * em;
        if (bar) fixed = 0;
        if (cp == 0x221A) fixed = 2.4 * em;
        double quantized = fixed;
        while (quantized < target - 1e-9 && quantized < target + 1000 * step) quantized += step;
        Box b = assemble(parts, quantized, st);
        TexChar t;
        if (tex_delimiter(cp, 4, t)) {
            const double w = t.width * em / kBasePt;
            for (Placed& p : b.items) p.x += (w - b.width) / 2;
            b.width = w;
        }
        return b;
    }

    static int tex_size_index(double em) {
        const double sizes[4] = {1.2, 1.8, 2.4, 3.0};
        for (int i = 0; i < 4; ++i)
            if (std::abs(em - sizes[i]) < 0.02) return i;
        return -1;
    }

    // OpenType glyph assembly: parts bottom to top, extenders repeated, overlaps shared out.
    Box assemble(const std::vector<AssemblyPart>& parts, double target, Style st) const {
        const double s = scale(st);
        const AssemblyRun run = assembly_run(parts, target, s, fonts_.min_connector_overlap(true) * s);
        const std::vector<const AssemblyPart*>& seq = run.seq;
        const double overlap = run.overlap;
        Box b;
        double y = 0;
        double bottom = 0;
        for (std::size_t i = 0; i < seq.size(); ++i) {
            const GlyphMetrics m = fonts_.math().metrics(seq[i]->glyph);
            if (i == 0) bottom = m.bottom * s;
            b.items.push_back({false, FontId::Math, seq[i]->glyph, s, 0, y - bottom, 0, 0});
            b.width = std::max(b.width, m.advance * s);
            y += seq[i]->full_advance * s - (i + 1 < seq.size() ? overlap : 0);
        }
        // The stack starts at 0 with its first part's bottom; put the whole on the baseline.
        b.height = y;
        b.depth = 0;
        return b;
    }

    // A delimiter of a given size centred on the axis (TeX's var_delimiter).
    Box delimiter(char32_t cp, double target, Style st) const {
        if (cp == 0) {
            Box b;
            b.width = kNullDelimiterSpace;
            return b;
        }
        Box d = stretchy(cp, target, st);
        const double shift = (d.height - d.depth) / 2 - axis(st);
        Box out;
        out.width = d.width;
        out.height = d.height - shift;
        out.depth = d.depth + shift;
        out.append(d, 0, -shift);
        return out;
    }

    Atom op(const Node& n, Style st) const {
        Atom a;
        a.cls = AtomClass::Op;
        double delta = 0;
        if (n.nucleus.kind == Field::Kind::Symbol) {
            std::uint32_t g = glyph_of(n.nucleus.cp, st);
            if (st.display()) {
                const double min_h = k(HB_OT_MATH_CONSTANT_DISPLAY_OPERATOR_MIN_HEIGHT, st);
                auto variants = fonts_.variants(g, true);
                for (const auto& [v, adv] : variants) {
                    const GlyphMetrics m = fonts_.math().metrics(v);
                    g = v;
                    if ((m.top - m.bottom) * scale(st) >= min_h) break;
                }
            }
            Box gb = glyph_box(g, st);
            delta = fonts_.italic_correction(g) * scale(st);
            // TeX centres cmex's box (not the ink) on the axis.
            const double shift = (gb.height - gb.depth) / 2 - axis(st);
            a.box.width = gb.width;
            a.box.height = gb.height - shift;
            a.box.depth = gb.depth + shift;
            // The ink is centred on the axis as TeX centres it; the box is cmex's (TeX's
            // boxes of big operators have room above and below the ink).
            TexChar t;
            if (st.level <= 1 && tex_operator(n.nucleus.cp, st.display(), t)) {
                // cmex's width and italic correction (the advance includes it, as OpenType's)
                delta = t.italic;
                a.box.width = t.width + t.italic;
                const double tex_shift = (t.height - t.depth) / 2 - axis(st);
                a.box.height = std::max(a.box.height, t.height - tex_shift);
                a.box.depth = std::max(a.box.depth, t.depth + tex_shift);
            }
            a.box.append(gb, 0, -shift);
            a.glyph = g;
            a.glyph_scale = scale(st);
        } else {
            a = field(n.nucleus, st);
            a.box.width += a.italic;
            a.italic = 0;
            a.is_char = false;
            a.cls = AtomClass::Op;
        }
        const bool limits =
            n.limits == Limits::Always || (n.limits == Limits::Display && st.display());
        if (!limits || (!n.sup && !n.sub)) {
            // Scripts beside the operator. The MATH table's big operators include the italic
            // correction in their advance (OpenType's convention): the superscript goes at the
            // advance, the subscript that much further left.
            a.italic = 0;
            a.sub_shift = -delta;
            a.is_char = false;
            return a;
        }
        // Rule 13a: limits centred above and below, shifted by half the italic correction.
        Box x = a.box;
        Box y, z;
        if (n.sup) y = clean_box(*n.sup, st.sup());
        if (n.sub) z = clean_box(*n.sub, st.sub());
        const double w = std::max({x.width, n.sup ? y.width : 0.0, n.sub ? z.width : 0.0});
        Box out;
        out.width = w;
        out.height = x.height;
        out.depth = x.depth;
        if (n.sup) {
            const double gap = std::max(kBigOpSpacing1, kBigOpSpacing3 - y.depth);
            const double base = x.height + gap + y.depth;
            out.append(y, (w - y.width) / 2 + delta / 2, base);
            out.height = base + y.height + kBigOpSpacing5;
        }
        out.append(x, (w - x.width) / 2, 0);
        if (n.sub) {
            const double gap = std::max(kBigOpSpacing2, kBigOpSpacing4 - z.height);
            const double base = x.depth + gap + z.height;
            out.append(z, (w - z.width) / 2 - delta / 2, -base);
            out.depth = base + z.depth + kBigOpSpacing5;
        }
        Atom r;
        r.box = std::move(out);
        r.cls = AtomClass::Op;
        return r;
    }

    Box fraction(const Node& n, Style outer) const {
        Style st = outer;
        if (n.level == 0) st = Style{0, outer.cramped};
        if (n.level == 1) st = Style{1, outer.cramped};
        if (!n.bar) return stack_fraction(n, st);
        const Box num = clean_box(n.nucleus, st.num());
        const Box den = clean_box(n.second, st.den());
        const bool d = st.display();
        double u = k(d ? HB_OT_MATH_CONSTANT_FRACTION_NUMERATOR_DISPLAY_STYLE_SHIFT_UP
                       : HB_OT_MATH_CONSTANT_FRACTION_NUMERATOR_SHIFT_UP,
                     st);
        double v = k(d ? HB_OT_MATH_CONSTANT_FRACTION_DENOMINATOR_DISPLAY_STYLE_SHIFT_DOWN
                       : HB_OT_MATH_CONSTANT_FRACTION_DENOMINATOR_SHIFT_DOWN,
                     st);
        const double theta = k(HB_OT_MATH_CONSTANT_FRACTION_RULE_THICKNESS, st);
        const double gap_num = k(d ? HB_OT_MATH_CONSTANT_FRACTION_NUM_DISPLAY_STYLE_GAP_MIN
                                   : HB_OT_MATH_CONSTANT_FRACTION_NUMERATOR_GAP_MIN,
                                 st);
        const double gap_den = k(d ? HB_OT_MATH_CONSTANT_FRACTION_DENOM_DISPLAY_STYLE_GAP_MIN
                                   : HB_OT_MATH_CONSTANT_FRACTION_DENOMINATOR_GAP_MIN,
                                 st);
        const double a = axis(st);
        if (const double clr = (u - num.depth) - (a + theta / 2); clr < gap_num) u += gap_num - clr;
        if (const double clr = (a - theta / 2) - (den.height - v); clr < gap_den)
            v += gap_den - clr;
        const double w = std::max(num.width, den.width);
        Box b;
        const double x0 = kNullDelimiterSpace;
        b.width = w + 2 * kNullDelimiterSpace;
        b.height = u + num.height;
        b.depth = v + den.depth;
        b.append(num, x0 + (w - num.width) / 2, u);
        b.items.push_back({true, FontId::Math, 0, 0, x0, a - theta / 2, w, theta});
        b.append(den, x0 + (w - den.width) / 2, -v);
        return b;
    }


    // \binom: rule 15 without a bar (the MATH table's stack constants), delimiters of TeX's
    // delim1 (display) or delim2 size around it.
    Box stack_fraction(const Node& n, Style st) const {
        const Box num = clean_box(n.nucleus, st.num());
        const Box den = clean_box(n.second, st.den());
        const bool d = st.display();
        double u = k(d ? HB_OT_MATH_CONSTANT_STACK_TOP_DISPLAY_STYLE_SHIFT_UP
                       : HB_OT_MATH_CONSTANT_STACK_TOP_SHIFT_UP, st);
        double v = k(d ? HB_OT_MATH_CONSTANT_STACK_BOTTOM_DISPLAY_STYLE_SHIFT_DOWN
                       : HB_OT_MATH_CONSTANT_STACK_BOTTOM_SHIFT_DOWN, st);
        const double phi = k(d ? HB_OT_MATH_CONSTANT_STACK_DISPLAY_STYLE_GAP_MIN
                               : HB_OT_MATH_CONSTANT_STACK_GAP_MIN, st);
        const double clr = (u - num.depth) - (den.height - v);
        if (clr < phi) {
            u += (phi - clr) / 2;
            v += (phi - clr) / 2;
        }
        const double w = std::max(num.width, den.width);
        Box inner;
        inner.width = w;
        inner.height = u + num.height;
        inner.depth = v + den.depth;
        inner.append(num, (w - num.width) / 2, u);
        inner.append(den, (w - den.width) / 2, -v);
        const double target = tex_sigma(d ? 20 : 21, st.level);
        const Box l = delimiter(n.left, target, st);
        const Box r = delimiter(n.right, target, st);
        Box b;
        b.append(l, 0, 0);
        b.append(inner, l.width, 0);
        b.append(r, l.width + w, 0);
        b.width = l.width + w + r.width;
        b.height = std::max({l.height, inner.height, r.height});
        b.depth = std::max({l.depth, inner.depth, r.depth});
        return b;
    }

    // A horizontally stretched glyph at least `target` wide: a size variant or an assembly.
    Box hstretchy(char32_t cp, double target, Style st) const {
        const std::uint32_t base = glyph_of(cp, st, false);
        const double s = scale(st);
        auto variants = fonts_.variants(base, false);
        if (variants.empty()) variants.emplace_back(base, 0);
        for (const auto& [g, adv] : variants)
            if (fonts_.math().metrics(g).advance * s >= target) return glyph_box(g, st);
        const std::vector<AssemblyPart> parts = fonts_.assembly(base, false);
        if (parts.empty()) return glyph_box(variants.back().first, st);
        const AssemblyRun run = assembly_run(parts, target, s, fonts_.min_connector_overlap(false) * s);
        const std::vector<const AssemblyPart*>& seq = run.seq;
        const double overlap = run.overlap;
        Box b;
        b.height = -1e300;
        b.depth = -1e300;
        double x = 0;
        for (std::size_t i = 0; i < seq.size(); ++i) {
            const GlyphMetrics m = fonts_.math().metrics(seq[i]->glyph);
            b.items.push_back({false, FontId::Math, seq[i]->glyph, s, x, 0, 0, 0});
            b.height = std::max(b.height, m.top * s);
            b.depth = std::max(b.depth, -m.bottom * s);
            x += seq[i]->full_advance * s - (i + 1 < seq.size() ? overlap : 0);
        }
        b.width = x;
        return b;
    }

    // \overbrace / \underbrace as plain TeX builds them: the content, a 3 pt kern, a row of
    // cmex brace pieces (\downbracefill / \upbracefill, the row 0.12 em high), a 3 pt kern;
    // the pieces' ink (their AFM boxes) reaches 0.214 em below and 0.334 em above the row's
    // baseline and 0.024 em beyond its ends. Latin Modern's brace is fitted to that ink.
    Box brace(const Node& n, Style st) const {
        const Box x = clean_box(n.nucleus, Style{0, st.cramped});
        Box br = hstretchy(n.wide ? 0x23DE : 0x23DF, x.width, Style{0, false});
        constexpr double kKern = 3.0, kRow = 1.19998, kBelow = 2.14, kAbove = 3.34, kBeyond = 0.24;
        // The row is as wide as the content, at least its four pieces (4 x 0.45 em).
        const double w = std::max(x.width, 4 * 4.50005);
        const double cx = (w - x.width) / 2;
        // Target ink box of the brace, relative to the formula's baseline.
        const double base = n.wide ? x.height + kKern : -(x.depth + kKern + kRow);
        const double y0 = base - kBelow;
        const double y1 = base + kAbove;
        // Latin Modern's brace ink: vertical from the box (height = ink top, depth = -(ink
        // bottom)), horizontal from the outlines.
        double ix0 = 1e300, ix1 = -1e300;
        for (const Placed& p : br.items) {
            if (p.rule) {
                ix0 = std::min(ix0, p.x);
                ix1 = std::max(ix1, p.x + p.w);
                continue;
            }
            for (const Vec2& q : fonts_.font(p.font).outline(p.glyph)) {
                ix0 = std::min(ix0, p.x + q.x * p.scale * p.sx);
                ix1 = std::max(ix1, p.x + q.x * p.scale * p.sx);
            }
        }
        const double ink_h = br.height + br.depth;
        Box b;
        b.width = w;
        if (ix1 > ix0 && ink_h > 0) {
            const double fx = (w + 2 * kBeyond) / (ix1 - ix0);
            const double fy = (y1 - y0) / ink_h;
            for (Placed p : br.items) {
                p.x = -kBeyond + (p.x - ix0) * fx;
                p.y = y0 + (p.y + br.depth) * fy;
                if (p.rule) {
                    p.w *= fx;
                    p.h *= fy;
                } else {
                    p.sx *= fx;
                    p.sy *= fy;
                }
                b.items.push_back(p);
            }
        }
        if (n.wide) {
            // The brace first, then the content (the order dvisvgm writes them).
            b.append(x, cx, 0);
            b.height = x.height + 2 * kKern + kRow;
            b.depth = x.depth;
        } else {
            Box under;
            under.append(x, cx, 0);
            for (const Placed& p : b.items) under.items.push_back(p);
            b.items = std::move(under.items);
            b.height = x.height;
            b.depth = x.depth + 2 * kKern + kRow;
        }
        return b;
    }

    // amsmath's \xrightarrow: an arrow as wide as its labels plus 5mu and 9mu (script mu), at
    // least \rightarrow's width; \rightarrowfill@ is the arrow's head at one end and the
    // minus sign's bar (a rule on the axis) along the rest. Labels as limits.
    Atom xarrow(const Node& n, Style st) const {
        const Style ss = st.sup();
        Box top, bottom;
        if (n.nucleus.kind != Field::Kind::Empty) top = clean_box(n.nucleus, ss);
        if (n.second.kind != Field::Kind::Empty) bottom = clean_box(n.second, st.sub());
        const double pad = 14 * mu(ss);
        const Atom head = symbol(n.accent, st);
        const double w = std::max({top.width + pad, bottom.width + pad, head.box.width});
        Box x;
        x.width = w;
        x.height = head.box.height;
        x.depth = head.box.depth;
        const bool right = n.accent == 0x2192;
        const double bar_inset = 0.83 * size(st) / kBasePt; // the minus sign's side bearing
        const double shaft = w - head.box.width;
        if (shaft > 0) {
            const double x0 = right ? bar_inset : head.box.width - 1.0;
            const double x1 = right ? shaft + 1.0 : w - bar_inset;
            x.items.push_back({true, FontId::Math, 0, 0, x0, axis(st) - kRuleThickness / 2,
                               x1 - x0, kRuleThickness});
        }
        x.append(head.box, right ? shaft : 0, 0);
        return limits_of(x, n.nucleus.kind != Field::Kind::Empty ? &top : nullptr,
                         n.second.kind != Field::Kind::Empty ? &bottom : nullptr, 0, st,
                         AtomClass::Rel, 5 * mu(ss), 9 * mu(ss));
    }

    // Rule 13a with finished limit boxes; `pre`/`post` pad the limits (xarrow's mkerns).
    Atom limits_of(const Box& x, const Box* y, const Box* z, double delta, Style,
                   AtomClass cls, double pre = 0, double post = 0) const {
        const double yw = y ? y->width + pre + post : 0.0;
        const double zw = z ? z->width + pre + post : 0.0;
        const double w = std::max({x.width, yw, zw});
        Box out;
        out.width = w;
        out.height = x.height;
        out.depth = x.depth;
        if (y) {
            const double gap = std::max(kBigOpSpacing1, kBigOpSpacing3 - y->depth);
            const double base = x.height + gap + y->depth;
            out.append(*y, (w - yw) / 2 + pre + delta / 2, base);
            out.height = base + y->height + kBigOpSpacing5;
        }
        out.append(x, (w - x.width) / 2, 0);
        if (z) {
            const double gap = std::max(kBigOpSpacing2, kBigOpSpacing4 - z->height);
            const double base = x.depth + gap + z->height;
            out.append(*z, (w - zw) / 2 + pre - delta / 2, -base);
            out.depth = base + z->depth + kBigOpSpacing5;
        }
        Atom r;
        r.box = std::move(out);
        r.cls = cls;
        return r;
    }

    // \boxed: \fbox with \fboxsep 3 pt and \fboxrule 0.4 pt around a display-style box.
    Box boxed(const Node& n, Style st) const {
        const Box x = clean_box(n.nucleus, Style{0, st.cramped});
        constexpr double sep = 3.0, rule = 0.4;
        Box b;
        b.width = x.width + 2 * (sep + rule);
        b.height = x.height + sep + rule;
        b.depth = x.depth + sep + rule;
        b.items.push_back({true, FontId::Math, 0, 0, 0, -b.depth, b.width, rule});
        b.items.push_back({true, FontId::Math, 0, 0, 0, -b.depth, rule, b.height + b.depth});
        b.items.push_back({true, FontId::Math, 0, 0, b.width - rule, -b.depth, rule,
                           b.height + b.depth});
        b.items.push_back({true, FontId::Math, 0, 0, 0, b.height - rule, b.width, rule});
        b.append(x, sep + rule, 0);
        return b;
    }

    // \big( ...: \left( \vbox to H{} \right. with no null delimiter space.
    Box big_delimiter(char32_t cp, double height, Style st) const {
        const double a = axis(st);
        const double d1 = std::max(height - a, a);
        const double target = std::max(d1 / 500.0 * kDelimiterFactor, 2 * d1 - kDelimiterShortfall);
        if (cp == 0) return Box{};
        return delimiter(cp, target, st);
    }

    Box radical(const Node& n, Style st) const {
        const Box x = clean_box(n.nucleus, st.cramp());
        const double theta = k(HB_OT_MATH_CONSTANT_RADICAL_RULE_THICKNESS, st);
        double gap = k(st.display() ? HB_OT_MATH_CONSTANT_RADICAL_DISPLAY_STYLE_VERTICAL_GAP
                                    : HB_OT_MATH_CONSTANT_RADICAL_VERTICAL_GAP,
                       st);
        const double target = x.height + x.depth + gap + theta;
        const Box sign = stretchy(0x221A, target, st);
        const double total = sign.height + sign.depth;
        if (total > target) gap += (total - target) / 2;
        // The sign's top is the rule's top.
        const double rule_bottom = x.height + gap;
        const double sign_shift = rule_bottom + theta - sign.height;
        Box b;
        double x0 = 0;
        if (n.second.kind != Field::Kind::Empty) {
            const Box deg = clean_box(n.second, Style{3, false});
            const double before = k(HB_OT_MATH_CONSTANT_RADICAL_KERN_BEFORE_DEGREE, st);
            const double after = k(HB_OT_MATH_CONSTANT_RADICAL_KERN_AFTER_DEGREE, st);
            const double raise =
                fonts_.constant(HB_OT_MATH_CONSTANT_RADICAL_DEGREE_BOTTOM_RAISE_PERCENT) / 100.0 *
                total;
            const double deg_y = sign_shift - sign.depth + raise;
            b.append(deg, before, deg_y);
            b.height = std::max(b.height, deg_y + deg.height);
            x0 = std::max(0.0, before + deg.width + after);
        }
        b.append(sign, x0, sign_shift);
        b.items.push_back({true, FontId::Math, 0, 0, x0 + sign.width, rule_bottom, x.width, theta});
        b.append(x, x0 + sign.width, 0);
        b.width = x0 + sign.width + x.width;
        b.height = std::max(b.height, rule_bottom + theta +
                                          k(HB_OT_MATH_CONSTANT_RADICAL_EXTRA_ASCENDER, st));
        b.depth = std::max(x.depth, sign.depth - sign_shift);
        return b;
    }

    Box left_right(char32_t left, char32_t right, const Box& body, Style st) const {
        const double a = axis(st);
        const double d1 = std::max(body.height - a, body.depth + a);
        const double target = std::max(d1 / 500.0 * kDelimiterFactor, 2 * d1 - kDelimiterShortfall);
        const Box l = delimiter(left, target, st);
        const Box r = delimiter(right, target, st);
        Box b;
        b.append(l, 0, 0);
        b.append(body, l.width, 0);
        b.append(r, l.width + body.width, 0);
        b.width = l.width + body.width + r.width;
        b.height = std::max({l.height, body.height, r.height});
        b.depth = std::max({l.depth, body.depth, r.depth});
        return b;
    }

    // Rule 12. With `scripts`, a character nucleus takes the node's scripts first, as TeX does
    // (the accent then goes over the character, the scripts beside it).
    Box accent(const Node& n, Style st, bool scripts_inside) const {
        Atom x = field(n.nucleus, st.cramp());
        const double s = scale(st);
        double attach_x = x.box.width / 2;
        if (x.is_char) attach_x = fonts_.top_accent(x.glyph) * x.glyph_scale;
        // TeX measures the accent's raise on the character even when scripts join it.
        const double base_height = x.box.height;
        if (scripts_inside) x = scripts(std::move(x), n, st);
        std::uint32_t g = glyph_of(n.accent, st);
        TexChar wide;
        double wide_xheight = 0;
        if (n.wide && st.level <= 1 &&
            tex_wide_accent(n.accent, x.box.width, wide, wide_xheight)) {
            // LaTeX's \widehat/\widetilde (amsfonts): TeX's character for the nucleus's width,
            // drawn as the Latin Modern size nearest its ink and fitted to it; rule 12 puts
            // its box's baseline at the nucleus's height less the x-height, centred (skewed).
            Placed best{};
            double best_err = 1e300;
            const double ink_w = wide.ink_right - wide.ink_left;
            for (const auto& [v, adv] : fonts_.variants(g, false)) {
                double lo = 1e300, hi = -1e300;
                for (const Vec2& q : fonts_.math().outline(v)) {
                    lo = std::min(lo, q.x);
                    hi = std::max(hi, q.x);
                }
                if (!(hi > lo)) continue;
                const double err = std::abs(std::log((hi - lo) * s / ink_w));
                if (err < best_err) {
                    best_err = err;
                    best = Placed{false, FontId::Math, v, s, 0, 0, 0, 0};
                }
            }
            // msbm's wide hats are taller, cmex's wide tildes flatter than Latin Modern's: a
            // wider allowance (a stroke, scaled).
            if (best.scale > 0 && fit_ink(best, wide, 2.0)) {
                const double raise = base_height - std::min(base_height, wide_xheight);
                Box b;
                b.items.push_back(best);
                Box acc_box = b;
                b = Box{};
                b.append(acc_box, attach_x - wide.width / 2, raise);
                b.append(x.box, 0, 0);
                b.width = x.box.width + x.italic;
                b.height = std::max(x.box.height, raise + wide.height);
                b.depth = x.box.depth;
                return b;
            }
        }
        if (n.wide) {
            for (const auto& [v, adv] : fonts_.variants(g, false)) {
                if (fonts_.math().metrics(v).advance * s > x.box.width * 1.1) break;
                g = v;
            }
        }
        const Box acc = glyph_box(g, st);
        const double attach_acc = fonts_.top_accent(g) * s;
        const double delta =
            std::min(base_height, k(HB_OT_MATH_CONSTANT_ACCENT_BASE_HEIGHT, st));
        double raise = base_height - delta;
        double top = raise + acc.height;
        TexChar t;
        if (!n.wide && tex_char(n.accent, st.level, t)) {
            // Rule 12 with TeX's numbers: the accent's box (cmr's) raised by the base's height
            // less the x-height, its ink reaching the top of that box.
            const double tex_raise = base_height - std::min(base_height, tex_sigma(5, st.level));
            top = tex_raise + t.height;
            raise = top - acc.height;
        }
        Box b;
        b.append(acc, attach_x - attach_acc, raise);
        b.append(x.box, 0, 0);
        b.width = x.box.width + x.italic;
        b.height = std::max(x.box.height, top);
        b.depth = x.box.depth;
        return b;
    }

    // Arrays: pmatrix & co. (LaTeX's array: struts, \arraycolsep), cases (arraystretch 1.2,
    // left-aligned, \quad between columns), aligned (display style, r/l pairs, amsmath's strut
    // and \jot), substack (script style, baselineskip from the script font), Tex's center lines
    // (text style, centred, LaTeX's 12 pt baselineskip). All \vcenter'ed.
    Box matrix(const Node& n, Style st) const {
        const int kind = n.array_kind;
        const Style cell_style{kind == 2 ? 0 : kind == 3 ? (n.level >= 0 ? n.level : 2) : 1, false};
        std::size_t cols = 0;
        for (const auto& row : n.rows) cols = std::max(cols, row.size());
        std::vector<std::vector<Box>> cells(n.rows.size());
        std::vector<double> col_w(cols, 0.0);
        double strut_h = kStrutHeight, strut_d = kStrutDepth;
        if (kind == 1) { strut_h *= 1.2; strut_d *= 1.2; }
        if (kind == 2 || (kind == 3 && cell_style.level == 0)) { strut_h = 8.5; strut_d = 3.5; }
        const bool baselineskip = kind == 3 && cell_style.level > 0;
        if (baselineskip || kind == 4) { strut_h = 0; strut_d = 0; }
        std::vector<double> row_h(n.rows.size(), strut_h), row_d(n.rows.size(), strut_d);
        for (std::size_t r = 0; r < n.rows.size(); ++r) {
            for (std::size_t c = 0; c < n.rows[r].size(); ++c) {
                cells[r].push_back(list(n.rows[r][c], cell_style));
                const Box& b = cells[r].back();
                col_w[c] = std::max(col_w[c], b.width);
                row_h[r] = std::max(row_h[r], b.height);
                row_d[r] = std::max(row_d[r], b.depth);
            }
        }
        // Gap after column c.
        auto gap = [&](std::size_t c) {
            if (kind == 0) return 2 * kArrayColSep;
            if (kind == 1) return 10.0;
            if (kind == 2) return c % 2 == 0 ? 0.0 : 20.0;
            return 0.0;
        };
        // Distance from row r's baseline to row r+1's.
        std::vector<double> step(n.rows.size(), 0.0);
        for (std::size_t r = 0; r + 1 < n.rows.size(); ++r) {
            if (kind == 4) {
                // \baselineskip 12 pt, \lineskiplimit 0 pt, \lineskip 1 pt (LaTeX at 10 pt).
                const double room = 12.0 - row_d[r] - row_h[r + 1];
                step[r] = room >= 0.0 ? 12.0 : row_d[r] + row_h[r + 1] + 1.0;
            } else if (baselineskip) {
                const double skip = tex_sigma(10, 2) + tex_sigma(12, 2);
                step[r] = std::max(skip, row_d[r] + row_h[r + 1] + 0.84);
            } else if (kind == 2 || kind == 3) {
                // amsmath's \openup\jot: baselineskip 12+3 pt unless the rows come closer
                // than lineskiplimit 0+3 pt, then lineskip 1+3 pt between them.
                const double b = 15.0;
                const double room = b - row_d[r] - row_h[r + 1];
                step[r] = room >= 3.0 ? b : row_d[r] + row_h[r + 1] + 4.0;
            } else {
                step[r] = row_d[r] + row_h[r + 1];
            }
        }
        double total = row_h.front() + row_d.back();
        for (std::size_t r = 0; r + 1 < n.rows.size(); ++r) total += step[r];
        double width = 0;
        for (std::size_t c = 0; c < cols; ++c) width += col_w[c] + (c + 1 < cols ? gap(c) : 0);
        const double top = axis(st) + total / 2;
        Box b;
        double y = top - row_h.front();
        for (std::size_t r = 0; r < n.rows.size(); ++r) {
            double x = 0;
            for (std::size_t c = 0; c < cells[r].size(); ++c) {
                const double slack = col_w[c] - cells[r][c].width;
                double dx = slack / 2;
                if (kind == 1) dx = 0;
                if (kind == 2) dx = c % 2 == 0 ? slack : 0;
                b.append(cells[r][c], x + dx, y);
                x += col_w[c] + gap(c);
            }
            y -= step[r];
        }
        b.width = width;
        b.height = top;
        b.depth = total - top;
        if (n.left == 0 && n.right == 0) return b;
        return left_right(n.left, n.right, b, st);
    }

    double math_kern(std::uint32_t glyph, double glyph_scale, hb_ot_math_kern_t corner,
                     double height) const {
        if (glyph_scale <= 0) return 0;
        return fonts_.kerning(glyph, corner, height / glyph_scale) * glyph_scale;
    }

    // Rule 18: attach superscript and subscript to a finished nucleus.
    Atom scripts(Atom a, const Node& n, Style st) const {
        if (!n.sup && !n.sub) {
            a.box.width += a.italic;
            a.italic = 0;
            return a;
        }
        const Box& nuc = a.box;
        double u = 0, v = 0;
        // Appendix G rule 18 with cmsy's sigma parameters at the current size, as LaTeX sets
        // them (the drops come from the script-size font).
        const int lv = st.level;
        const double xh = tex_sigma(5, lv);
        if (!a.is_char) {
            u = nuc.height - tex_sigma(18, st.sup().level);
            v = nuc.depth + tex_sigma(19, st.sub().level);
        }
        const double space = kScriptSpace;
        Atom sup_atom, sub_atom;
        if (n.sup) sup_atom = field(*n.sup, st.sup());
        if (n.sub) sub_atom = field(*n.sub, st.sub());
        Box& x = sup_atom.box;
        Box& y = sub_atom.box;
        x.width += sup_atom.italic;
        y.width += sub_atom.italic;
        if (!n.sup) {
            v = std::max({v, tex_sigma(16, lv), y.height - 0.8 * xh});
        } else {
            const double p = st.display() && !st.cramped ? tex_sigma(13, lv)
                             : st.cramped                ? tex_sigma(15, lv)
                                                         : tex_sigma(14, lv);
            u = std::max({u, p, x.depth + 0.25 * xh});
            if (n.sub) {
                v = std::max(v, tex_sigma(17, lv));
                const double gap = (u - x.depth) - (y.height - v);
                const double min_gap = 4 * kRuleThickness;
                if (gap < min_gap) {
                    v += min_gap - gap;
                    const double psi = 0.8 * xh - (u - x.depth);
                    if (psi > 0) {
                        u += psi;
                        v -= psi;
                    }
                }
            }
        }
        double sup_kern = 0, sub_kern = 0;
        // TeX's fonts have no OpenType math kerning (cut-ins): LaTeX sets none.
        if (a.is_char && kUseMathKerning) {
            if (n.sup && sup_atom.is_char) {
                const double h1 = u - x.depth, h2 = nuc.height;
                sup_kern = std::max(
                    math_kern(a.glyph, a.glyph_scale, HB_OT_MATH_KERN_TOP_RIGHT, h1) +
                        math_kern(sup_atom.glyph, sup_atom.glyph_scale,
                                  HB_OT_MATH_KERN_BOTTOM_LEFT, h1 - u),
                    math_kern(a.glyph, a.glyph_scale, HB_OT_MATH_KERN_TOP_RIGHT, h2) +
                        math_kern(sup_atom.glyph, sup_atom.glyph_scale,
                                  HB_OT_MATH_KERN_BOTTOM_LEFT, h2 - u));
            }
            if (n.sub && sub_atom.is_char) {
                const double h1 = y.height - v, h2 = -nuc.depth;
                sub_kern = std::max(
                    math_kern(a.glyph, a.glyph_scale, HB_OT_MATH_KERN_BOTTOM_RIGHT, h1) +
                        math_kern(sub_atom.glyph, sub_atom.glyph_scale, HB_OT_MATH_KERN_TOP_LEFT,
                                  h1 + v),
                    math_kern(a.glyph, a.glyph_scale, HB_OT_MATH_KERN_BOTTOM_RIGHT, h2) +
                        math_kern(sub_atom.glyph, sub_atom.glyph_scale, HB_OT_MATH_KERN_TOP_LEFT,
                                  h2 + v));
            }
        }
        Atom out;
        out.cls = a.cls;
        Box& b = out.box;
        b.append(nuc, 0, 0);
        b.width = nuc.width;
        b.height = nuc.height;
        b.depth = nuc.depth;
        double end = nuc.width + a.italic;
        if (n.sup) {
            const double sx = nuc.width + a.italic + sup_kern;
            b.append(x, sx, u);
            b.height = std::max(b.height, u + x.height);
            b.depth = std::max(b.depth, x.depth - u);
            end = std::max(end, sx + x.width + space);
        }
        if (n.sub) {
            const double sx = nuc.width + sub_kern + a.sub_shift;
            b.append(y, sx, -v);
            b.height = std::max(b.height, y.height - v);
            b.depth = std::max(b.depth, v + y.depth);
            end = std::max(end, sx + y.width + space);
        }
        b.width = end;
        return out;
    }

    Atom node(const Node& n, Style st) const {
        Atom a;
        switch (n.kind) {
        case Node::Kind::Atom:
            if (n.stack) {
                const Box x = clean_box(n.nucleus, st);
                Box y, z;
                if (n.sup) y = clean_box(*n.sup, st.sup());
                if (n.sub) z = clean_box(*n.sub, st.sub());
                return limits_of(x, n.sup ? &y : nullptr, n.sub ? &z : nullptr, 0, st, n.cls);
            }
            if (n.cls == AtomClass::Op) {
                a = op(n, st);
                const bool limits =
                    n.limits == Limits::Always || (n.limits == Limits::Display && st.display());
                if (limits && (n.sup || n.sub)) return a;
            } else {
                a = field(n.nucleus, st);
            }
            break;
        case Node::Kind::Frac: a.box = fraction(n, st); break;
        case Node::Kind::Radical: a.box = radical(n, st); break;
        case Node::Kind::LeftRight: {
            Box body = list(n.nucleus.list, st);
            const bool has_middle = std::any_of(
                n.nucleus.list.begin(), n.nucleus.list.end(),
                [](const Node& m) { return m.kind == Node::Kind::Middle; });
            if (has_middle) {
                // \middle takes the size of the whole group: lay the body out again with it.
                const double ax = axis(st);
                const double d1 = std::max(body.height - ax, body.depth + ax);
                const double saved = middle_target_;
                middle_target_ = std::max(d1 / 500.0 * kDelimiterFactor, 2 * d1 - kDelimiterShortfall);
                body = list(n.nucleus.list, st);
                middle_target_ = saved;
            }
            a.box = left_right(n.left, n.right, body, st);
            break;
        }
        case Node::Kind::Middle:
            a.box = middle_target_ > 0 ? delimiter(n.left, middle_target_, st)
                                       : delimiter(n.left, 0, st);
            break;
        case Node::Kind::BigDelim: a.box = big_delimiter(n.left, n.space, st); break;
        case Node::Kind::Boxed: a.box = boxed(n, st); break;
        case Node::Kind::Brace: {
            Box x = brace(n, st);
            Box y, z;
            if (n.sup) y = clean_box(*n.sup, st.sup());
            if (n.sub) z = clean_box(*n.sub, st.sub());
            return limits_of(x, n.sup ? &y : nullptr, n.sub ? &z : nullptr, 0, st, AtomClass::Op);
        }
        case Node::Kind::XArrow: {
            Atom x = xarrow(n, st);
            x.cls = n.cls;
            return scripts(std::move(x), n, st);
        }
        case Node::Kind::StyleChange: break;
        case Node::Kind::Accent:
            if (n.nucleus.kind == Field::Kind::Symbol && (n.sup || n.sub)) {
                a.box = accent(n, st, true);
                a.cls = n.cls;
                return a;
            }
            a.box = accent(n, st, false);
            break;
        case Node::Kind::Matrix: a.box = matrix(n, st); break;
        case Node::Kind::Space: break;
        }
        a.cls = n.cls;
        return scripts(std::move(a), n, st);
    }
};

// TeX's inter-atom spacing (TeXbook p. 170): 0 none, 1 thin, 2 medium, 3 thick; negative
// entries apply in display and text styles only.
constexpr int kSpacing[8][8] = {
    //  Ord Op  Bin Rel Open Close Punct Inner
    {0, 1, -2, -3, 0, 0, 0, -1},      // Ord
    {1, 1, 0, -3, 0, 0, 0, -1},       // Op
    {-2, -2, 0, 0, -2, 0, 0, -2},     // Bin
    {-3, -3, 0, 0, -3, 0, 0, -3},     // Rel
    {0, 0, 0, 0, 0, 0, 0, 0},         // Open
    {0, 1, -2, -3, 0, 0, 0, -1},      // Close
    {-1, -1, 0, -1, -1, -1, -1, -1},  // Punct
    {-1, 1, -2, -3, -1, 0, -1, -1},   // Inner
};

Box Layout::list(const NodeList& nodes, Style style) const {
    Style st = style;
    constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    // Rules 5 and 6: a binary operator with nothing to bind becomes ordinary.
    std::vector<AtomClass> cls(nodes.size());
    std::size_t prev = kNone;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        if (nodes[i].kind == Node::Kind::Space || nodes[i].kind == Node::Kind::StyleChange)
            continue;
        AtomClass c = nodes[i].cls;
        if (c == AtomClass::Bin) {
            const bool alone = prev == kNone || cls[prev] == AtomClass::Bin ||
                               cls[prev] == AtomClass::Op || cls[prev] == AtomClass::Rel ||
                               cls[prev] == AtomClass::Open || cls[prev] == AtomClass::Punct;
            if (alone) c = AtomClass::Ord;
        }
        if ((c == AtomClass::Rel || c == AtomClass::Close || c == AtomClass::Punct) &&
            prev != kNone && cls[prev] == AtomClass::Bin)
            cls[prev] = AtomClass::Ord;
        cls[i] = c;
        prev = i;
    }
    if (prev != kNone && cls[prev] == AtomClass::Bin) cls[prev] = AtomClass::Ord;

    Box b;
    double x = 0;
    std::size_t last = kNone;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        const Node& n = nodes[i];
        if (n.kind == Node::Kind::Space) {
            x += n.space_in_mu ? n.space * mu(st) : n.space;
            continue;
        }
        if (n.kind == Node::Kind::StyleChange) {
            st = Style{n.level, st.cramped};
            continue;
        }
        if (last != kNone) {
            const int s = kSpacing[static_cast<int>(cls[last])][static_cast<int>(cls[i])];
            if (s > 0 || (s < 0 && st.level <= 1)) {
                static constexpr double kMu[4] = {0, 3, 4, 5};
                x += kMu[std::abs(s)] * mu(st);
            }
        }
        const Atom a = node(n, st);
        if (last != kNone && last + 1 == i) {
            const Node& l = nodes[last];
            if (l.kind == Node::Kind::Atom && l.nucleus.kind == Field::Kind::Symbol && !l.sup &&
                !l.sub && n.kind == Node::Kind::Atom && n.cls != AtomClass::Inner &&
                n.nucleus.kind == Field::Kind::Symbol)
                x += tex_letter_kern(l.nucleus.cp, n.nucleus.cp) / 1000.0 * size(st);
        }
        b.append(a.box, x, 0);
        b.height = std::max(b.height, a.box.height);
        b.depth = std::max(b.depth, a.box.depth);
        x += a.box.width;
        last = i;
    }
    b.width = x;
    return b;
}

} // namespace

Box layout_formula(const NodeList& formula, const FontSet& fonts) {
    return Layout(fonts).list(formula, Style{0, false});
}

} // namespace reel::math
