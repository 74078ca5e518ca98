// The promo with a voice-over on each section: espeak-ng's default voice (cached on disk) speaks
// the notes of the section's slides, and so the exports have subtitles. Each section plays as in
// the silent promo, except that a slide's animation waits for the first word of its notes (a
// bookmark before it, where the section calls its Cue); when the voice is longer than the
// section, the scene holds its last picture until the voice has finished (the voice-over block's
// rule). narrated_promo_test checks that the lines are the slides' notes, word for word.
#include <initializer_list>
#include <string>
#include <utility>

#include "transformer.h"

using namespace reel::scenes::transformer;

namespace {

// One slide's notes as spoken, and the bookmark before them ("" for none: the slide's animation
// then runs on its own clock, because the voice is already past its start).
struct Note {
    const char* mark;
    const char* text;
};

// The notes joined into one voice-over text, each after its bookmark.
std::string voice_text(std::initializer_list<Note> notes) {
    std::string text;
    for (const Note& n : notes) {
        if (!text.empty()) text += ' ';
        if (*n.mark) text += std::string("<bookmark mark='") + n.mark + "'/> ";
        text += n.text;
    }
    return text;
}

// Speaks `notes` while `section` plays; the section's cues wait for the bookmarks the line has.
template <typename Section>
void narrate(reel::Scene& s, std::initializer_list<Note> notes, Section section) {
    s.voiceover(voice_text(notes), [&](reel::Voiceover& v) {
        section([&](const char* mark) {
            for (const reel::VoiceoverBookmark& b : v.line().bookmarks)
                if (b.mark == mark) s.wait_until_bookmark(mark);
        });
    });
}

} // namespace

REEL_SCENE(transformer_narrated,
           "The GQA promo with its slide notes spoken (espeak-ng) and subtitled") {
    reel::set_default_text_font("Times New Roman");
    narrate(s,
            {{"", "One GQA block: x is projected to 24 query heads but only 4 key and 4 value heads; Repeat KV "
                  "widens K and V to 24 heads, then attention and the output projection."},
             {"rope", "RoPE rotates Q and K by each token's position; V is left alone."},
             {"share", "6 query heads share each KV head: the KV cache holds 4 heads instead of 24, 83% less "
                       "memory per token."},
             {"repeat", "repeat_kv() copies each cached K/V head to its 6 query heads at compute time; only 4 heads "
                        "are stored."}},
            [&](const Cue& cue) { gqa(s, cue); });
    reel::Mobject sdpa_title;
    narrate(s,
            {{"", "The whole formula first; it stays up while we take it apart."},
             {"", "Q: what a token looks for. K: what each token offers. V: what it passes on."},
             {"", "Step 1: every query against every key gives the score matrix S."},
             {"step2", "Step 2: divide by the square root of d_k so the scores do not grow with the head size."},
             {"step3", "Step 3: softmax turns each row into weights that sum to 1."},
             {"step4", "Step 4: the weights mix the value vectors: that is the output."}},
            [&](const Cue& cue) { sdpa_title = sdpa(s, cue); });
    narrate(s,
            {{"", "Raw scores for \"The cat sat on the mat\": a row is a query token, a column a key token; red "
                  "is high."},
             {"mask", "The causal mask: no token sees the future. The upper triangle goes to minus infinity and "
                      "softmax renormalises each row."},
             {"diagonal", "Just below the diagonal lights up: each token leans on the one before it."}},
            [&](const Cue& cue) { heatmap(s, sdpa_title, cue); });
    narrate(s,
            {{"", "The decoder: embedding, RMS norm, 24 transformer blocks, RMS norm, LM head. Keys and values of "
                  "past tokens stay in the KV cache."},
             {"step1", "Step 1: the model reads '<s>' and picks 'The' (72%); its K and V join the cache."},
             {"step2", "Step 2: the model reads 'The' and picks 'cat' (65%); its K and V join the cache."},
             {"step3", "Step 3: the model reads 'cat' and picks 'sat' (58%); its K and V join the cache."},
             {"step4", "Step 4: the model reads 'sat' and picks 'on' (55%); its K and V join the cache."},
             {"step5", "Step 5: the model reads 'on' and picks 'the' (60%); its K and V join the cache."},
             {"step6", "Step 6: the model reads 'the' and picks 'mat' (50%); its K and V join the cache."}},
            [&](const Cue& cue) { generation(s, cue); });
}
