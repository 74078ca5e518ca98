// Manim's updaters/update.py: UpdateFromFunc. Manim calls the function on the mobject at every
// frame of the play; Reel gives the mobject an updater for the play's length, which the
// timeline evaluates at each moment from the play's start (architecture decision 13), and
// calls the function once more when the play finishes so that recording goes on from there.
#include <memory>
#include <stdexcept>

#include "internal.h"

namespace reel {

namespace {

// The updater: compared by the function it shares, so that exactly it can be removed again.
struct FuncUpdater {
    std::shared_ptr<const Function<void(Mobject&)>> f;
    void operator()(Mobject& m, double) const { (*f)(m); }
    bool operator==(const FuncUpdater& o) const { return f == o.f; }
};

class UpdateFromFuncAnimation final : public Animation {
public:
    UpdateFromFuncAnimation(const Mobject& m, Function<void(Mobject&)> f)
        : Animation(m, "UpdateFromFunc"),
          updater_{std::make_shared<const Function<void(Mobject&)>>(std::move(f))} {}

    // No leaves: the mobject is not driven by an animation, so the play evaluates it through
    // its updaters.
    void begin() override { mobject_.add_updater(updater_); }
    LeafState leaf_state(double, std::size_t) const override { return {}; }
    void finish() override {
        mobject_.remove_updater(updater_);
        (*updater_.f)(mobject_);
    }

private:
    FuncUpdater updater_;
};

} // namespace

AnimationPtr UpdateFromFunc(const Mobject& m, Function<void(Mobject&)> update_function,
                            const AnimOptions& o) {
    if (!update_function) throw std::invalid_argument("UpdateFromFunc: the function is empty");
    auto a = std::make_shared<UpdateFromFuncAnimation>(m, std::move(update_function));
    return detail::apply_options(a, o.run_time, o.rate_func, o.lag_ratio);
}

} // namespace reel
