// Temporary files beside the target, renamed on success.
#include "temp_file.h"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "reel/export.h"

namespace reel {

namespace {

std::atomic<unsigned> g_counter{0};

std::string errno_text(int e) { return std::strerror(e); }

} // namespace

std::string folder_of(const std::string& path) {
    std::filesystem::path p(path);
    return p.has_parent_path() ? p.parent_path().string() : std::string(".");
}

TempFile::TempFile(std::string target) : target_(std::move(target)) {
    namespace fs = std::filesystem;
    const std::string folder = folder_of(target_);
    std::error_code ec;
    if (!fs::exists(folder, ec))
        throw ExportError(fmt::format("output folder '{}' does not exist", folder));
    if (!fs::is_directory(folder, ec))
        throw ExportError(fmt::format("output folder '{}' is not a folder", folder));
    if (fs::is_directory(target_, ec))
        throw ExportError(fmt::format("output '{}' is a folder, not a file", target_));
    fs::path t(target_);
    for (int attempt = 0;; ++attempt) {
        fs::path candidate = t.parent_path() /
                             fmt::format(".{}.reel-{}-{}.part", t.filename().string(), getpid(),
                                         g_counter.fetch_add(1));
        int fd = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0) {
            ::close(fd);
            path_ = candidate.string();
            return;
        }
        int e = errno;
        if (e == EEXIST && attempt < 100) continue;
        throw ExportError(fmt::format("cannot write in folder '{}': {}", folder, errno_text(e)));
    }
}

TempFile::~TempFile() {
    if (!committed_ && !path_.empty()) ::unlink(path_.c_str());
}

void TempFile::write_all(const std::string& bytes) {
    int fd = ::open(path_.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd < 0)
        throw ExportError(fmt::format("cannot write '{}': {}", target_, errno_text(errno)));
    std::size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            int e = errno;
            ::close(fd);
            throw ExportError(fmt::format("cannot write '{}': {}", target_, errno_text(e)));
        }
        done += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0)
        throw ExportError(fmt::format("cannot write '{}': {}", target_, errno_text(errno)));
}

void TempFile::commit() {
    // Data first, then the name: after a crash the target is either old or complete.
    int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
        int e = errno;
        if (fd >= 0) ::close(fd);
        throw ExportError(fmt::format("cannot write '{}': {}", target_, errno_text(e)));
    }
    ::close(fd);
    if (::rename(path_.c_str(), target_.c_str()) != 0)
        throw ExportError(
            fmt::format("cannot rename the finished file onto '{}': {}", target_, errno_text(errno)));
    committed_ = true;
}

} // namespace reel
