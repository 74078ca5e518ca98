// Watching files: inotify on a background thread, and waiting until a plug-in that a linker
// (or a copy) is still writing is complete.
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

/// The file is a whole ELF file: a complete header whose section header table (which linkers
/// write last, at the end) lies inside the file. False for a file still being written from the
/// start, and for anything that is not ELF.
bool elf_file_complete(const std::string& path);

/// How wait_for_plugin_file waits.
struct FileWait {
    double interval = 0.05; ///< seconds between two looks at the file
    double give_up = 2.0;   ///< an incomplete file unchanged this long is taken as it is
};

/// Waits until the plug-in at `path` can be loaded: a complete ELF file (elf_file_complete)
/// whose size and modification time stayed the same over one interval. A file that stays
/// incomplete but unchanged for `give_up` is taken too (loading it then says what is wrong).
/// Returns false when the file is missing for `give_up` (a linker removes the old file before
/// writing the new one; a later change reports it again) or when `stop()` becomes true.
bool wait_for_plugin_file(const std::string& path, const std::function<bool()>& stop, FileWait wait = {});

} // namespace reel
