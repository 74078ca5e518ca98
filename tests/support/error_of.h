// What a call throws, as text: for tests that check an error's message.
#pragma once

#include <exception>
#include <functional>
#include <string>

namespace reel::test {

/// The what() of the exception `f` throws, or "(no error)".
inline std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const std::exception& e) {
        return e.what();
    }
    return "(no error)";
}

} // namespace reel::test
