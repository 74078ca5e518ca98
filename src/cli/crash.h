// Scene code that crashes or ignores a stop: one line naming the scene, its plug-in and the
// innermost frame of its code, the registered temporaries removed, a non-zero exit.
#pragma once

#include <string>

namespace reel::cli {

/// Installs the crash handlers (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT) for `command`'s
/// messages ("reel export: error: ..."), on an alternate stack so that a stack overflow on the
/// main thread is reported too. A crash removes the registered temporaries and exits 1.
void install_crash_handlers(const std::string& command);
/// What runs now, for the crash message: the scene ("" while a plug-in loads), the plug-in as
/// the user named it ("" for none) and the file dlopen opened (where its frames are found).
void set_crash_context(const std::string& scene, const std::string& plugin, const std::string& opened);
/// A supervised player child: the crash message also goes to the supervisor as "crash TEXT".
void set_crash_status_fd(int fd);
/// "reel COMMAND", for messages written from signal handlers.
const char* command_label();

/// Async-signal-safe: writes "reel COMMAND: error: TEXT\n" to stderr.
void write_error_line(const char* text) noexcept;

} // namespace reel::cli
