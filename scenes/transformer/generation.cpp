// Section "generation": auto-regressive generation through the pipeline (seed_scene.py, v2).
#include <fmt/format.h>

#include <string>
#include <utility>
#include <vector>

#include "transformer.h"

namespace reel::scenes::transformer {

namespace {

// seed: tok_card(text, fill=DARK_BLUE, stroke=GRAY)
Mobject tok_card(const std::string& text, Color fill = DARK_BLUE, Color stroke = GRAY) {
    Mobject t = Text(text, {.font_size = 10, .color = WHITE, .weight = Weight::Bold});
    Mobject box = RoundedRectangle({.width = t.width() + 0.2, .height = t.height() + 0.1,
                                    .corner_radius = 0.04, .fill_color = fill, .fill_opacity = 0.5,
                                    .stroke_color = stroke, .stroke_width = 0.5});
    t.move_to(box);
    return VGroup({box, t});
}

// ── Layout constants ──
constexpr double BLK_W = 1.8;
constexpr double BLK_H = 0.28;
constexpr double TFR_H = 0.55;
constexpr double CX_BLK = -1.0;
constexpr double Y_EMB = 1.40;
constexpr double Y_NORM1 = 0.95;
constexpr double Y_TFR = 0.32;
constexpr double Y_NORM2 = -0.25;
constexpr double Y_HEAD = -0.70;

Mobject mkblk(double w, double h, double y, const char* txt, Color color, double fs = 10) {
    Mobject b = RoundedRectangle({.width = w, .height = h, .corner_radius = 0.06,
                                  .fill_color = DARK_BLUE, .fill_opacity = 0.25,
                                  .stroke_color = color, .stroke_width = 1.5});
    Mobject l = Text(txt, {.font_size = fs, .color = color, .weight = Weight::Bold});
    l.move_to(b);
    Mobject g = VGroup({b, l});
    g.move_to({CX_BLK, y});
    return g;
}

using Distribution = std::vector<std::pair<std::string, int>>;

// seed: build_dist(probs, y_center, max_w=2.8) -> VGroup(bars, lbls)
Mobject build_dist(const Distribution& probs, double y_center, double max_w = 2.8) {
    Mobject bars = VGroup();
    Mobject lbls = VGroup();
    double bh = 0.12, bg = 0.02, lx = CX_BLK - max_w / 2;
    double n = static_cast<double>(probs.size());
    double y_top = y_center + (n * bh + (n - 1) * bg) / 2;
    for (std::size_t i = 0; i < probs.size(); ++i) {
        const auto& [tok, pct] = probs[i];
        double w = max_w * pct / 100.0;
        double y = y_top - static_cast<double>(i) * (bh + bg);
        Mobject bar = Rectangle({.width = w, .height = bh,
                                 .fill_color = interpolate_color(BLUE, RED, pct / 100.0),
                                 .fill_opacity = 0.85, .stroke_color = LIGHT_GRAY,
                                 .stroke_width = 0.3});
        bar.move_to({lx + w / 2, y});
        Mobject lbl = Text(fmt::format("{} {}%", tok, pct), {.font_size = 7, .color = WHITE});
        lbl.next_to(bar, RIGHT, 0.05);
        bars.add(bar);
        lbls.add(lbl);
    }
    return VGroup({bars, lbls});
}

} // namespace

void generation(Scene& s, const Cue& cue) {
    s.section("generation");
    const std::vector<std::string> gen_tokens = {"<s>", "The", "cat", "sat", "on", "the", "mat"};

    Mobject gen_title = Text("Auto-regressive Generation", {.font_size = 34, .color = BLUE});
    gen_title.to_edge(UP, 0.35);
    s.play(Write(gen_title));

    Mobject emb_node = mkblk(BLK_W, BLK_H, Y_EMB, "Embedding", YELLOW, 9);
    Mobject norm1 = mkblk(BLK_W, BLK_H, Y_NORM1, "RMS Norm", GREEN, 9);
    Mobject tfr_node = mkblk(2.4, TFR_H, Y_TFR, "Transformer Block\n× 24", PURPLE, 9);
    Mobject norm2 = mkblk(BLK_W, BLK_H, Y_NORM2, "RMS Norm", GREEN, 9);
    Mobject head = mkblk(BLK_W, BLK_H, Y_HEAD, "LM Head", RED, 9);
    Mobject pipeline = VGroup({emb_node, norm1, tfr_node, norm2, head});

    // Arrows between blocks
    Mobject arrows = VGroup();
    for (std::size_t k = 0; k + 1 < pipeline.size(); ++k) {
        arrows.add(Arrow(pipeline[k].get_bottom(), pipeline[k + 1].get_top(),
                         {.tip_length = 0.07, .color = GRAY, .stroke_width = 1.2}));
    }

    // ── KV Cache (right of Transformer) ──
    const double KV_X = 1.8;
    const double kv_size = 0.16;
    const double kv_gap = 0.04;
    const double K_Y = Y_TFR + 0.05;
    const double V_Y = Y_TFR - 0.22;
    Mobject cache_lbl = Text("KV Cache", {.font_size = 8, .color = GRAY});
    cache_lbl.move_to({KV_X, Y_TFR + TFR_H / 2 + 0.2});
    Mobject k_hdr = Text("K:", {.font_size = 7, .color = YELLOW});
    k_hdr.move_to({KV_X - 0.65, K_Y});
    Mobject v_hdr = Text("V:", {.font_size = 7, .color = ORANGE});
    v_hdr.move_to({KV_X - 0.65, V_Y});

    Mobject kv_k = VGroup();
    Mobject kv_v = VGroup();
    Mobject k0 = Square(kv_size, {.fill_color = YELLOW, .fill_opacity = 0.4, .stroke_color = YELLOW,
                                  .stroke_width = 0.5});
    k0.move_to({KV_X, K_Y});
    Mobject v0 = Square(kv_size, {.fill_color = ORANGE, .fill_opacity = 0.4, .stroke_color = ORANGE,
                                  .stroke_width = 0.5});
    v0.move_to({KV_X, V_Y});
    kv_k.add(k0);
    kv_v.add(v0);
    Mobject kv_group = VGroup({cache_lbl, k_hdr, v_hdr, kv_k, kv_v});

    const std::vector<Distribution> dists = {
        {{"The", 72}, {"cat", 8}, {"sat", 6}, {"on", 4}, {"<unk>", 10}},
        {{"cat", 65}, {"sat", 12}, {"was", 8}, {"is", 6}, {"<unk>", 9}},
        {{"sat", 58}, {"slept", 15}, {"ran", 8}, {"jumped", 6}, {"<unk>", 13}},
        {{"on", 55}, {"down", 12}, {"quietly", 8}, {"and", 6}, {"<unk>", 19}},
        {{"the", 60}, {"a", 12}, {"top", 8}, {"floor", 5}, {"<unk>", 15}},
        {{"mat", 50}, {"table", 15}, {"chair", 8}, {"floor", 6}, {"<unk>", 21}},
    };
    const double Y_DIST = -1.45;

    // ── Token sequence row ──
    const double SX = -4.0, Y_SEQ = 2.0, GAP = 0.55;
    Mobject seq = VGroup();
    Mobject sos = tok_card("<s>", BLUE, BLUE);
    sos.move_to({SX, Y_SEQ});
    seq.add(sos);

    // Step label (below everything)
    Mobject step_lbl = Text("Step 0 — [<s>] → ?", {.font_size = 9, .color = GRAY});
    step_lbl.move_to({0, -2.1});

    // ── Show static elements ──
    s.play(FadeIn(pipeline), FadeIn(arrows));
    s.play(FadeIn(kv_group));
    s.play(FadeIn(sos));
    s.play(Write(step_lbl));
    s.wait(0.5);
    s.next_slide({.notes = "The decoder: embedding, RMS norm, 24 transformer blocks, RMS norm, LM "
                           "head. Keys and values of past tokens stay in the KV cache."});
    at_cue(cue, "step1");

    // ── Generation loop ──
    for (std::size_t i = 1; i < gen_tokens.size(); ++i) {
        const std::string& tok = gen_tokens[i];
        std::string input_str;
        for (std::size_t k = 0; k <= i; ++k) input_str += (k ? " " : "") + gen_tokens[k];

        // 1. Highlight last token (the input being processed)
        Mobject last = seq.at(-1);
        Mobject hl = SurroundingRectangle(last, {.buff = 0.04, .color = YELLOW, .stroke_width = 2});
        s.play(Create(hl), {.run_time = 0.12});

        // 2. Arrow from last token → Embedding
        Mobject in_arr = Arrow(last.get_bottom(), emb_node.get_top(),
                               {.tip_length = 0.08, .color = YELLOW, .stroke_width = 2});
        s.play(FadeIn(in_arr, {.scale = 0.5}), {.run_time = 0.1});

        // 3. Cascade through pipeline. In Manim 0.17.3 `.animate.set_fill_opacity(x)` silently
        // does nothing (VMobject has no such method; a generic setattr hides it), so this flash
        // never shows in the reference. Reel does what the scene asks: the five boxes brighten
        // to 0.6 and fall back to 0.25.
        std::vector<Mobject> pipes = {emb_node, norm1, tfr_node, norm2, head};
        std::vector<AnimationPtr> up, down;
        for (const auto& p : pipes) up.push_back(animate(p[0]).set_fill_opacity(0.6));
        s.play(up, {.run_time = 0.12});
        for (const auto& p : pipes) down.push_back(animate(p[0]).set_fill_opacity(0.25));
        s.play(down, {.run_time = 0.1});
        s.play(FadeOut(in_arr), FadeOut(hl), {.run_time = 0.08});

        // 4. Show probability distribution
        Mobject dist_arr = Arrow(head.get_bottom(), head.get_bottom() + DOWN * 0.22,
                                 {.tip_length = 0.06, .color = GRAY, .stroke_width = 1});
        Mobject dist = build_dist(dists[i - 1], Y_DIST);
        s.play(FadeIn(dist_arr, {.scale = 0.5}), FadeIn(dist, {.scale = 0.8}), {.run_time = 0.25});

        // 5. Sampling: highlight top bar
        Mobject top_bar = dist[0][0];
        Mobject sample_hl = SurroundingRectangle(top_bar, {.buff = 0.02, .color = YELLOW, .stroke_width = 1.5});
        Mobject samp_lbl = Text("\u2713 argmax", {.font_size = 7, .color = YELLOW});
        samp_lbl.next_to(dist, DOWN, 0.05);
        s.play(Create(sample_hl), Write(samp_lbl), {.run_time = 0.2});
        s.wait(0.15);

        // 6. Predicted token appears below distribution
        Mobject pred = tok_card(tok, YELLOW, YELLOW);
        double target_x = SX + static_cast<double>(seq.size()) * GAP;
        pred.move_to({CX_BLK, Y_DIST - 0.45});
        s.play(FadeIn(pred, {.scale = 0.4}), {.run_time = 0.15});

        // 7. Token rises to join sequence at top
        s.play(animate(pred).move_to({target_x, Y_SEQ}), {.run_time = 0.3});
        s.play({animate(pred[0]).set_fill(DARK_BLUE, 0.5).set_stroke(GRAY, 0.5),
                animate(pred[1]).set_color(WHITE), FadeOut(sample_hl), FadeOut(samp_lbl)});
        seq.add(pred);

        // 8. KV Cache: add K,V of this predicted token
        double kv_x = KV_X + static_cast<double>(i) * (kv_size + kv_gap);
        Mobject k_sq = Square(kv_size, {.fill_color = YELLOW, .fill_opacity = 0.4,
                                        .stroke_color = YELLOW, .stroke_width = 0.5});
        k_sq.move_to({kv_x, K_Y});
        Mobject v_sq = Square(kv_size, {.fill_color = ORANGE, .fill_opacity = 0.4,
                                        .stroke_color = ORANGE, .stroke_width = 0.5});
        v_sq.move_to({kv_x, V_Y});
        s.play(FadeIn(k_sq, {.scale = 1.5}), FadeIn(v_sq, {.scale = 1.5}), {.run_time = 0.15});
        kv_k.add(k_sq);
        kv_v.add(v_sq);

        // 9. Remove distribution and arrow
        s.play(FadeOut(dist), FadeOut(dist_arr), {.run_time = 0.08});

        // 10. Update step label
        Mobject new_lbl = Text(fmt::format("Step {} — [{}]", i, input_str), {.font_size = 9, .color = GRAY});
        new_lbl.move_to(step_lbl);
        s.play(Transform(step_lbl, new_lbl));
        s.wait(0.3);
        s.next_slide({.notes = fmt::format("Step {}: the model reads '{}' and picks '{}' ({}%); its K "
                                           "and V join the cache.",
                                           i, gen_tokens[i - 1], tok, dists[i - 1][0].second)});
        if (i + 1 < gen_tokens.size()) at_cue(cue, fmt::format("step{}", i + 1).c_str());
    }
    s.wait(2.0);
}

} // namespace reel::scenes::transformer
