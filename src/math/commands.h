// The TeX-math parser's vocabulary: which \\command is which symbol, named operator, accent,
// space, atom class, alphabet or big delimiter, and TeX's \\mathcode of the ASCII characters
// (math internals; the parser in parser.cpp and parser_atoms.cpp reads them).
#pragma once

#include <cstddef>
#include <string_view>
#include <unordered_map>

#include "parser.h"

namespace reel::math {

/// The math alphabets (\\mathbf, \\mathcal, ...); Default is TeX's math italic.
enum class Alphabet : std::uint8_t { Default, Rm, Bf, It, Cal, Bb, Frak, Sf, Tt };

/// A symbol command: its code point in the math font and its atom class.
struct SymbolInfo {
    char32_t cp;
    AtomClass cls;
};

/// A spacing command: its width in mu (1/18 em of the current style) or in TeX points.
struct SpaceInfo {
    double amount;
    bool mu;
};

/// A \\big-family delimiter: its height in TeX points and its class.
struct BigInfo {
    double height;
    AtomClass cls;
};

/// \\alpha, \\le, \\sum, ... -> symbol.
const std::unordered_map<std::string_view, SymbolInfo>& symbol_commands();
/// Named operators set in roman (\\sin, \\lim): true when they take limits in display style.
const std::unordered_map<std::string_view, bool>& named_operators();
/// Accent commands -> the combining accent's code point.
const std::unordered_map<std::string_view, char32_t>& accent_commands();
/// \\, \\quad, ... -> space.
const std::unordered_map<std::string_view, SpaceInfo>& space_commands();
/// \\mathord, \\mathbin, ... -> the class they give their argument.
const std::unordered_map<std::string_view, AtomClass>& class_commands();
/// \\mathrm, \\mathbf, \\mathbb, ... -> alphabet.
const std::unordered_map<std::string_view, Alphabet>& alphabet_commands();
/// \\big, \\Bigl, \\biggr, ... -> size and class.
const std::unordered_map<std::string_view, BigInfo>& big_commands();

/// The code point of ASCII letter `c` in alphabet `a`.
char32_t map_letter(char c, Alphabet a);
/// The code point of ASCII digit `c` in alphabet `a`.
char32_t map_digit(char c, Alphabet a);
/// TeX's \\mathcode of a printable ASCII character; false for letters, digits and the rest.
bool ascii_symbol(char c, SymbolInfo& out);
/// The class a symbol has when it is typed as itself (Ord when unknown).
AtomClass class_of_symbol(char32_t cp);
/// Length of the UTF-8 sequence starting at s[i], or 0 if it is malformed.
std::size_t utf8_length(std::string_view s, std::size_t i);

} // namespace reel::math
