#include "parser.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>
#include <unordered_map>

#include "parser_impl.h"
#include "reel/math.h"

namespace reel::math {

MathError::MathError(const std::string& message, std::size_t column, std::string token)
    : std::runtime_error("column " + std::to_string(column) + ": " + message +
                         (token.empty() ? std::string() : " (at '" + token + "')")),
      column_(column), token_(std::move(token)), message_(message) {}

NodeList Parser::parse_formula() {
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

std::size_t Parser::column(std::size_t byte) const {
    std::size_t col = 1;
    for (std::size_t i = 0; i < byte && i < src_.size(); ++i)
        if ((static_cast<unsigned char>(src_[i]) & 0xC0) != 0x80) ++col;
    return col;
}

std::string Parser::describe(const Token& t) {
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

void Parser::fail(const std::string& message, const Token& t) const {
    throw MathError(message, column(t.start), describe(t));
}

void Parser::skip_space() {
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

Token Parser::lex(std::size_t& at) const {
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

Token Parser::peek() {
    skip_space();
    std::size_t at = pos_;
    return lex(at);
}

Token Parser::next() {
    skip_space();
    return lex(pos_);
}

void Parser::check_depth(int depth, const Token& t) const {
    if (depth > kMaxNesting)
        fail("formula nested too deeply (more than " + std::to_string(kMaxNesting) +
                 " levels)",
             t);
}

bool Parser::ends_list(const Token& t, bool bracket) {
    return t.type == Token::Type::End || t.is_char('}') || t.is_char('&') ||
           t.is_command("\\") || t.is_command("right") || t.is_command("end") ||
           (bracket && t.is_char(']'));
}

NodeList Parser::parse_list(int depth, Alphabet alphabet, bool stop_at_bracket) {
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

void Parser::attach_script(NodeList& out, const Token& t, int depth, Alphabet alphabet) {
    // TeX attaches a script to the last noad; after a space or a style change (\textstyle
    // ^\circ) there is none, and the script gets an empty nucleus of its own.
    if (out.empty() || out.back().kind == Node::Kind::Space || out.back().kind == Node::Kind::StyleChange)
        out.emplace_back();
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

Field Parser::group_field(NodeList list) {
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

Field Parser::parse_group_body(const Token& open, int depth, Alphabet alphabet) {
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

Field Parser::parse_argument(int depth, Alphabet alphabet, const std::string& what,
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

char32_t Parser::decode(std::string_view u) {
    const auto b = static_cast<unsigned char>(u[0]);
    if (b < 0x80) return b;
    const std::size_t n = u.size();
    char32_t cp = b & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(u[k]) & 0x3F);
    return cp;
}

std::string Parser::hex(char32_t cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    return buf;
}

void Parser::check_text_glyph(const Token& t, FontId font, const Token& owner) const {
    const char32_t cp = decode(t.text);
    std::uint32_t g = 0;
    if (cp < 0x20 || FontSet::get().font(font).glyph_of(cp, g)) return;
    fail("the text font has no glyph for '" + std::string(t.text) + "' (" + hex(cp) +
             ") inside " + describe(owner),
         t);
}

Node Parser::symbol_node(char32_t cp, AtomClass cls) const {
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

Node Parser::text_node(std::string text, FontId font, AtomClass cls) {
    Node n;
    n.cls = cls;
    n.nucleus.kind = Field::Kind::Text;
    n.nucleus.text = std::move(text);
    n.nucleus.text_font = font;
    return n;
}

std::string Parser::parse_text_argument(const Token& owner, bool operator_name, FontId font) {
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
            // The logos, as private-use characters the text layout builds as LaTeX does.
            if (!operator_name && (t.text == "LaTeX" || t.text == "TeX")) {
                out += t.text == "LaTeX" ? kLaTeXLogo : kTeXLogo;
                pos_ = at;
                // A control word swallows the spaces after it.
                while (pos_ < src_.size() && src_[pos_] == ' ') ++pos_;
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

char32_t Parser::parse_delimiter(const Token& owner) {
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

std::string Parser::parse_environment_name(const Token& owner) {
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

void Parser::parse_matrix(NodeList& out, const Token& begin, int depth) {
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
    else if (env == "center") {
        // Tex's lines (Manim wraps Tex in LaTeX's center environment): text style, centred,
        // 12 pt from baseline to baseline.
        n.left = 0; n.right = 0; n.array_kind = 4;
    }
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
