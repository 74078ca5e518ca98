// Watching files (inotify) and running builds: what live reload (`reel play --watch`,
// `reel dev`) is made of.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace reel {

/// Watches folders on a background thread and reports every file that was written (closed
/// after writing), created, moved in or deleted there. Editors that save by writing a new file
/// and renaming it are reported by the final name.
class FileWatcher {
public:
    /// `changed(path)` runs on the watcher's thread. `recursive`: also the subfolders, except
    /// hidden ones and build folders (names starting with '.' or "build"), including subfolders
    /// made later. Throws std::runtime_error when inotify cannot watch a folder.
    FileWatcher(const std::vector<std::string>& folders, bool recursive,
                std::function<void(const std::string&)> changed);
    /// Stops and joins the thread.
    ~FileWatcher();
    FileWatcher(const FileWatcher&) = delete;
    FileWatcher& operator=(const FileWatcher&) = delete;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// What a command printed (stdout and stderr together) and whether it exited with status 0.
struct CommandResult {
    bool ok = false;
    std::string output;
};

/// Runs `argv` (no shell), waits for it and captures its output. Throws std::runtime_error when
/// it cannot be started.
CommandResult run_command(const std::vector<std::string>& argv);

/// The part of a build's output worth showing: from the first line that reports an error
/// ("error:", "Error", "undefined reference") on, at most `max_lines` lines; the last lines of
/// the output when no such line exists.
std::string build_errors(const std::string& output, std::size_t max_lines = 16);

} // namespace reel
