#include "render/faces.h"

#include <algorithm>
#include <cmath>

namespace reel::detail {

namespace {

using P = FacePoint;

P operator+(P a, P b) { return {a.x + b.x, a.y + b.y}; }
P operator-(P a, P b) { return {a.x - b.x, a.y - b.y}; }
P operator*(P a, double s) { return {a.x * s, a.y * s}; }
double cross(P a, P b) { return a.x * b.y - a.y * b.x; }
double dot(P a, P b) { return a.x * b.x + a.y * b.y; }

P apply(const double m[6], P p) { return {m[0] * p.x + m[2] * p.y + m[4], m[1] * p.x + m[3] * p.y + m[5]}; }

// Whether Cairo draws the cubic as one straight line: its handles, in device pixels, within
// `tolerance` of the chord (Cairo's _cairo_spline_error_squared: the distance to the segment,
// or to its nearer end past it), so that it flattens to a single segment.
bool straight(const Points& p, std::size_t k, const double m[6], double tolerance) {
    const P a = apply(m, {p[4 * k].x, p[4 * k].y}), b = apply(m, {p[4 * k + 3].x, p[4 * k + 3].y});
    const P d = b - a;
    const double len2 = dot(d, d);
    for (int h = 1; h <= 2; ++h) {
        const P q = apply(m, {p[4 * k + static_cast<std::size_t>(h)].x, p[4 * k + static_cast<std::size_t>(h)].y}) - a;
        double e2;
        if (len2 == 0) {
            e2 = dot(q, q);
        } else {
            const double t = dot(q, d) / len2;
            const P r = t <= 0 ? q : t >= 1 ? q - d : q - d * t;
            e2 = dot(r, r);
        }
        if (e2 >= tolerance * tolerance) return false;
    }
    return true;
}

// The accumulation rasteriser (as font-rs): each edge adds its signed area to the cells it
// crosses; a running sum along a row is then the winding-weighted coverage of each pixel.
class Raster {
public:
    Raster(std::vector<float>& cover, int x0, int y0, int w, int h) : acc_(cover), x0_(x0), y0_(y0), w_(w), h_(h) {
        acc_.assign(static_cast<std::size_t>(w_ + 2) * static_cast<std::size_t>(h_), 0.0f);
    }

    // A closed polygon in device pixels (nonzero winding).
    void polygon(const P* v, std::size_t n) {
        for (std::size_t i = 0; i < n; ++i) line(v[i], v[(i + 1) % n]);
    }

    // Coverage of row y (0..h-1), by running sum; calls f(x, coverage) for covered pixels.
    template <class F> void row(int y, F&& f) const {
        const float* r = acc_.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(w_ + 2);
        float sum = 0;
        for (int x = 0; x < w_; ++x) {
            sum += r[x];
            const float c = std::min(1.0f, std::abs(sum));
            if (c > 1.0f / 1024) f(x, c);
        }
    }

private:
    void line(P a, P b) {
        a = {a.x - x0_, a.y - y0_};
        b = {b.x - x0_, b.y - y0_};
        if (a.y == b.y) return;
        double dir = 1;
        if (a.y > b.y) {
            std::swap(a, b);
            dir = -1;
        }
        const double dxdy = (b.x - a.x) / (b.y - a.y);
        const int ystart = std::max(0, static_cast<int>(std::floor(a.y)));
        const int yend = std::min(h_, static_cast<int>(std::ceil(b.y)));
        for (int y = ystart; y < yend; ++y) {
            const double top = std::max(static_cast<double>(y), a.y), bottom = std::min(y + 1.0, b.y);
            const double dy = bottom - top;
            if (dy <= 0) continue;
            const double xa = std::clamp(a.x + dxdy * (top - a.y), 0.0, static_cast<double>(w_));
            const double xb = std::clamp(a.x + dxdy * (bottom - a.y), 0.0, static_cast<double>(w_));
            add_row(y, xa, xb, dy * dir);
        }
    }

    void add_row(int y, double x, double xnext, double d) {
        float* r = acc_.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(w_ + 2);
        const double xl = std::min(x, xnext), xr = std::max(x, xnext);
        const double xlf = std::floor(xl);
        const int xli = static_cast<int>(xlf);
        const int xri = static_cast<int>(std::ceil(xr));
        if (xri <= xli + 1) {
            const double xmf = 0.5 * (x + xnext) - xlf;
            r[xli] += static_cast<float>(d - d * xmf);
            r[xli + 1] += static_cast<float>(d * xmf);
            return;
        }
        const double s = 1.0 / (xr - xl);
        const double x0f = xl - xlf;
        const double a0 = 0.5 * s * (1 - x0f) * (1 - x0f);
        const double x1f = xr - std::ceil(xr) + 1;
        const double am = 0.5 * s * x1f * x1f;
        r[xli] += static_cast<float>(d * a0);
        if (xri == xli + 2) {
            r[xli + 1] += static_cast<float>(d * (1 - a0 - am));
        } else {
            const double a1 = s * (1.5 - x0f);
            r[xli + 1] += static_cast<float>(d * (a1 - a0));
            for (int xi = xli + 2; xi < xri - 1; ++xi) r[xi] += static_cast<float>(d * s);
            const double a2 = a1 + (xri - xli - 3) * s;
            r[xri - 1] += static_cast<float>(d * (1 - a2 - am));
        }
        r[xri] += static_cast<float>(d * am);
    }

    std::vector<float>& acc_;
    int x0_, y0_, w_, h_;
};

struct Paint {
    bool gradient = false;
    P from, dir; // device pixels; dir / |dir|^2
    double c0[3], c1[3];
    double opacity = 1;
};

// Composites `paint` OVER the picture with the raster's coverage (premultiplied BGRA:
// out = src * a + dst * (1 - a), rounded).
void composite(const Raster& r, const Paint& paint, int x0, int y0, int h, std::uint8_t* pixels, int stride) {
    const float op = static_cast<float>(paint.opacity);
    float c0[3], dc[3];
    for (int k = 0; k < 3; ++k) {
        c0[k] = static_cast<float>(std::clamp(paint.c0[k], 0.0, 1.0)) * 255.0f;
        dc[k] = paint.gradient ? static_cast<float>(std::clamp(paint.c1[k], 0.0, 1.0)) * 255.0f - c0[k] : 0.0f;
    }
    const float fx = static_cast<float>(paint.from.x), fy = static_cast<float>(paint.from.y);
    const float dx = static_cast<float>(paint.dir.x), dy = static_cast<float>(paint.dir.y);
    for (int y = 0; y < h; ++y) {
        std::uint8_t* row = pixels + static_cast<std::ptrdiff_t>(y0 + y) * stride;
        const float ty = (static_cast<float>(y0 + y) + 0.5f - fy) * dy;
        r.row(y, [&](int x, float cover) {
            float t = 0;
            if (paint.gradient) t = std::clamp((static_cast<float>(x0 + x) + 0.5f - fx) * dx + ty, 0.0f, 1.0f);
            const float a = op * cover, keep = 1.0f - a;
            std::uint8_t* q = row + 4 * (x0 + x);
            q[0] = static_cast<std::uint8_t>((c0[2] + dc[2] * t) * a + q[0] * keep + 0.5f);
            q[1] = static_cast<std::uint8_t>((c0[1] + dc[1] * t) * a + q[1] * keep + 0.5f);
            q[2] = static_cast<std::uint8_t>((c0[0] + dc[0] * t) * a + q[2] * keep + 0.5f);
            q[3] = static_cast<std::uint8_t>(255.0f * a + q[3] * keep + 0.5f);
        });
    }
}

// Draws the union of `pieces` (closed device polygons, each [begin, end) of `pts`) with `paint`.
FaceBox fill_pieces(const std::vector<P>& pts, const std::vector<std::pair<std::size_t, std::size_t>>& pieces,
                    const Paint& paint, std::uint8_t* pixels, int width, int height, int stride,
                    std::vector<float>& scratch) {
    if (pts.empty()) return {};
    double bx0 = pts[0].x, bx1 = bx0, by0 = pts[0].y, by1 = by0;
    for (const P& q : pts) {
        bx0 = std::min(bx0, q.x);
        bx1 = std::max(bx1, q.x);
        by0 = std::min(by0, q.y);
        by1 = std::max(by1, q.y);
    }
    if (!(bx0 < width && by0 < height && bx1 > 0 && by1 > 0)) return {};
    const int x0 = std::max(0, static_cast<int>(std::floor(bx0))), y0 = std::max(0, static_cast<int>(std::floor(by0)));
    const int x1 = std::min(width, static_cast<int>(std::ceil(bx1)) + 1),
              y1 = std::min(height, static_cast<int>(std::ceil(by1)) + 1);
    if (x1 <= x0 || y1 <= y0) return {};
    Raster r(scratch, x0, y0, x1 - x0, y1 - y0);
    for (const auto& [b, e] : pieces) r.polygon(pts.data() + b, e - b);
    composite(r, paint, x0, y0, y1 - y0, pixels, stride);
    return {x0, y0, x1, y1};
}

FaceBox unite(FaceBox a, FaceBox b) {
    if (a.x1 <= a.x0 || a.y1 <= a.y0) return b;
    if (b.x1 <= b.x0 || b.y1 <= b.y0) return a;
    return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

} // namespace

bool face_fast_path(const LeafState& item, const double m[6], double tolerance) {
    if (!item.depth || !item.depth->shade_in_3d || item.style.image || item.inset || !item.points) return false;
    const Points& p = *item.points;
    if (p.size() < 8 || p.size() % 4 != 0) return false;
    for (Vec2 v : p)
        if (!std::isfinite(v.x) || !std::isfinite(v.y)) return false;
    const std::size_t n = p.size() / 4;
    for (std::size_t k = 0; k < n; ++k) {
        if (k + 1 < n && !points_equal_2d(p[4 * k + 3], p[4 * k + 4])) return false; // one subpath
        if (!straight(p, k, m, tolerance)) return false;
    }
    return points_equal_2d(p.front(), p.back());
}

FaceBox draw_face(const LeafState& item, const double m[6], std::uint8_t* pixels, int width, int height, int stride,
                  FaceScratch& scratch) {
    const Points& p = *item.points;
    const Style& st = item.style;
    // The polygon's corners in scene units, repeated ones dropped.
    auto& corners = scratch.corners;
    corners.clear();
    for (std::size_t k = 0; k < p.size() / 4; ++k) {
        const P q{p[4 * k].x, p[4 * k].y};
        if (corners.empty() || q.x != corners.back().x || q.y != corners.back().y) corners.push_back(q);
    }
    while (corners.size() > 1 && corners.back().x == corners.front().x && corners.back().y == corners.front().y)
        corners.pop_back();
    if (corners.size() < 2) return {};

    auto paint_of = [&](Color solid, Color from, Color to, double opacity) {
        Paint paint;
        paint.opacity = std::min(1.0, opacity);
        if (st.gradient) {
            const P a = apply(m, {st.gradient->from.x, st.gradient->from.y});
            const P b = apply(m, {st.gradient->to.x, st.gradient->to.y});
            const P d = b - a;
            const double len2 = dot(d, d);
            paint.gradient = len2 > 0;
            paint.from = a;
            paint.dir = len2 > 0 ? d * (1 / len2) : P{0, 0};
            // Cairo: a degenerate gradient paints its last stop.
            const Color c0 = len2 > 0 ? from : to;
            paint.c0[0] = c0.r, paint.c0[1] = c0.g, paint.c0[2] = c0.b;
            paint.c1[0] = to.r, paint.c1[1] = to.g, paint.c1[2] = to.b;
        } else {
            paint.c0[0] = solid.r, paint.c0[1] = solid.g, paint.c0[2] = solid.b;
        }
        return paint;
    };

    FaceBox box;
    auto& pts = scratch.points;
    auto& pieces = scratch.pieces;
    pts.clear();
    pieces.clear();
    if (st.fill_opacity > 0 && corners.size() >= 3) {
        for (const P& c : corners) pts.push_back(apply(m, c));
        pieces.emplace_back(0, pts.size());
        const Paint fill = st.gradient ? paint_of(st.fill_color, st.gradient->fill_from, st.gradient->fill_to, st.fill_opacity)
                                       : paint_of(st.fill_color, st.fill_color, st.fill_color, st.fill_opacity);
        box = unite(box, fill_pieces(pts, pieces, fill, pixels, width, height, stride, scratch.cover));
    }
    if (st.stroke_width > 0 && st.stroke_opacity > 0) {
        // The stroke as Cairo's stroker makes it, in scene units then mapped: a quad along
        // each side and a mitred join at each corner (bevelled past the limit of 10), united.
        const double hw = 0.5 * st.stroke_width * 0.01;
        pts.clear();
        pieces.clear();
        auto add = [&](std::initializer_list<P> poly) {
            const std::size_t b = pts.size();
            for (const P& q : poly) pts.push_back(apply(m, q));
            double area = 0;
            for (std::size_t i = b; i < pts.size(); ++i) {
                const P& u = pts[i];
                const P& w = pts[i + 1 < pts.size() ? i + 1 : b];
                area += cross(u, w);
            }
            if (area < 0) std::reverse(pts.begin() + static_cast<long>(b), pts.end()); // all one orientation
            pieces.emplace_back(b, pts.size());
        };
        const std::size_t n = corners.size();
        auto normal = [&](std::size_t i) {
            const P d = corners[(i + 1) % n] - corners[i];
            const double len = std::hypot(d.x, d.y);
            return len > 0 ? P{-d.y / len, d.x / len} : P{0, 0};
        };
        // A convex polygon whose sides are longer than the stroke is wide: the stroke is the
        // ring between the mitred outer outline and the inner one (nonzero: +1 and -1).
        bool ring = n >= 3;
        double turn_sign = 0;
        for (std::size_t i = 0; i < n && ring; ++i) {
            const double turn = cross(corners[i] - corners[(i + n - 1) % n], corners[(i + 1) % n] - corners[i]);
            if (turn == 0 || (turn_sign != 0 && (turn > 0) != (turn_sign > 0))) ring = false;
            turn_sign = turn;
            const P n1 = normal((i + n - 1) % n), n2 = normal(i);
            if (std::sqrt(2 / std::max(1e-12, 1 + dot(n1, n2))) > 10) ring = false; // bevelled
        }
        if (ring) {
            const double out = turn_sign > 0 ? -1 : 1; // the outside: right of a left-turning path
            for (double side : {out, -out}) {
                const std::size_t b = pts.size();
                for (std::size_t i = 0; i < n; ++i) {
                    const P n1 = normal((i + n - 1) % n), n2 = normal(i);
                    pts.push_back(apply(m, corners[i] + (n1 + n2) * (side * hw / (1 + dot(n1, n2)))));
                }
                // The inner outline must keep the sides' directions (sides longer than the width).
                if (side != out)
                    for (std::size_t i = 0; i < n && ring; ++i)
                        if (dot(pts[b + (i + 1) % n] - pts[b + i], apply(m, corners[(i + 1) % n]) - apply(m, corners[i])) <= 0)
                            ring = false;
                if (side != out) std::reverse(pts.begin() + static_cast<long>(b), pts.end());
                pieces.emplace_back(b, pts.size());
            }
            if (!ring) {
                pts.clear();
                pieces.clear();
            }
        }
        for (std::size_t i = 0; i < n && !ring; ++i) {
            const P a = corners[i], b = corners[(i + 1) % n], nn = normal(i) * hw;
            add({a + nn, b + nn, b - nn, a - nn});
        }
        for (std::size_t i = 0; i < n && !ring; ++i) {
            const P v = corners[i];
            const P n1 = normal((i + n - 1) % n), n2 = normal(i);
            const double turn = cross(corners[i] - corners[(i + n - 1) % n], corners[(i + 1) % n] - corners[i]);
            if (turn == 0) continue;
            // The outer side of the corner: right of the path when it turns left.
            const double side = turn > 0 ? -1 : 1;
            const P o1 = v + n1 * (side * hw), o2 = v + n2 * (side * hw);
            const double c = dot(n1, n2);
            const double ratio = std::sqrt(2 / std::max(1e-12, 1 + c)); // miter length / line width
            if (ratio <= 10) {
                const P mitre = v + (n1 + n2) * (side * hw / (1 + c));
                add({v, o1, mitre, o2});
            } else {
                add({v, o1, o2});
            }
        }
        const Paint stroke = st.gradient
                                 ? paint_of(st.stroke_color, st.gradient->stroke_from, st.gradient->stroke_to, st.stroke_opacity)
                                 : paint_of(st.stroke_color, st.stroke_color, st.stroke_color, st.stroke_opacity);
        box = unite(box, fill_pieces(pts, pieces, stroke, pixels, width, height, stride, scratch.cover));
    }
    return box;
}

} // namespace reel::detail
