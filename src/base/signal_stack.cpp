#include "base/signal_stack.h"

#include <csignal>

#include <pthread.h>

namespace reel {

namespace {

// Set before any signal can need it and only read in handlers of the same thread: libreel's
// thread-local storage is allocated with the thread, so reading it in a handler is safe.
thread_local std::uintptr_t t_stack_low = 0;

} // namespace

SignalStack::SignalStack() : stack_(new (std::nothrow) char[kSize]) {
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        void* low = nullptr;
        std::size_t size = 0;
        if (pthread_attr_getstack(&attr, &low, &size) == 0) t_stack_low = reinterpret_cast<std::uintptr_t>(low);
        pthread_attr_destroy(&attr);
    }
    if (!stack_) return; // no memory: crashes are still reported, a stack overflow is not
    stack_t ss{};
    ss.ss_sp = stack_.get();
    ss.ss_size = kSize;
    // A stack someone else set up (a sanitizer's) comes back when this one goes.
    installed_ = ::sigaltstack(&ss, &previous_) == 0;
}

SignalStack::~SignalStack() {
    if (installed_) {
        ::sigaltstack(&previous_, nullptr);
    }
    t_stack_low = 0;
}

std::uintptr_t thread_stack_low() noexcept { return t_stack_low; }

} // namespace reel
