#include "parser.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>
#include <unordered_map>

#include "reel/math.h"

namespace reel::math {

MathError::MathError(const std::string& message, std::size_t column, std::string token)
    : std::runtime_error("column " + std::to_string(column) + ": " + message +
                         (token.empty() ? std::string() : " (at '" + token + "')")),
      column_(column), token_(std::move(token)), message_(message) {}

namespace {

enum class Alphabet : std::uint8_t { Default, Rm, Bf, It, Cal, Bb, Frak, Sf, Tt };

struct SymbolInfo {
    char32_t cp;
    AtomClass cls;
};

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

struct SpaceInfo {
    double amount;
    bool mu;
};

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

struct Token {
    enum class Type : std::uint8_t { End, Char, Command };
    Type type = Type::End;
    std::string_view text; ///< the character (or UTF-8 sequence), or the command name
    std::size_t start = 0; ///< byte offset in the source

    bool is_char(char c) const { return type == Type::Char && text.size() == 1 && text[0] == c; }
    bool is_command(std::string_view name) const {
        return type == Type::Command && text == name;
    }
};

class Parser {
public:
    explicit Parser(std::string_view src) : src_(src) {}

    NodeList parse_formula() {
        NodeList list = parse_list(0, Alphabet::Default, false);
        Token t = peek();
        if (t.type != Token::Type::End) {
            if (t.is_char('}')) fail("unbalanced '}' (no matching '{')", t);
            if (t.is_command("right")) fail("\\right without a matching \\left", t);
            if (t.is_command("end")) fail("\\end without a matching \\begin", t);
            if (t.is_command("\\")) fail("line breaks (\\\\) are only allowed inside a matrix", t);
            fail("unexpected token", t);
        }
        return list;
    }

private:
    std::string_view src_;
    std::size_t pos_ = 0;
    int left_depth_ = 0; // open \left groups (where \middle is allowed)
    Token current_;      // the token being parsed (for errors found while building nodes)

    struct BigInfo {
        double height;
        AtomClass cls;
    };
    static const std::unordered_map<std::string_view, BigInfo>& big_commands() {
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

    static AtomClass class_of_symbol(char32_t cp) {
        for (const auto& [name, info] : symbol_commands())
            if (info.cp == cp) return info.cls;
        for (char c = 33; c < 127; ++c) {
            SymbolInfo info{};
            if (ascii_symbol(c, info) && info.cp == cp) return info.cls;
        }
        return AtomClass::Ord;
    }

    std::size_t column(std::size_t byte) const {
        std::size_t col = 1;
        for (std::size_t i = 0; i < byte && i < src_.size(); ++i)
            if ((static_cast<unsigned char>(src_[i]) & 0xC0) != 0x80) ++col;
        return col;
    }

    static std::string describe(const Token& t) {
        switch (t.type) {
        case Token::Type::End: return "end of input";
        case Token::Type::Command: {
            std::string s(1, '\\');
            s.append(t.text);
            return s;
        }
        case Token::Type::Char: return std::string(t.text);
        }
        return {};
    }

    [[noreturn]] void fail(const std::string& message, const Token& t) const {
        throw MathError(message, column(t.start), describe(t));
    }

    void skip_space() {
        while (pos_ < src_.size()) {
            const char c = src_[pos_];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                ++pos_;
            } else if (c == '%') {
                while (pos_ < src_.size() && src_[pos_] != '\n') ++pos_;
            } else {
                break;
            }
        }
    }

    Token lex(std::size_t& at) const {
        Token t;
        t.start = at;
        if (at >= src_.size()) return t;
        const char c = src_[at];
        if (c == '\\') {
            std::size_t end = at + 1;
            while (end < src_.size() && ((src_[end] >= 'a' && src_[end] <= 'z') ||
                                         (src_[end] >= 'A' && src_[end] <= 'Z')))
                ++end;
            if (end == at + 1 && end < src_.size()) {
                const std::size_t n = utf8_length(src_, end);
                end += n == 0 ? 1 : n;
            }
            t.type = Token::Type::Command;
            t.text = src_.substr(at + 1, end - at - 1);
            at = end;
            return t;
        }
        const std::size_t n = utf8_length(src_, at);
        t.type = Token::Type::Char;
        t.text = src_.substr(at, n == 0 ? 1 : n);
        at += n == 0 ? 1 : n;
        return t;
    }

    Token peek() {
        skip_space();
        std::size_t at = pos_;
        return lex(at);
    }

    Token next() {
        skip_space();
        return lex(pos_);
    }

    void check_depth(int depth, const Token& t) const {
        if (depth > kMaxNesting)
            fail("formula nested too deeply (more than " + std::to_string(kMaxNesting) +
                     " levels)",
                 t);
    }

    static bool ends_list(const Token& t, bool bracket) {
        return t.type == Token::Type::End || t.is_char('}') || t.is_char('&') ||
               t.is_command("\\") || t.is_command("right") || t.is_command("end") ||
               (bracket && t.is_char(']'));
    }

    // A sub-formula; stops (without consuming) at '}', '&', '\\', \right, \end or the end.
    NodeList parse_list(int depth, Alphabet alphabet, bool stop_at_bracket) {
        NodeList out;
        for (;;) {
            Token t = peek();
            if (ends_list(t, stop_at_bracket)) {
                if (depth == 0 && t.is_char('&')) {
                    // A top-level alignment point of align*: amsmath puts {} after it.
                    next();
                    out.emplace_back();
                    out.back().nucleus.kind = Field::Kind::List;
                    continue;
                }
                return out;
            }
            if (t.is_char('^') || t.is_char('_') || t.is_char('\'')) {
                next();
                attach_script(out, t, depth, alphabet);
                continue;
            }
            if (t.is_command("limits") || t.is_command("nolimits") ||
                t.is_command("displaylimits")) {
                next();
                if (out.empty() || out.back().kind != Node::Kind::Atom ||
                    out.back().cls != AtomClass::Op)
                    fail("\\" + std::string(t.text) + " is allowed only after an operator", t);
                out.back().limits = t.text == "limits"     ? Limits::Always
                                    : t.text == "nolimits" ? Limits::Never
                                                           : Limits::Display;
                continue;
            }
            parse_atom(out, depth, alphabet);
        }
    }

    void attach_script(NodeList& out, const Token& t, int depth, Alphabet alphabet) {
        if (out.empty() || out.back().kind == Node::Kind::Space) out.emplace_back();
        Node& target = out.back();
        const bool sup = !t.is_char('_');
        std::optional<Field>& slot = sup ? target.sup : target.sub;
        if (slot && t.is_char('\'') && slot->kind == Field::Kind::Symbol && slot->cp == 0x2032) {
            // f'' : TeX collects the primes into one superscript.
            Field f;
            f.kind = Field::Kind::List;
            f.list.push_back(symbol_node(0x2032, AtomClass::Ord));
            f.list.push_back(symbol_node(0x2032, AtomClass::Ord));
            slot = std::move(f);
            return;
        }
        if (slot && t.is_char('\'') && slot->kind == Field::Kind::List && !slot->list.empty() &&
            slot->list.back().nucleus.kind == Field::Kind::Symbol &&
            slot->list.back().nucleus.cp == 0x2032 && slot->list.size() < 8) {
            slot->list.push_back(symbol_node(0x2032, AtomClass::Ord));
            return;
        }
        if (slot)
            fail(sup ? "double superscript (use braces: x^{ab})"
                     : "double subscript (use braces: x_{ab})",
                 t);
        if (t.is_char('\'')) {
            Field f;
            f.kind = Field::Kind::Symbol;
            f.cp = 0x2032;
            slot = std::move(f);
            return;
        }
        slot = parse_argument(depth + 1, alphabet, sup ? "superscript" : "subscript", t);
    }

    static Field group_field(NodeList list) {
        // TeX unwraps a group holding a single plain character ({x}^2 is x^2).
        Field f;
        if (list.size() == 1 && list[0].kind == Node::Kind::Atom &&
            list[0].cls == AtomClass::Ord && list[0].nucleus.kind == Field::Kind::Symbol &&
            !list[0].sup && !list[0].sub) {
            f.kind = Field::Kind::Symbol;
            f.cp = list[0].nucleus.cp;
            return f;
        }
        f.kind = Field::Kind::List;
        f.list = std::move(list);
        return f;
    }

    Field parse_group_body(const Token& open, int depth, Alphabet alphabet) {
        check_depth(depth, open);
        NodeList list = parse_list(depth, alphabet, false);
        Token close = next();
        if (!close.is_char('}')) {
            if (close.type == Token::Type::End)
                fail("unbalanced '{' (missing '}')", open);
            if (close.is_command("right")) fail("\\right without a matching \\left", close);
            if (close.is_command("end")) fail("\\end without a matching \\begin", close);
            if (close.is_char('&')) fail("'&' is only allowed inside a matrix", close);
            fail("line breaks (\\\\) are only allowed inside a matrix", close);
        }
        return group_field(std::move(list));
    }

    // An argument: a {group} or a single token that makes one atom.
    Field parse_argument(int depth, Alphabet alphabet, const std::string& what,
                         const Token& owner) {
        Token t = peek();
        if (t.is_char('{')) {
            next();
            return parse_group_body(t, depth + 1, alphabet);
        }
        if (t.type == Token::Type::End || ends_list(t, false) || t.is_char('^') ||
            t.is_char('_'))
            fail("missing argument for " + what + " " + describe(owner), t);
        NodeList one;
        parse_atom(one, depth + 1, alphabet);
        if (one.size() != 1 || one[0].kind == Node::Kind::Space)
            fail("missing argument for " + what + " " + describe(owner), t);
        return group_field(std::move(one));
    }

    // The code point of a UTF-8 sequence (already validated).
    static char32_t decode(std::string_view u) {
        const auto b = static_cast<unsigned char>(u[0]);
        if (b < 0x80) return b;
        const std::size_t n = u.size();
        char32_t cp = b & (0x7F >> n);
        for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(u[k]) & 0x3F);
        return cp;
    }

    static std::string hex(char32_t cp) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
        return buf;
    }

    // A character must exist in the font it is set in: never a blank picture.
    void check_text_glyph(const Token& t, FontId font, const Token& owner) const {
        const char32_t cp = decode(t.text);
        std::uint32_t g = 0;
        if (cp < 0x20 || FontSet::get().font(font).glyph_of(cp, g)) return;
        fail("the text font has no glyph for '" + std::string(t.text) + "' (" + hex(cp) +
                 ") inside " + describe(owner),
             t);
    }

    Node symbol_node(char32_t cp, AtomClass cls) const {
        std::uint32_t g = 0;
        if (!FontSet::get().math_glyph(cp, 0, g))
            fail("the math font has no glyph for this symbol (" + hex(cp) + ")", current_);
        Node n;
        n.cls = cls;
        n.nucleus.kind = Field::Kind::Symbol;
        n.nucleus.cp = cp;
        if (cls == AtomClass::Op)
            n.limits = (cp == 0x222B || cp == 0x222C || cp == 0x222E) ? Limits::Never
                                                                     : Limits::Display;
        return n;
    }

    static Node text_node(std::string text, FontId font, AtomClass cls) {
        Node n;
        n.cls = cls;
        n.nucleus.kind = Field::Kind::Text;
        n.nucleus.text = std::move(text);
        n.nucleus.text_font = font;
        return n;
    }

    // The raw text of a {...} argument of \text or \operatorname, escapes resolved.
    std::string parse_text_argument(const Token& owner, bool operator_name, FontId font) {
        Token open = next();
        if (!open.is_char('{')) fail("missing '{' after " + describe(owner), open);
        std::string out;
        int level = 0;
        for (;;) {
            if (pos_ >= src_.size()) fail("unbalanced '{' (missing '}')", open);
            std::size_t at = pos_;
            Token t = lex(at);
            if (t.is_char('}')) {
                pos_ = at;
                if (level == 0) break;
                --level;
                continue;
            }
            if (t.is_char('{')) {
                pos_ = at;
                if (++level > kMaxNesting) fail("text nested too deeply", t);
                continue;
            }
            if (t.type == Token::Type::Command) {
                static const std::string_view escapes = "{}_&%$# ";
                if (t.text.size() == 1 && escapes.find(t.text[0]) != std::string_view::npos) {
                    out += t.text;
                    pos_ = at;
                    continue;
                }
                fail("unsupported command inside " + describe(owner), t);
            }
            if (utf8_length(src_, t.start) == 0) fail("invalid UTF-8 in the formula", t);
            if (operator_name && (t.is_char('^') || t.is_char('_') || t.is_char('$')))
                fail("unexpected character inside " + describe(owner), t);
            if (t.is_char('$')) fail("math inside \\text is not supported", t);
            check_text_glyph(t, font, owner);
            if (t.is_char('~')) out += ' ';
            else if (t.is_char('\t') || t.is_char('\n') || t.is_char('\r')) out += ' ';
            else out += t.text;
            pos_ = at;
        }
        if (operator_name && out.empty()) fail("empty operator name", owner);
        return out;
    }

    char32_t parse_delimiter(const Token& owner) {
        Token t = next();
        if (t.type == Token::Type::Char && t.text.size() == 1) {
            switch (t.text[0]) {
            case '(': return 0x28;
            case ')': return 0x29;
            case '[': return 0x5B;
            case ']': return 0x5D;
            case '|': return 0x7C;
            case '/': return 0x2F;
            case '<': return 0x27E8;
            case '>': return 0x27E9;
            case '.': return 0;
            default: break;
            }
        }
        if (t.type == Token::Type::Command) {
            static const std::unordered_map<std::string_view, char32_t> table = {
                {"{", 0x7B},        {"}", 0x7D},        {"lbrace", 0x7B},  {"rbrace", 0x7D},
                {"|", 0x2016},      {"Vert", 0x2016},   {"vert", 0x7C},    {"langle", 0x27E8},
                {"rangle", 0x27E9}, {"lfloor", 0x230A}, {"rfloor", 0x230B}, {"lceil", 0x2308},
                {"rceil", 0x2309},
            };
            if (auto it = table.find(t.text); it != table.end()) return it->second;
        }
        fail("missing or unknown delimiter after " + describe(owner), t);
    }

    std::string parse_environment_name(const Token& owner) {
        Token open = next();
        if (!open.is_char('{')) fail("missing '{' after " + describe(owner), open);
        std::size_t start = pos_;
        while (pos_ < src_.size() && src_[pos_] != '}' && pos_ - start < 32) ++pos_;
        if (pos_ >= src_.size() || src_[pos_] != '}')
            fail("malformed environment name after " + describe(owner), open);
        std::string name(src_.substr(start, pos_ - start));
        ++pos_;
        return name;
    }

    void parse_matrix(NodeList& out, const Token& begin, int depth) {
        std::string env = parse_environment_name(begin);
        Node n;
        n.kind = Node::Kind::Matrix;
        if (env == "matrix") { n.left = 0; n.right = 0; }
        else if (env == "pmatrix") { n.left = 0x28; n.right = 0x29; }
        else if (env == "bmatrix") { n.left = 0x5B; n.right = 0x5D; }
        else if (env == "Bmatrix") { n.left = 0x7B; n.right = 0x7D; }
        else if (env == "vmatrix") { n.left = 0x7C; n.right = 0x7C; }
        else if (env == "Vmatrix") { n.left = 0x2016; n.right = 0x2016; }
        else if (env == "cases") { n.left = 0x7B; n.right = 0; n.array_kind = 1; }
        else if (env == "aligned" || env == "split" || env == "gathered") {
            n.left = 0; n.right = 0; n.array_kind = env == "gathered" ? 3 : 2;
            if (env == "gathered") n.level = 0;
        }
        else
            throw MathError("unknown environment '" + env + "'", column(begin.start),
                            "\\begin{" + env + "}");
        n.cls = (n.left != 0 || n.right != 0) ? AtomClass::Inner : AtomClass::Ord;
        n.rows.emplace_back();
        for (;;) {
            NodeList cell;
            // amsmath starts the right-hand columns of aligned with {} (so "&=" is a relation).
            if (n.array_kind == 2 && n.rows.back().size() % 2 == 1) {
                cell.emplace_back();
                cell.back().nucleus.kind = Field::Kind::List;
            }
            NodeList rest = parse_list(depth + 1, Alphabet::Default, false);
            for (Node& x : rest) cell.push_back(std::move(x));
            n.rows.back().push_back(std::move(cell));
            Token t = next();
            if (t.is_char('&')) continue;
            if (t.is_command("\\")) {
                n.rows.emplace_back();
                continue;
            }
            if (t.is_command("end")) {
                std::string name = parse_environment_name(t);
                if (name != env)
                    throw MathError("\\begin{" + env + "} ended by \\end{" + name + "}",
                                    column(t.start), "\\end{" + name + "}");
                break;
            }
            if (t.type == Token::Type::End)
                throw MathError("\\begin{" + env + "} without \\end{" + env + "}",
                                column(begin.start), "\\begin{" + env + "}");
            if (t.is_char('}')) fail("unbalanced '}' (no matching '{')", t);
            fail("\\right without a matching \\left", t);
        }
        // A trailing \\ before \end does not start a row.
        if (n.rows.size() > 1 && n.rows.back().size() == 1 && n.rows.back()[0].empty())
            n.rows.pop_back();
        out.push_back(std::move(n));
    }

    void parse_atom(NodeList& out, int depth, Alphabet alphabet) {
        Token t = next();
        current_ = t;
        check_depth(depth, t);
        if (t.type == Token::Type::End) fail("unexpected end of input", t);
        if (t.type == Token::Type::Char) {
            if (t.is_char('{')) {
                Node n;
                n.nucleus = parse_group_body(t, depth + 1, alphabet);
                out.push_back(std::move(n));
                return;
            }
            if (t.text.size() > 1 || utf8_length(src_, t.start) == 0) {
                if (utf8_length(src_, t.start) == 0) fail("invalid UTF-8 in the formula", t);
                fail("unsupported character (write it as a command, e.g. \\alpha)", t);
            }
            const char c = t.text[0];
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                if (alphabet == Alphabet::Cal && c >= 'a')
                    fail("\\mathcal has capital letters only", t);
                out.push_back(symbol_node(map_letter(c, alphabet), AtomClass::Ord));
                return;
            }
            if (c >= '0' && c <= '9') {
                out.push_back(symbol_node(map_digit(c, alphabet), AtomClass::Ord));
                return;
            }
            if (c == '~') {
                Node n;
                n.kind = Node::Kind::Space;
                n.space = 10.0 / 3.0;
                n.space_in_mu = false;
                out.push_back(n);
                return;
            }
            SymbolInfo s{};
            if (ascii_symbol(c, s)) {
                out.push_back(symbol_node(s.cp, s.cls));
                return;
            }
            if (c == '#' || c == '$' || c == '&')
                fail("character not allowed here", t);
            fail("unsupported character", t);
        }

        const std::string_view name = t.text;
        if (auto it = symbol_commands().find(name); it != symbol_commands().end()) {
            char32_t cp = it->second.cp;
            // \mathbf applies to Greek as well.
            if (alphabet == Alphabet::Bf && cp >= 0x1D6FC && cp <= 0x1D71B) cp -= 0x1D6FC - 0x1D6C2;
            out.push_back(symbol_node(cp, it->second.cls));
            return;
        }
        if (auto it = space_commands().find(name); it != space_commands().end()) {
            Node n;
            n.kind = Node::Kind::Space;
            n.space = it->second.amount;
            n.space_in_mu = it->second.mu;
            out.push_back(n);
            return;
        }
        if (auto it = named_operators().find(name); it != named_operators().end()) {
            Node n = text_node(std::string(name), FontId::Roman, AtomClass::Op);
            n.limits = it->second ? Limits::Display : Limits::Never;
            out.push_back(std::move(n));
            return;
        }
        if (auto it = accent_commands().find(name); it != accent_commands().end()) {
            Node n;
            n.kind = Node::Kind::Accent;
            n.accent = it->second;
            n.wide = name.substr(0, 4) == "wide";
            n.nucleus = parse_argument(depth + 1, alphabet, "accent", t);
            out.push_back(std::move(n));
            return;
        }
        if (auto it = class_commands().find(name); it != class_commands().end()) {
            Node n;
            n.cls = it->second;
            n.nucleus = parse_argument(depth + 1, alphabet, "class command", t);
            out.push_back(std::move(n));
            return;
        }
        if (auto it = alphabet_commands().find(name); it != alphabet_commands().end()) {
            Node n;
            n.nucleus = parse_argument(depth + 1, it->second, "font command", t);
            out.push_back(std::move(n));
            return;
        }
        if (name == "frac" || name == "dfrac" || name == "tfrac" || name == "cfrac") {
            Node n;
            n.kind = Node::Kind::Frac;
            n.level = name == "dfrac" || name == "cfrac" ? 0 : name == "tfrac" ? 1 : -1;
            n.nucleus = parse_argument(depth + 1, alphabet, "numerator of", t);
            n.second = parse_argument(depth + 1, alphabet, "denominator of", t);
            out.push_back(std::move(n));
            return;
        }
        if (name == "sqrt") {
            Node n;
            n.kind = Node::Kind::Radical;
            if (peek().is_char('[')) {
                Token open = next();
                check_depth(depth + 1, open);
                NodeList degree = parse_list(depth + 1, alphabet, true);
                if (!next().is_char(']')) fail("missing ']' for the root degree", open);
                n.second = group_field(std::move(degree));
            }
            n.nucleus = parse_argument(depth + 1, alphabet, "radicand of", t);
            out.push_back(std::move(n));
            return;
        }
        if (name == "left") {
            Node n;
            n.kind = Node::Kind::LeftRight;
            n.cls = AtomClass::Inner;
            n.left = parse_delimiter(t);
            check_depth(depth + 1, t);
            ++left_depth_;
            NodeList body = parse_list(depth + 1, alphabet, false);
            --left_depth_;
            Token r = next();
            if (!r.is_command("right")) {
                if (r.type == Token::Type::End) fail("\\left without a matching \\right", t);
                if (r.is_char('}')) fail("\\left without a matching \\right before '}'", t);
                fail("\\left without a matching \\right", r);
            }
            n.right = parse_delimiter(r);
            n.nucleus.kind = Field::Kind::List;
            n.nucleus.list = std::move(body);
            out.push_back(std::move(n));
            return;
        }
        if (name == "ldots" || name == "cdots" || name == "dots") {
            Node n;
            n.cls = AtomClass::Inner;
            n.nucleus.kind = Field::Kind::List;
            // amsmath's \dots: centred dots before a binary operator or relation (\dotsb),
            // low dots otherwise.
            bool centred = name == "cdots";
            if (name == "dots") {
                const Token next_token = peek();
                SymbolInfo info{};
                if (next_token.type == Token::Type::Char && next_token.text.size() == 1 &&
                    ascii_symbol(next_token.text[0], info))
                    centred = info.cls == AtomClass::Bin || info.cls == AtomClass::Rel;
                else if (next_token.type == Token::Type::Command) {
                    const auto it = symbol_commands().find(next_token.text);
                    centred = it != symbol_commands().end() &&
                              (it->second.cls == AtomClass::Bin || it->second.cls == AtomClass::Rel);
                }
            }
            const char32_t dot = centred ? 0x22C5 : 0x2E;
            for (int i = 0; i < 3; ++i) n.nucleus.list.push_back(symbol_node(dot, AtomClass::Punct));
            out.push_back(std::move(n));
            // amsmath's \extrap@ and \extra@: \cdots takes a thin space before ',', ';', '.',
            // a closing delimiter or the end of the formula or cell (its '$'); \dots set low
            // only before the last two. \ldots is plain \mathellipsis: never.
            if (name == "cdots" || (name == "dots" && !centred)) {
                const Token after = peek();
                static const std::array<std::string_view, 13> closing = {
                    "}", "rbrace", "rbrack", "rangle", "rceil", "rfloor", "rgroup", "rmoustache",
                    "right", "bigr", "Bigr", "biggr", "Biggr"};
                bool space = after.type == Token::Type::End || after.is_char('&') ||
                             after.is_char(')') || after.is_char(']');
                if (after.type == Token::Type::Command)
                    space = std::find(closing.begin(), closing.end(), after.text) != closing.end();
                if (name == "cdots" && (after.is_char(',') || after.is_char(';') || after.is_char('.')))
                    space = true;
                if (space) {
                    Node sp;
                    sp.kind = Node::Kind::Space;
                    sp.space = 3; // \, = \thinmuskip
                    sp.space_in_mu = true;
                    out.push_back(sp);
                }
            }
            return;
        }
        if (name == "text" || name == "textrm" || name == "mbox" || name == "textbf" ||
            name == "textit" || name == "textnormal") {
            const FontId font = name == "textbf"   ? FontId::Bold
                                : name == "textit" ? FontId::Italic
                                                   : FontId::Roman;
            out.push_back(text_node(parse_text_argument(t, false, font), font, AtomClass::Ord));
            return;
        }
        if (name == "operatorname") {
            bool star = false;
            if (pos_ < src_.size() && src_[pos_] == '*') {
                star = true;
                ++pos_;
            }
            Node n = text_node(parse_text_argument(t, true, FontId::Roman), FontId::Roman, AtomClass::Op);
            n.limits = star ? Limits::Display : Limits::Never;
            out.push_back(std::move(n));
            return;
        }
        if (name == "begin") {
            check_depth(depth + 1, t);
            parse_matrix(out, t, depth);
            return;
        }
        if (name == "displaystyle" || name == "textstyle" || name == "scriptstyle" ||
            name == "scriptscriptstyle") {
            Node n;
            n.kind = Node::Kind::StyleChange;
            n.level = name == "displaystyle" ? 0 : name == "textstyle" ? 1
                      : name == "scriptstyle" ? 2 : 3;
            out.push_back(std::move(n));
            return;
        }
        if (name == "middle") {
            if (left_depth_ == 0) fail("\\middle outside \\left...\\right", t);
            Node n;
            n.kind = Node::Kind::Middle;
            n.left = parse_delimiter(t);
            out.push_back(std::move(n));
            return;
        }
        if (auto it = big_commands().find(name); it != big_commands().end()) {
            Node n;
            n.kind = Node::Kind::BigDelim;
            n.left = parse_delimiter(t);
            n.space = it->second.height;
            n.cls = it->second.cls;
            out.push_back(std::move(n));
            return;
        }
        if (name == "not") {
            Token r = next();
            static const std::unordered_map<std::string_view, char32_t> negations = {
                {"=", 0x2260}, {"in", 0x2209}, {"subset", 0x2284}, {"subseteq", 0x2288},
                {"supset", 0x2285}, {"supseteq", 0x2289}, {"equiv", 0x2262}, {"<", 0x226E},
                {">", 0x226F}, {"le", 0x2270}, {"leq", 0x2270}, {"ge", 0x2271},
                {"geq", 0x2271}, {"sim", 0x2241}, {"simeq", 0x2244}, {"approx", 0x2249},
                {"ni", 0x220C}, {"cong", 0x2247}, {"mid", 0x2224}, {"parallel", 0x2226},
                {"exists", 0x2204}};
            if (auto it = negations.find(r.text); it != negations.end()) {
                out.push_back(symbol_node(it->second, it->second == 0x2204 ? AtomClass::Ord
                                                                           : AtomClass::Rel));
                return;
            }
            fail("\\not is supported before =, <, >, \\in, \\equiv, \\sim, \\subset and "
                 "similar relations",
                 r);
        }
        if (name == "binom" || name == "dbinom" || name == "tbinom") {
            Node n;
            n.kind = Node::Kind::Frac;
            n.bar = false;
            n.left = 0x28;
            n.right = 0x29;
            n.level = name == "dbinom" ? 0 : name == "tbinom" ? 1 : -1;
            n.cls = AtomClass::Ord; // amsmath's \genfrac is a group: an ordinary atom
            n.nucleus = parse_argument(depth + 1, alphabet, "top of", t);
            n.second = parse_argument(depth + 1, alphabet, "bottom of", t);
            out.push_back(std::move(n));
            return;
        }
        if (name == "boxed") {
            Node n;
            n.kind = Node::Kind::Boxed;
            n.nucleus = parse_argument(depth + 1, alphabet, "argument of", t);
            out.push_back(std::move(n));
            return;
        }
        if (name == "overbrace" || name == "underbrace") {
            Node n;
            n.kind = Node::Kind::Brace;
            n.wide = name == "overbrace";
            n.cls = AtomClass::Op;
            n.limits = Limits::Always;
            n.nucleus = parse_argument(depth + 1, alphabet, "argument of", t);
            out.push_back(std::move(n));
            return;
        }
        if (name == "overset" || name == "underset" || name == "stackrel") {
            Field top = parse_argument(depth + 1, alphabet, "first argument of", t);
            Field base = parse_argument(depth + 1, alphabet, "second argument of", t);
            Node n;
            n.stack = true;
            n.limits = Limits::Always;
            // amsmath's \binrel@: the stack takes the class of its base.
            n.cls = name == "stackrel" ? AtomClass::Rel : AtomClass::Ord;
            if (base.kind == Field::Kind::Symbol) {
                n.cls = class_of_symbol(base.cp);
            } else if (base.kind == Field::Kind::List && base.list.size() == 1 &&
                       base.list[0].kind == Node::Kind::Atom && !base.list[0].sup &&
                       !base.list[0].sub) {
                n.cls = base.list[0].cls;
            }
            if (name == "stackrel") n.cls = AtomClass::Rel;
            n.nucleus = std::move(base);
            if (name == "underset") n.sub = std::move(top);
            else n.sup = std::move(top);
            out.push_back(std::move(n));
            return;
        }
        if (name == "xrightarrow" || name == "xleftarrow") {
            Node n;
            n.kind = Node::Kind::XArrow;
            n.cls = AtomClass::Rel;
            n.accent = name == "xrightarrow" ? 0x2192 : 0x2190;
            if (peek().is_char('[')) {
                Token open = next();
                check_depth(depth + 1, open);
                NodeList below = parse_list(depth + 1, alphabet, true);
                if (!next().is_char(']')) fail("missing ']' after the label below", open);
                n.second = group_field(std::move(below));
            }
            n.nucleus = parse_argument(depth + 1, alphabet, "label of", t);
            out.push_back(std::move(n));
            return;
        }
        if (name == "substack") {
            Token open = next();
            if (!open.is_char('{')) fail("missing '{' after \\substack", open);
            check_depth(depth + 1, open);
            Node n;
            n.kind = Node::Kind::Matrix;
            n.array_kind = 3;
            n.level = 2;
            n.rows.emplace_back();
            for (;;) {
                n.rows.back().push_back(parse_list(depth + 1, alphabet, false));
                Token e = next();
                if (e.is_command("\\")) {
                    n.rows.emplace_back();
                    continue;
                }
                if (e.is_char('}')) break;
                if (e.type == Token::Type::End) fail("unbalanced '{' (missing '}')", open);
                fail("unexpected token in \\substack", e);
            }
            if (n.rows.size() > 1 && n.rows.back().size() == 1 && n.rows.back()[0].empty())
                n.rows.pop_back();
            Node wrap;
            wrap.nucleus.kind = Field::Kind::List;
            wrap.nucleus.list.push_back(std::move(n));
            out.push_back(std::move(wrap));
            return;
        }
        if (name == "iff" || name == "implies" || name == "impliedby") {
            // amsmath: \;\Longleftrightarrow\; and friends.
            Node sp;
            sp.kind = Node::Kind::Space;
            sp.space = 5;
            out.push_back(sp);
            out.push_back(symbol_node(name == "iff" ? 0x27FA : name == "implies" ? 0x27F9 : 0x27F8,
                                      AtomClass::Rel));
            out.push_back(sp);
            return;
        }
        if (name == "iint" || name == "iiint" || name == "iiiint") {
            // amsmath's \MultiIntegral: integral signs 9mu (display) closer, scripts beside.
            const int count = name == "iint" ? 2 : name == "iiint" ? 3 : 4;
            for (int i = 0; i < count; ++i) {
                if (i > 0) {
                    Node sp;
                    sp.kind = Node::Kind::Space;
                    sp.space = -9;
                    out.push_back(sp);
                }
                Node n = symbol_node(0x222B, AtomClass::Op);
                n.limits = Limits::Never;
                out.push_back(std::move(n));
            }
            return;
        }
        if (name == "bmod") {
            // amsmath: 5mu, "mod" as a binary operator, 5mu (net of the medium spaces).
            Node sp;
            sp.kind = Node::Kind::Space;
            sp.space = 5;
            out.push_back(sp);
            out.push_back(text_node("mod", FontId::Roman, AtomClass::Ord));
            out.push_back(sp);
            return;
        }
        if (name == "pmod" || name == "mod") {
            Node sp;
            sp.kind = Node::Kind::Space;
            sp.space = 18;
            out.push_back(sp);
            if (name == "pmod") out.push_back(symbol_node(0x28, AtomClass::Open));
            out.push_back(text_node("mod", FontId::Roman, AtomClass::Ord));
            sp.space = 6;
            out.push_back(sp);
            Node arg;
            arg.nucleus = parse_argument(depth + 1, alphabet, "argument of", t);
            out.push_back(std::move(arg));
            if (name == "pmod") out.push_back(symbol_node(0x29, AtomClass::Close));
            return;
        }
        if (name == "right") fail("\\right without a matching \\left", t);
        if (name == "end") fail("\\end without a matching \\begin", t);
        if (name.empty()) fail("a lone backslash at the end of the formula", t);
        fail("unknown command", t);
    }
};

} // namespace

NodeList parse(std::string_view latex) {
    if (latex.size() > kMaxFormulaBytes)
        throw MathError("formula too long (" + std::to_string(latex.size()) +
                            " bytes; the limit is " + std::to_string(kMaxFormulaBytes) + ")",
                        1, "");
    // Reject malformed UTF-8 up front so every later error can name a character column.
    for (std::size_t i = 0; i < latex.size();) {
        const std::size_t n = utf8_length(latex, i);
        if (n == 0) {
            std::size_t col = 1;
            for (std::size_t k = 0; k < i; ++k)
                if ((static_cast<unsigned char>(latex[k]) & 0xC0) != 0x80) ++col;
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02X", static_cast<unsigned char>(latex[i]));
            throw MathError("invalid UTF-8 in the formula", col, hex);
        }
        i += n;
    }
    return Parser(latex).parse_formula();
}

} // namespace reel::math
