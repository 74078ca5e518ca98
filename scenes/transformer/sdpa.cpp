// Section "sdpa": scaled dot-product attention — the full formula and its breakdown
// (seed_scene.py, section 12).
#include "reel/math.h"
#include "transformer.h"

namespace reel::scenes::transformer {

Mobject sdpa(Scene& s, const Cue& cue) {
    s.section("sdpa");
    Mobject qkv_title = Text("Scaled Dot-Product Attention", {.font_size = 34, .color = BLUE});
    qkv_title.to_edge(UP, 0.35);
    s.play(Write(qkv_title));

    // Full formula first, stays on screen
    Mobject full_eq = MathTex(
        R"(\operatorname{Attention}(Q,K,V)=\operatorname{softmax}\!\left(\frac{QK^\top}{\sqrt{d_k}}\right)\!V)",
        {.font_size = 36, .color = WHITE});
    full_eq.next_to(qkv_title, DOWN, 0.5);
    s.play(Write(full_eq));
    s.wait(0.6);
    s.next_slide({.notes = "The whole formula first; it stays up while we take it apart."});
    at_cue(cue, "qkv");

    // Q / K / V — brief meanings
    Mobject q_txt = Text("Q = Query", {.font_size = 18, .color = YELLOW});
    Mobject k_txt = Text("K = Key", {.font_size = 18, .color = ORANGE});
    Mobject v_txt = Text("V = Value", {.font_size = 18, .color = GREEN});
    Mobject qkv_labels = VGroup({q_txt, k_txt, v_txt});
    qkv_labels.arrange(RIGHT, 1.5);
    qkv_labels.next_to(full_eq, DOWN, 0.5);
    s.play(Write(qkv_labels));

    Mobject q_desc = Text("\"what am I looking for?\"", {.font_size = 11, .color = YELLOW});
    q_desc.next_to(q_txt, DOWN, 0.10);
    Mobject k_desc = Text("\"what do I have?\"", {.font_size = 11, .color = ORANGE});
    k_desc.next_to(k_txt, DOWN, 0.10);
    Mobject v_desc = Text("\"what do I contribute?\"", {.font_size = 11, .color = GREEN});
    v_desc.next_to(v_txt, DOWN, 0.10);
    s.play(Write(q_desc), Write(k_desc), Write(v_desc));
    s.wait(2.0);
    s.next_slide({.notes = "Q: what a token looks for. K: what each token offers. V: what it passes on."});
    at_cue(cue, "step1");
    s.play({FadeOut(qkv_labels), FadeOut(q_desc), FadeOut(k_desc), FadeOut(v_desc)});

    // Step-by-step decomposition — full formula stays visible above
    struct Step {
        const char* tex;
        Color color;
        const char* desc;
    };
    const Step steps[] = {
        {R"(\text{(1) } S = QK^\top)", YELLOW, "score matrix — pairwise token similarity"},
        {R"(\text{(2) } S \mathbin{/} \sqrt{d_k})", ORANGE, "scale — prevents gradient explosion"},
        {R"(\text{(3) } \operatorname{softmax}\!\left(S \mathbin{/} \sqrt{d_k}\right))", GREEN,
         "normalize — each row sums to 1 (probability)"},
        {R"(\text{(4) } \operatorname{softmax}\!\left(S \mathbin{/} \sqrt{d_k}\right) \cdot V)", BLUE,
         "weighted sum — aggregate values by attention"},
    };

    Mobject step_group = VGroup();
    Mobject steps_mobj = VGroup();
    for (const Step& st : steps) {
        Mobject eq = MathTex(st.tex, {.font_size = 26, .color = st.color});
        Mobject desc = Text(st.desc, {.font_size = 12, .color = GRAY});
        Mobject sg = VGroup({eq, desc});
        sg.arrange(DOWN, 0.06);
        step_group.add(sg);
        steps_mobj.add(eq);
    }
    step_group.arrange(DOWN, 0.22, LEFT);
    step_group.next_to(full_eq, DOWN, 0.6);

    const char* step_notes[] = {
        "Step 1: every query against every key gives the score matrix S.",
        "Step 2: divide by the square root of d_k so the scores do not grow with the head size.",
        "Step 3: softmax turns each row into weights that sum to 1.",
        "Step 4: the weights mix the value vectors: that is the output.",
    };
    const auto step_groups = step_group.children();
    for (std::size_t i = 0; i < step_groups.size(); ++i) {
        s.play(Write(step_groups[i]), {.run_time = 0.3});
        if (i + 1 == step_groups.size()) s.wait(2.5); // the last step holds after the pause
        s.next_slide({.notes = step_notes[i]});
        const char* next_step[] = {"step2", "step3", "step4"};
        if (i < 3) at_cue(cue, next_step[i]);
    }
    s.play(FadeOut(step_group), FadeOut(full_eq));
    return qkv_title;
}

} // namespace reel::scenes::transformer
