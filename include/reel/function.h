// Function<R(Args...)>: the callable an author hands to Reel (an updater, a rate function,
// always_redraw, a graph's function). A copyable, type-erased wrapper like std::function,
// without <functional>: that header alone would add about 14,000 lines to every plug-in that
// includes <reel/reel.h>, this one needs only <type_traits>, <typeinfo> and <utility>.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <type_traits>
#include <typeinfo>
#include <utility>

namespace reel {

template <class Signature> class Function;

/// True for a Function<...>.
template <class F> inline constexpr bool is_function_v = false;
template <class Signature> inline constexpr bool is_function_v<Function<Signature>> = true;

/// Holds any callable that can be called with `Args...` and gives something convertible to
/// `R` (a lambda, a function, a function object), or nothing. Copying copies the callable.
template <class R, class... Args> class Function<R(Args...)> {
public:
    /// Empty.
    Function() noexcept = default;
    /// Empty.
    Function(std::nullptr_t) noexcept {}
    /// Holds a copy of `f`; a null function pointer makes an empty Function.
    template <class F, class D = std::decay_t<F>,
              class = std::enable_if_t<!std::is_same_v<D, Function> && std::is_invocable_r_v<R, D&, Args...>>>
    Function(F&& f) {
        if constexpr (std::is_pointer_v<std::remove_reference_t<F>>) // not a function's name
            if (f == nullptr) return;
        callable_ = new Holder<D>(std::forward<F>(f));
    }
    Function(const Function& other) : callable_(other.callable_ ? other.callable_->clone() : nullptr) {}
    Function(Function&& other) noexcept : callable_(std::exchange(other.callable_, nullptr)) {}
    Function& operator=(const Function& other) {
        Function copy(other);
        swap(copy);
        return *this;
    }
    Function& operator=(Function&& other) noexcept {
        Function moved(std::move(other));
        swap(moved);
        return *this;
    }
    Function& operator=(std::nullptr_t) noexcept {
        Function none;
        swap(none);
        return *this;
    }
    ~Function() { delete callable_; }

    /// Calls the callable; throws std::logic_error when there is none.
    R operator()(Args... args) const {
        if (!callable_) throw std::logic_error("reel::Function: called while empty");
        return callable_->call(std::forward<Args>(args)...);
    }
    /// True when it holds a callable.
    explicit operator bool() const noexcept { return callable_ != nullptr; }
    friend bool operator==(const Function& f, std::nullptr_t) noexcept { return !f; }
    /// The callable if it is a `T` (as std::function::target), else nullptr.
    template <class T> const T* target() const noexcept {
        if (!callable_ || callable_->type() != typeid(T)) return nullptr;
        return &static_cast<const Holder<T>*>(callable_)->fn;
    }
    void swap(Function& other) noexcept { std::swap(callable_, other.callable_); }

private:
    struct Callable {
        virtual ~Callable() = default;
        virtual R call(Args... args) const = 0;
        virtual Callable* clone() const = 0;
        virtual const std::type_info& type() const noexcept = 0;
    };
    template <class D> struct Holder final : Callable {
        template <class F> explicit Holder(F&& f) : fn(std::forward<F>(f)) {}
        R call(Args... args) const override {
            if constexpr (std::is_void_v<R>)
                fn(std::forward<Args>(args)...);
            else
                return fn(std::forward<Args>(args)...);
        }
        Callable* clone() const override { return new Holder(fn); }
        const std::type_info& type() const noexcept override { return typeid(D); }
        mutable D fn; // called as std::function calls its target: a non-const lvalue
    };

    Callable* callable_ = nullptr;
};

} // namespace reel
