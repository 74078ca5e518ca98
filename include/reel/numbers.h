// Manim's DecimalNumber and Integer (manim/mobject/text/numbers.py): one MathTex per character.
#pragma once

#include "reel/math.h"
#include "reel/mobject.h"

namespace reel {

struct DecimalOptions {
    int num_decimal_places = 2;
    bool include_sign = false;
    bool group_with_commas = true;
    /// Space between characters: digit_buff_per_font_unit * font_size.
    double digit_buff_per_font_unit = 0.001;
    double font_size = 48.0;
    Color color = WHITE;
};

/// Manim's DecimalNumber: the formatted number ("{:,.2f}"), each character a MathTex, arranged
/// left to right with bottoms aligned, centred on the origin. A handle: copies share the node.
class DecimalNumber : public Mobject {
public:
    explicit DecimalNumber(double number = 0.0, const DecimalOptions& o = {});
    /// Wraps a handle made by DecimalNumber or Integer (throws std::invalid_argument otherwise).
    explicit DecimalNumber(const Mobject& m);
    double get_value() const { return number(); }
    /// Rebuilds the characters for `v`, keeping the left edge where it was (edge_to_fix=LEFT).
    DecimalNumber& set_value(double v);
};

/// Manim's Integer: a DecimalNumber with no decimal places.
DecimalNumber Integer(long number = 0, DecimalOptions o = {.num_decimal_places = 0});

/// The string Manim shows for `number` ("1,234.50", "-0.00" becomes "0.00").
std::string format_decimal(double number, const DecimalOptions& o);

} // namespace reel
