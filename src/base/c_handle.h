// One RAII wrapper for every C handle (cairo_t, PangoLayout, SDL_Window, AVFrame, hb_font_t,
// ...): CHandle<T, free> is a std::unique_ptr<T> whose deleter calls `free` on it.
#pragma once

#include <memory>

namespace reel {

/// Frees a non-null handle with F (cairo_destroy, g_object_unref, SDL_DestroyWindow, ...).
template <auto F> struct CDeleter {
    template <class T> void operator()(T* handle) const {
        if (handle) F(handle);
    }
};

/// Owns a `T*` and frees it with F. A library whose free function takes `T**`
/// (av_frame_free) gets a one-line function of its own that takes `T*`.
template <class T, auto F> using CHandle = std::unique_ptr<T, CDeleter<F>>;

} // namespace reel
