// Function<R(Args...)>: the callable of the author API (updaters, rate functions,
// always_redraw, plots), std::function's behaviour without <functional>.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <utility>

#include "reel/function.h"

namespace reel {
namespace {

double twice(double x) { return 2 * x; }

TEST(Function, EmptyOnesSayNoAndThrowWhenCalled) {
    Function<double(double)> none;
    EXPECT_FALSE(none);
    EXPECT_TRUE(none == nullptr);
    EXPECT_THROW(none(1.0), std::logic_error);
    double (*null_pointer)(double) = nullptr;
    Function<double(double)> from_null(null_pointer);
    EXPECT_FALSE(from_null);
    Function<double(double)> reset(twice);
    reset = nullptr;
    EXPECT_FALSE(reset);
}

TEST(Function, CallsFunctionsAndLambdasConvertingTheResult) {
    Function<double(double)> f(twice);
    EXPECT_DOUBLE_EQ(f(1.5), 3.0);
    Function<double(double)> g = [](double x) { return static_cast<int>(x) + 1; };
    EXPECT_DOUBLE_EQ(g(2.7), 3.0);
    std::string seen;
    Function<void(const std::string&)> h = [&seen](const std::string& s) { seen += s; };
    h("a");
    h("b");
    EXPECT_EQ(seen, "ab");
}

TEST(Function, CopiesCopyTheCallableMovesTakeIt) {
    int calls = 0;
    Function<int()> counter = [n = 0, &calls]() mutable {
        ++calls;
        return ++n;
    };
    EXPECT_EQ(counter(), 1);
    Function<int()> copy = counter;
    EXPECT_EQ(copy(), 2);    // the copy starts from the state it was copied with
    EXPECT_EQ(counter(), 2); // and the original goes on by itself
    Function<int()> moved = std::move(counter);
    EXPECT_FALSE(counter);
    EXPECT_EQ(moved(), 3);
    EXPECT_EQ(calls, 4);
}

TEST(Function, TargetNamesTheHeldFunction) {
    Function<double(double)> f(twice);
    using Fn = double (*)(double);
    ASSERT_NE(f.target<Fn>(), nullptr);
    EXPECT_EQ(*f.target<Fn>(), &twice);
    Function<double(double)> g = [](double x) { return x; };
    EXPECT_EQ(g.target<Fn>(), nullptr);
}

TEST(Function, OverloadsPickByWhatTheCallableTakes) {
    struct Taker {
        static int take(Function<void(int&, double)>) { return 2; }
        static int take(Function<void(int&)>) { return 1; }
    };
    EXPECT_EQ(Taker::take([](int&) {}), 1);
    EXPECT_EQ(Taker::take([](int&, double) {}), 2);
}

} // namespace
} // namespace reel
