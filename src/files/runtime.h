// Reel's own files outside the user's folders: a private per-user runtime folder, and a journal
// of every temporary file this process makes, so that only files Reel can prove it made are
// ever removed (by a crash handler now, or by a later run once this process is gone).
#pragma once

#include <string>

namespace reel {

/// The private per-user folder for Reel's runtime files: $XDG_RUNTIME_DIR/reel when that is a
/// folder of this user, else $TMPDIR/reel-UID (/tmp/reel-UID). Created with mode 0700; a folder
/// there that is a link, belongs to another user or is open to others is refused. Throws
/// FileError naming the folder (and TMPDIR when that is what is wrong).
std::string runtime_folder();

/// "PID-START": names this process for good (a pid used again has another start time); in the
/// names of files in the runtime folder that belong to one process (the plug-in copies).
std::string process_tag();

/// What a registered temporary is.
enum class TempKind { File, Folder };

/// Records that this process has just created `path` (absolute or relative to the current
/// folder): the crash and signal handlers remove it (remove_registered_temporaries), and when
/// this process dies without removing it, a later run does (sweep_dead_temporaries), provided
/// the file there is still the same one (device and inode). Never throws.
void register_temporary(const std::string& path, TempKind kind = TempKind::File);
/// The temporary at `path` was removed or put in place: it is not to be removed any more.
void forget_temporary(const std::string& path);
/// Removes every temporary this process registered and has not forgotten (folders with what
/// they hold). Async-signal-safe: for crash handlers and watchdogs right before _exit.
void remove_registered_temporaries() noexcept;

/// Removes the temporaries recorded in the journals of this user's Reel processes that have
/// ended, each only if it is still the very file that process made; returns how many were
/// removed. Never throws (a missing or unusable runtime folder removes nothing).
int sweep_dead_temporaries() noexcept;

} // namespace reel
