#include "render/faces.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <exception>
#include <thread>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace reel::detail {

namespace {

using P = FacePoint;

P operator+(P a, P b) { return {a.x + b.x, a.y + b.y}; }
P operator-(P a, P b) { return {a.x - b.x, a.y - b.y}; }
P operator*(P a, double s) { return {a.x * s, a.y * s}; }
double cross(P a, P b) { return a.x * b.y - a.y * b.x; }
double dot(P a, P b) { return a.x * b.x + a.y * b.y; }

P apply(const double m[6], P p) { return {m[0] * p.x + m[2] * p.y + m[4], m[1] * p.x + m[3] * p.y + m[5]}; }

// Cairo's _cairo_spline_error_squared in device pixels: the larger squared distance of the two
// handles to the chord (the segment, or its nearer end past it).
double spline_error2(P a, P b, P c, P d) {
    const P ch = d - a;
    const double len2 = dot(ch, ch);
    double e = 0;
    for (P q : {b - a, c - a}) {
        if (len2 != 0) {
            const double u = dot(q, ch);
            q = u <= 0 ? q : u >= len2 ? q - ch : q - ch * (u / len2);
        }
        e = std::max(e, dot(q, q));
    }
    return e;
}

// A cubic's direction where it starts and where it ends (Cairo's spline slopes: the first
// handle that differs from the end point).
P start_tangent(P a, P b, P c, P d) { return !(b.x == a.x && b.y == a.y) ? b - a : !(c.x == a.x && c.y == a.y) ? c - a : d - a; }
P end_tangent(P a, P b, P c, P d) { return !(c.x == d.x && c.y == d.y) ? d - c : !(b.x == d.x && b.y == d.y) ? d - b : d - a; }

// Cairo's _cairo_spline_decompose: halves the cubic (de Casteljau) until each piece's handles
// lie within the tolerance of its chord in device pixels, and appends the start of each piece
// with the curve's direction there. Halving commutes with the affine map, so the pieces are
// cut in scene units.
void flatten(P a, P b, P c, P d, const double m[6], double tolerance2, int depth, std::vector<FaceCorner>& out) {
    if (depth >= 20 || spline_error2(apply(m, a), apply(m, b), apply(m, c), apply(m, d)) < tolerance2) {
        const P t = start_tangent(a, b, c, d);
        out.push_back({a, t, t});
        return;
    }
    const P ab = (a + b) * 0.5, bc = (b + c) * 0.5, cd = (c + d) * 0.5;
    const P abc = (ab + bc) * 0.5, bcd = (bc + cd) * 0.5, mid = (abc + bcd) * 0.5;
    flatten(a, ab, abc, mid, m, tolerance2, depth + 1, out);
    flatten(mid, bcd, cd, d, m, tolerance2, depth + 1, out);
}

// The accumulation rasteriser (as font-rs): each edge adds its signed area to the cells it
// crosses; a running sum along a row is then the winding-weighted coverage of each pixel. Two
// planes (the fill's and the stroke's) share one box; the cells a row touched are remembered,
// so the scan visits only those and leaves them zero again for the next face.
class Raster {
public:
    Raster(FaceScratch& s, int x0, int y0, int w, int h) : s_(s), x0_(x0), y0_(y0), w_(w), h_(h) {
        const std::size_t cells = static_cast<std::size_t>(w_ + 2) * static_cast<std::size_t>(h_);
        for (auto* plane : {&s_.fill_cover, &s_.stroke_cover})
            if (plane->size() < cells) plane->resize(cells, 0.0f); // zero between faces (scan)
        s_.spans.assign(static_cast<std::size_t>(h_), {w_ + 2, -1});
    }

    // A closed polygon in device pixels (nonzero winding) into plane 0 (fill) or 1 (stroke).
    void polygon(int plane, const P* v, std::size_t n) {
        float* acc = (plane == 0 ? s_.fill_cover : s_.stroke_cover).data();
        for (std::size_t i = 0; i < n; ++i) line(acc, v[i], v[(i + 1) % n]);
    }

    // The coverage of both planes, row by row: f(y, x, fill, stroke) for each pixel either
    // covers. Leaves the planes zero.
    template <bool kFill, bool kStroke, class F> void scan(F&& f) {
        constexpr float kMin = 1.0f / 1024; // less is no ink
        const std::size_t row_cells = static_cast<std::size_t>(w_ + 2);
        for (int y = 0; y < h_; ++y) {
            auto& [lo, hi] = s_.spans[static_cast<std::size_t>(y)];
            if (hi < lo) continue;
            float* rf = s_.fill_cover.data() + static_cast<std::size_t>(y) * row_cells;
            float* rs = s_.stroke_cover.data() + static_cast<std::size_t>(y) * row_cells;
            float sf = 0, ss = 0;
            const int end = std::min(hi, w_ - 1);
            for (int x = lo; x <= end; ++x) {
                float cf = 0, cs = 0;
                if constexpr (kFill) {
                    sf += rf[x];
                    rf[x] = 0;
                    cf = std::min(1.0f, std::abs(sf));
                }
                if constexpr (kStroke) {
                    ss += rs[x];
                    rs[x] = 0;
                    cs = std::min(1.0f, std::abs(ss));
                }
                if (cf > kMin || cs > kMin) f(y, x, cf > kMin ? cf : 0.0f, cs > kMin ? cs : 0.0f);
            }
            for (int x = std::max(lo, end + 1); x <= hi; ++x) rf[x] = rs[x] = 0; // past the box's right side
        }
    }

private:
    // Rows are cut in absolute device coordinates, so that a face drawn in bands (draw_faces)
    // gets the very same coverage in each row as drawn whole.
    void line(float* acc, P a, P b) {
        a.x -= x0_;
        b.x -= x0_;
        if (a.y == b.y) return;
        double dir = 1;
        if (a.y > b.y) {
            std::swap(a, b);
            dir = -1;
        }
        const double dxdy = (b.x - a.x) / (b.y - a.y);
        const int ystart = std::max(y0_, static_cast<int>(std::floor(a.y)));
        const int yend = std::min(y0_ + h_, static_cast<int>(std::ceil(b.y)));
        for (int y = ystart; y < yend; ++y) {
            const double top = std::max(static_cast<double>(y), a.y), bottom = std::min(y + 1.0, b.y);
            const double dy = bottom - top;
            if (dy <= 0) continue;
            const double xa = std::clamp(a.x + dxdy * (top - a.y), 0.0, static_cast<double>(w_));
            const double xb = std::clamp(a.x + dxdy * (bottom - a.y), 0.0, static_cast<double>(w_));
            add_row(acc, y - y0_, xa, xb, dy * dir);
        }
    }

    void add_row(float* acc, int y, double x, double xnext, double d) {
        float* r = acc + static_cast<std::size_t>(y) * static_cast<std::size_t>(w_ + 2);
        const double xl = std::min(x, xnext), xr = std::max(x, xnext);
        const double xlf = std::floor(xl);
        const int xli = static_cast<int>(xlf);
        const int xri = static_cast<int>(std::ceil(xr));
        auto& [lo, hi] = s_.spans[static_cast<std::size_t>(y)];
        lo = std::min(lo, xli);
        hi = std::max(hi, std::max(xri, xli + 1));
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

    FaceScratch& s_;
    int x0_, y0_, w_, h_;
};

struct Paint {
    bool gradient = false;
    P from, dir; // device pixels; dir / |dir|^2
    double c0[3], c1[3];
    double opacity = 1;
};

// Four floats, one per byte of a BGRA pixel (GCC's vector extension: one SSE or NEON
// register, so a pixel is blended in a few instructions).
typedef float Float4 __attribute__((vector_size(16)));
typedef std::int32_t Int4 __attribute__((vector_size(16)));
typedef std::uint8_t Byte4 __attribute__((vector_size(4)));

// A pixel's four bytes as floats, and back. GCC turns __builtin_convertvector between bytes
// and floats into four scalar conversions each way; SSE2 widens and narrows in a few
// instructions.
Float4 load_pixel(const std::uint8_t* q) {
#if defined(__SSE2__)
    std::int32_t word;
    std::memcpy(&word, q, 4);
    const __m128i zero = _mm_setzero_si128();
    return reinterpret_cast<Float4>(
        _mm_cvtepi32_ps(_mm_unpacklo_epi16(_mm_unpacklo_epi8(_mm_cvtsi32_si128(word), zero), zero)));
#else
    Byte4 d;
    std::memcpy(&d, q, 4);
    return __builtin_convertvector(d, Float4);
#endif
}

// `v` holds whole numbers in 0..255.
void store_pixel(std::uint8_t* q, Float4 v) {
#if defined(__SSE2__)
    __m128i packed = _mm_cvttps_epi32(reinterpret_cast<__m128>(v));
    packed = _mm_packs_epi32(packed, packed);
    const std::int32_t word = _mm_cvtsi128_si32(_mm_packus_epi16(packed, packed));
    std::memcpy(q, &word, 4);
#else
    const Byte4 d = __builtin_convertvector(v, Byte4);
    std::memcpy(q, &d, 4);
#endif
}

// A paint ready for compositing: the premultiplied colour at the gradient's ends in 0..255.
struct Ink {
    Float4 c0{}, dc{};
    float op = 0, fx = 0, fy = 0, dx = 0, dy = 0;
    bool gradient = false;

    explicit Ink(const Paint& paint) : op(static_cast<float>(paint.opacity)), gradient(paint.gradient) {
        for (int k = 0; k < 3; ++k) {
            const float a = static_cast<float>(std::clamp(paint.c0[k], 0.0, 1.0)) * 255.0f;
            const float b = paint.gradient ? static_cast<float>(std::clamp(paint.c1[k], 0.0, 1.0)) * 255.0f : a;
            c0[2 - k] = a; // BGRA
            dc[2 - k] = b - a;
        }
        c0[3] = 255.0f;
        fx = static_cast<float>(paint.from.x), fy = static_cast<float>(paint.from.y);
        dx = static_cast<float>(paint.dir.x), dy = static_cast<float>(paint.dir.y);
    }

    // Composites OVER pixel (x, y), whose bytes are `dst`, with coverage `cover`
    // (premultiplied BGRA: out = src * a + dst * (1 - a), rounded): the new bytes, as floats,
    // so that the stroke over the fill in one pixel does not go through memory between them.
    Float4 over(Float4 dst, int x, int y, float cover) const {
        Float4 src = c0;
        if (gradient) {
            const float t = std::clamp((static_cast<float>(x) + 0.5f - fx) * dx + (static_cast<float>(y) + 0.5f - fy) * dy,
                                       0.0f, 1.0f);
            src += dc * t;
        }
        const float a = op * cover;
        // Rounded by truncation: out lies in [0.5, 256).
        return __builtin_convertvector(__builtin_convertvector(src * a + dst * (1.0f - a) + 0.5f, Int4), Float4);
    }
};

// Grows [x0, x1) x [y0, y1) (doubles, device pixels) to hold `pts`.
void extend(const std::vector<P>& pts, double& x0, double& y0, double& x1, double& y1) {
    for (const P& q : pts) {
        x0 = std::min(x0, q.x);
        x1 = std::max(x1, q.x);
        y0 = std::min(y0, q.y);
        y1 = std::max(y1, q.y);
    }
}

FaceBox unite(FaceBox a, FaceBox b) {
    if (a.x1 <= a.x0 || a.y1 <= a.y0) return b;
    if (b.x1 <= b.x0 || b.y1 <= b.y0) return a;
    return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

} // namespace

bool face_fast_path(const LeafState& item) {
    if (!item.depth || !item.depth->shade_in_3d || item.style.image || item.inset || !item.points) return false;
    const Points& p = *item.points;
    if (p.size() < 4 || p.size() % 4 != 0) return false;
    for (Vec2 v : p)
        if (!std::isfinite(v.x) || !std::isfinite(v.y)) return false;
    const std::size_t n = p.size() / 4;
    for (std::size_t k = 0; k + 1 < n; ++k)
        if (!points_equal_2d(p[4 * k + 3], p[4 * k + 4])) return false; // one subpath
    return true;
}

FaceBox draw_face(const LeafState& item, const double m[6], double tolerance, std::uint8_t* pixels, int width,
                  int height, int stride, FaceScratch& scratch, int row0, int row1) {
    row0 = std::max(row0, 0);
    row1 = std::min(row1, height);
    const Points& p = *item.points;
    const Style& st = item.style;
    // Closed as append_path closes it; an open path is filled as if closed (Cairo's fill) and
    // stroked without the closing side, its ends cut square (Cairo's butt caps).
    const bool closed = points_equal_2d(p.front(), p.back());
    // The polygon's corners in scene units, each cubic flattened as Cairo does, repeated
    // corners dropped; each with the direction the path comes in and goes out (the curve's
    // tangent inside a cubic, the two cubics' end directions where they meet).
    auto& corners = scratch.corners;
    auto& flat = scratch.flat;
    corners.clear();
    const double tolerance2 = tolerance * tolerance;
    auto moves = [](P t) { return t.x != 0 || t.y != 0; };
    P came_in{0, 0};
    const std::size_t cubics = p.size() / 4;
    for (std::size_t k = 0; k < cubics; ++k) {
        const P a{p[4 * k].x, p[4 * k].y}, b{p[4 * k + 1].x, p[4 * k + 1].y}, c{p[4 * k + 2].x, p[4 * k + 2].y},
            d{p[4 * k + 3].x, p[4 * k + 3].y};
        flat.clear();
        flatten(a, b, c, d, m, tolerance2, 0, flat);
        for (std::size_t f = 0; f < flat.size(); ++f) {
            FaceCorner q = flat[f];
            if (f == 0 && moves(came_in)) q.in = came_in;
            if (!corners.empty() && q.at.x == corners.back().at.x && q.at.y == corners.back().at.y) {
                if (moves(q.out)) corners.back().out = q.out;
                continue;
            }
            corners.push_back(q);
        }
        if (!(a.x == d.x && a.y == d.y) || moves(b - a) || moves(c - a)) came_in = end_tangent(a, b, c, d);
    }
    if (closed) {
        while (corners.size() > 1 && corners.back().at.x == corners.front().at.x &&
               corners.back().at.y == corners.front().at.y)
            corners.pop_back();
        if (corners.size() >= 2 && moves(came_in)) corners.front().in = came_in; // closes into its start
    } else {
        const P end{p.back().x, p.back().y};
        if (corners.empty() || !(end.x == corners.back().at.x && end.y == corners.back().at.y))
            corners.push_back({end, came_in, came_in});
    }
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

    auto& fill_pts = scratch.points;
    auto& pts = scratch.stroke_points;
    auto& pieces = scratch.pieces;
    fill_pts.clear();
    pts.clear();
    pieces.clear();
    const bool fill = st.fill_opacity > 0 && corners.size() >= 3;
    if (fill)
        for (const FaceCorner& c : corners) fill_pts.push_back(apply(m, c.at));
    const bool stroke = st.stroke_width > 0 && st.stroke_opacity > 0;
    if (stroke) {
        // The stroke as Cairo's stroker makes it, in scene units then mapped: a quad along
        // each piece, its ends offset across the path's direction there, and a mitred join
        // where the direction turns (bevelled past the limit of 10), united.
        const double hw = 0.5 * st.stroke_width * 0.01;
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
        auto normal = [](P d) {
            const double len = std::sqrt(d.x * d.x + d.y * d.y);
            return len > 0 ? P{-d.y / len, d.x / len} : P{0, 0};
        };
        auto& normals = scratch.normals; // in and out at each corner
        normals.clear();
        for (const FaceCorner& c : corners) normals.push_back({normal(c.in), normal(c.out)});
        auto at = [&](std::size_t i) { return corners[i % n].at; };
        // A convex polygon whose pieces are longer than the stroke is wide: the stroke is the
        // ring between the mitred outer outline and the inner one (nonzero: +1 and -1).
        bool ring = closed && n >= 3;
        double turn_sign = 0;
        for (std::size_t i = 0; i < n && ring; ++i) {
            const double turn = cross(at(i) - at(i + n - 1), at(i + 1) - at(i));
            if (turn == 0 || (turn_sign != 0 && (turn > 0) != (turn_sign > 0))) ring = false;
            turn_sign = turn;
            const auto [n1, n2] = normals[i];
            if (std::sqrt(2 / std::max(1e-12, 1 + dot(n1, n2))) > 10) ring = false; // bevelled
        }
        if (ring) {
            const double out = turn_sign > 0 ? -1 : 1; // the outside: right of a left-turning path
            for (double side : {out, -out}) {
                const std::size_t b = pts.size();
                for (std::size_t i = 0; i < n; ++i) {
                    const auto [n1, n2] = normals[i];
                    pts.push_back(apply(m, at(i) + (n1 + n2) * (side * hw / (1 + dot(n1, n2)))));
                }
                // The inner outline must keep the pieces' directions (longer than the width).
                if (side != out)
                    for (std::size_t i = 0; i < n && ring; ++i)
                        if (dot(pts[b + (i + 1) % n] - pts[b + i], apply(m, at(i + 1)) - apply(m, at(i))) <= 0) ring = false;
                if (side != out) std::reverse(pts.begin() + static_cast<long>(b), pts.end());
                pieces.emplace_back(b, pts.size());
            }
            if (!ring) {
                pts.clear();
                pieces.clear();
            }
        }
        const std::size_t sides = closed ? n : n - 1;
        for (std::size_t i = 0; i < sides && !ring; ++i) {
            const P a = at(i), b = at(i + 1), na = normals[i].second * hw, nb = normals[(i + 1) % n].first * hw;
            add({a + na, b + nb, b - nb, a - na});
        }
        for (std::size_t i = closed ? 0 : 1; i < sides && !ring; ++i) {
            const P v = at(i);
            const auto [n1, n2] = normals[i];
            const double turn = cross(corners[i].in, corners[i].out);
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
    }
    if (fill_pts.empty() && pts.empty()) return {};
    // One box for both: the fill is composited, then the stroke, pixel by pixel (the order of
    // Manim's fill and stroke).
    const P first = fill_pts.empty() ? pts[0] : fill_pts[0];
    double bx0 = first.x, bx1 = bx0, by0 = first.y, by1 = by0;
    extend(fill_pts, bx0, by0, bx1, by1);
    extend(pts, bx0, by0, bx1, by1);
    if (!(bx0 < width && by0 < row1 && bx1 > 0 && by1 > row0)) return {};
    const int x0 = std::max(0, static_cast<int>(std::floor(bx0))),
              y0 = std::max(row0, static_cast<int>(std::floor(by0)));
    const int x1 = std::min(width, static_cast<int>(std::ceil(bx1)) + 1),
              y1 = std::min(row1, static_cast<int>(std::ceil(by1)) + 1);
    if (x1 <= x0 || y1 <= y0) return {};
    // Faces come back to front, scattered over a picture far larger than the caches: ask for
    // the box's rows now, so that they arrive while the edges are accumulated.
    for (int y = y0; y < y1; ++y) {
        const std::uint8_t* row = pixels + static_cast<std::ptrdiff_t>(y) * stride;
        for (int x = x0 & ~15; x < x1; x += 16) __builtin_prefetch(row + 4 * x, 1);
    }
    Raster r(scratch, x0, y0, x1 - x0, y1 - y0);
    if (!fill_pts.empty()) r.polygon(0, fill_pts.data(), fill_pts.size());
    for (const auto& [b, e] : pieces) r.polygon(1, pts.data() + b, e - b);
    const Ink fill_ink(st.gradient ? paint_of(st.fill_color, st.gradient->fill_from, st.gradient->fill_to, st.fill_opacity)
                                   : paint_of(st.fill_color, st.fill_color, st.fill_color, st.fill_opacity));
    const Ink stroke_ink(st.gradient
                             ? paint_of(st.stroke_color, st.gradient->stroke_from, st.gradient->stroke_to, st.stroke_opacity)
                             : paint_of(st.stroke_color, st.stroke_color, st.stroke_color, st.stroke_opacity));
    auto blend = [&](int y, int x, float fill_cover, float stroke_cover) {
        std::uint8_t* q = pixels + static_cast<std::ptrdiff_t>(y0 + y) * stride + 4 * (x0 + x);
        Float4 v = load_pixel(q);
        if (fill_cover > 0) v = fill_ink.over(v, x0 + x, y0 + y, fill_cover);
        if (stroke_cover > 0) v = stroke_ink.over(v, x0 + x, y0 + y, stroke_cover);
        store_pixel(q, v);
    };
    if (fill_pts.empty()) r.scan<false, true>(blend);
    else if (pts.empty()) r.scan<true, false>(blend);
    else r.scan<true, true>(blend);
    return {x0, y0, x1, y1};
}

FaceBox draw_faces(const std::vector<LeafState>& items, std::size_t begin, std::size_t end, const double m[6],
                   double tolerance, std::uint8_t* pixels, int width, int height, int stride, int threads) {
    const int bands = std::clamp(threads, 1, 16);
    if (bands == 1 || end - begin < 64) {
        thread_local FaceScratch scratch;
        FaceBox box;
        for (std::size_t i = begin; i < end; ++i)
            box = unite(box, draw_face(items[i], m, tolerance, pixels, width, height, stride, scratch));
        return box;
    }
    // Bands of rows holding about the same share of the faces' pixels: each face's box
    // (its points' box, handles included) spread over its rows. A band skips the faces whose
    // rows, widened by the reach of a mitred stroke, lie outside it.
    std::vector<double> weight(static_cast<std::size_t>(height) + 1, 0.0);
    std::vector<std::pair<int, int>> rows;
    rows.reserve(end - begin);
    // No scene unit is longer than this in device pixels (the map's Frobenius norm).
    const double device_unit = std::sqrt(m[0] * m[0] + m[1] * m[1] + m[2] * m[2] + m[3] * m[3]);
    double total = 0;
    for (std::size_t i = begin; i < end; ++i) {
        const Points& p = *items[i].points;
        double x0 = 1e300, x1 = -1e300, y0 = 1e300, y1 = -1e300;
        for (Vec2 v : p) {
            const P d = apply(m, {v.x, v.y});
            x0 = std::min(x0, d.x), x1 = std::max(x1, d.x), y0 = std::min(y0, d.y), y1 = std::max(y1, d.y);
        }
        const double reach = 10 * 0.5 * items[i].style.stroke_width * 0.01 * device_unit + 2;
        rows.emplace_back(static_cast<int>(std::clamp(std::floor(y0 - reach), -1.0, height + 1.0)),
                          static_cast<int>(std::clamp(std::ceil(y1 + reach), -1.0, height + 1.0)));
        const int r0 = std::clamp(static_cast<int>(std::floor(y0)), 0, height);
        const int r1 = std::clamp(static_cast<int>(std::ceil(y1)) + 1, 0, height);
        // Each row costs its pixels and its edges' crossings; each face its set-up (flattening,
        // the stroke's outline), about 300 pixels' worth: measured on stress_surface, where the
        // small faces of the far side made the upper band ~10% slower without it.
        const double per_row =
            std::clamp(x1 - x0, 0.0, static_cast<double>(width)) + 8 + 300.0 / std::max(1, r1 - r0);
        weight[static_cast<std::size_t>(r0)] += per_row;
        weight[static_cast<std::size_t>(r1)] -= per_row;
        total += per_row * (r1 - r0);
    }
    std::vector<int> cuts{0};
    double running = 0, rate = 0;
    for (int y = 0; y < height && static_cast<int>(cuts.size()) < bands; ++y) {
        rate += weight[static_cast<std::size_t>(y)];
        running += rate;
        if (running >= total * static_cast<double>(cuts.size()) / bands) cuts.push_back(y + 1);
    }
    cuts.push_back(height);
    const std::size_t n = cuts.size() - 1;
    std::vector<FaceBox> boxes(n);
    std::vector<std::exception_ptr> errors(n);
    auto band = [&](std::size_t k) {
        try {
            thread_local FaceScratch scratch;
            for (std::size_t i = begin; i < end; ++i) {
                const auto [r0, r1] = rows[i - begin];
                if (r1 <= cuts[k] || r0 >= cuts[k + 1]) continue;
                boxes[k] = unite(boxes[k], draw_face(items[i], m, tolerance, pixels, width, height, stride, scratch,
                                                     cuts[k], cuts[k + 1]));
            }
        } catch (...) {
            errors[k] = std::current_exception();
        }
    };
    {
        std::vector<std::jthread> helpers;
        for (std::size_t k = 1; k < n; ++k) helpers.emplace_back(band, k);
        band(0);
    }
    FaceBox box;
    for (std::size_t k = 0; k < n; ++k) {
        if (errors[k]) std::rethrow_exception(errors[k]);
        box = unite(box, boxes[k]);
    }
    return box;
}

} // namespace reel::detail
