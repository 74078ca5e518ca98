// DecimalNumber and Integer as numbers.py builds them.
#include "reel/numbers.h"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace reel {

namespace {

class DecimalBehavior final : public Behavior {
public:
    explicit DecimalBehavior(DecimalOptions o) : o_(o) {}
    std::string_view kind() const override { return "DecimalNumber"; }
    const DecimalOptions& options() const { return o_; }

private:
    DecimalOptions o_;
};

// _set_submobjects_from_number: one MathTex per character, arranged with bottoms aligned; a
// minus sign is raised to the middle of the next character, a comma lowered by half its height.
std::vector<Mobject> characters(const std::string& s, const DecimalOptions& o) {
    std::vector<Mobject> chars;
    for (char c : s) {
        Mobject m = MathTex(std::string(1, c), {.font_size = o.font_size, .color = o.color});
        chars.push_back(m);
    }
    Mobject row = VGroup(chars);
    row.arrange(RIGHT, o.digit_buff_per_font_unit * o.font_size, DOWN);
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '-' && i + 1 < s.size()) {
            chars[i].align_to(chars[i + 1], UP);
            chars[i].shift(DOWN * (chars[i + 1].height() / 2));
        } else if (s[i] == ',') {
            chars[i].shift(DOWN * (chars[i].height() / 2));
        }
    }
    return chars;
}

} // namespace

std::string format_decimal(double number, const DecimalOptions& o) {
    int places = std::max(0, o.num_decimal_places);
    std::string s = o.include_sign ? fmt::format("{:+.{}f}", number, places)
                                   : fmt::format("{:.{}f}", number, places);
    std::string out;
    std::size_t begin = (s[0] == '-' || s[0] == '+') ? 1 : 0;
    std::size_t end = s.find('.');
    if (end == std::string::npos) end = s.size();
    double scale = std::pow(10.0, places);
    // Python drops the sign of a number that rounds to zero ("+" kept with include_sign).
    if (s[0] == '-' && std::round(number * scale) == 0) {
        if (o.include_sign) out.push_back('+');
    } else if (begin == 1) {
        out.push_back(s[0]);
    }
    // Python's "," grouping of the integer digits.
    for (std::size_t k = begin; k < end; ++k) {
        out.push_back(s[k]);
        std::size_t left = end - k - 1;
        if (o.group_with_commas && left > 0 && left % 3 == 0) out.push_back(',');
    }
    for (std::size_t k = end; k < s.size(); ++k) out.push_back(s[k]);
    return out;
}

DecimalNumber::DecimalNumber(double number, const DecimalOptions& o) {
    set_children(characters(format_decimal(number, o), o));
    set_behavior(std::make_shared<DecimalBehavior>(o));
    set_label(fmt::format("DecimalNumber«{}»", format_decimal(number, o)));
    set_number(number);
    center();
}

DecimalNumber::DecimalNumber(const Mobject& m) : Mobject(m) {
    if (!m.behavior_as<DecimalBehavior>())
        throw std::invalid_argument("DecimalNumber: " + m.label() + " is not a DecimalNumber");
}

DecimalNumber& DecimalNumber::set_value(double v) {
    const DecimalOptions& o = behavior_as<DecimalBehavior>()->options();
    Vec2 left = get_left();
    bool had = size() > 0;
    set_children(characters(format_decimal(v, o), o));
    set_number(v);
    set_label(fmt::format("DecimalNumber«{}»", format_decimal(v, o)));
    if (had) move_to(left, LEFT);
    else center();
    return *this;
}

DecimalNumber Integer(long number, DecimalOptions o) {
    o.num_decimal_places = 0;
    DecimalNumber d(static_cast<double>(number), o);
    d.set_label(fmt::format("Integer«{}»", format_decimal(static_cast<double>(number), o)));
    return d;
}

} // namespace reel
