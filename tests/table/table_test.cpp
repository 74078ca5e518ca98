// Matrix and Table against Manim CE 0.17.3's matrix.py and table.py: entries placed by their
// DR corner on a v_buff x h_buff grid, brackets bracket_h_buff away and stretched to the
// height plus 2 bracket_v_buff; table cells in a grid of the largest row heights and column
// widths, lines halfway between rows and columns reaching half a buff past the cells.
#include <string>

#include <gtest/gtest.h>

#include <stdexcept>

#include "reel/math.h"
#include "reel/table.h"

namespace reel {
namespace {

TEST(TableNegative, RaggedOrEmptyInputThrows) {
    EXPECT_THROW(Matrix({{"1", "2"}, {"3"}}), std::invalid_argument);
    EXPECT_THROW(Matrix(std::vector<std::vector<std::string>>{}), std::invalid_argument);
    EXPECT_THROW(Table({{"a"}, {"b", "c"}}), std::invalid_argument);
    EXPECT_THROW(Table({{"a"}}, {.row_labels = {"x", "y"}}), std::invalid_argument);
    EXPECT_THROW(Matrix(Mobject(Square())), std::invalid_argument);
}

TEST(Matrix, GridBracketsAndAccessors) {
    Matrix m({{"1", "2"}, {"3", "4"}});
    auto e = m.get_entries();
    ASSERT_EQ(e.size(), 4u);
    EXPECT_NEAR(e[1].get_corner(DR).x - e[0].get_corner(DR).x, 1.3, 1e-9);
    EXPECT_NEAR(e[2].get_corner(DR).y - e[0].get_corner(DR).y, -0.8, 1e-9);
    EXPECT_NEAR(m.get_center().x, 0.0, 1e-9);
    auto rows = m.get_rows(), cols = m.get_columns();
    ASSERT_EQ(rows.size(), 2u);
    ASSERT_EQ(cols.size(), 2u);
    EXPECT_TRUE(rows[1][0].same(e[2]));
    EXPECT_TRUE(cols[1][1].same(e[3]));
    auto br = m.get_brackets();
    double entries_h = VGroup(e.children()).height();
    EXPECT_NEAR(br[0].height(), entries_h + 0.5, 1e-9);
    EXPECT_NEAR(br[1].height(), entries_h + 0.5, 1e-9);
    Bounds eb = VGroup(e.children()).anchor_bounds();
    EXPECT_NEAR(br[0].get_right().x, eb.min.x - MED_SMALL_BUFF, 1e-9);
    EXPECT_NEAR(br[1].get_left().x, eb.max.x + MED_SMALL_BUFF, 1e-9);
    EXPECT_LT(br[0].width(), 0.5);
}

// Manim's _add_brackets: MathTex(\left[ \begin{array}{c} \quad \\ (n rows) \end{array}\right.)
// with n = int(entries' height / 0.5977) + 1, then only stretched vertically: the bracket is
// TeX's whole delimiter (its parts are what Write draws) at TeX's width. One row (12 pt) takes
// cmex's single bracket glyph; four rows (48 pt) an extensible one (top, extender(s), bottom).
TEST(Matrix, BracketsAreTheDelimiterOfManimsEmptyArray) {
    auto bracket_for = [](int n, bool left) {
        std::string rows;
        for (int i = 0; i < n; ++i) rows += "\\quad \\\\";
        const std::string a = "\\begin{matrix}" + rows + "\\end{matrix}";
        return MathTex(left ? "\\left[" + a + "\\right." : "\\left." + a + "\\right]");
    };
    Matrix m({{"1", "2"}, {"3", "4"}});
    const double h = VGroup(m.get_entries().children()).height();
    const int n = static_cast<int>(h / 0.5977) + 1;
    const Mobject l = bracket_for(n, true), r = bracket_for(n, false);
    auto br = m.get_brackets();
    EXPECT_EQ(br[0].leaves().size(), l.leaves().size());
    EXPECT_EQ(br[1].leaves().size(), r.leaves().size());
    EXPECT_NEAR(br[0].width(), l.width(), 1e-9);
    EXPECT_NEAR(br[1].width(), r.width(), 1e-9);
    EXPECT_EQ(Matrix({{"1"}}).get_brackets()[0].leaves().size(), 1u);
    EXPECT_GE(Matrix({{"1"}, {"2"}, {"3"}, {"4"}}).get_brackets()[0].leaves().size(), 3u);
}

TEST(Matrix, IntegerAndDecimal) {
    Matrix i = IntegerMatrix({{1, -2}, {30, 4}});
    EXPECT_EQ(i.label(), "IntegerMatrix");
    EXPECT_EQ(i.get_entries()[2].kind(), "DecimalNumber");
    EXPECT_EQ(i.get_entries()[2].size(), 2u); // "30"
    Matrix d = DecimalMatrix({{1.5, 2.25}});
    EXPECT_EQ(d.get_entries()[1].size(), 3u); // "2.2" (one decimal: 2.25 -> "2.2")
}

TEST(Table, LabelsGridAndLines) {
    Table t({{"1", "22"}, {"333", "4"}}, {.row_labels = {"r1", "r2"}, .col_labels = {"c1", "c2"}});
    EXPECT_EQ(t.get_entries().size(), 9u); // with the empty top-left entry
    EXPECT_EQ(t.get_entries_without_labels().size(), 4u);
    EXPECT_EQ(t.get_row_labels().size(), 2u);
    EXPECT_EQ(t.get_col_labels().size(), 2u);
    auto rows = t.get_rows(), cols = t.get_columns();
    ASSERT_EQ(rows.size(), 3u);
    ASSERT_EQ(cols.size(), 3u);
    // Cells of a column share their centre x; of a row their centre y.
    EXPECT_NEAR(cols[2][1].get_center().x, cols[2][2].get_center().x, 1e-9);
    EXPECT_NEAR(rows[1][1].get_center().y, rows[1][2].get_center().y, 1e-9);
    // Columns are h_buff apart at their widest cells.
    EXPECT_NEAR(VGroup(cols[2].children()).get_left().x - VGroup(cols[1].children()).get_right().x, 1.3, 1e-9);
    auto h = t.get_horizontal_lines(), v = t.get_vertical_lines();
    ASSERT_EQ(h.size(), 2u);
    ASSERT_EQ(v.size(), 2u);
    double mid = 0.5 * (VGroup(rows[0].children()).get_bottom().y + VGroup(rows[1].children()).get_top().y);
    EXPECT_NEAR(h[0].get_center().y, mid, 1e-9);
    EXPECT_NEAR(h[0].get_left().x, t.get_entries().get_left().x - 0.65, 1e-9);
    Table outer({{"a", "b"}}, {.include_outer_lines = true});
    EXPECT_EQ(outer.get_horizontal_lines().size(), 2u);
    EXPECT_EQ(outer.get_vertical_lines().size(), 3u);
    Table m = MathTable({{"x^2", "y"}});
    EXPECT_EQ(m.label(), "MathTable");
}

} // namespace
} // namespace reel
