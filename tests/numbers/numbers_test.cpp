// DecimalNumber and Integer against Manim CE 0.17.3's numbers.py: the formatted string
// ("{:,.2f}" and its -0 rule), one MathTex per character, buff 0.001 * font_size between
// characters with bottoms aligned, and set_value keeping the left edge.
#include <gtest/gtest.h>

#include <stdexcept>

#include "reel/numbers.h"

namespace reel {
namespace {

TEST(DecimalNumberNegative, WrappingAnotherMobjectThrows) {
    EXPECT_THROW(DecimalNumber(Mobject(Square())), std::invalid_argument);
}

TEST(DecimalNumberNegative, NegativeZeroLosesItsSign) {
    EXPECT_EQ(format_decimal(-0.001, {}), "0.00");
    EXPECT_EQ(format_decimal(-0.001, {.include_sign = true}), "+0.00");
}

TEST(DecimalNumber, FormatsAsPythonDoes) {
    EXPECT_EQ(format_decimal(1234.5, {}), "1,234.50");
    EXPECT_EQ(format_decimal(1234567.0, {.num_decimal_places = 0}), "1,234,567");
    EXPECT_EQ(format_decimal(-1234.5, {.num_decimal_places = 1}), "-1,234.5");
    EXPECT_EQ(format_decimal(3.14159, {.include_sign = true}), "+3.14");
    EXPECT_EQ(format_decimal(999.0, {.num_decimal_places = 0}), "999");
    EXPECT_EQ(format_decimal(2.5, {.num_decimal_places = 3, .group_with_commas = false}), "2.500");
}

TEST(DecimalNumber, OneMathTexPerCharacterArrangedWithBottomsAligned) {
    DecimalNumber d(3.14);
    ASSERT_EQ(d.size(), 4u); // "3" "." "1" "4"
    EXPECT_EQ(d.get_value(), 3.14);
    EXPECT_EQ(d.kind(), "DecimalNumber");
    EXPECT_NEAR(d.get_center().x, 0.0, 1e-9);
    EXPECT_NEAR(d.get_center().y, 0.0, 1e-9);
    for (std::size_t i = 1; i < d.size(); ++i) {
        EXPECT_NEAR(d[i].get_bottom().y, d[0].get_bottom().y, 1e-9);
        // arrange(buff = 0.001 * 48)
        EXPECT_NEAR(d[i].get_left().x - d[i - 1].get_right().x, 0.048, 1e-9);
    }
}

TEST(DecimalNumber, SetValueKeepsTheLeftEdge) {
    DecimalNumber d(1.0);
    d.shift({2, 1});
    double left = d.get_left().x;
    d.set_value(1234.5);
    EXPECT_EQ(d.size(), 8u); // 1,234.50
    EXPECT_NEAR(d.get_left().x, left, 1e-9);
    EXPECT_EQ(d.get_value(), 1234.5);
    // A handle wrapping the same node sees the change.
    DecimalNumber again(static_cast<const Mobject&>(d));
    EXPECT_EQ(again.size(), 8u);
}

TEST(Integer, NoDecimalPlaces) {
    auto i = Integer(42);
    EXPECT_EQ(i.size(), 2u);
    EXPECT_EQ(Integer(-7).size(), 2u);
    // The minus sign sits at the middle height of the digit after it.
    auto n = Integer(-7);
    EXPECT_NEAR(n[0].get_center().y, n[1].get_center().y, 0.02);
}

} // namespace
} // namespace reel
