#include "reel/geometry.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>

namespace reel {

double Vec2::norm() const { return std::hypot(x, y); }
double Vec3::norm() const { return std::sqrt(x * x + y * y + z * z); }

namespace {

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

using Subpath = std::vector<Vec2>;

std::vector<Subpath> split_subpaths(const Points& p) {
    std::vector<Subpath> out;
    for (std::size_t i = 0; i + 3 < p.size(); i += 4) {
        if (out.empty() || !points_equal_2d(out.back().back(), p[i])) out.emplace_back();
        out.back().insert(out.back().end(), p.begin() + static_cast<long>(i),
                          p.begin() + static_cast<long>(i) + 4);
    }
    return out;
}

} // namespace

// Manim's insert_n_curves_to_point_list: cubic j is split into as many equal-parameter pieces
// as there are i in [0, target) with floor(i * curr / target) == j.
Points insert_n_curves(const Points& p, std::size_t n) {
    std::size_t curr = curve_count(p);
    if (curr == 0) {
        Points out(4 * n, Vec2{});
        return out;
    }
    std::size_t target = curr + n;
    std::vector<std::size_t> repeat(curr, 0);
    for (std::size_t i = 0; i < target; ++i) repeat[i * curr / target] += 1;
    Points out;
    out.reserve(target * 4);
    for (std::size_t j = 0; j < curr; ++j) {
        std::array<Vec2, 4> c{p[4 * j], p[4 * j + 1], p[4 * j + 2], p[4 * j + 3]};
        std::size_t k = repeat[j];
        for (std::size_t s = 0; s < k; ++s) {
            auto piece = partial_bezier(c, static_cast<double>(s) / static_cast<double>(k),
                                        static_cast<double>(s + 1) / static_cast<double>(k));
            out.insert(out.end(), piece.begin(), piece.end());
        }
    }
    return out;
}

bool Color::parse(std::string_view text, Color& out) {
    if (!text.empty() && text[0] == '#') text.remove_prefix(1);
    if (text.size() != 6 && text.size() != 3) return false;
    int v[6];
    for (std::size_t i = 0; i < text.size(); ++i) {
        v[i] = hex_digit(text[i]);
        if (v[i] < 0) return false;
    }
    if (text.size() == 3) {
        out = {v[0] * 17 / 255.0, v[1] * 17 / 255.0, v[2] * 17 / 255.0};
    } else {
        out = {(v[0] * 16 + v[1]) / 255.0, (v[2] * 16 + v[3]) / 255.0,
               (v[4] * 16 + v[5]) / 255.0};
    }
    return true;
}

Color Color::hex(std::string_view text) {
    Color c;
    [[maybe_unused]] bool ok = parse(text, c);
    assert(ok && "malformed colour constant");
    return c;
}

std::array<char, 8> Color::to_hex() const {
    auto byte = [](double v) {
        return static_cast<unsigned>(std::clamp(v, 0.0, 1.0) * 255.0 + 0.5);
    };
    std::array<char, 8> out{};
    std::snprintf(out.data(), out.size(), "#%02x%02x%02x", byte(r), byte(g), byte(b));
    return out;
}

void add_line(Points& p, Vec2 a, Vec2 b) {
    p.push_back(a);
    p.push_back(lerp(a, b, 1.0 / 3.0));
    p.push_back(lerp(a, b, 2.0 / 3.0));
    p.push_back(b);
}

Points corners_to_points(const std::vector<Vec2>& corners) {
    Points p;
    for (std::size_t i = 0; i + 1 < corners.size(); ++i) add_line(p, corners[i], corners[i + 1]);
    return p;
}

void Bounds::include(Vec2 p) {
    if (!valid) {
        min = max = p;
        valid = true;
        return;
    }
    min.x = std::min(min.x, p.x);
    min.y = std::min(min.y, p.y);
    max.x = std::max(max.x, p.x);
    max.y = std::max(max.y, p.y);
}

void Bounds::include(const Bounds& b) {
    if (!b.valid) return;
    include(b.min);
    include(b.max);
}

Vec2 Bounds::critical_point(Vec2 dir) const {
    if (!valid) return ORIGIN;
    auto pick = [](double lo, double hi, double d) {
        return d < 0 ? lo : (d > 0 ? hi : (lo + hi) / 2);
    };
    return {pick(min.x, max.x, dir.x), pick(min.y, max.y, dir.y)};
}

Bounds anchor_bounds(const Points& p) {
    Bounds b;
    for (std::size_t i = 0; i + 3 < p.size(); i += 4) {
        b.include(p[i]);
        b.include(p[i + 3]);
    }
    return b;
}

Bounds all_bounds(const Points& p) {
    Bounds b;
    for (Vec2 v : p) b.include(v);
    return b;
}

std::array<Vec2, 4> partial_bezier(const std::array<Vec2, 4>& c, double a, double b) {
    // Manim's partial_bezier_points: split at a, then at (b - a) / (1 - a) of the rest.
    auto split_tail = [](const std::array<Vec2, 4>& q, double t) {
        Vec2 p01 = lerp(q[0], q[1], t), p12 = lerp(q[1], q[2], t), p23 = lerp(q[2], q[3], t);
        Vec2 p012 = lerp(p01, p12, t), p123 = lerp(p12, p23, t);
        Vec2 m = lerp(p012, p123, t);
        return std::array<Vec2, 4>{m, p123, p23, q[3]};
    };
    auto split_head = [](const std::array<Vec2, 4>& q, double t) {
        Vec2 p01 = lerp(q[0], q[1], t), p12 = lerp(q[1], q[2], t), p23 = lerp(q[2], q[3], t);
        Vec2 p012 = lerp(p01, p12, t), p123 = lerp(p12, p23, t);
        Vec2 m = lerp(p012, p123, t);
        return std::array<Vec2, 4>{q[0], p01, p012, m};
    };
    if (a == 1.0) return {c[3], c[3], c[3], c[3]};
    std::array<Vec2, 4> tail = a == 0.0 ? c : split_tail(c, a);
    double end = (b - a) / (1.0 - a);
    return split_head(tail, end);
}

Points partial_points(const Points& src, double a, double b) {
    std::size_t n = curve_count(src);
    if (n == 0) return {};
    if (a <= 0 && b >= 1) return src;
    auto integer_interpolate = [n](double x, std::size_t& index, double& residue) {
        if (x >= 1) {
            index = n - 1;
            residue = 1.0;
        } else if (x <= 0) {
            index = 0;
            residue = 0.0;
        } else {
            double v = static_cast<double>(n) * x;
            index = static_cast<std::size_t>(v);
            residue = v - static_cast<double>(index);
        }
    };
    std::size_t li, ui;
    double lr, ur;
    integer_interpolate(a, li, lr);
    integer_interpolate(b, ui, ur);
    auto curve = [&src](std::size_t k) {
        return std::array<Vec2, 4>{src[4 * k], src[4 * k + 1], src[4 * k + 2], src[4 * k + 3]};
    };
    // As Manim 0.17.3: the tail of the lower cubic, the whole cubics between, the head of the
    // upper one (fewer points than the source).
    Points out;
    if (li == ui) {
        auto piece = partial_bezier(curve(li), lr, ur);
        out.assign(piece.begin(), piece.end());
        return out;
    }
    auto lower = partial_bezier(curve(li), lr, 1.0);
    out.assign(lower.begin(), lower.end());
    out.insert(out.end(), src.begin() + static_cast<long>(4 * (li + 1)),
               src.begin() + static_cast<long>(4 * ui));
    auto upper = partial_bezier(curve(ui), 0.0, ur);
    out.insert(out.end(), upper.begin(), upper.end());
    return out;
}

void align_points(Points& a, Points& b) {
    if (a.size() == b.size()) return;
    auto sa = split_subpaths(a);
    auto sb = split_subpaths(b);
    // Pad the shorter subpath list with null subpaths (4 copies of the last point).
    auto pad = [](std::vector<Subpath>& s, std::size_t n) {
        Vec2 last = s.empty() ? Vec2{} : s.back().back();
        while (s.size() < n) s.push_back(Subpath(4, last));
    };
    std::size_t ns = std::max(sa.size(), sb.size());
    pad(sa, ns);
    pad(sb, ns);
    Points ra, rb;
    for (std::size_t i = 0; i < ns; ++i) {
        // Trailing all-equal cubics are trimmed (Manim: get_subpaths drops degenerate tails).
        auto trim = [](Subpath& s) {
            while (s.size() > 4) {
                auto it = s.end() - 4;
                if (it[0] == it[1] && it[1] == it[2] && it[2] == it[3]) s.erase(it, s.end());
                else break;
            }
        };
        trim(sa[i]);
        trim(sb[i]);
        std::size_t ca = curve_count(sa[i]), cb = curve_count(sb[i]);
        Points pa = sa[i], pb = sb[i];
        if (ca < cb) pa = insert_n_curves(pa, cb - ca);
        else if (cb < ca) pb = insert_n_curves(pb, ca - cb);
        ra.insert(ra.end(), pa.begin(), pa.end());
        rb.insert(rb.end(), pb.begin(), pb.end());
    }
    a = std::move(ra);
    b = std::move(rb);
}

Points interpolate_points(const Points& a, const Points& b, double t) {
    assert(a.size() == b.size());
    Points out(a.size());
    for (std::size_t i = 0; i < a.size(); ++i) out[i] = lerp(a[i], b[i], t);
    return out;
}

Affine Affine::scale_about(Vec2 about, double sx, double sy) {
    return {sx, 0, 0, sy, about.x - sx * about.x, about.y - sy * about.y};
}

Affine Affine::rotate_about(Vec2 about, double angle) {
    double c = std::cos(angle), s = std::sin(angle);
    return {c, -s, s, c, about.x - (c * about.x - s * about.y), about.y - (s * about.x + c * about.y)};
}

Points transform_points(const Points& p, const Affine& m) {
    Points out(p.size());
    for (std::size_t i = 0; i < p.size(); ++i) out[i] = m.apply(p[i]);
    return out;
}

std::vector<double> arange(double start, double stop, double step) {
    if (step == 0 || !std::isfinite(step) || !std::isfinite(start) || !std::isfinite(stop))
        throw std::invalid_argument("arange(" + std::to_string(start) + ", " + std::to_string(stop) +
                                    ", " + std::to_string(step) +
                                    "): the step must be non-zero and every bound finite");
    // numpy (PyArray_Arange and DOUBLE_fill): length ceil((stop - start) / step); the first two
    // values are start and start + step, then value i is start + i * delta with delta the
    // difference of those two (not step itself: they differ by rounding when start is large).
    double n = std::ceil((stop - start) / step);
    std::vector<double> out;
    if (!(n > 0)) return out;
    auto count = static_cast<std::size_t>(n);
    out.reserve(count);
    out.push_back(start);
    if (count > 1) out.push_back(start + step);
    double delta = (start + step) - start;
    for (std::size_t i = 2; i < count; ++i) out.push_back(start + static_cast<double>(i) * delta);
    return out;
}

std::vector<double> linspace(double start, double stop, int num) {
    if (num < 0) throw std::invalid_argument("linspace: the number of samples " + std::to_string(num) + " is negative");
    std::vector<double> out;
    out.reserve(static_cast<std::size_t>(num));
    const double div = num - 1;
    const double step = num > 1 ? (stop - start) / div : 0.0;
    for (int i = 0; i < num; ++i) out.push_back(static_cast<double>(i) * step + start);
    if (num > 1) out.back() = stop;
    return out;
}

} // namespace reel
