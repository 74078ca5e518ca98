// Shared<T> and Owned<T>: the pointers of the author API, without <memory>. That header alone
// adds about 22,000 lines to every plug-in that includes <reel/reel.h> (with <atomic> and
// <unordered_map>, twice what the rest of the API costs), and a plug-in under `reel dev` pays
// for them on every save.
//
// A Shared<T> *is* a std::shared_ptr<T>, kept in place: same size, same copy cost, no extra
// allocation. Its copy, move and destruction are defined in libreel (explicitly instantiated
// for the few T the API shares: a mobject's node, immutable geometry and style, an animation),
// so that this header never needs the definition of std::shared_ptr. The engine's
// "geometry/shared.h" hands engine code the std::shared_ptr<T> itself.
#pragma once

#include <cstddef>
#include <new>
#include <type_traits>
#include <utility>

namespace reel {

template <class T> struct SharedAccess;

/// A reference-counted pointer shared with libreel (see above): a std::shared_ptr<T> that the
/// author's code can copy, compare and dereference without including <memory>. Made from a
/// std::shared_ptr<U> (U* convertible to T*), which shares ownership with it.
template <class T> class Shared {
public:
    /// Null.
    Shared() noexcept;
    /// Null.
    Shared(std::nullptr_t) noexcept : Shared() {}
    /// Shares ownership with a std::shared_ptr<U> (`std::make_shared<RasterImage>()`). A
    /// template over the pointer's own template, so that only the caller needs <memory>.
    template <template <class> class SP, class U>
        requires std::is_convertible_v<U*, T*> && requires(const SP<U>& p) {
            typename SP<U>::weak_type; // std::shared_ptr, not another smart pointer
            p.get();
            p.use_count();
        }
    Shared(SP<U> p) noexcept { // NOLINT: implicit, as std::shared_ptr<U> -> std::shared_ptr<T>
        static_assert(sizeof(SP<T>) == sizeof(bytes_) && alignof(SP<T>) <= alignof(Shared),
                      "reel::Shared<T> holds exactly a std::shared_ptr<T>");
        ::new (static_cast<void*>(bytes_)) SP<T>(std::move(p));
    }
    Shared(const Shared& other) noexcept;
    Shared(Shared&& other) noexcept;
    Shared& operator=(const Shared& other) noexcept;
    Shared& operator=(Shared&& other) noexcept;
    ~Shared();

    /// The object pointed to, nullptr for none.
    T* get() const noexcept;
    T* operator->() const noexcept { return get(); }
    template <class U = T>
        requires(!std::is_void_v<U>)
    U& operator*() const noexcept {
        return *get();
    }
    explicit operator bool() const noexcept { return get() != nullptr; }
    /// The same object (or both null).
    friend bool operator==(const Shared& a, const Shared& b) noexcept { return a.get() == b.get(); }
    friend bool operator==(const Shared& a, std::nullptr_t) noexcept { return a.get() == nullptr; }

private:
    friend struct SharedAccess<T>;
    alignas(void*) unsigned char bytes_[2 * sizeof(void*)];
};

/// Sole ownership of a T, destroyed with its owner: a class's private part (`struct Impl;
/// Owned<Impl> impl_;`) without <memory>'s std::unique_ptr. The destructor deletes the T, so
/// an owner whose T is incomplete in its header defines its own destructor where T is complete.
template <class T> class Owned {
public:
    Owned() noexcept = default;
    /// Takes ownership of `p` (made with new).
    explicit Owned(T* p) noexcept : p_(p) {}
    Owned(Owned&& other) noexcept : p_(std::exchange(other.p_, nullptr)) {}
    Owned& operator=(Owned&& other) noexcept {
        if (this != &other) {
            delete p_;
            p_ = std::exchange(other.p_, nullptr);
        }
        return *this;
    }
    Owned(const Owned&) = delete;
    Owned& operator=(const Owned&) = delete;
    ~Owned() { delete p_; }

    T* get() const noexcept { return p_; }
    T* operator->() const noexcept { return p_; }
    T& operator*() const noexcept { return *p_; }
    explicit operator bool() const noexcept { return p_ != nullptr; }

private:
    T* p_ = nullptr;
};

/// Owned<T> of a new T(args...).
template <class T, class... Args> Owned<T> make_owned(Args&&... args) {
    return Owned<T>(new T(std::forward<Args>(args)...));
}

} // namespace reel
