// TeX math subset -> a tree of noads (TeXbook ch. 17): atoms with nucleus and scripts,
// fractions, radicals, \left...\right, accents, spaces and matrices.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "font.h"

namespace reel::math {

/// TeX's atom classes (the rows and columns of the inter-atom spacing table).
enum class AtomClass : std::uint8_t { Ord, Op, Bin, Rel, Open, Close, Punct, Inner };

/// Where a big operator puts its scripts.
enum class Limits : std::uint8_t { Display, Always, Never };

struct Node;
using NodeList = std::vector<Node>;

/// A nucleus, superscript or subscript: nothing, one character, a sub-formula or a text run.
struct Field {
    enum class Kind : std::uint8_t { Empty, Symbol, List, Text };
    Kind kind = Kind::Empty;
    char32_t cp = 0;               ///< Symbol: code point in the math font
    NodeList list;                 ///< List
    std::string text;              ///< Text: UTF-8
    FontId text_font = FontId::Roman; ///< Text
};

/// One noad.
struct Node {
    enum class Kind : std::uint8_t {
        Atom, Frac, Radical, LeftRight, Accent, Space, Matrix,
        StyleChange, ///< \displaystyle etc.: `level` for the rest of the list
        Middle,      ///< \middle inside \left...\right: delimiter `left`
        Boxed,       ///< \boxed: nucleus in a frame
        Brace,       ///< \overbrace (wide = true) / \underbrace: nucleus, scripts as limits
        XArrow,      ///< \xrightarrow / \xleftarrow: `accent` the arrow, nucleus above, second below
        BigDelim,    ///< \big( etc.: delimiter `left` at height `space`
    };
    Kind kind = Kind::Atom;
    AtomClass cls = AtomClass::Ord;
    Limits limits = Limits::Display;
    Field nucleus;                 ///< atom nucleus, numerator, radicand, \left body, accentee
    Field second;                  ///< denominator, radical degree
    std::optional<Field> sup;
    std::optional<Field> sub;
    char32_t left = 0;             ///< LeftRight/Matrix delimiters (0: null delimiter '.')
    char32_t right = 0;
    char32_t accent = 0;           ///< Accent: the combining accent code point
    bool wide = false;             ///< Accent: stretches over its nucleus (\widehat)
    double space = 0;              ///< Space: amount
    bool space_in_mu = true;       ///< Space: mu (1/18 em of the current style) or TeX points
    std::vector<std::vector<NodeList>> rows; ///< Matrix cells
    /// Matrix layout: 0 array (pmatrix...), 1 cases, 2 aligned, 3 substack.
    int array_kind = 0;
    /// Style level: StyleChange's new style; Frac's forced style (-1: by the context).
    int level = -1;
    bool bar = true;        ///< Frac: a fraction rule (false for \binom)
    /// Atom laid out as a big operator with limits (\overset, \underset) while keeping its
    /// class `cls` for spacing.
    bool stack = false;
};

/// \LaTeX and \TeX inside a text run: private-use characters (U+E000, U+E001) that the text
/// layout builds as LaTeX's logo macros do.
inline constexpr std::string_view kLaTeXLogo = "\xEE\x80\x80";
inline constexpr std::string_view kTeXLogo = "\xEE\x80\x81";

/// Parses a formula; throws MathError naming the column and the offending token.
NodeList parse(std::string_view latex);

} // namespace reel::math
