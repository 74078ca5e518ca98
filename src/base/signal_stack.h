// A stack for signal handlers, one per thread that runs scene code: a crash handler must run
// when the thread's own stack is what overflowed (a scene recursing too deep), and the
// alternate stack set with sigaltstack belongs to one thread only.
#pragma once

#include <csignal>
#include <cstddef>
#include <cstdint>
#include <memory>

namespace reel {

/// Gives the calling thread an alternate signal stack while it lives and records where the
/// thread's own stack ends (for thread_stack_low). Create it first thing in a thread that runs
/// scene code (recording, updaters in state_at); the previous alternate stack comes back when
/// it is destroyed. Must be destroyed on the thread that made it.
class SignalStack {
public:
    SignalStack();
    ~SignalStack();
    SignalStack(const SignalStack&) = delete;
    SignalStack& operator=(const SignalStack&) = delete;

    /// The size of the alternate stack, bytes.
    static constexpr std::size_t kSize = 256 * 1024;

private:
    std::unique_ptr<char[]> stack_;
    bool installed_ = false;
    stack_t previous_{}; ///< the alternate stack set before (a sanitizer's), or disabled
};

/// The lowest address of the calling thread's stack as recorded by its SignalStack, 0 if it has
/// none. Async-signal-safe: for crash handlers telling a stack overflow from another fault.
std::uintptr_t thread_stack_low() noexcept;

} // namespace reel
