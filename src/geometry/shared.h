// The engine's side of reel::Shared<T> (include/reel/shared.h): the std::shared_ptr<T> it
// holds, by reference and inline (what hot paths use instead of Shared's out-of-line get()),
// and the definitions of its members, which one .cpp per layer instantiates for the types that
// layer shares (`template class reel::Shared<const Points>;`).
#pragma once

#include <memory>
#include <new>

#include "reel/shared.h"

namespace reel {

template <class T> struct SharedAccess {
    static std::shared_ptr<T>& get(Shared<T>& s) noexcept {
        return *std::launder(reinterpret_cast<std::shared_ptr<T>*>(s.bytes_));
    }
    static const std::shared_ptr<T>& get(const Shared<T>& s) noexcept {
        return *std::launder(reinterpret_cast<const std::shared_ptr<T>*>(s.bytes_));
    }
    static void* storage(Shared<T>& s) noexcept { return s.bytes_; }
};

/// The std::shared_ptr<T> a Shared<T> is.
template <class T> std::shared_ptr<T>& std_ptr(Shared<T>& s) noexcept { return SharedAccess<T>::get(s); }
template <class T> const std::shared_ptr<T>& std_ptr(const Shared<T>& s) noexcept {
    return SharedAccess<T>::get(s);
}

// ── Shared<T>'s members: inline, so that engine code copies a Shared as cheaply as the
// std::shared_ptr it is (the public headers' `extern template` keeps plug-ins calling the
// copies libreel instantiates) ──

template <class T> inline Shared<T>::Shared() noexcept {
    static_assert(sizeof(std::shared_ptr<T>) == sizeof(Shared<T>) &&
                      alignof(std::shared_ptr<T>) == alignof(Shared<T>),
                  "reel::Shared<T>'s storage is exactly a std::shared_ptr<T>");
    ::new (SharedAccess<T>::storage(*this)) std::shared_ptr<T>();
}
template <class T> inline Shared<T>::Shared(const Shared& other) noexcept {
    ::new (SharedAccess<T>::storage(*this)) std::shared_ptr<T>(std_ptr(other));
}
template <class T> inline Shared<T>::Shared(Shared&& other) noexcept {
    ::new (SharedAccess<T>::storage(*this)) std::shared_ptr<T>(std::move(std_ptr(other)));
}
template <class T> inline Shared<T>& Shared<T>::operator=(const Shared& other) noexcept {
    std_ptr(*this) = std_ptr(other);
    return *this;
}
template <class T> inline Shared<T>& Shared<T>::operator=(Shared&& other) noexcept {
    std_ptr(*this) = std::move(std_ptr(other));
    return *this;
}
template <class T> inline Shared<T>::~Shared() { std_ptr(*this).~shared_ptr(); }
template <class T> inline T* Shared<T>::get() const noexcept { return std_ptr(*this).get(); }

} // namespace reel
