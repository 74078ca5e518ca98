// The promo with a voice-over on each section (espeak-ng's default voice, cached on disk), and so
// with subtitles in its exports. Each section plays as in the silent promo while its line is
// spoken; when the line is longer than the section, the scene holds its last picture until the
// voice has finished (the voice-over block's rule).
#include "transformer.h"

using namespace reel::scenes::transformer;

REEL_SCENE(transformer_narrated,
           "The GQA promo with a voice-over on each section (espeak-ng) and subtitles") {
    reel::set_default_text_font("Times New Roman");
    s.voiceover("Grouped query attention. Twenty-four query heads share four key and value heads, so the "
                "cache holds a sixth of what it would. RoPE rotates queries and keys by each token's position.",
                [&](reel::Voiceover&) { gqa(s); });
    reel::Mobject sdpa_title;
    s.voiceover("Scaled dot-product attention. Each query is compared with every key; the scores are scaled, "
                "turned into weights, and the weights mix the values.",
                [&](reel::Voiceover&) { sdpa_title = sdpa(s); });
    s.voiceover("The raw scores for: the cat sat on the mat. The causal mask hides the future, and each token "
                "leans on the one before it.",
                [&](reel::Voiceover&) { heatmap(s, sdpa_title); });
    s.voiceover("Generation. The decoder reads the prompt, picks the next token, and feeds it back in, one step "
                "at a time, while the key-value cache grows.",
                [&](reel::Voiceover&) { generation(s); });
}
