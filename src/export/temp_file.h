// The never-clobber rule: write beside the target, rename over it only on success.
#pragma once

#include <string>

namespace reel {

/// A temporary file created beside `target` (".<name>.reel-<pid>-<n>.part", mode 0666 less
/// the umask). Removed by the destructor unless commit() renamed it onto the target.
class TempFile {
public:
    /// Creates the file; throws ExportError naming the folder when it cannot.
    explicit TempFile(std::string target);
    ~TempFile();
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    /// Path of the temporary file.
    const std::string& path() const { return path_; }
    /// The final name.
    const std::string& target() const { return target_; }
    /// Writes `bytes` as the whole content; throws ExportError.
    void write_all(const std::string& bytes);
    /// Flushes the data to disk and renames onto the target; throws ExportError.
    void commit();

private:
    std::string target_;
    std::string path_;
    bool committed_ = false;
};

/// The folder part of a path ("." when there is none).
std::string folder_of(const std::string& path);

} // namespace reel
