// Manim's boolean_ops.py. Manim hands the cubic paths to Skia's path ops; here the curves are
// flattened finely (kBooleanTolerance) and clipped by Clipper (libpolyclipping), whose integer
// coordinates make the operations exact and robust on the flattened polygons.
#include "reel/shapes/boolean_ops.h"

#include <cmath>
#include <stdexcept>

#include <clipper.hpp>

#include "shape_util.h"

namespace reel {

namespace {

// Clipper works on integers: 1e6 per unit keeps a micro-unit of resolution, far below the
// flattening tolerance.
constexpr double kScale = 1e6;

ClipperLib::IntPoint to_int(Vec2 p) {
    return {static_cast<ClipperLib::cInt>(std::llround(p.x * kScale)),
            static_cast<ClipperLib::cInt>(std::llround(p.y * kScale))};
}

Vec2 to_vec(const ClipperLib::IntPoint& p) {
    return {static_cast<double>(p.X) / kScale, static_cast<double>(p.Y) / kScale};
}

// One cubic flattened into n chords with its deviation under the tolerance: a uniform
// n-split of a cubic is within max|B''| / (8 n^2) of it, and |B''| <= 6 max of the control
// polygon's second differences.
void flatten_cubic(const std::array<Vec2, 4>& c, ClipperLib::Path& out) {
    const double d1 = (c[0] - c[1] * 2 + c[2]).norm();
    const double d2 = (c[1] - c[2] * 2 + c[3]).norm();
    const double m = 6 * std::max(d1, d2);
    const int n = std::max(1, static_cast<int>(std::ceil(std::sqrt(m / (8 * kBooleanTolerance)))));
    for (int i = 1; i <= n; ++i) {
        const double t = static_cast<double>(i) / n, u = 1 - t;
        const Vec2 p = c[0] * (u * u * u) + c[1] * (3 * u * u * t) + c[2] * (3 * u * t * t) +
                       c[3] * (t * t * t);
        out.push_back(to_int(p));
    }
}

// Manim's _convert_vmobject_to_skia_path on every family member with points: subpaths split
// where a curve does not start at the previous one's end (gen_subpaths_from_points_2d); each
// one is a closed polygon for the clipper, as Skia fills an open contour closed.
ClipperLib::Paths to_paths(const Mobject& m) {
    ClipperLib::Paths paths;
    for (const Mobject& leaf : m.leaves()) {
        const Points& p = leaf.points();
        bool finite = true;
        for (Vec2 v : p) finite = finite && std::isfinite(v.x) && std::isfinite(v.y);
        if (!finite) continue;
        ClipperLib::Path current;
        for (std::size_t i = 0; i + 3 < p.size(); i += 4) {
            if (current.empty() || !points_equal_2d(p[i], p[i - 1])) {
                if (current.size() > 2) paths.push_back(std::move(current));
                current.clear();
                current.push_back(to_int(p[i]));
            }
            flatten_cubic({p[i], p[i + 1], p[i + 2], p[i + 3]}, current);
        }
        if (current.size() > 2) paths.push_back(std::move(current));
    }
    return paths;
}

// _convert_skia_path_to_vmobject: a move, lines, and the close as a line back to the start.
Mobject to_mobject(const ClipperLib::Paths& solution, const ShapeStyle& o, const char* kind) {
    Points pts;
    for (const auto& path : solution) {
        if (path.size() < 3) continue;
        std::vector<Vec2> corners;
        corners.reserve(path.size() + 1);
        for (const auto& q : path) corners.push_back(to_vec(q));
        corners.push_back(corners.front());
        Points sub = corners_to_points(corners);
        pts.insert(pts.end(), sub.begin(), sub.end());
    }
    return detail::shape(std::move(pts), detail::make_style(WHITE, o), kind);
}

ClipperLib::Paths clip(ClipperLib::ClipType type, const ClipperLib::Paths& subject,
                       const ClipperLib::Paths& clip_paths) {
    ClipperLib::Clipper c;
    c.AddPaths(subject, ClipperLib::ptSubject, true);
    c.AddPaths(clip_paths, ClipperLib::ptClip, true);
    ClipperLib::Paths out;
    c.Execute(type, out, ClipperLib::pftNonZero, ClipperLib::pftNonZero);
    return out;
}

void need_two(const std::vector<Mobject>& v, const char* what) {
    if (v.size() < 2)
        throw std::invalid_argument(std::string("At least 2 mobjects needed for ") + what + ".");
}

} // namespace

Mobject Union(const std::vector<Mobject>& vmobjects, const ShapeStyle& o) {
    need_two(vmobjects, "Union");
    ClipperLib::Paths all;
    for (const auto& m : vmobjects) {
        ClipperLib::Paths p = to_paths(m);
        // Each mobject is filled by its own non-zero rule before they are united.
        all = clip(ClipperLib::ctUnion, all, clip(ClipperLib::ctUnion, p, {}));
    }
    return to_mobject(all, o, "Union");
}

Mobject Union(const Mobject& a, const Mobject& b, const ShapeStyle& o) { return Union({a, b}, o); }

Mobject Intersection(const std::vector<Mobject>& vmobjects, const ShapeStyle& o) {
    need_two(vmobjects, "Intersection");
    // Manim intersects the first two, then the result with each further one.
    ClipperLib::Paths acc = to_paths(vmobjects[0]);
    for (std::size_t i = 1; i < vmobjects.size(); ++i)
        acc = clip(ClipperLib::ctIntersection, acc, to_paths(vmobjects[i]));
    return to_mobject(acc, o, "Intersection");
}

Mobject Intersection(const Mobject& a, const Mobject& b, const ShapeStyle& o) {
    return Intersection({a, b}, o);
}

Mobject Difference(const Mobject& subject, const Mobject& clip_m, const ShapeStyle& o) {
    return to_mobject(clip(ClipperLib::ctDifference, to_paths(subject), to_paths(clip_m)), o,
                      "Difference");
}

Mobject Exclusion(const Mobject& subject, const Mobject& clip_m, const ShapeStyle& o) {
    return to_mobject(clip(ClipperLib::ctXor, to_paths(subject), to_paths(clip_m)), o,
                      "Exclusion");
}

double enclosed_area(const Mobject& m) {
    double a = 0;
    for (const auto& p : clip(ClipperLib::ctUnion, to_paths(m), {})) a += ClipperLib::Area(p);
    return a / (kScale * kScale);
}

} // namespace reel
