// The TeX-math parser's command tables (split from parser.cpp, which reads them).
#include "commands.h"

#include <string>

namespace reel::math {

const std::unordered_map<std::string_view, SymbolInfo>& symbol_commands() {
    using C = AtomClass;
    static const std::unordered_map<std::string_view, SymbolInfo> table = {
        // Lower-case Greek is math italic, upper-case upright, as in TeX.
        {"alpha", {0x1D6FC, C::Ord}}, {"beta", {0x1D6FD, C::Ord}}, {"gamma", {0x1D6FE, C::Ord}},
        {"delta", {0x1D6FF, C::Ord}}, {"epsilon", {0x1D716, C::Ord}},
        {"varepsilon", {0x1D700, C::Ord}}, {"zeta", {0x1D701, C::Ord}},
        {"eta", {0x1D702, C::Ord}}, {"theta", {0x1D703, C::Ord}},
        {"vartheta", {0x1D717, C::Ord}}, {"iota", {0x1D704, C::Ord}},
        {"kappa", {0x1D705, C::Ord}}, {"lambda", {0x1D706, C::Ord}}, {"mu", {0x1D707, C::Ord}},
        {"nu", {0x1D708, C::Ord}}, {"xi", {0x1D709, C::Ord}}, {"pi", {0x1D70B, C::Ord}},
        {"varpi", {0x1D71B, C::Ord}}, {"rho", {0x1D70C, C::Ord}}, {"varrho", {0x1D71A, C::Ord}},
        {"sigma", {0x1D70E, C::Ord}}, {"varsigma", {0x1D70D, C::Ord}},
        {"tau", {0x1D70F, C::Ord}}, {"upsilon", {0x1D710, C::Ord}}, {"phi", {0x1D719, C::Ord}},
        {"varphi", {0x1D711, C::Ord}}, {"chi", {0x1D712, C::Ord}}, {"psi", {0x1D713, C::Ord}},
        {"omega", {0x1D714, C::Ord}}, {"Gamma", {0x0393, C::Ord}}, {"Delta", {0x0394, C::Ord}},
        {"Theta", {0x0398, C::Ord}}, {"Lambda", {0x039B, C::Ord}}, {"Xi", {0x039E, C::Ord}},
        {"Pi", {0x03A0, C::Ord}}, {"Sigma", {0x03A3, C::Ord}}, {"Upsilon", {0x03A5, C::Ord}},
        {"Phi", {0x03A6, C::Ord}}, {"Psi", {0x03A8, C::Ord}}, {"Omega", {0x03A9, C::Ord}},
        // Binary operators.
        {"times", {0x00D7, C::Bin}}, {"cdot", {0x22C5, C::Bin}}, {"odot", {0x2299, C::Bin}},
        {"oplus", {0x2295, C::Bin}}, {"otimes", {0x2297, C::Bin}}, {"pm", {0x00B1, C::Bin}},
        {"mp", {0x2213, C::Bin}}, {"div", {0x00F7, C::Bin}}, {"ast", {0x2217, C::Bin}},
        {"circ", {0x2218, C::Bin}}, {"cup", {0x222A, C::Bin}}, {"cap", {0x2229, C::Bin}},
        {"wedge", {0x2227, C::Bin}}, {"vee", {0x2228, C::Bin}},
        {"setminus", {0x2216, C::Bin}}, {"star", {0x22C6, C::Bin}}, {"bullet", {0x2219, C::Bin}},
        {"oslash", {0x2298, C::Bin}}, {"ominus", {0x2296, C::Bin}}, {"uplus", {0x228E, C::Bin}},
        {"sqcup", {0x2294, C::Bin}}, {"sqcap", {0x2293, C::Bin}}, {"diamond", {0x22C4, C::Bin}},
        {"land", {0x2227, C::Bin}}, {"lor", {0x2228, C::Bin}}, {"amalg", {0x2A3F, C::Bin}},
        // Relations.
        {"le", {0x2264, C::Rel}}, {"leq", {0x2264, C::Rel}}, {"ge", {0x2265, C::Rel}},
        {"geq", {0x2265, C::Rel}}, {"neq", {0x2260, C::Rel}}, {"ne", {0x2260, C::Rel}},
        {"approx", {0x2248, C::Rel}}, {"sim", {0x223C, C::Rel}}, {"simeq", {0x2243, C::Rel}},
        {"equiv", {0x2261, C::Rel}}, {"in", {0x2208, C::Rel}}, {"notin", {0x2209, C::Rel}},
        {"subset", {0x2282, C::Rel}}, {"subseteq", {0x2286, C::Rel}},
        {"to", {0x2192, C::Rel}}, {"rightarrow", {0x2192, C::Rel}},
        {"leftarrow", {0x2190, C::Rel}}, {"gets", {0x2190, C::Rel}},
        {"Rightarrow", {0x21D2, C::Rel}}, {"mapsto", {0x21A6, C::Rel}},
        {"mid", {0x2223, C::Rel}}, {"propto", {0x221D, C::Rel}}, {"ll", {0x226A, C::Rel}},
        {"gg", {0x226B, C::Rel}}, {"supset", {0x2283, C::Rel}}, {"supseteq", {0x2287, C::Rel}},
        {"ni", {0x220B, C::Rel}}, {"owns", {0x220B, C::Rel}}, {"prec", {0x227A, C::Rel}},
        {"succ", {0x227B, C::Rel}}, {"preceq", {0x2AAF, C::Rel}}, {"succeq", {0x2AB0, C::Rel}},
        {"cong", {0x2245, C::Rel}}, {"asymp", {0x224D, C::Rel}}, {"parallel", {0x2225, C::Rel}},
        {"perp", {0x22A5, C::Rel}}, {"vdash", {0x22A2, C::Rel}}, {"dashv", {0x22A3, C::Rel}},
        {"models", {0x22A8, C::Rel}}, {"leftrightarrow", {0x2194, C::Rel}},
        {"Leftarrow", {0x21D0, C::Rel}}, {"Leftrightarrow", {0x21D4, C::Rel}},
        {"uparrow", {0x2191, C::Rel}}, {"downarrow", {0x2193, C::Rel}},
        {"Uparrow", {0x21D1, C::Rel}}, {"Downarrow", {0x21D3, C::Rel}},
        {"nearrow", {0x2197, C::Rel}}, {"searrow", {0x2198, C::Rel}},
        {"longrightarrow", {0x27F6, C::Rel}}, {"longleftarrow", {0x27F5, C::Rel}},
        {"Longrightarrow", {0x27F9, C::Rel}}, {"Longleftarrow", {0x27F8, C::Rel}},
        {"longleftrightarrow", {0x27F7, C::Rel}}, {"Longleftrightarrow", {0x27FA, C::Rel}},
        {"longmapsto", {0x27FC, C::Rel}}, {"hookrightarrow", {0x21AA, C::Rel}},
        {"rightleftharpoons", {0x21CC, C::Rel}}, {"leqslant", {0x2A7D, C::Rel}}, {"geqslant", {0x2A7E, C::Rel}},
        {"lesssim", {0x2272, C::Rel}}, {"gtrsim", {0x2273, C::Rel}},
        {"triangleq", {0x225C, C::Rel}}, {"doteq", {0x2250, C::Rel}},
        {"sqsubseteq", {0x2291, C::Rel}},
        {"subsetneq", {0x228A, C::Rel}}, {"nsubseteq", {0x2288, C::Rel}},
        // Ordinary symbols.
        {"infty", {0x221E, C::Ord}}, {"partial", {0x1D715, C::Ord}}, {"nabla", {0x2207, C::Ord}},
        {"forall", {0x2200, C::Ord}}, {"exists", {0x2203, C::Ord}},
        {"emptyset", {0x2205, C::Ord}}, {"top", {0x22A4, C::Ord}}, {"bot", {0x22A5, C::Ord}},
        {"ell", {0x2113, C::Ord}}, {"prime", {0x2032, C::Ord}}, {"hbar", {0x210F, C::Ord}},
        {"vert", {0x007C, C::Ord}}, {"|", {0x2016, C::Ord}}, {"Vert", {0x2016, C::Ord}},
        {"colon", {0x003A, C::Punct}}, {"imath", {0x1D6A4, C::Ord}}, {"jmath", {0x1D6A5, C::Ord}},
        {"aleph", {0x2135, C::Ord}}, {"Re", {0x211C, C::Ord}}, {"Im", {0x2111, C::Ord}},
        {"wp", {0x2118, C::Ord}}, {"angle", {0x2220, C::Ord}}, {"triangle", {0x25B3, C::Ord}},
        {"neg", {0x00AC, C::Ord}}, {"lnot", {0x00AC, C::Ord}}, {"backslash", {0x005C, C::Ord}},
        {"varnothing", {0x2300, C::Ord}}, {"square", {0x25A1, C::Ord}},
        {"checkmark", {0x2713, C::Ord}}, {"dagger", {0x2020, C::Bin}},
        {"ddagger", {0x2021, C::Bin}}, {"flat", {0x266D, C::Ord}}, {"sharp", {0x266F, C::Ord}},
        {"natural", {0x266E, C::Ord}}, {"clubsuit", {0x2663, C::Ord}},
        {"vdots", {0x22EE, C::Ord}}, {"ddots", {0x22F1, C::Inner}},

        {"varGamma", {0x1D6E4, C::Ord}}, {"digamma", {0x03DD, C::Ord}},
        {"lvert", {0x007C, C::Open}}, {"rvert", {0x007C, C::Close}},
        {"lVert", {0x2016, C::Open}}, {"rVert", {0x2016, C::Close}},
        {"{", {0x007B, C::Open}}, {"lbrace", {0x007B, C::Open}}, {"}", {0x007D, C::Close}},
        {"rbrace", {0x007D, C::Close}}, {"langle", {0x27E8, C::Open}},
        {"rangle", {0x27E9, C::Close}}, {"lfloor", {0x230A, C::Open}},
        {"rfloor", {0x230B, C::Close}}, {"lceil", {0x2308, C::Open}},
        {"rceil", {0x2309, C::Close}},
        // Big operators.
        {"sum", {0x2211, C::Op}}, {"prod", {0x220F, C::Op}}, {"coprod", {0x2210, C::Op}},
        {"int", {0x222B, C::Op}}, {"oint", {0x222E, C::Op}},
        {"bigcup", {0x22C3, C::Op}}, {"bigcap", {0x22C2, C::Op}},
        {"bigoplus", {0x2A01, C::Op}}, {"bigotimes", {0x2A02, C::Op}},
 {"bigvee", {0x22C1, C::Op}}, {"bigwedge", {0x22C0, C::Op}},
        {"bigodot", {0x2A00, C::Op}}, {"biguplus", {0x2A04, C::Op}}, {"bigsqcup", {0x2A06, C::Op}},
    };
    return table;
}

// Named operators set in roman: true when they take limits in display style.
const std::unordered_map<std::string_view, bool>& named_operators() {
    static const std::unordered_map<std::string_view, bool> table = {
        {"log", false}, {"exp", false}, {"ln", false},   {"sin", false},  {"cos", false},
        {"tan", false}, {"sinh", false}, {"cosh", false}, {"tanh", false}, {"arg", false},
        {"dim", false}, {"ker", false},  {"deg", false},  {"max", true},   {"min", true},
        {"lim", true},  {"sup", true},   {"inf", true},   {"det", true},   {"Pr", true},
        {"gcd", true},  {"limsup", true}, {"liminf", true}, {"cot", false}, {"sec", false},
        {"csc", false}, {"arcsin", false}, {"arccos", false}, {"arctan", false}, {"coth", false},
        {"lg", false}, {"hom", false}, {"injlim", true}, {"projlim", true},
    };
    return table;
}

const std::unordered_map<std::string_view, char32_t>& accent_commands() {
    static const std::unordered_map<std::string_view, char32_t> table = {
        {"hat", 0x0302},   {"widehat", 0x0302}, {"bar", 0x0304},   {"vec", 0x20D7},
        {"tilde", 0x0303}, {"widetilde", 0x0303}, {"dot", 0x0307}, {"ddot", 0x0308},
        {"check", 0x030C}, {"breve", 0x0306},   {"acute", 0x0301}, {"grave", 0x0300},
        {"mathring", 0x030A}, {"dddot", 0x20DB}, {"overline", 0x0305},
        {"overrightarrow", 0x20D7}, {"overleftarrow", 0x20D6},
    };
    return table;
}

const std::unordered_map<std::string_view, SpaceInfo>& space_commands() {
    static const std::unordered_map<std::string_view, SpaceInfo> table = {
        {",", {3, true}},       {":", {4, true}},       {">", {4, true}},
        {";", {5, true}},       {"!", {-3, true}},      {"thinspace", {3, true}},
        {"quad", {10, false}},  {"qquad", {20, false}}, {" ", {10.0 / 3.0, false}},
        {"enspace", {5, false}}, {"medspace", {4, true}}, {"thickspace", {5, true}},
        {"negthinspace", {-3, true}}, {"negmedspace", {-4, true}},
        {"negthickspace", {-5, true}},
    };
    return table;
}

const std::unordered_map<std::string_view, AtomClass>& class_commands() {
    static const std::unordered_map<std::string_view, AtomClass> table = {
        {"mathord", AtomClass::Ord},     {"mathop", AtomClass::Op},
        {"mathbin", AtomClass::Bin},     {"mathrel", AtomClass::Rel},
        {"mathopen", AtomClass::Open},   {"mathclose", AtomClass::Close},
        {"mathpunct", AtomClass::Punct}, {"mathinner", AtomClass::Inner},
    };
    return table;
}

const std::unordered_map<std::string_view, Alphabet>& alphabet_commands() {
    static const std::unordered_map<std::string_view, Alphabet> table = {
        {"mathrm", Alphabet::Rm},  {"mathbf", Alphabet::Bf},  {"boldsymbol", Alphabet::Bf},
        {"mathit", Alphabet::It},  {"mathcal", Alphabet::Cal}, {"mathbb", Alphabet::Bb},
        {"mathfrak", Alphabet::Frak}, {"mathsf", Alphabet::Sf}, {"mathtt", Alphabet::Tt},
        {"mathnormal", Alphabet::It}, {"bm", Alphabet::Bf},
    };
    return table;
}

char32_t map_letter(char c, Alphabet a) {
    const bool upper = c >= 'A' && c <= 'Z';
    const int i = upper ? c - 'A' : c - 'a';
    switch (a) {
    case Alphabet::Rm:
        return static_cast<char32_t>(c);
    case Alphabet::Bf:
        return static_cast<char32_t>((upper ? 0x1D400 : 0x1D41A) + i);
    case Alphabet::Cal: {
        static const std::unordered_map<char, char32_t> holes = {
            {'B', 0x212C}, {'E', 0x2130}, {'F', 0x2131}, {'H', 0x210B}, {'I', 0x2110},
            {'L', 0x2112}, {'M', 0x2133}, {'R', 0x211B}, {'e', 0x212F}, {'g', 0x210A},
            {'o', 0x2134}};
        if (auto it = holes.find(c); it != holes.end()) return it->second;
        return static_cast<char32_t>((upper ? 0x1D49C : 0x1D4B6) + i);
    }
    case Alphabet::Bb: {
        static const std::unordered_map<char, char32_t> holes = {
            {'C', 0x2102}, {'H', 0x210D}, {'N', 0x2115}, {'P', 0x2119},
            {'Q', 0x211A}, {'R', 0x211D}, {'Z', 0x2124}};
        if (auto it = holes.find(c); it != holes.end()) return it->second;
        return static_cast<char32_t>((upper ? 0x1D538 : 0x1D552) + i);
    }
    case Alphabet::Frak: {
        static const std::unordered_map<char, char32_t> holes = {
            {'C', 0x212D}, {'H', 0x210C}, {'I', 0x2111}, {'R', 0x211C}, {'Z', 0x2128}};
        if (auto it = holes.find(c); it != holes.end()) return it->second;
        return static_cast<char32_t>((upper ? 0x1D504 : 0x1D51E) + i);
    }
    case Alphabet::Sf:
        return static_cast<char32_t>((upper ? 0x1D5A0 : 0x1D5BA) + i);
    case Alphabet::Tt:
        return static_cast<char32_t>((upper ? 0x1D670 : 0x1D68A) + i);
    case Alphabet::Default:
    case Alphabet::It:
        if (c == 'h') return 0x210E;
        return static_cast<char32_t>((upper ? 0x1D434 : 0x1D44E) + i);
    }
    return static_cast<char32_t>(c);
}

char32_t map_digit(char c, Alphabet a) {
    const int i = c - '0';
    if (a == Alphabet::Bf) return static_cast<char32_t>(0x1D7CE + i);
    if (a == Alphabet::Bb) return static_cast<char32_t>(0x1D7D8 + i);
    if (a == Alphabet::Sf) return static_cast<char32_t>(0x1D7E2 + i);
    if (a == Alphabet::Tt) return static_cast<char32_t>(0x1D7F6 + i);
    return static_cast<char32_t>(c);
}

// Classes of the printable ASCII characters in math mode (TeX's \mathcode).
bool ascii_symbol(char c, SymbolInfo& out) {
    using C = AtomClass;
    switch (c) {
    case '+': out = {0x2B, C::Bin}; return true;
    case '-': out = {0x2212, C::Bin}; return true;
    case '*': out = {0x2217, C::Bin}; return true;
    case '=': out = {0x3D, C::Rel}; return true;
    case '<': out = {0x3C, C::Rel}; return true;
    case '>': out = {0x3E, C::Rel}; return true;
    case ':': out = {0x3A, C::Rel}; return true;
    case '(': out = {0x28, C::Open}; return true;
    case '[': out = {0x5B, C::Open}; return true;
    case ')': out = {0x29, C::Close}; return true;
    case ']': out = {0x5D, C::Close}; return true;
    case '!': out = {0x21, C::Close}; return true;
    case '?': out = {0x3F, C::Close}; return true;
    case ',': out = {0x2C, C::Punct}; return true;
    case ';': out = {0x3B, C::Punct}; return true;
    case '.': out = {0x2E, C::Ord}; return true;
    case '/': out = {0x2F, C::Ord}; return true;
    case '|': out = {0x7C, C::Ord}; return true;
    case '@': out = {0x40, C::Ord}; return true;
    case '"': out = {0x22, C::Ord}; return true;
    default: return false;
    }
}

// Length of the UTF-8 sequence starting at s[i], or 0 if it is malformed.
std::size_t utf8_length(std::string_view s, std::size_t i) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    char32_t min = 0;
    if (b < 0x80) return 1;
    if ((b & 0xE0) == 0xC0) { n = 2; min = 0x80; }
    else if ((b & 0xF0) == 0xE0) { n = 3; min = 0x800; }
    else if ((b & 0xF8) == 0xF0) { n = 4; min = 0x10000; }
    else return 0;
    if (i + n > s.size()) return 0;
    char32_t cp = b & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) {
        const auto c = static_cast<unsigned char>(s[i + k]);
        if ((c & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (c & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

const std::unordered_map<std::string_view, BigInfo>& big_commands() {
    using C = AtomClass;
    static const std::unordered_map<std::string_view, BigInfo> table = {
        {"big", {8.5, C::Ord}},    {"Big", {11.5, C::Ord}},   {"bigg", {14.5, C::Ord}},
        {"Bigg", {17.5, C::Ord}},  {"bigl", {8.5, C::Open}},  {"Bigl", {11.5, C::Open}},
        {"biggl", {14.5, C::Open}}, {"Biggl", {17.5, C::Open}}, {"bigr", {8.5, C::Close}},
        {"Bigr", {11.5, C::Close}}, {"biggr", {14.5, C::Close}}, {"Biggr", {17.5, C::Close}},
        {"bigm", {8.5, C::Rel}},   {"Bigm", {11.5, C::Rel}},  {"biggm", {14.5, C::Rel}},
        {"Biggm", {17.5, C::Rel}},
    };
    return table;
}

AtomClass class_of_symbol(char32_t cp) {
    for (const auto& [name, info] : symbol_commands())
        if (info.cp == cp) return info.cls;
    for (char c = 33; c < 127; ++c) {
        SymbolInfo info{};
        if (ascii_symbol(c, info) && info.cp == cp) return info.cls;
    }
    return AtomClass::Ord;
}

} // namespace reel::math
