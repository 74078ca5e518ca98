// Manim's rate functions (manim/utils/rate_functions.py). Each is wrapped by unit_interval in
// Manim (t clamped to [0, 1]) except there_and_back, there_and_back_with_pause and wiggle,
// which are wrapped by zero (0 outside [0, 1]).
#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

#include "reel/animation.h"

namespace reel {

namespace {
double clamp01(double t) { return std::clamp(t, 0.0, 1.0); }
double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }
bool outside(double t) { return t < 0 || t > 1; }

// Bezier of any degree evaluated at t (Manim's bezier(points)(t)).
template <std::size_t N> double bezier1d(const std::array<double, N>& p, double t) {
    std::array<double, N> q = p;
    for (std::size_t k = N - 1; k > 0; --k)
        for (std::size_t i = 0; i < k; ++i) q[i] = q[i] + (q[i + 1] - q[i]) * t;
    return q[0];
}
} // namespace

double linear(double t) { return clamp01(t); }

double smooth(double t) {
    t = clamp01(t);
    // inflection 10: error = sigmoid(-5), rescaled so smooth(0) = 0 and smooth(1) = 1.
    const double error = sigmoid(-5.0);
    return std::clamp((sigmoid(10.0 * (t - 0.5)) - error) / (1.0 - 2.0 * error), 0.0, 1.0);
}

double smoothstep(double t) {
    t = clamp01(t);
    return 3 * t * t - 2 * t * t * t;
}

double smootherstep(double t) {
    t = clamp01(t);
    return 6 * std::pow(t, 5) - 15 * std::pow(t, 4) + 10 * std::pow(t, 3);
}

double smoothererstep(double t) {
    t = clamp01(t);
    return 35 * std::pow(t, 4) - 84 * std::pow(t, 5) + 70 * std::pow(t, 6) - 20 * std::pow(t, 7);
}

double double_smooth(double t) {
    t = clamp01(t);
    return t < 0.5 ? 0.5 * smooth(2 * t) : 0.5 * (1 + smooth(2 * t - 1));
}

double there_and_back(double t) {
    if (outside(t)) return 0.0;
    double nt = t < 0.5 ? 2 * t : 2 * (1 - t);
    return smooth(nt);
}

double there_and_back_with_pause(double t) {
    if (outside(t)) return 0.0;
    const double pause_ratio = 1.0 / 3;
    double a = 1.0 / pause_ratio;
    if (t < 0.5 - pause_ratio / 2) return smooth(a * t);
    if (t < 0.5 + pause_ratio / 2) return 1.0;
    return smooth(a - a * t);
}

double rush_into(double t) { return 2 * smooth(clamp01(t) / 2.0); }
double rush_from(double t) { return 2 * smooth(clamp01(t) / 2.0 + 0.5) - 1; }

double slow_into(double t) {
    t = clamp01(t);
    return std::sqrt(1 - (1 - t) * (1 - t));
}

double running_start(double t) {
    const double pull = -0.5;
    return bezier1d(std::array<double, 7>{0, 0, pull, pull, 1, 1, 1}, clamp01(t));
}

double lingering(double t) { return squish_rate_func(linear, 0.0, 0.8)(clamp01(t)); }

double exponential_decay(double t) { return 1 - std::exp(-clamp01(t) / 0.1); }

RateFunc wiggle_with(double wiggles) {
    return [wiggles](double t) {
        if (outside(t)) return 0.0;
        return there_and_back(t) * std::sin(wiggles * PI * t);
    };
}
double wiggle(double t) { return wiggle_with(2.0)(t); }

double ease_in_sine(double t) { return 1 - std::cos(clamp01(t) * PI / 2); }
double ease_out_sine(double t) { return std::sin(clamp01(t) * PI / 2); }
double ease_in_out_sine(double t) { return -(std::cos(PI * clamp01(t)) - 1) / 2; }

namespace {
double ease_in_pow(double t, int n) { return std::pow(clamp01(t), n); }
double ease_out_pow(double t, int n) { return 1 - std::pow(1 - clamp01(t), n); }
double ease_in_out_pow(double t, int n) {
    t = clamp01(t);
    return t < 0.5 ? std::pow(2.0, n - 1) * std::pow(t, n) : 1 - std::pow(-2 * t + 2, n) / 2;
}
} // namespace

double ease_in_quad(double t) { return ease_in_pow(t, 2); }
double ease_out_quad(double t) { return ease_out_pow(t, 2); }
double ease_in_out_quad(double t) { return ease_in_out_pow(t, 2); }
double ease_in_cubic(double t) { return ease_in_pow(t, 3); }
double ease_out_cubic(double t) { return ease_out_pow(t, 3); }
double ease_in_out_cubic(double t) { return ease_in_out_pow(t, 3); }
double ease_in_quart(double t) { return ease_in_pow(t, 4); }
double ease_out_quart(double t) { return ease_out_pow(t, 4); }
double ease_in_out_quart(double t) { return ease_in_out_pow(t, 4); }
double ease_in_quint(double t) { return ease_in_pow(t, 5); }
double ease_out_quint(double t) { return ease_out_pow(t, 5); }
double ease_in_out_quint(double t) { return ease_in_out_pow(t, 5); }

double ease_in_expo(double t) {
    t = clamp01(t);
    return t == 0 ? 0.0 : std::pow(2.0, 10 * t - 10);
}
double ease_out_expo(double t) {
    t = clamp01(t);
    return t == 1 ? 1.0 : 1 - std::pow(2.0, -10 * t);
}
double ease_in_out_expo(double t) {
    t = clamp01(t);
    if (t == 0) return 0.0;
    if (t == 1) return 1.0;
    return t < 0.5 ? std::pow(2.0, 20 * t - 10) / 2 : (2 - std::pow(2.0, -20 * t + 10)) / 2;
}

double ease_in_circ(double t) {
    t = clamp01(t);
    return 1 - std::sqrt(1 - t * t);
}
double ease_out_circ(double t) {
    t = clamp01(t);
    return std::sqrt(1 - (t - 1) * (t - 1));
}
double ease_in_out_circ(double t) {
    t = clamp01(t);
    return t < 0.5 ? (1 - std::sqrt(1 - std::pow(2 * t, 2))) / 2
                   : (std::sqrt(1 - std::pow(-2 * t + 2, 2)) + 1) / 2;
}

double ease_in_back(double t) {
    t = clamp01(t);
    const double c1 = 1.70158, c3 = c1 + 1;
    return c3 * t * t * t - c1 * t * t;
}
double ease_out_back(double t) {
    t = clamp01(t);
    const double c1 = 1.70158, c3 = c1 + 1;
    return 1 + c3 * std::pow(t - 1, 3) + c1 * std::pow(t - 1, 2);
}
double ease_in_out_back(double t) {
    t = clamp01(t);
    const double c1 = 1.70158, c2 = c1 * 1.525;
    return t < 0.5 ? (std::pow(2 * t, 2) * ((c2 + 1) * 2 * t - c2)) / 2
                   : (std::pow(2 * t - 2, 2) * ((c2 + 1) * (t * 2 - 2) + c2) + 2) / 2;
}

double ease_in_elastic(double t) {
    t = clamp01(t);
    const double c4 = 2 * PI / 3;
    if (t == 0) return 0.0;
    if (t == 1) return 1.0;
    return -std::pow(2.0, 10 * t - 10) * std::sin((t * 10 - 10.75) * c4);
}
double ease_out_elastic(double t) {
    t = clamp01(t);
    const double c4 = 2 * PI / 3;
    if (t == 0) return 0.0;
    if (t == 1) return 1.0;
    return std::pow(2.0, -10 * t) * std::sin((t * 10 - 0.75) * c4) + 1;
}
double ease_in_out_elastic(double t) {
    t = clamp01(t);
    const double c5 = 2 * PI / 4.5;
    if (t == 0) return 0.0;
    if (t == 1) return 1.0;
    return t < 0.5 ? -(std::pow(2.0, 20 * t - 10) * std::sin((20 * t - 11.125) * c5)) / 2
                   : (std::pow(2.0, -20 * t + 10) * std::sin((20 * t - 11.125) * c5)) / 2 + 1;
}

double ease_out_bounce(double t) {
    t = clamp01(t);
    const double n1 = 7.5625, d1 = 2.75;
    if (t < 1 / d1) return n1 * t * t;
    if (t < 2 / d1) {
        t -= 1.5 / d1;
        return n1 * t * t + 0.75;
    }
    if (t < 2.5 / d1) {
        t -= 2.25 / d1;
        return n1 * t * t + 0.9375;
    }
    t -= 2.625 / d1;
    return n1 * t * t + 0.984375;
}
double ease_in_bounce(double t) { return 1 - ease_out_bounce(1 - clamp01(t)); }
double ease_in_out_bounce(double t) {
    t = clamp01(t);
    return t < 0.5 ? (1 - ease_out_bounce(1 - 2 * t)) / 2 : (1 + ease_out_bounce(2 * t - 1)) / 2;
}

RateFunc squish_rate_func(RateFunc f, double a, double b) {
    return [f = std::move(f), a, b](double t) {
        if (a == b) return a;
        if (t < a) return f(0.0);
        if (t > b) return f(1.0);
        return f((t - a) / (b - a));
    };
}

std::string rate_func_name(const RateFunc& f) {
    using Fn = double (*)(double);
    static const std::pair<Fn, const char*> table[] = {
        {linear, "linear"}, {smooth, "smooth"}, {smoothstep, "smoothstep"},
        {smootherstep, "smootherstep"}, {smoothererstep, "smoothererstep"},
        {double_smooth, "double_smooth"}, {there_and_back, "there_and_back"},
        {there_and_back_with_pause, "there_and_back_with_pause"}, {rush_into, "rush_into"},
        {rush_from, "rush_from"}, {slow_into, "slow_into"}, {running_start, "running_start"},
        {lingering, "lingering"}, {exponential_decay, "exponential_decay"},
        {wiggle, "wiggle"},
        {ease_in_sine, "ease_in_sine"}, {ease_out_sine, "ease_out_sine"},
        {ease_in_out_sine, "ease_in_out_sine"}, {ease_in_quad, "ease_in_quad"},
        {ease_out_quad, "ease_out_quad"}, {ease_in_out_quad, "ease_in_out_quad"},
        {ease_in_cubic, "ease_in_cubic"}, {ease_out_cubic, "ease_out_cubic"},
        {ease_in_out_cubic, "ease_in_out_cubic"}, {ease_in_quart, "ease_in_quart"},
        {ease_out_quart, "ease_out_quart"}, {ease_in_out_quart, "ease_in_out_quart"},
        {ease_in_quint, "ease_in_quint"}, {ease_out_quint, "ease_out_quint"},
        {ease_in_out_quint, "ease_in_out_quint"}, {ease_in_expo, "ease_in_expo"},
        {ease_out_expo, "ease_out_expo"}, {ease_in_out_expo, "ease_in_out_expo"},
        {ease_in_circ, "ease_in_circ"}, {ease_out_circ, "ease_out_circ"},
        {ease_in_out_circ, "ease_in_out_circ"}, {ease_in_back, "ease_in_back"},
        {ease_out_back, "ease_out_back"}, {ease_in_out_back, "ease_in_out_back"},
        {ease_in_elastic, "ease_in_elastic"}, {ease_out_elastic, "ease_out_elastic"},
        {ease_in_out_elastic, "ease_in_out_elastic"}, {ease_in_bounce, "ease_in_bounce"},
        {ease_out_bounce, "ease_out_bounce"}, {ease_in_out_bounce, "ease_in_out_bounce"},
    };
    if (!f) return "none";
    if (const Fn* p = f.target<Fn>())
        for (const auto& [fn, name] : table)
            if (*p == fn) return name;
    return "custom";
}

double sub_alpha(double alpha, std::size_t i, std::size_t n, double lag_ratio, const RateFunc& rate) {
    double full_length = (static_cast<double>(n) - 1.0) * lag_ratio + 1.0;
    if (n == 0) full_length = 1.0;
    return rate(alpha * full_length - static_cast<double>(i) * lag_ratio);
}

} // namespace reel
