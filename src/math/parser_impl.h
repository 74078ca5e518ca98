// The TeX-math parser's state (math internals): the lexer, the lists, scripts, groups and
// environments are in parser.cpp, what each command builds (parse_atom) in parser_atoms.cpp.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "commands.h"
#include "parser.h"

namespace reel::math {

/// One token of the source: a character (or UTF-8 sequence) or a command.
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

/// A recursive-descent parser over one formula; throws MathError.
class Parser {
public:
    explicit Parser(std::string_view src) : src_(src) {}

    NodeList parse_formula();

private:
    std::string_view src_;
    std::size_t pos_ = 0;
    int left_depth_ = 0; // open \left groups (where \middle is allowed)
    Token current_;      // the token being parsed (for errors found while building nodes)

    std::size_t column(std::size_t byte) const;
    static std::string describe(const Token& t);
    [[noreturn]] void fail(const std::string& message, const Token& t) const;
    void skip_space();
    Token lex(std::size_t& at) const;
    Token peek();
    Token next();
    void check_depth(int depth, const Token& t) const;
    static bool ends_list(const Token& t, bool bracket);

    /// A sub-formula; stops (without consuming) at '}', '&', '\\', \right, \end or the end.
    NodeList parse_list(int depth, Alphabet alphabet, bool stop_at_bracket);
    void attach_script(NodeList& out, const Token& t, int depth, Alphabet alphabet);
    static Field group_field(NodeList list);
    Field parse_group_body(const Token& open, int depth, Alphabet alphabet);

    /// An argument: a {group} or a single token that makes one atom.
    Field parse_argument(int depth, Alphabet alphabet, const std::string& what,
                         const Token& owner);

    /// The code point of a UTF-8 sequence (already validated).
    static char32_t decode(std::string_view u);
    static std::string hex(char32_t cp);

    /// A character must exist in the font it is set in: never a blank picture.
    void check_text_glyph(const Token& t, FontId font, const Token& owner) const;
    Node symbol_node(char32_t cp, AtomClass cls) const;
    static Node text_node(std::string text, FontId font, AtomClass cls);

    /// The raw text of a {...} argument of \text or \operatorname, escapes resolved.
    std::string parse_text_argument(const Token& owner, bool operator_name, FontId font);
    char32_t parse_delimiter(const Token& owner);
    std::string parse_environment_name(const Token& owner);
    void parse_matrix(NodeList& out, const Token& begin, int depth);
    void parse_atom(NodeList& out, int depth, Alphabet alphabet);
};

} // namespace reel::math
