// Manim's composition.py: AnimationGroup, LaggedStart, Succession, and the Wait animation.
#include <algorithm>
#include <stdexcept>
#include <unordered_map>

#include "internal.h"

namespace reel {

namespace {

using namespace detail;

class GroupAnimation final : public Animation {
public:
    GroupAnimation(std::vector<AnimationPtr> anims, double lag, bool succession, std::string name)
        : Animation(VGroup(), std::move(name)), anims_(std::move(anims)), succession_(succession) {
        for (const auto& a : anims_)
            if (!a) throw std::invalid_argument(name_ + ": got a null animation");
        // build_animations_with_timings: each part starts at lag_ratio of the previous one.
        double cur = 0;
        for (const auto& a : anims_) {
            double start = cur, end = start + a->run_time();
            timings_.push_back({start, end});
            max_end_ = std::max(max_end_, end);
            cur = lerp(start, end, lag);
        }
        std::vector<Mobject> mobs;
        for (const auto& a : anims_) mobs.push_back(a->mobject());
        mobject_ = VGroup(mobs);
        run_time_ = max_end_;
        rate_ = linear;
        lag_ratio_ = lag;
    }

    std::vector<Animation*> parts() override {
        std::vector<Animation*> out;
        for (const auto& a : anims_) {
            auto p = a->parts();
            out.insert(out.end(), p.begin(), p.end());
        }
        return out;
    }

    void begin() override {
        leaves_.clear();
        map_.clear();
        std::unordered_map<std::uint64_t, std::size_t> index;
        for (std::size_t k = 0; k < anims_.size(); ++k) {
            Animation& a = *anims_[k];
            a.begin();
            const auto& ls = a.leaves();
            for (std::size_t i = 0; i < ls.size(); ++i) {
                auto [it, fresh] = index.try_emplace(ls[i].id(), leaves_.size());
                if (fresh) {
                    leaves_.push_back(ls[i]);
                    map_.emplace_back();
                }
                map_[it->second].push_back({k, i});
            }
            // A Succession's next part starts from the state this one leaves.
            if (succession_) a.finish();
        }
    }

    LeafState leaf_state(double alpha, std::size_t i) const override {
        double time = rate_(std::clamp(alpha, 0.0, 1.0)) * max_end_;
        const auto& uses = map_[i];
        // The part that drives this leaf now: the last one that has started (the first before
        // any has), as Manim interpolates the parts in order and the last write wins.
        std::size_t pick = 0;
        for (std::size_t u = 0; u < uses.size(); ++u)
            if (timings_[uses[u].first].first <= time) pick = u;
        auto [k, leaf] = uses[pick];
        auto [start, end] = timings_[k];
        double sub = end - start == 0 ? 0.0 : std::clamp((time - start) / (end - start), 0.0, 1.0);
        return anims_[k]->leaf_state(sub, leaf);
    }

    void values_at(double alpha, NodeValues& out) const override {
        double time = rate_(std::clamp(alpha, 0.0, 1.0)) * max_end_;
        for (std::size_t k = 0; k < anims_.size(); ++k) {
            auto [start, end] = timings_[k];
            if (succession_ && k > 0 && time < start) break;
            double sub = end - start == 0 ? 0.0 : std::clamp((time - start) / (end - start), 0.0, 1.0);
            anims_[k]->values_at(sub, out);
        }
    }

    void finish() override {
        if (!succession_)
            for (const auto& a : anims_) a->finish();
    }

    std::string describe() const override {
        std::string inner;
        for (const auto& a : anims_) inner += (inner.empty() ? "" : ", ") + a->describe();
        return fmt::format("{}(rt={:g},lag={:g})[{}]", name_, run_time_, lag_ratio_, inner);
    }

private:
    std::vector<AnimationPtr> anims_;
    bool succession_;
    std::vector<std::pair<double, double>> timings_;
    double max_end_ = 0;
    std::vector<std::vector<std::pair<std::size_t, std::size_t>>> map_;
};

AnimationPtr make_group(std::vector<AnimationPtr> anims, const GroupOptions& o, double lag,
                        bool succession, const char* name) {
    auto g = std::make_shared<GroupAnimation>(std::move(anims), o.lag_ratio.value_or(lag),
                                              succession, name);
    if (o.run_time) g->set_run_time(*o.run_time);
    if (o.rate_func) g->set_rate_func(o.rate_func);
    return g;
}

class WaitAnimation final : public Animation {
public:
    explicit WaitAnimation(Seconds t) : Animation(VGroup(), "Wait") {
        run_time_ = t;
        remover_ = true; // its empty group leaves the scene again
    }
    void begin() override {}
    LeafState leaf_state(double, std::size_t) const override { return {}; }
    void finish() override {}
};

} // namespace

AnimationPtr AnimationGroup(std::vector<AnimationPtr> anims, const GroupOptions& o) {
    return make_group(std::move(anims), o, 0.0, false, "AnimationGroup");
}

AnimationPtr LaggedStart(std::vector<AnimationPtr> anims, const GroupOptions& o) {
    return make_group(std::move(anims), o, 0.05, false, "LaggedStart");
}

AnimationPtr Succession(std::vector<AnimationPtr> anims, const GroupOptions& o) {
    return make_group(std::move(anims), o, 1.0, true, "Succession");
}

AnimationPtr Wait(Seconds run_time) { return std::make_shared<WaitAnimation>(run_time); }

AnimationPtr creation_anim(const Mobject& brace_label, Function<AnimationPtr(const Mobject&)> label_anim,
                           Function<AnimationPtr(const Mobject&)> brace_anim) {
    if ((brace_label.kind() != "BraceLabel" && brace_label.kind() != "BraceText") || brace_label.size() != 2)
        throw std::invalid_argument("creation_anim: " + brace_label.label() + " is a " +
                                    std::string(brace_label.kind()) + ", not a BraceLabel");
    AnimationPtr brace = brace_anim ? brace_anim(brace_label[0]) : GrowFromCenter(brace_label[0]);
    AnimationPtr label = label_anim ? label_anim(brace_label[1]) : FadeIn(brace_label[1]);
    return AnimationGroup({brace, label});
}

} // namespace reel
