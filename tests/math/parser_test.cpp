// The TeX-math parser: errors name the column and the offending token; good input parses.
#include <string>

#include <gtest/gtest.h>

#include "parser.h"
#include "reel/math.h"

namespace reel::math {
namespace {

// Runs the parser and returns the MathError it throws (fails the test if none).
MathError error_of(std::string_view latex) {
    try {
        (void)parse(latex);
    } catch (const MathError& e) {
        return e;
    }
    ADD_FAILURE() << "no error for: " << latex;
    return MathError("none", 0, "");
}

// ── negative cases ──

TEST(MathParser, UnbalancedOpeningBraceNamesTheBrace) {
    const MathError e = error_of("a + {b + c");
    EXPECT_EQ(e.column(), 5u);
    EXPECT_EQ(e.token(), "{");
    EXPECT_NE(std::string(e.what()).find("missing '}'"), std::string::npos) << e.what();
}

TEST(MathParser, UnbalancedClosingBrace) {
    const MathError e = error_of("a}b");
    EXPECT_EQ(e.column(), 2u);
    EXPECT_EQ(e.token(), "}");
}

TEST(MathParser, FracWithOneArgument) {
    const MathError e = error_of(R"(\frac{a})");
    EXPECT_EQ(e.column(), 9u);
    EXPECT_EQ(e.token(), "end of input");
    EXPECT_NE(e.message().find("denominator"), std::string::npos) << e.what();
}

TEST(MathParser, UnknownCommand) {
    const MathError e = error_of(R"(x + \foo{y})");
    EXPECT_EQ(e.column(), 5u);
    EXPECT_EQ(e.token(), "\\foo");
    EXPECT_EQ(e.message(), "unknown command");
}

TEST(MathParser, LeftWithoutRight) {
    const MathError e = error_of(R"(a \left( b + c)");
    EXPECT_EQ(e.column(), 3u);
    EXPECT_EQ(e.token(), "\\left");
}

TEST(MathParser, RightWithoutLeft) {
    const MathError e = error_of(R"(a \right))");
    EXPECT_EQ(e.column(), 3u);
    EXPECT_EQ(e.token(), "\\right");
}

TEST(MathParser, LeftWithoutDelimiter) {
    const MathError e = error_of(R"(\left x \right))");
    EXPECT_EQ(e.token(), "x");
}

TEST(MathParser, TenThousandNestedBracesIsAnErrorNotACrash) {
    const std::string deep = std::string(10000, '{') + "x" + std::string(10000, '}');
    const MathError e = error_of(deep);
    EXPECT_EQ(e.token(), "{");
    EXPECT_EQ(e.column(), static_cast<std::size_t>(kMaxNesting) + 1);
    EXPECT_NE(e.message().find("nested too deeply"), std::string::npos);
}

TEST(MathParser, DeepScriptsAndRootsAreBounded) {
    std::string scripts;
    for (int i = 0; i < 5000; ++i) scripts += "x^{";
    EXPECT_NO_FATAL_FAILURE(error_of(scripts));
    std::string roots;
    for (int i = 0; i < 5000; ++i) roots += "\\sqrt{";
    EXPECT_NO_FATAL_FAILURE(error_of(roots));
}

TEST(MathParser, OneMegabyteFormulaIsRefused) {
    const std::string big(1 << 20, 'x');
    const MathError e = error_of(big);
    EXPECT_NE(e.message().find("too long"), std::string::npos);
}

TEST(MathParser, InvalidUtf8NamesTheByte) {
    const MathError e = error_of("ab\xC3(c");
    EXPECT_EQ(e.column(), 3u);
    EXPECT_EQ(e.token(), "\\xC3");
    EXPECT_NE(e.message().find("UTF-8"), std::string::npos);
    EXPECT_EQ(error_of("\xFF").column(), 1u);
    EXPECT_EQ(error_of("a\xED\xA0\x80").column(), 2u); // an encoded surrogate
}

TEST(MathParser, ColumnsCountCharactersNotBytes) {
    const MathError e = error_of("\\text{é} \\bogus");
    EXPECT_EQ(e.column(), 10u);
}

TEST(MathParser, NonAsciiOutsideTextIsRefused) {
    const MathError e = error_of("a + α");
    EXPECT_EQ(e.column(), 5u);
    EXPECT_EQ(e.token(), "α");
}

TEST(MathParser, DoubleScripts) {
    EXPECT_EQ(error_of("x^a^b").column(), 4u);
    EXPECT_EQ(error_of("x_a_b").column(), 4u);
}

TEST(MathParser, MissingScriptArgument) {
    EXPECT_EQ(error_of("x^").token(), "end of input");
    EXPECT_EQ(error_of("x_}").token(), "}");
}

TEST(MathParser, EnvironmentMistakes) {
    EXPECT_EQ(error_of(R"(\begin{foo} a \end{foo})").token(), "\\begin{foo}");
    EXPECT_EQ(error_of(R"(\begin{pmatrix} a \end{bmatrix})").token(), "\\end{bmatrix}");
    EXPECT_EQ(error_of(R"(\begin{pmatrix} a & b)").token(), "\\begin{pmatrix}");
    EXPECT_EQ(error_of(R"(a \\ b)").token(), "\\\\");
}

TEST(MathParser, LimitsOnlyAfterOperators) {
    EXPECT_EQ(error_of(R"(x\limits_0)").token(), "\\limits");
}

TEST(MathParser, TextArgumentErrors) {
    EXPECT_EQ(error_of(R"(\text{abc)").token(), "{");
    EXPECT_EQ(error_of(R"(\text{a \frac b})").token(), "\\frac");
    EXPECT_EQ(error_of(R"(\operatorname{})").token(), "\\operatorname");
}

TEST(MathParser, CalligraphicLowercaseIsRefused) {
    const MathError e = error_of(R"(\mathcal{La})");
    EXPECT_EQ(e.column(), 11u);
    EXPECT_EQ(e.token(), "a");
}

TEST(MathParser, LoneBackslash) { EXPECT_EQ(error_of("a\\").column(), 2u); }

// ── positive cases ──

TEST(MathParser, LettersAreMathItalicDigitsUpright) {
    const NodeList l = parse("x1h");
    ASSERT_EQ(l.size(), 3u);
    EXPECT_EQ(l[0].nucleus.cp, 0x1D465u);
    EXPECT_EQ(l[1].nucleus.cp, U'1');
    EXPECT_EQ(l[2].nucleus.cp, 0x210Eu); // Planck's h
}

TEST(MathParser, GreekLowerItalicUpperUpright) {
    const NodeList l = parse(R"(\alpha\Omega\varepsilon)");
    ASSERT_EQ(l.size(), 3u);
    EXPECT_EQ(l[0].nucleus.cp, 0x1D6FCu);
    EXPECT_EQ(l[1].nucleus.cp, 0x03A9u);
    EXPECT_EQ(l[2].nucleus.cp, 0x1D700u);
}

TEST(MathParser, AtomClasses) {
    const NodeList l = parse(R"(a+b=c\to d\times e,\sum)");
    std::vector<AtomClass> got;
    for (const Node& n : l) got.push_back(n.cls);
    const std::vector<AtomClass> want = {AtomClass::Ord, AtomClass::Bin, AtomClass::Ord,
                                         AtomClass::Rel, AtomClass::Ord, AtomClass::Rel,
                                         AtomClass::Ord, AtomClass::Bin, AtomClass::Ord,
                                         AtomClass::Punct, AtomClass::Op};
    EXPECT_EQ(got, want);
}

TEST(MathParser, ScriptsBothOrdersAndNested) {
    const NodeList l = parse("x_i^{2^k}");
    ASSERT_EQ(l.size(), 1u);
    ASSERT_TRUE(l[0].sub && l[0].sup);
    EXPECT_EQ(l[0].sub->kind, Field::Kind::Symbol);
    ASSERT_EQ(l[0].sup->kind, Field::Kind::List);
    ASSERT_EQ(l[0].sup->list.size(), 1u);
    EXPECT_TRUE(l[0].sup->list[0].sup.has_value());
}

TEST(MathParser, GroupOfOneCharacterIsUnwrapped) {
    const NodeList l = parse("{x}^2");
    ASSERT_EQ(l.size(), 1u);
    EXPECT_EQ(l[0].nucleus.kind, Field::Kind::Symbol);
}

TEST(MathParser, FracSqrtAndRoot) {
    const NodeList l = parse(R"(\frac12 \sqrt[3]{x})");
    ASSERT_EQ(l.size(), 2u);
    EXPECT_EQ(l[0].kind, Node::Kind::Frac);
    EXPECT_EQ(l[0].nucleus.cp, U'1');
    EXPECT_EQ(l[0].second.cp, U'2');
    EXPECT_EQ(l[1].kind, Node::Kind::Radical);
    EXPECT_EQ(l[1].second.cp, U'3');
}

TEST(MathParser, LeftRightDelimiters) {
    const NodeList l = parse(R"(\left\{ x \right. \left\| y \right|)");
    ASSERT_EQ(l.size(), 2u);
    EXPECT_EQ(l[0].left, U'{');
    EXPECT_EQ(l[0].right, 0u);
    EXPECT_EQ(l[1].left, 0x2016u);
    EXPECT_EQ(l[1].right, U'|');
    EXPECT_EQ(l[0].cls, AtomClass::Inner);
}

TEST(MathParser, OperatorsAndLimits) {
    const NodeList l = parse(R"(\sum\int\arg\max\operatorname{softmax}\operatorname*{top}\sum\nolimits)");
    ASSERT_EQ(l.size(), 7u);
    EXPECT_EQ(l[0].limits, Limits::Display);
    EXPECT_EQ(l[1].limits, Limits::Never);
    EXPECT_EQ(l[2].limits, Limits::Never);
    EXPECT_EQ(l[3].limits, Limits::Display);
    EXPECT_EQ(l[4].nucleus.text, "softmax");
    EXPECT_EQ(l[4].limits, Limits::Never);
    EXPECT_EQ(l[5].limits, Limits::Display);
    EXPECT_EQ(l[6].limits, Limits::Never);
}

TEST(MathParser, AlphabetsTextAndSpaces) {
    const NodeList l = parse(R"(\mathbf{x}\mathbb{R}\mathcal{L}\mathrm{d}\text{a b}\,\quad)");
    ASSERT_EQ(l.size(), 7u);
    EXPECT_EQ(l[0].nucleus.cp, 0x1D431u);
    EXPECT_EQ(l[1].nucleus.cp, 0x211Du);
    EXPECT_EQ(l[2].nucleus.cp, 0x2112u);
    EXPECT_EQ(l[3].nucleus.cp, U'd');
    EXPECT_EQ(l[4].nucleus.text, "a b");
    EXPECT_EQ(l[5].kind, Node::Kind::Space);
    EXPECT_TRUE(l[5].space_in_mu);
    EXPECT_FALSE(l[6].space_in_mu);
}

TEST(MathParser, MatrixRowsAndColumns) {
    const NodeList l = parse(R"(\begin{bmatrix} a & b \\ c & d \\ \end{bmatrix})");
    ASSERT_EQ(l.size(), 1u);
    ASSERT_EQ(l[0].rows.size(), 2u);
    EXPECT_EQ(l[0].rows[1].size(), 2u);
    EXPECT_EQ(l[0].left, U'[');
}

TEST(MathParser, AccentsClassesAndDots) {
    const NodeList l = parse(R"(\hat{x}\mathbin{/}\mathrel{x}\ldots\top)");
    ASSERT_EQ(l.size(), 5u);
    EXPECT_EQ(l[0].kind, Node::Kind::Accent);
    EXPECT_EQ(l[1].cls, AtomClass::Bin);
    EXPECT_EQ(l[2].cls, AtomClass::Rel);
    EXPECT_EQ(l[3].cls, AtomClass::Inner);
    EXPECT_EQ(l[3].nucleus.list.size(), 3u);
    EXPECT_EQ(l[4].nucleus.cp, 0x22A4u);
}

TEST(MathParser, TopLevelAlignmentPointIsAccepted) {
    EXPECT_NO_THROW(parse("a &= b"));
    EXPECT_NO_THROW(check_syntax("% a comment\n x"));
}

TEST(MathParser, TextTheFontsLackIsAnErrorNamingTheCharacter) {
    const MathError e = error_of("x + \\text{caf\xc3\xa9 \xe6\x97\xa5}");
    EXPECT_EQ(e.column(), 16u); // the CJK character, counted in characters
    EXPECT_EQ(e.token(), "\xe6\x97\xa5");
    EXPECT_NE(std::string(e.what()).find("U+65E5"), std::string::npos) << e.what();
    EXPECT_NO_THROW(parse("\\text{caf\xc3\xa9}")); // Latin Modern Roman has the accented letters
}

TEST(MathParser, NewConstructMistakes) {
    EXPECT_EQ(error_of("a \\middle| b").token(), "\\middle");
    EXPECT_EQ(error_of("a \\not\\alpha").token(), "\\alpha");
    EXPECT_EQ(error_of("\\binom{n}").token(), "end of input");
    EXPECT_EQ(error_of("\\begin{cases} a & b").column(), 1u);
    EXPECT_EQ(error_of("\\substack{a \\\\ b").token(), "{");
    EXPECT_EQ(error_of("\\xrightarrow[b{a}").token(), "[");
}

TEST(MathParser, NewConstructs) {
    const NodeList l = parse(R"(\binom{n}{k} \overbrace{x}^{a} \overset{!}{=} \not= \boxed{x} \left( a \middle| b \right) \Big( \displaystyle f'' \iint)");
    ASSERT_GE(l.size(), 10u);
    EXPECT_EQ(l[0].kind, Node::Kind::Frac);
    EXPECT_FALSE(l[0].bar);
    EXPECT_EQ(l[1].kind, Node::Kind::Brace);
    ASSERT_TRUE(l[1].sup.has_value());
    EXPECT_TRUE(l[2].stack);
    EXPECT_EQ(l[2].cls, AtomClass::Rel); // takes the class of its base
    EXPECT_EQ(l[3].nucleus.cp, 0x2260u);
    EXPECT_EQ(l[4].kind, Node::Kind::Boxed);
    EXPECT_EQ(l[5].kind, Node::Kind::LeftRight);
    EXPECT_EQ(l[5].nucleus.list[1].kind, Node::Kind::Middle);
    EXPECT_EQ(l[6].kind, Node::Kind::BigDelim);
    EXPECT_EQ(l[7].kind, Node::Kind::StyleChange);
    ASSERT_TRUE(l[8].sup.has_value());
    EXPECT_EQ(l[8].sup->list.size(), 2u); // f'' : two primes in one superscript
}

TEST(MathParser, EnvironmentsOfAmsmath) {
    const NodeList c = parse(R"(\begin{cases} 1 & x > 0 \\ 0 & \text{else} \end{cases})");
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].array_kind, 1);
    EXPECT_EQ(c[0].left, U'{');
    EXPECT_EQ(c[0].right, 0u);
    const NodeList a = parse(R"(\begin{aligned} f &= g \\ &= h \end{aligned})");
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].array_kind, 2);
    ASSERT_EQ(a[0].rows.size(), 2u);
    // amsmath's {} at the start of the right-hand column: "=" keeps its relation spacing.
    EXPECT_EQ(a[0].rows[0][1][0].nucleus.kind, Field::Kind::List);
}

} // namespace
} // namespace reel::math
