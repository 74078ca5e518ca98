// Matrix (matrix.py) and Table (table.py) as Manim CE 0.17.3 lays them out.
#include "reel/table.h"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "reel/math.h"
#include "reel/numbers.h"
#include "reel/text.h"

namespace reel {

namespace {

class GridBehavior final : public Behavior {
public:
    GridBehavior(std::string kind, std::size_t rows, std::size_t cols, bool row_labels, bool col_labels)
        : kind_(std::move(kind)), rows_(rows), cols_(cols), row_labels_(row_labels), col_labels_(col_labels) {}
    std::string_view kind() const override { return kind_; }
    std::size_t rows() const { return rows_; }
    std::size_t cols() const { return cols_; }
    bool row_labels() const { return row_labels_; }
    bool col_labels() const { return col_labels_; }

private:
    std::string kind_;
    std::size_t rows_, cols_;
    bool row_labels_, col_labels_;
};

const GridBehavior& grid_of(const Mobject& m) {
    const auto* g = m.behavior_as<GridBehavior>();
    if (!g) throw std::invalid_argument(m.label() + " is not a Matrix or Table");
    return *g;
}

Mobject rows_of(const Mobject& cells, std::size_t rows, std::size_t cols) {
    Mobject out;
    for (std::size_t i = 0; i < rows; ++i) {
        Mobject row;
        for (std::size_t j = 0; j < cols; ++j) row.add(cells[i * cols + j]);
        out.add(row);
    }
    return out;
}

Mobject cols_of(const Mobject& cells, std::size_t rows, std::size_t cols) {
    Mobject out;
    for (std::size_t j = 0; j < cols; ++j) {
        Mobject col;
        for (std::size_t i = 0; i < rows; ++i) col.add(cells[i * cols + j]);
        out.add(col);
    }
    return out;
}

// Manim's _add_brackets: MathTex(\left<d> \begin{array}{c} \quad \\ ... \end{array} \right.)
// with int(height / 0.5977) + 1 empty rows (BRACKET_HEIGHT, a row of LaTeX's array): the
// delimiter TeX builds for that many rows, whole (a cmex glyph, or its top, extenders and
// bottom: the parts Write draws). amsmath's matrix has the same rows (one strut each, 12 pt,
// centred on the axis) and, like the empty array, no glyphs of its own.
Mobject delimiter(const std::string& d, bool left, double entries_height, double font_size, Color color) {
    const int n = static_cast<int>(entries_height / 0.5977) + 1;
    std::string rows;
    for (int i = 0; i < n; ++i) rows += R"(\quad \\)";
    const std::string array = R"(\begin{matrix})" + rows + R"(\end{matrix})";
    const std::string tex = left ? R"(\left)" + d + array + R"(\right.)" : R"(\left.)" + array + R"(\right)" + d;
    Mobject m = MathTex(tex, {.font_size = font_size, .color = color});
    m.set_label(left ? "left bracket" : "right bracket");
    return m;
}

} // namespace

// ── Matrix ────────────────────────────────────────────────────────────────────────────────

Matrix::Matrix(std::vector<std::vector<Mobject>> cells, const MatrixOptions& o, const char* label) {
    std::size_t rows = cells.size(), cols = rows ? cells[0].size() : 0;
    for (const auto& r : cells)
        if (r.size() != cols) throw std::invalid_argument(fmt::format("{}: rows of different lengths", label));
    if (rows == 0 || cols == 0) throw std::invalid_argument(fmt::format("{}: no entries", label));
    Mobject entries;
    entries.set_label("entries");
    for (std::size_t i = 0; i < rows; ++i)
        for (std::size_t j = 0; j < cols; ++j) {
            Mobject& m = cells[i][j];
            m.move_to(DOWN * (static_cast<double>(i) * o.v_buff) + RIGHT * (static_cast<double>(j) * o.h_buff),
                      o.element_alignment_corner);
            entries.add(m);
        }
    add(entries);
    double h = entries.height() + 2 * o.bracket_v_buff;
    Mobject l = delimiter(o.left_bracket, true, entries.height(), o.font_size, o.color);
    Mobject r = delimiter(o.right_bracket, false, entries.height(), o.font_size, o.color);
    // stretch_brackets: the pair stretched to the entries' height plus 2 bracket_v_buff.
    Mobject pair = VGroup({l, r});
    pair.stretch_to_fit_height(h);
    l.next_to(entries, LEFT, o.bracket_h_buff);
    r.next_to(entries, RIGHT, o.bracket_h_buff);
    add(l);
    add(r);
    center();
    set_behavior(std::make_shared<GridBehavior>("Matrix", rows, cols, false, false));
    set_label(label);
}

Matrix::Matrix(const std::vector<std::vector<std::string>>& entries, const MatrixOptions& o)
    : Matrix(
          [&] {
              std::vector<std::vector<Mobject>> cells;
              for (const auto& row : entries) {
                  cells.emplace_back();
                  for (const auto& e : row)
                      cells.back().push_back(MathTex(e, {.font_size = o.font_size, .color = o.color}));
              }
              return cells;
          }(),
          o, "Matrix") {}

Matrix::Matrix(const Mobject& m) : Mobject(m) { grid_of(m); }

Mobject Matrix::get_entries() const { return VGroup((*this)[0].children()); }
Mobject Matrix::get_rows() const {
    const auto& g = grid_of(*this);
    return rows_of((*this)[0], g.rows(), g.cols());
}
Mobject Matrix::get_columns() const {
    const auto& g = grid_of(*this);
    return cols_of((*this)[0], g.rows(), g.cols());
}
Mobject Matrix::get_brackets() const { return VGroup({(*this)[1], (*this)[2]}); }

namespace {
struct MatrixBuilder : Matrix {
    MatrixBuilder(std::vector<std::vector<Mobject>> cells, const MatrixOptions& o, const char* label)
        : Matrix(std::move(cells), o, label) {}
};
} // namespace

Matrix IntegerMatrix(const std::vector<std::vector<long>>& entries, const MatrixOptions& o) {
    std::vector<std::vector<Mobject>> cells;
    for (const auto& row : entries) {
        cells.emplace_back();
        for (long v : row) cells.back().push_back(Integer(v, {.num_decimal_places = 0, .font_size = o.font_size, .color = o.color}));
    }
    return MatrixBuilder(std::move(cells), o, "IntegerMatrix");
}

Matrix DecimalMatrix(const std::vector<std::vector<double>>& entries, int num_decimal_places,
                     const MatrixOptions& o) {
    std::vector<std::vector<Mobject>> cells;
    for (const auto& row : entries) {
        cells.emplace_back();
        for (double v : row)
            cells.back().push_back(
                DecimalNumber(v, {.num_decimal_places = num_decimal_places, .font_size = o.font_size, .color = o.color}));
    }
    return MatrixBuilder(std::move(cells), o, "DecimalMatrix");
}

// ── Table ─────────────────────────────────────────────────────────────────────────────────

Table::Table(const std::vector<std::vector<std::string>>& entries, const TableOptions& o, bool math) {
    std::size_t rows = entries.size(), cols = rows ? entries[0].size() : 0;
    for (const auto& r : entries)
        if (r.size() != cols) throw std::invalid_argument("Table: rows of different lengths");
    if (rows == 0 || cols == 0) throw std::invalid_argument("Table: no entries");
    if (!o.row_labels.empty() && o.row_labels.size() != rows)
        throw std::invalid_argument(fmt::format("Table: {} row labels for {} rows", o.row_labels.size(), rows));
    if (!o.col_labels.empty() && o.col_labels.size() != cols)
        throw std::invalid_argument(fmt::format("Table: {} column labels for {} columns", o.col_labels.size(), cols));
    auto make = [&](const std::string& s) {
        if (s.empty()) return VGroup();
        return math ? MathTex(s, {.font_size = o.font_size, .color = o.color})
                    : Text(s, {.font_size = o.font_size, .color = o.color});
    };
    bool rl = !o.row_labels.empty(), cl = !o.col_labels.empty();
    std::size_t R = rows + (cl ? 1 : 0), C = cols + (rl ? 1 : 0);
    std::vector<Mobject> grid;
    if (cl) {
        if (rl) grid.push_back(make(o.top_left_entry));
        for (const auto& c : o.col_labels) grid.push_back(make(c));
    }
    for (std::size_t i = 0; i < rows; ++i) {
        if (rl) grid.push_back(make(o.row_labels[i]));
        for (const auto& e : entries[i]) grid.push_back(make(e));
    }
    // arrange_in_grid: rows as high and columns as wide as their largest cell, cells centred.
    std::vector<double> hs(R, 0.0), ws(C, 0.0);
    for (std::size_t i = 0; i < R; ++i)
        for (std::size_t j = 0; j < C; ++j) {
            hs[i] = std::max(hs[i], grid[i * C + j].height());
            ws[j] = std::max(ws[j], grid[i * C + j].width());
        }
    double y = 0;
    for (std::size_t i = 0; i < R; ++i) {
        double x = 0;
        for (std::size_t j = 0; j < C; ++j) {
            Mobject& m = grid[i * C + j];
            if (m.size() > 0 || m.has_points()) m.move_to(Vec2{x + ws[j] / 2, y - hs[i] / 2});
            x += ws[j] + o.h_buff;
        }
        y -= hs[i] + o.v_buff;
    }
    Mobject cells = VGroup(grid);
    cells.set_label("cells");
    cells.center();
    add(cells);
    set_behavior(std::make_shared<GridBehavior>(math ? "MathTable" : "Table", R, C, rl, cl));
    set_label(math ? "MathTable" : "Table");
    Mobject rws = get_rows(), cls = get_columns();
    LineOptions lo{.color = o.line_color, .stroke_width = o.line_stroke_width};
    Mobject hl, vl;
    hl.set_label("horizontal lines");
    vl.set_label("vertical lines");
    double left = cells.get_left().x - 0.5 * o.h_buff, right = cells.get_right().x + 0.5 * o.h_buff;
    if (o.include_outer_lines) {
        double top = rws[0].get_top().y + 0.5 * o.v_buff, bottom = rws.at(-1).get_bottom().y - 0.5 * o.v_buff;
        hl.add(Line({left, top}, {right, top}, lo));
        hl.add(Line({left, bottom}, {right, bottom}, lo));
    }
    for (std::size_t k = 0; k + 1 < R; ++k) {
        double a = rws[k + 1].get_top().y + 0.5 * (rws[k].get_bottom().y - rws[k + 1].get_top().y);
        hl.add(Line({left, a}, {right, a}, lo));
    }
    double top = rws.get_top().y + 0.5 * o.v_buff, bottom = rws.get_bottom().y - 0.5 * o.v_buff;
    if (o.include_outer_lines) {
        double l = cls[0].get_left().x - 0.5 * o.h_buff, r = cls.at(-1).get_right().x + 0.5 * o.h_buff;
        vl.add(Line({l, bottom}, {l, top}, lo));
        vl.add(Line({r, bottom}, {r, top}, lo));
    }
    for (std::size_t k = 0; k + 1 < C; ++k) {
        double a = cls[k + 1].get_left().x + 0.5 * (cls[k].get_right().x - cls[k + 1].get_left().x);
        vl.add(Line({a, bottom}, {a, top}, lo));
    }
    add(hl);
    add(vl);
}

Table::Table(const Mobject& m) : Mobject(m) { grid_of(m); }

Mobject Table::get_entries() const { return VGroup((*this)[0].children()); }
Mobject Table::get_rows() const {
    const auto& g = grid_of(*this);
    return rows_of((*this)[0], g.rows(), g.cols());
}
Mobject Table::get_columns() const {
    const auto& g = grid_of(*this);
    return cols_of((*this)[0], g.rows(), g.cols());
}
Mobject Table::get_entries_without_labels() const {
    const auto& g = grid_of(*this);
    Mobject out;
    for (std::size_t i = g.col_labels() ? 1 : 0; i < g.rows(); ++i)
        for (std::size_t j = g.row_labels() ? 1 : 0; j < g.cols(); ++j) out.add((*this)[0][i * g.cols() + j]);
    return out;
}
Mobject Table::get_row_labels() const {
    const auto& g = grid_of(*this);
    Mobject out;
    if (g.row_labels())
        for (std::size_t i = g.col_labels() ? 1 : 0; i < g.rows(); ++i) out.add((*this)[0][i * g.cols()]);
    return out;
}
Mobject Table::get_col_labels() const {
    const auto& g = grid_of(*this);
    Mobject out;
    if (g.col_labels())
        for (std::size_t j = g.row_labels() ? 1 : 0; j < g.cols(); ++j) out.add((*this)[0][j]);
    return out;
}
Mobject Table::get_horizontal_lines() const { return (*this)[1]; }
Mobject Table::get_vertical_lines() const { return (*this)[2]; }

Table MathTable(const std::vector<std::vector<std::string>>& entries, const TableOptions& o) {
    return Table(entries, o, true);
}

} // namespace reel
