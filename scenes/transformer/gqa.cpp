// Section "gqa": the Grouped-Query Attention diagram (seed_scene.py, up to the first fade-out).
#include "transformer.h"

namespace reel::scenes::transformer {

namespace {

// seed: mk(name, color, w=2.6, h=0.72, fs=10) -> VGroup(box, label)
Mobject mk(const char* name, Color color, double w = 2.6, double h = 0.72, double fs = 10) {
    Mobject box = Rectangle({.width = w, .height = h, .color = color, .fill_opacity = 0.12,
                             .stroke_width = 1.5});
    Mobject lbl = Text(name, {.font_size = fs, .color = color});
    return VGroup({box, lbl});
}

Mobject gray_line(Vec2 a, Vec2 b) { return Line(a, b, {.color = GRAY, .stroke_width = 1.5}); }

} // namespace

void gqa(Scene& s, const Cue& cue) {
    s.section("gqa");
    Mobject title = Text("Grouped-Query Attention (GQA)", {.font_size = 42, .color = BLUE});
    title.to_edge(UP, 0.35);
    s.play(Write(title));

    // ── Layout ──
    Mobject inp = Text("x (hidden states)", {.font_size = 15, .color = GRAY});
    inp.move_to(UP * 2.6);

    double y1 = 1.5;
    Mobject q_grp = mk("Q Projection\n1536 → 24×64", YELLOW);
    Mobject k_grp = mk("K Projection\n1536 → 4×64", YELLOW);
    Mobject v_grp = mk("V Projection\n1536 → 4×64", YELLOW);
    q_grp.move_to(LEFT * 3.0 + UP * y1);
    k_grp.move_to(UP * y1);
    v_grp.move_to(RIGHT * 3.0 + UP * y1);

    double y2 = 0.0;
    Mobject repeat_grp = mk("Repeat KV\n4 heads → 24 heads", GREEN, 2.4, 0.68, 10);
    repeat_grp.move_to(UP * y2);

    double y3 = -1.6;
    Mobject sdpa_grp = mk("Scaled Dot-Product\nAttention Q·K^T/√d", BLUE, 2.8, 0.74, 10);
    sdpa_grp.move_to(UP * y3);

    double y4 = -2.9;
    Mobject o_grp = mk("O Projection\n1536 → 1536", PURPLE, 2.2, 0.68, 10);
    o_grp.move_to(UP * y4);

    Mobject out = Text("x' (hidden states)", {.font_size = 15, .color = GRAY});
    out.next_to(o_grp, DOWN, 0.4);

    // ── Animate boxes ──
    s.play(Write(inp));
    std::vector<Mobject> all_boxes = {q_grp, k_grp, v_grp, repeat_grp, sdpa_grp, o_grp};
    for (const auto& g : all_boxes) s.play(FadeIn(g, {.shift = UP * 0.1}), {.run_time = 0.2});

    // ── Input trunk → branch → Q/K/V (enter from directly above) ──
    Vec2 trunk_bottom{0, q_grp.get_top().y + 0.35};
    Mobject trunk = gray_line(inp.get_bottom(), trunk_bottom);
    s.play(Create(trunk), {.run_time = 0.15});

    Mobject branch_left = gray_line({q_grp.get_top().x, trunk_bottom.y}, {k_grp.get_top().x, trunk_bottom.y});
    Mobject branch_right = gray_line({k_grp.get_top().x, trunk_bottom.y}, {v_grp.get_top().x, trunk_bottom.y});
    s.play(Create(branch_left), Create(branch_right), {.run_time = 0.2});

    Mobject drop_q = gray_line({q_grp.get_top().x, trunk_bottom.y}, q_grp.get_top());
    Mobject drop_k = gray_line({k_grp.get_top().x, trunk_bottom.y}, k_grp.get_top());
    Mobject drop_v = gray_line({v_grp.get_top().x, trunk_bottom.y}, v_grp.get_top());
    for (const auto& ln : {drop_q, drop_k, drop_v}) s.play(Create(ln), {.run_time = 0.12});

    Mobject input_lines = VGroup({trunk, branch_left, branch_right, drop_q, drop_k, drop_v});

    // ── K/V → Repeat KV (trunk-branch, enter from above) ──
    double kv_junc_y = repeat_grp.get_top().y + 0.3;
    Mobject drop_k2 = gray_line(k_grp.get_bottom(), {k_grp.get_bottom().x, kv_junc_y});
    Mobject drop_v2 = gray_line(v_grp.get_bottom(), {v_grp.get_bottom().x, kv_junc_y});
    Mobject kv_branch = gray_line({v_grp.get_bottom().x, kv_junc_y}, {k_grp.get_bottom().x, kv_junc_y});
    Mobject kv_trunk = gray_line({k_grp.get_bottom().x, kv_junc_y}, repeat_grp.get_top());
    Mobject kv_lines = VGroup({drop_k2, drop_v2, kv_branch, kv_trunk});
    s.play(Create(kv_lines), {.run_time = 0.3});

    // ── Q → SDPA (bypasses Repeat KV, from above) ──
    double qs_junc_y = sdpa_grp.get_top().y + 0.3;
    Mobject line_qs = Polyline({q_grp.get_bottom(),
                                {q_grp.get_bottom().x, qs_junc_y},
                                {sdpa_grp.get_top().x, qs_junc_y},
                                sdpa_grp.get_top()},
                               {.color = GRAY, .stroke_width = 1.5});
    s.play(Create(line_qs), {.run_time = 0.15});

    Mobject line_rs = orth_line(repeat_grp.get_bottom(), sdpa_grp.get_top(), GRAY);
    s.play(Create(line_rs), {.run_time = 0.15});

    Mobject line_so = orth_line(sdpa_grp.get_bottom(), o_grp.get_top(), GRAY);
    s.play(Create(line_so), {.run_time = 0.15});

    Mobject line_oo = orth_line(o_grp.get_bottom(), out.get_top(), GRAY);
    s.play(Create(line_oo), {.run_time = 0.15});
    s.play(Write(out));

    s.wait(0.4);
    s.next_slide({.notes = "One GQA block: x is projected to 24 query heads but only 4 key and 4 value "
                           "heads; Repeat KV widens K and V to 24 heads, then attention and the "
                           "output projection."});
    at_cue(cue, "rope");

    Mobject all_lines = VGroup({input_lines, kv_lines, line_qs, line_rs, line_so, line_oo});

    // ── RoPE highlight ──
    Mobject rope_q = SurroundingRectangle(q_grp, {.buff = 0.12, .color = TEAL});
    Mobject rope_k = SurroundingRectangle(k_grp, {.buff = 0.12, .color = TEAL});
    Mobject rope_t = Text("RoPE: rotary position encoding\napplied to Q and K",
                          {.font_size = 13, .color = TEAL});
    rope_t.next_to(VGroup({rope_q, rope_k}), UP, 0.25);
    s.play(Create(rope_q), Create(rope_k), Write(rope_t));
    s.wait(1.5);
    s.next_slide({.notes = "RoPE rotates Q and K by each token's position; V is left alone."});
    at_cue(cue, "share");
    s.play(FadeOut(rope_q), FadeOut(rope_k), FadeOut(rope_t));

    // ── GQA ratio highlight ──
    Mobject gqa_h = SurroundingRectangle(VGroup({q_grp, k_grp, v_grp}), {.buff = 0.2, .color = YELLOW});
    Mobject gqa_t = Text("GQA 6:1 — 24 Q-heads → 4 KV-heads\nKV cache reduced by 83%",
                         {.font_size = 13, .color = YELLOW});
    gqa_t.next_to(gqa_h, RIGHT, 0.5);
    s.play(Create(gqa_h), Write(gqa_t));
    s.wait(1.8);
    s.next_slide({.notes = "6 query heads share each KV head: the KV cache holds 4 heads instead of "
                           "24, 83% less memory per token."});
    at_cue(cue, "repeat");
    s.play(FadeOut(gqa_h), FadeOut(gqa_t));

    // ── Repeat KV highlight ──
    Mobject kv_h = SurroundingRectangle(VGroup({k_grp, v_grp}), {.buff = 0.12, .color = GREEN});
    Mobject kv_t = Text("repeat_kv(): broadcast\n4 heads → 24 heads", {.font_size = 12, .color = GREEN});
    kv_t.next_to(kv_h, RIGHT, 0.5);
    s.play(Create(kv_h), Write(kv_t));
    s.wait(1.5);
    s.next_slide({.notes = "repeat_kv() copies each cached K/V head to its 6 query heads at compute "
                           "time; only 4 heads are stored."});

    // ── Fade all ──
    std::vector<AnimationPtr> fades;
    for (const auto& g : all_boxes) fades.push_back(FadeOut(g));
    for (const auto& m : {all_lines, kv_h, kv_t, inp, out, title}) fades.push_back(FadeOut(m));
    s.play(fades);
}

} // namespace reel::scenes::transformer
