// What each TeX-math command builds: Parser::parse_atom, the parser's one big dispatch (the
// lexer and the structure around it are in parser.cpp).
#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>

#include "parser_impl.h"
#include "reel/math.h"

namespace reel::math {

void Parser::parse_atom(NodeList& out, int depth, Alphabet alphabet) {
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

} // namespace reel::math
