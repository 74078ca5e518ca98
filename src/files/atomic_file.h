// Output files that never lose anything: the data goes to a temporary file beside the
// target, which replaces the target only when complete.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace reel {

/// A file could not be created, written or put in place; the message names it.
class FileError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A new version of `target`, invisible until commit().
///
/// Where the filesystem supports it the temporary file has no name at all (O_TMPFILE): a run
/// killed by SIGKILL or a power cut leaves nothing behind. Elsewhere it is a dot-file beside
/// the target (".NAME.reel-tmp-PID-XXXXXX", shortened so that any legal name fits) created
/// exclusively (O_EXCL | O_NOFOLLOW, never through a planted link) and recorded in this
/// process's journal (files/runtime.h): a crash handler removes it, and so does a later run
/// once this process has ended, if the file there is still the one it made.
///
/// The target must be a regular file or not exist: symbolic links, devices, pipes and folders
/// are refused. A replaced file keeps its permission bits (and owner, where allowed).
class AtomicFile {
public:
    /// How the temporary file is made.
    enum class Temp { Auto, Named };

    /// Checks the target and creates the temporary file; throws FileError.
    explicit AtomicFile(std::string target, Temp temp = Temp::Auto);
    /// Removes the temporary file unless commit() put it in place.
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    /// A path that opens the temporary file (for libraries that want a name: with O_TMPFILE
    /// it is /proc/self/fd/N).
    const std::string& path() const { return path_; }
    /// The open descriptor of the temporary file (write-only).
    int fd() const { return fd_; }
    /// The final name.
    const std::string& target() const { return target_; }
    /// True when the temporary file has no name (O_TMPFILE).
    bool unnamed() const { return unnamed_; }

    /// Writes `bytes` as the whole content; throws FileError.
    void write_all(const std::string& bytes);
    /// Appends `size` bytes; throws FileError.
    void append(const void* data, std::size_t size);
    /// Flushes the data to disk and puts the file in place of the target; throws FileError.
    void commit();

    /// Puts every file in place, or none: when one target cannot be replaced (say, another
    /// user's file in a sticky folder) the ones already swapped are swapped back and the
    /// error says so. Uses renameat2(RENAME_EXCHANGE); throws FileError.
    static void commit_all(const std::vector<AtomicFile*>& files);

private:
    void sync();
    std::string give_name(); // links an unnamed temporary file under a fresh dot-name
    void discard();

    std::string target_;
    std::string folder_;
    std::string path_;
    std::string named_; // the temporary file's name in the folder, when it has one
    int fd_ = -1;
    bool unnamed_ = false;
    bool committed_ = false;
};

/// The folder part of a path ("." when there is none).
std::string folder_of(const std::string& path);

/// Refuses a target that is a folder, a symbolic link or not a regular file, and a folder
/// that does not exist; throws FileError with one clear line.
void check_output_target(const std::string& target);

} // namespace reel
