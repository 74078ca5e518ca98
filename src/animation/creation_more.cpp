// Manim's creation.py beyond Create and Write: Uncreate, Unwrite, DrawBorderThenFill.
#include "internal.h"

namespace reel {

namespace {

using namespace detail;

// Manim's DrawBorderThenFill (and Unwrite: reversed order, rate 1 - rate(t), a remover).
class BorderFillAnimation final : public Animation {
public:
    BorderFillAnimation(const Mobject& m, std::string name, double stroke_width,
                        std::optional<Color> stroke_color, bool reverse)
        : Animation(m, std::move(name)), stroke_width_(stroke_width), stroke_color_(stroke_color),
          reverse_(reverse) {
        if (reverse_) remover_ = true;
        else introducer_ = true;
    }
    void begin() override {
        leaves_ = mobject_.leaves();
        original_ = leaf_states(mobject_);
        outline_.clear();
        for (const auto& st : original_) {
            // get_stroke_color: the given colour, else the stroke colour if it has a stroke,
            // else the fill colour.
            Style o = st.style;
            o.fill_opacity = 0.0;
            o.stroke_color = stroke_color_.value_or(st.style.stroke_width > 0 ? st.style.stroke_color
                                                                              : st.style.fill_color);
            o.stroke_width = stroke_width_;
            o.stroke_opacity = 1.0;
            outline_.push_back(o);
        }
    }
    LeafState leaf_state(double alpha, std::size_t i) const override {
        std::size_t n = leaves_.size();
        double s = reverse_ ? 1.0 - sub_alpha(alpha, n - 1 - i, n, lag_ratio_, rate_)
                            : leaf_alpha(alpha, i);
        return border_then_fill_leaf(original_[i], outline_[i], s);
    }
    void finish() override {}

private:
    double stroke_width_;
    std::optional<Color> stroke_color_;
    bool reverse_;
    std::vector<LeafState> original_;
    std::vector<Style> outline_;
};

} // namespace

AnimationPtr Uncreate(const Mobject& m, const AnimOptions& o) {
    return apply_options(std::make_shared<ShowPartialAnimation>(m, true), o.run_time, o.rate_func, o.lag_ratio);
}

AnimationPtr Unwrite(const Mobject& m, const AnimOptions& o) {
    // Write's timing: run_time 1 below 15 parts else 2, lag min(4/N, 0.2), linear; its outline
    // is the stroke colour (as Write draws it).
    std::size_t n = m.leaves().size();
    auto a = std::make_shared<BorderFillAnimation>(m, "Unwrite", 2.0, std::nullopt, true);
    a->set_run_time(n < 15 ? 1.0 : 2.0);
    a->set_lag_ratio(std::min(4.0 / static_cast<double>(std::max<std::size_t>(1, n)), 0.2));
    a->set_rate_func(linear);
    return apply_options(a, o.run_time, o.rate_func, o.lag_ratio);
}

AnimationPtr DrawBorderThenFill(const Mobject& m, const DrawBorderThenFillOptions& o) {
    auto a = std::make_shared<BorderFillAnimation>(m, "DrawBorderThenFill", o.stroke_width,
                                                   o.stroke_color, false);
    a->set_run_time(o.run_time);
    a->set_rate_func(o.rate_func ? o.rate_func : RateFunc(double_smooth));
    a->set_lag_ratio(o.lag_ratio);
    return a;
}

} // namespace reel
