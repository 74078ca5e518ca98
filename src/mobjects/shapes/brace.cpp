// Manim's Brace from its SVG path (brace.py), parsed here: m/c/h/v/z, relative coordinates.
#include "reel/brace.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string>

#include <fmt/format.h>

#include "shape_util.h"

namespace reel {

namespace {

constexpr const char* kBracePath =
    "m0.01216 0c-0.01152 0-0.01216 6.103e-4 -0.01216 0.01311v0.007762c0.06776 0.122 0.1799 0.1455 "
    "0.2307 0.1455h{0}c0.03046 3.899e-4 0.07964 0.00449 0.1246 0.02636 0.0537 0.02695 0.07418 "
    "0.05816 0.08648 0.07769 0.001562 0.002538 0.004539 0.002563 0.01098 0.002563 0.006444-2e-8 "
    "0.009421-2.47e-5 0.01098-0.002563 0.0123-0.01953 0.03278-0.05074 0.08648-0.07769 0.04491"
    "-0.02187 0.09409-0.02597 0.1246-0.02636h{0}c0.05077 0 0.1629-0.02346 0.2307-0.1455v-0.007762"
    "c-1.78e-6 -0.0125-6.365e-4 -0.01311-0.01216-0.01311-0.006444-3.919e-8 -0.009348 2.448e-5 "
    "-0.01091 0.002563-0.0123 0.01953-0.03278 0.05074-0.08648 0.07769-0.04491 0.02187-0.09416 "
    "0.02597-0.1246 0.02636h{1}c-0.04786 0-0.1502 0.02094-0.2185 0.1256-0.06833-0.1046-0.1706"
    "-0.1256-0.2185-0.1256h{1}c-0.03046-3.899e-4 -0.07972-0.004491-0.1246-0.02636-0.0537-0.02695"
    "-0.07418-0.05816-0.08648-0.07769-0.001562-0.002538-0.004467-0.002563-0.01091-0.002563z";
constexpr double kDefaultMinWidth = 0.90552;

// The relative SVG path as cubics (lines as straight cubics), y as written (down).
Points parse_path(const std::string& d) {
    Points out;
    Vec2 cur{0, 0}, start{0, 0};
    std::size_t i = 0;
    char cmd = 0;
    auto skip = [&] {
        while (i < d.size() && (std::isspace(static_cast<unsigned char>(d[i])) || d[i] == ',')) ++i;
    };
    auto number = [&] {
        skip();
        const char* b = d.c_str() + i;
        char* e = nullptr;
        double v = std::strtod(b, &e);
        i += static_cast<std::size_t>(e - b);
        return v;
    };
    while (true) {
        skip();
        if (i >= d.size()) break;
        if (std::isalpha(static_cast<unsigned char>(d[i]))) cmd = d[i++];
        switch (cmd) {
        case 'm': {
            double x = number(), y = number();
            cur = cur + Vec2{x, y};
            start = cur;
            cmd = 'l';
            break;
        }
        case 'l': {
            double x = number(), y = number();
            add_line(out, cur, cur + Vec2{x, y});
            cur = cur + Vec2{x, y};
            break;
        }
        case 'h': {
            double x = number();
            add_line(out, cur, cur + Vec2{x, 0});
            cur.x += x;
            break;
        }
        case 'v': {
            double y = number();
            add_line(out, cur, cur + Vec2{0, y});
            cur.y += y;
            break;
        }
        case 'c': {
            double a = number(), b = number(), c = number(), e = number(), f = number(), g = number();
            out.insert(out.end(), {cur, cur + Vec2{a, b}, cur + Vec2{c, e}, cur + Vec2{f, g}});
            cur = cur + Vec2{f, g};
            break;
        }
        case 'z': {
            // close_path: a line back to the start unless already there.
            if ((cur - start).norm() > 1e-9) add_line(out, cur, start);
            cur = start;
            cmd = 0;
            break;
        }
        default:
            return out; // not in the brace path
        }
    }
    return out;
}

std::string format_path(double linear) {
    std::string s = kBracePath;
    std::string a = fmt::format("{}", linear), b = fmt::format("{}", -linear);
    for (std::size_t p; (p = s.find("{0}")) != std::string::npos;) s.replace(p, 3, a);
    for (std::size_t p; (p = s.find("{1}")) != std::string::npos;) s.replace(p, 3, b);
    return s;
}

} // namespace

Mobject Brace(const Mobject& m, Vec2 direction, const BraceOptions& o) {
    // Turn the mobject so that `direction` is DOWN, brace it from below, turn both back.
    double angle = -std::atan2(direction.x, direction.y) + PI;
    Mobject turned = m.copy();
    turned.apply(Affine::rotate_about(ORIGIN, -angle));
    Bounds bb = turned.anchor_bounds();
    Vec2 left{bb.min.x, bb.min.y};
    double target_width = bb.max.x - bb.min.x;
    double linear = std::max(0.0, (target_width * o.sharpness - kDefaultMinWidth) / 2);
    Mobject b = detail::shape(parse_path(format_path(linear)), Style{o.color, 1.0, o.color, 1.0, 0.0},
                              "Brace");
    b.flip_vertical(); // SVG y points down
    b.stretch_to_fit_width(target_width);
    b.shift(left - b.get_corner(UL) + DOWN * o.buff);
    b.apply(Affine::rotate_about(ORIGIN, angle));
    b.set_behavior(kind_tag("Brace"));
    return b;
}

Mobject BraceBetweenPoints(Vec2 p1, Vec2 p2, std::optional<Vec2> direction, const BraceOptions& o) {
    Vec2 v = p2 - p1;
    Mobject b = Brace(Line(p1, p2), direction.value_or(Vec2{v.y, -v.x}), o);
    return b;
}

Vec2 brace_tip(const Mobject& brace) {
    const Points& p = brace.points();
    return p.size() > 28 ? p[28] : brace.get_center();
}

Vec2 brace_direction(const Mobject& brace) {
    Vec2 v = brace_tip(brace) - brace.get_center();
    double n = v.norm();
    return n > 0 ? v / n : DOWN;
}

Mobject& put_at_tip(const Mobject& brace, Mobject& m, double buff) {
    Vec2 d = brace_direction(brace);
    return m.next_to(brace_tip(brace), {std::round(d.x), std::round(d.y)}, buff);
}

} // namespace reel
