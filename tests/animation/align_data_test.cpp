// Transform / ReplacementTransform between mobjects that do not match (formulas of other
// glyph counts and parts, a shape into a formula): the half-way points are those of Manim
// 0.17.3's rule. The rule is written out here a second time, from mobject.py
// (align_data, null_point_align, align_submobjects, add_n_more_submobjects) and
// vectorized_mobject.py (align_points, get_subpaths, insert_n_curves_to_point_list) and
// bezier.py (partial_bezier_points, by Bernstein polynomials), on plain point trees, so that
// the engine's alignment is checked against Manim's code and not against itself.
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "reel/math.h"
#include "reel/shapes.h"
#include "timeline/timeline.h"

namespace reel {
namespace {

// A mobject as Manim's alignment sees it: its own points and its submobjects.
struct Tree {
    std::vector<Vec2> points;
    std::vector<Tree> kids;
};

Tree tree_of(const Mobject& m) {
    Tree t;
    t.points = m.points();
    for (const Mobject& c : m.children()) t.kids.push_back(tree_of(c));
    return t;
}

bool allclose(Vec2 a, Vec2 b) {
    // np.allclose(a, b, atol=1e-6): |a - b| <= atol + rtol * |b|, rtol 1e-5.
    return std::abs(a.x - b.x) <= 1e-6 + 1e-5 * std::abs(b.x) && std::abs(a.y - b.y) <= 1e-6 + 1e-5 * std::abs(b.y);
}

// bezier(points)(t): sum of C(n, k) (1 - t)^(n - k) t^k p_k.
Vec2 bezier(const std::vector<Vec2>& p, double t) {
    const std::size_t n = p.size() - 1;
    Vec2 out{0, 0};
    for (std::size_t k = 0; k <= n; ++k) {
        double c = 1;
        for (std::size_t j = 0; j < k; ++j) c = c * static_cast<double>(n - j) / static_cast<double>(j + 1);
        const double w = c * std::pow(1 - t, static_cast<double>(n - k)) * std::pow(t, static_cast<double>(k));
        out = out + p[k] * w;
    }
    return out;
}

std::vector<Vec2> partial_bezier_points(const std::vector<Vec2>& points, double a, double b) {
    if (a == 1) return std::vector<Vec2>(points.size(), points.back());
    std::vector<Vec2> a_to_1;
    for (std::size_t i = 0; i < points.size(); ++i)
        a_to_1.push_back(bezier(std::vector<Vec2>(points.begin() + static_cast<long>(i), points.end()), a));
    const double end_prop = (b - a) / (1.0 - a);
    std::vector<Vec2> out;
    for (std::size_t i = 0; i < points.size(); ++i)
        out.push_back(bezier(std::vector<Vec2>(a_to_1.begin(), a_to_1.begin() + static_cast<long>(i) + 1), end_prop));
    return out;
}

std::vector<Vec2> insert_n_curves_to_point_list(std::size_t n, const std::vector<Vec2>& points) {
    if (points.size() == 1) return std::vector<Vec2>(4 * n, points[0]);
    const std::size_t curr_num = points.size() / 4, target_num = curr_num + n;
    std::vector<std::size_t> split_factors(curr_num, 0);
    for (std::size_t i = 0; i < target_num; ++i) split_factors[i * curr_num / target_num] += 1;
    std::vector<Vec2> out;
    for (std::size_t q = 0; q < curr_num; ++q) {
        const std::vector<Vec2> quad(points.begin() + static_cast<long>(4 * q), points.begin() + static_cast<long>(4 * q + 4));
        const std::size_t sf = split_factors[q];
        for (std::size_t k = 0; k < sf; ++k) {
            // np.linspace(0, 1, sf + 1)
            const double a1 = static_cast<double>(k) / static_cast<double>(sf);
            const double a2 = k + 1 == sf ? 1.0 : static_cast<double>(k + 1) / static_cast<double>(sf);
            for (Vec2 p : partial_bezier_points(quad, a1, a2)) out.push_back(p);
        }
    }
    return out;
}

std::vector<std::vector<Vec2>> get_subpaths(const std::vector<Vec2>& points) {
    std::vector<std::size_t> split{0};
    for (std::size_t n = 4; n < points.size(); n += 4)
        if (!allclose(points[n - 1], points[n])) split.push_back(n);
    split.push_back(points.size());
    std::vector<std::vector<Vec2>> out;
    for (std::size_t k = 0; k + 1 < split.size(); ++k)
        if (split[k + 1] - split[k] >= 4)
            out.emplace_back(points.begin() + static_cast<long>(split[k]), points.begin() + static_cast<long>(split[k + 1]));
    return out;
}

Vec2 center_of(const Tree& t) {
    // get_center: the middle of the box of every point of the family (0 if there are none).
    bool any = false;
    Vec2 lo{}, hi{};
    auto visit = [&](auto&& self, const Tree& n) -> void {
        for (Vec2 p : n.points) {
            if (!any) lo = hi = p;
            lo = {std::min(lo.x, p.x), std::min(lo.y, p.y)};
            hi = {std::max(hi.x, p.x), std::max(hi.y, p.y)};
            any = true;
        }
        for (const Tree& k : n.kids) self(self, k);
    };
    visit(visit, t);
    return any ? (lo + hi) * 0.5 : Vec2{0, 0};
}

void align_points(Tree& a, Tree& b) {
    if (a.points.size() == b.points.size()) return;
    for (Tree* mob : {&a, &b}) {
        if (mob->points.empty()) mob->points.push_back(center_of(*mob)); // start_new_path
        if (mob->points.size() % 4 == 1) {                               // add_line_to(last)
            const Vec2 p = mob->points.back();
            for (int k = 0; k < 3; ++k) mob->points.push_back(p);
        }
    }
    const auto s1 = get_subpaths(a.points), s2 = get_subpaths(b.points);
    const std::size_t n_subpaths = std::max(s1.size(), s2.size());
    auto get_nth_subpath = [](const std::vector<std::vector<Vec2>>& list, std::size_t n) {
        if (n >= list.size()) return std::vector<Vec2>(4, list.back().back());
        std::vector<Vec2> path = list[n];
        while (path.size() > 4) {
            const Vec2 before = path[path.size() - 5];
            bool equal = true;
            for (std::size_t k = path.size() - 4; k < path.size(); ++k) equal = equal && allclose(path[k], before);
            if (!equal) break;
            path.resize(path.size() - 4);
        }
        return path;
    };
    std::vector<Vec2> p1, p2;
    for (std::size_t n = 0; n < n_subpaths; ++n) {
        auto sp1 = get_nth_subpath(s1, n), sp2 = get_nth_subpath(s2, n);
        const std::size_t d1 = sp2.size() > sp1.size() ? (sp2.size() - sp1.size()) / 4 : 0;
        const std::size_t d2 = sp1.size() > sp2.size() ? (sp1.size() - sp2.size()) / 4 : 0;
        sp1 = insert_n_curves_to_point_list(d1, sp1);
        sp2 = insert_n_curves_to_point_list(d2, sp2);
        p1.insert(p1.end(), sp1.begin(), sp1.end());
        p2.insert(p2.end(), sp2.begin(), sp2.end());
    }
    a.points = p1;
    b.points = p2;
}

void add_n_more_submobjects(Tree& t, std::size_t n) {
    if (n == 0) return;
    const std::size_t curr = t.kids.size();
    if (curr == 0) {
        // get_point_mobject: a VectorizedPoint at the centre.
        t.kids.assign(n, Tree{{center_of(t)}, {}});
        return;
    }
    const std::size_t target = curr + n;
    std::vector<std::size_t> split(curr, 0);
    for (std::size_t i = 0; i < target; ++i) split[i * curr / target] += 1;
    std::vector<Tree> kids;
    for (std::size_t j = 0; j < curr; ++j)
        for (std::size_t k = 0; k < split[j]; ++k) kids.push_back(t.kids[j]);
    t.kids = kids;
}

void align_data(Tree& a, Tree& b) {
    // null_point_align: a side with points facing one without is pushed into its submobjects.
    for (auto [m1, m2] : {std::pair{&a, &b}, std::pair{&b, &a}}) {
        if (m1->points.empty() && !m2->points.empty()) {
            Tree copy{m2->points, {}};
            m2->points.clear();
            m2->kids.push_back(copy);
        }
    }
    const std::size_t n1 = a.kids.size(), n2 = b.kids.size();
    add_n_more_submobjects(a, n2 > n1 ? n2 - n1 : 0);
    add_n_more_submobjects(b, n1 > n2 ? n1 - n2 : 0);
    align_points(a, b);
    for (std::size_t k = 0; k < a.kids.size(); ++k) align_data(a.kids[k], b.kids[k]);
}

void with_points(const Tree& t, std::vector<const Tree*>& out) {
    if (!t.points.empty()) out.push_back(&t);
    for (const Tree& k : t.kids) with_points(k, out);
}

// Manim's half-way state (smooth(0.5) = 0.5, straight paths) of Transform(a, b).
std::vector<std::vector<Vec2>> manim_half_way(const Mobject& a, const Mobject& b) {
    Tree ta = tree_of(a), tb = tree_of(b);
    align_data(ta, tb);
    std::vector<const Tree*> fa, fb;
    with_points(ta, fa);
    with_points(tb, fb);
    EXPECT_EQ(fa.size(), fb.size());
    std::vector<std::vector<Vec2>> out;
    for (std::size_t i = 0; i < fa.size() && i < fb.size(); ++i) {
        std::vector<Vec2> p;
        for (std::size_t k = 0; k < fa[i]->points.size(); ++k) p.push_back((fa[i]->points[k] + fb[i]->points.at(k)) * 0.5);
        out.push_back(p);
    }
    return out;
}

void expect_half_way_is_manims(const Mobject& a, const Mobject& b, bool replacement) {
    const auto want = manim_half_way(a, b);
    Scene s;
    s.add(a);
    if (replacement) s.play(ReplacementTransform(a, b));
    else s.play(Transform(a, b));
    const Frame half = s.finish().state_at(0.5);
    ASSERT_EQ(half.items.size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        const Points& got = *half.items[i].points;
        ASSERT_EQ(got.size(), want[i].size()) << "member " << i;
        for (std::size_t k = 0; k < got.size(); ++k) {
            ASSERT_NEAR(got[k].x, want[i][k].x, 1e-9) << "member " << i << " point " << k;
            ASSERT_NEAR(got[k].y, want[i][k].y, 1e-9) << "member " << i << " point " << k;
        }
    }
}

TEST(AlignData, FormulasOfOtherGlyphsAndPartsMeetHalfWayAsInManim) {
    // One part of 9 glyphs into three parts (glyphs of one, two and three contours, rules).
    Mobject euler = MathTex("e^{i\\pi} + 1 = 0");
    Mobject basel = MathTex({"\\sum_{n=1}^\\infty \\frac{1}{n^2}", "=", "\\frac{\\pi^2}{6}"});
    basel.shift(DOWN);
    expect_half_way_is_manims(euler, basel, true);
    // And back: three parts into one.
    expect_half_way_is_manims(MathTex({"\\sum_{n=1}^\\infty \\frac{1}{n^2}", "=", "\\frac{\\pi^2}{6}"}),
                              MathTex("e^{i\\pi} + 1 = 0").shift(UP), true);
}

TEST(AlignData, OpeningManimsTitlesMeetHalfWayAsInManim) {
    Mobject title = Tex("This is some \\LaTeX");
    Mobject transform_title = Tex("That was a transform");
    transform_title.to_corner(UP + LEFT);
    expect_half_way_is_manims(title, transform_title, false);
}

TEST(AlignData, AShapeIntoAFormulaMorphsAsInManim) {
    // A square has points and the formula has none of its own: Manim pushes the square into
    // its own submobjects (null_point_align) and it morphs into the glyphs.
    Mobject sq = Square(1);
    expect_half_way_is_manims(sq, MathTex("8"), true);
    expect_half_way_is_manims(MathTex("x^2").shift(LEFT), Circle(), true);
    expect_half_way_is_manims(VGroup(Square(), Circle()), Triangle(), false);
}

} // namespace
} // namespace reel
