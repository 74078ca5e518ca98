// Manim's Matrix, IntegerMatrix, DecimalMatrix (matrix.py) and Table, MathTable (table.py).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "reel/mobject.h"

namespace reel {

struct MatrixOptions {
    double v_buff = 0.8;
    double h_buff = 1.3;
    double bracket_h_buff = MED_SMALL_BUFF;
    double bracket_v_buff = MED_SMALL_BUFF;
    /// Entries are placed by this corner on the grid points (i * v_buff down, j * h_buff right).
    Vec2 element_alignment_corner = DR;
    std::string left_bracket = "[";
    std::string right_bracket = "]";
    double font_size = 48.0;
    Color color = WHITE;
};

/// Manim's Matrix: MathTex entries on a grid, then brackets (MathTex \left[ ... \right.
/// delimiters) stretched to the height plus 2 bracket_v_buff. Children: entries, left bracket,
/// right bracket. Centred on the origin.
class Matrix : public Mobject {
public:
    explicit Matrix(const std::vector<std::vector<std::string>>& entries, const MatrixOptions& o = {});
    explicit Matrix(const Mobject& m);
    /// One VGroup per row / column of entries.
    Mobject get_rows() const;
    Mobject get_columns() const;
    /// All entries, row by row.
    Mobject get_entries() const;
    /// VGroup(left, right).
    Mobject get_brackets() const;

protected:
    Matrix(std::vector<std::vector<Mobject>> cells, const MatrixOptions& o, const char* label);
};

/// Manim's IntegerMatrix: Integer entries.
Matrix IntegerMatrix(const std::vector<std::vector<long>>& entries, const MatrixOptions& o = {});
/// Manim's DecimalMatrix: DecimalNumber entries with `num_decimal_places` (1 by default).
Matrix DecimalMatrix(const std::vector<std::vector<double>>& entries, int num_decimal_places = 1,
                     const MatrixOptions& o = {});

struct TableOptions {
    std::vector<std::string> row_labels;
    std::vector<std::string> col_labels;
    /// The entry above the row labels when both label kinds are given (empty: nothing).
    std::string top_left_entry;
    double v_buff = 0.8;
    double h_buff = 1.3;
    bool include_outer_lines = false;
    double font_size = 48.0;
    Color color = WHITE;
    Color line_color = WHITE;
    double line_stroke_width = 4.0;
};

/// Manim's Table (entries as Text) / MathTable (as MathTex): the labels joined to the entries,
/// arranged in a grid (each row as high and each column as wide as its largest cell, cells
/// centred, buff h_buff x v_buff), lines halfway between rows and between columns.
/// Children: cells (row by row, labels included), horizontal lines, vertical lines.
class Table : public Mobject {
public:
    explicit Table(const std::vector<std::vector<std::string>>& entries, const TableOptions& o = {},
                   bool math = false);
    explicit Table(const Mobject& m);
    /// Rows / columns of the whole grid (labels included), as Manim's get_rows / get_columns.
    Mobject get_rows() const;
    Mobject get_columns() const;
    /// Every cell, row by row (labels included), as Manim's get_entries.
    Mobject get_entries() const;
    /// The cells without the labels (Manim's get_entries_without_labels).
    Mobject get_entries_without_labels() const;
    Mobject get_row_labels() const;
    Mobject get_col_labels() const;
    Mobject get_horizontal_lines() const;
    Mobject get_vertical_lines() const;
};

/// Manim's MathTable: a Table with MathTex entries.
Table MathTable(const std::vector<std::vector<std::string>>& entries, const TableOptions& o = {});

} // namespace reel
