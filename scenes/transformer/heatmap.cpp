// Section "heatmap": the attention score heatmap (seed_scene.py, section 13).
#include <cmath>
#include <limits>
#include <string>

#include "transformer.h"

namespace reel::scenes::transformer {

void heatmap(Scene& s, const Mobject& sdpa_title, const Cue& cue) {
    s.section("heatmap");
    Mobject hm_title = Text("Attention Score Heatmap", {.font_size = 34, .color = BLUE});
    hm_title.to_edge(UP, 0.35);
    Mobject hm_sub = Text("\"The cat sat on the mat\" — causal, per-token attention weights",
                          {.font_size = 14, .color = GRAY});
    hm_sub.next_to(hm_title, DOWN, 0.12);
    s.play(FadeOut(sdpa_title), Write(hm_title), Write(hm_sub));

    const std::vector<std::string> tokens = {"<s>", "The", "cat", "sat", "on", "the", "mat"};
    const std::size_t n = tokens.size();
    const double cell_size = 0.52;
    const double gap = 0.04;
    const double grid_high = static_cast<double>(n) * cell_size + static_cast<double>(n - 1) * gap;
    const double grid_left = -grid_high / 2;
    const double grid_top = 1.4;

    // pre-mask raw scores (QK^T / sqrt(d_k)) — random-varied, distance-biased
    const double pre_scores[7][7] = {
        {2.8, 1.5, 0.3, 0.1, 0.0, 0.0, 0.0}, {1.2, 3.5, 1.8, 0.5, 0.2, 0.1, 0.0},
        {0.4, 2.0, 3.0, 1.5, 0.6, 0.2, 0.1}, {0.1, 0.6, 2.5, 2.8, 1.2, 0.4, 0.1},
        {0.0, 0.2, 0.8, 2.0, 2.5, 1.5, 0.3}, {0.0, 0.1, 0.3, 0.9, 1.8, 2.5, 1.2},
        {0.0, 0.0, 0.1, 0.4, 0.8, 1.5, 3.0},
    };

    // post-softmax weights with the causal mask (j > i → -inf)
    double post_weights[7][7];
    for (std::size_t i = 0; i < n; ++i) {
        double sum = 0;
        double exps[7];
        for (std::size_t j = 0; j < n; ++j) {
            exps[j] = j > i ? 0.0 : std::exp(pre_scores[i][j]);
            sum += exps[j];
        }
        for (std::size_t j = 0; j < n; ++j) post_weights[i][j] = exps[j] / sum;
    }
    double pre_min = std::numeric_limits<double>::infinity(), pre_max = -pre_min;
    double post_min = pre_min, post_max = -pre_min;
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < n; ++j) {
            pre_min = std::min(pre_min, pre_scores[i][j]);
            pre_max = std::max(pre_max, pre_scores[i][j]);
            post_min = std::min(post_min, post_weights[i][j]);
            post_max = std::max(post_max, post_weights[i][j]);
        }
    }

    Mobject cells = VGroup();
    Mobject masked_cells = VGroup();
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < n; ++j) {
            double pw_normed = (pre_scores[i][j] - pre_min) / (pre_max - pre_min);
            Color pw_color = interpolate_color(BLUE, RED, pw_normed);
            Mobject sq = Square(cell_size, {.fill_color = pw_color, .fill_opacity = 0.75,
                                            .stroke_color = GRAY, .stroke_width = 0.5});
            double x = grid_left + static_cast<double>(j) * (cell_size + gap) + cell_size / 2;
            double y = grid_top - static_cast<double>(i) * (cell_size + gap) - cell_size / 2;
            sq.move_to({x, y});
            cells.add(sq);
            if (j > i) masked_cells.add(sq);
            // 0.015 s: one frame at 60 fps showing the cell still invisible, as in Manim.
            s.play(FadeIn(sq, {.scale = 0.6}), {.run_time = 0.015});
        }
    }

    // row labels (query) on the left
    Mobject row_lbls = VGroup();
    for (std::size_t i = 0; i < n; ++i) {
        Mobject lbl = Text(tokens[i], {.font_size = 12, .color = GRAY});
        double y = grid_top - static_cast<double>(i) * (cell_size + gap) - cell_size / 2;
        lbl.next_to(Vec2{grid_left - 0.15, y}, LEFT, 0.08);
        row_lbls.add(lbl);
    }
    Mobject q_label = Text("Q", {.font_size = 11, .color = WHITE, .weight = Weight::Bold});
    q_label.move_to(row_lbls[0].get_left() + LEFT * 0.3).shift(UP * 0.15);
    std::vector<AnimationPtr> row_writes;
    for (const auto& l : row_lbls.children()) row_writes.push_back(Write(l));
    row_writes.push_back(Write(q_label));
    s.play(row_writes);

    // column labels (key) on top
    Mobject col_lbls = VGroup();
    for (std::size_t j = 0; j < n; ++j) {
        Mobject lbl = Text(tokens[j], {.font_size = 9, .color = GRAY});
        lbl.rotate(PI / 6);
        double x = grid_left + static_cast<double>(j) * (cell_size + gap) + cell_size / 2;
        lbl.next_to(Vec2{x, grid_top + 0.06}, UP, 0.04);
        col_lbls.add(lbl);
    }
    Mobject k_label = Text("K", {.font_size = 11, .color = WHITE, .weight = Weight::Bold});
    k_label.next_to(col_lbls[0], UP, 0.06);
    std::vector<AnimationPtr> col_writes;
    for (const auto& l : col_lbls.children()) col_writes.push_back(Write(l));
    col_writes.push_back(Write(k_label));
    s.play(col_writes);
    s.wait(1.0);
    s.next_slide({.notes = "Raw scores for \"The cat sat on the mat\": a row is a query token, a "
                           "column a key token; red is high."});
    at_cue(cue, "mask");

    // causal mask + softmax — zero out future tokens, recompute weights
    Mobject causal_txt = Text("causal mask + softmax\n(future tokens → 0)", {.font_size = 11, .color = RED});
    causal_txt.next_to(cells[n - 1], UP, 0.25).align_to(cells[n - 1], RIGHT);
    std::vector<AnimationPtr> anims;
    for (const auto& sq : masked_cells.children()) anims.push_back(animate(sq).set_fill(DARK_GRAY, 0.15));
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j <= i; ++j) {
            double aw_normed = (post_weights[i][j] - post_min) / (post_max - post_min);
            Color aw_color = interpolate_color(BLUE, RED, aw_normed);
            anims.push_back(animate(cells[i * n + j]).set_fill(aw_color, 0.75));
        }
    }
    anims.push_back(Write(causal_txt));
    s.play(anims);
    s.wait(1.2);
    s.next_slide({.notes = "The causal mask: no token sees the future. The upper triangle goes to "
                           "minus infinity and softmax renormalises each row."});
    at_cue(cue, "diagonal");
    s.play(FadeOut(causal_txt));

    // highlight key patterns
    std::vector<Mobject> highlights;
    for (std::size_t k = 2; k <= 6; ++k)
        highlights.push_back(SurroundingRectangle(cells[k * n + (k - 1)],
                                                  {.buff = 0.04, .color = ORANGE, .stroke_width = 2}));
    Mobject hl_text = Text("previous token attends to next\n(causal sequence learning)",
                           {.font_size = 11, .color = ORANGE});
    hl_text.next_to(cells[(n - 1) * n + (n - 1)], RIGHT, 0.8);
    std::vector<AnimationPtr> creates;
    for (const auto& h : highlights) creates.push_back(Create(h));
    creates.push_back(Write(hl_text));
    s.play(creates);
    s.wait(2.0);
    s.next_slide({.notes = "Just below the diagonal lights up: each token leans on the one before it."});
    std::vector<AnimationPtr> fades;
    for (const auto& h : highlights) fades.push_back(FadeOut(h));
    fades.push_back(FadeOut(hl_text));
    s.play(fades);

    // fade all heatmap
    s.play({FadeOut(hm_title), FadeOut(hm_sub), FadeOut(cells), FadeOut(row_lbls),
            FadeOut(col_lbls), FadeOut(q_label), FadeOut(k_label)});
}

} // namespace reel::scenes::transformer
