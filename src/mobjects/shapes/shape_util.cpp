#include "shape_util.h"

#include <cmath>
#include <utility>

namespace reel::detail {

Style make_style(Color default_color, std::optional<Color> color, std::optional<Color> fill_color,
                 std::optional<double> fill_opacity, std::optional<Color> stroke_color,
                 std::optional<double> stroke_width, double default_fill_opacity,
                 double default_stroke_width) {
    Style s;
    Color c = color.value_or(default_color);
    s.fill_color = fill_color.value_or(c);
    s.stroke_color = stroke_color.value_or(c);
    s.fill_opacity = fill_opacity.value_or(default_fill_opacity);
    s.stroke_width = stroke_width.value_or(default_stroke_width);
    return s;
}

Mobject shape(Points p, const Style& s, std::string label) {
    Mobject m;
    m.set_points(std::move(p));
    m.set_style(s);
    m.set_label(std::move(label));
    return m;
}

Points arrow_tip_points(Vec2 apex, Vec2 u, double length, double width) {
    Vec2 n{-u.y, u.x};
    Vec2 base = apex - u * length;
    return corners_to_points({apex, base + n * (width / 2), base - n * (width / 2), apex});
}

Mobject arrow_tip(Vec2 apex, Vec2 u, double length, Color color) {
    Mobject tip = shape(arrow_tip_points(apex, u, length, length), Style{color, 1.0, color, 1.0, 0.0},
                        "ArrowTip");
    tip.set_behavior(kind_tag("ArrowTip"));
    return tip;
}

Vec2 tip_base(const Points& tp) { return (tp[4] + tp[7]) * 0.5; }

Points arc_points(double radius, double start, double angle, int n, Vec2 center) {
    Points p;
    if (n < 2) n = 2;
    double d_theta = angle / (n - 1.0);
    auto anchor = [&](int i) {
        double a = start + angle * i / (n - 1.0);
        return Vec2{std::cos(a), std::sin(a)};
    };
    for (int i = 0; i + 1 < n; ++i) {
        Vec2 a0 = anchor(i), a1 = anchor(i + 1);
        Vec2 t0{-a0.y, a0.x}, t1{-a1.y, a1.x};
        Vec2 q[4] = {a0, a0 + t0 * (d_theta / 3), a1 - t1 * (d_theta / 3), a1};
        for (Vec2 v : q) p.push_back(v * radius + center);
    }
    return p;
}

namespace {

// Dense Gaussian elimination with partial pivoting; systems here are 2 * anchors in size.
std::vector<double> solve(std::vector<std::vector<double>> a, std::vector<double> b) {
    std::size_t n = b.size();
    for (std::size_t c = 0; c < n; ++c) {
        std::size_t piv = c;
        for (std::size_t r = c + 1; r < n; ++r)
            if (std::abs(a[r][c]) > std::abs(a[piv][c])) piv = r;
        std::swap(a[c], a[piv]);
        std::swap(b[c], b[piv]);
        if (a[c][c] == 0) continue;
        for (std::size_t r = c + 1; r < n; ++r) {
            double f = a[r][c] / a[c][c];
            if (f == 0) continue;
            for (std::size_t k = c; k < n; ++k) a[r][k] -= f * a[c][k];
            b[r] -= f * b[c];
        }
    }
    std::vector<double> x(n, 0.0);
    for (std::size_t i = n; i-- > 0;) {
        double s = b[i];
        for (std::size_t k = i + 1; k < n; ++k) s -= a[i][k] * x[k];
        x[i] = a[i][i] != 0 ? s / a[i][i] : 0.0;
    }
    return x;
}

} // namespace

void smooth_handles(const std::vector<Vec2>& pts, std::vector<Vec2>& h1, std::vector<Vec2>& h2) {
    h1.clear();
    h2.clear();
    if (pts.size() < 2) return;
    std::size_t nh = pts.size() - 1, n = 2 * nh;
    // The banded matrix of bezier.py (l = 2, u = 1), written out densely.
    std::vector<std::vector<double>> a(n, std::vector<double>(n, 0.0));
    for (std::size_t j = 1; j < n; ++j) a[j - 1][j] = (j % 2 == 1) ? -1.0 : 1.0;
    for (std::size_t j = 0; j < n; ++j) a[j][j] = (j % 2 == 0) ? 2.0 : 1.0;
    for (std::size_t j = 1; j + 2 < n; j += 2) a[j + 1][j] = -2.0;
    for (std::size_t j = 0; j + 3 < n; j += 2) a[j + 2][j] = 1.0;
    a[n - 1][n - 2] = -1.0;
    a[n - 1][n - 1] = 2.0;
    std::vector<Vec2> b(n);
    for (std::size_t i = 1; i < pts.size(); ++i) b[2 * i - 1] = pts[i] * 2.0;
    b[0] = pts.front();
    b[n - 1] = pts.back();
    Vec2 d = pts.front() - pts.back();
    bool closed = std::abs(d.x) < 1e-8 && std::abs(d.y) < 1e-8;
    if (closed) {
        std::fill(a[n - 1].begin(), a[n - 1].end(), 0.0);
        a[n - 1][0] = 2;
        a[n - 1][1] = -1;
        a[n - 1][n - 2] = 1;
        a[n - 1][n - 1] = -2;
        std::fill(a[0].begin(), a[0].end(), 0.0);
        a[0][0] = 1;
        a[0][n - 1] = 1;
        b[0] = pts.front() * 2.0;
        b[n - 1] = ORIGIN;
    }
    std::vector<double> bx(n), by(n);
    for (std::size_t i = 0; i < n; ++i) {
        bx[i] = b[i].x;
        by[i] = b[i].y;
    }
    auto x = solve(a, bx), y = solve(a, by);
    for (std::size_t i = 0; i < nh; ++i) {
        h1.push_back({x[2 * i], y[2 * i]});
        h2.push_back({x[2 * i + 1], y[2 * i + 1]});
    }
}

std::vector<Vec2> regular_vertices(int n, double radius, std::optional<double> start_angle) {
    double s = start_angle.value_or(n % 2 == 0 ? 0.0 : PI / 2);
    std::vector<Vec2> v;
    for (int k = 0; k < n; ++k) {
        double a = s + TAU * k / n;
        v.push_back({radius * std::cos(a), radius * std::sin(a)});
    }
    return v;
}

} // namespace reel::detail
