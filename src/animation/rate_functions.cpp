// Manim's rate functions (manim/utils/rate_functions.py), each wrapped by unit_interval.
#include <algorithm>
#include <cmath>

#include "reel/animation.h"

namespace reel {

namespace {
double clamp01(double t) { return std::clamp(t, 0.0, 1.0); }
double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }
} // namespace

double linear(double t) { return clamp01(t); }

double smooth(double t) {
    if (t <= 0) return 0.0;
    if (t >= 1) return 1.0;
    // inflection 10: error = sigmoid(-5), rescaled so smooth(0) = 0 and smooth(1) = 1.
    const double error = sigmoid(-5.0);
    return std::clamp((sigmoid(10.0 * (t - 0.5)) - error) / (1.0 - 2.0 * error), 0.0, 1.0);
}

double double_smooth(double t) {
    if (t <= 0) return 0.0;
    if (t >= 1) return 1.0;
    return t < 0.5 ? 0.5 * smooth(2 * t) : 0.5 * (1 + smooth(2 * t - 1));
}

double there_and_back(double t) {
    if (t <= 0 || t >= 1) return 0.0;
    return t < 0.5 ? smooth(2 * t) : smooth(2 - 2 * t);
}

double ease_in_quad(double t) {
    t = clamp01(t);
    return t * t;
}

double ease_out_quad(double t) {
    t = clamp01(t);
    return 1 - (1 - t) * (1 - t);
}

double ease_in_out_cubic(double t) {
    t = clamp01(t);
    return t < 0.5 ? 4 * t * t * t : 1 - std::pow(-2 * t + 2, 3) / 2;
}

double rush_into(double t) {
    t = clamp01(t);
    return 2 * smooth(t / 2.0);
}

double rush_from(double t) {
    t = clamp01(t);
    return 2 * smooth(t / 2.0 + 0.5) - 1;
}

double sub_alpha(double alpha, std::size_t i, std::size_t n, double lag_ratio, RateFunc rate) {
    double full_length = (static_cast<double>(n) - 1.0) * lag_ratio + 1.0;
    if (n == 0) full_length = 1.0;
    return rate(alpha * full_length - static_cast<double>(i) * lag_ratio);
}

} // namespace reel
