// Temporary files beside the target (unnamed where the filesystem allows), put in place on
// success; all-or-nothing replacement of several files.
#include "files/atomic_file.h"

#include "files/runtime.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

namespace reel {

namespace {

std::string errno_text(int e) { return std::strerror(e); }

constexpr std::size_t kNameMax = NAME_MAX; // 255 bytes on Linux filesystems

// Six random letters and digits: temporary names cannot be predicted (and planted).
std::string random_tag() {
    static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    unsigned char bytes[6];
    std::size_t got = 0;
    while (got < sizeof bytes) {
        ssize_t n = getrandom(bytes + got, sizeof bytes - got, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) { // no entropy source: still unique enough with the pid and a counter
            static unsigned counter = 0;
            for (auto& b : bytes) b = static_cast<unsigned char>(++counter * 37u);
            break;
        }
        got += static_cast<std::size_t>(n);
    }
    std::string tag;
    for (unsigned char b : bytes) tag += kAlphabet[b % (sizeof kAlphabet - 1)];
    return tag;
}

// ".NAME.reel-tmp-PID-TAG", with NAME shortened so that the whole fits in NAME_MAX. The name
// only says what the file is; whether it may be removed is the journal's to prove (runtime.h).
std::string temp_name_for(const std::string& filename) {
    const std::string suffix = fmt::format(".reel-tmp-{}-{}", getpid(), random_tag());
    const std::size_t room = kNameMax - 1 - suffix.size();
    std::string name(1, '.');
    name.append(filename, 0, std::min(filename.size(), room));
    name.append(suffix);
    return name;
}

void fsync_folder(const std::string& folder) {
    int dfd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0) return;
    ::fsync(dfd); // best effort: the data itself was synced before the rename
    ::close(dfd);
}

bool proc_fd_usable() {
    static const bool usable = ::access("/proc/self/fd", X_OK) == 0;
    return usable;
}

} // namespace

std::string folder_of(const std::string& path) {
    std::filesystem::path p(path);
    return p.has_parent_path() ? p.parent_path().string() : std::string(".");
}

void check_output_target(const std::string& target) {
    if (target.empty()) throw FileError("no output file given");
    const std::string folder = folder_of(target);
    struct stat st {};
    if (::stat(folder.c_str(), &st) != 0) {
        int e = errno;
        if (e == ENOENT) throw FileError(fmt::format("output folder '{}' does not exist", folder));
        if (e == ENOTDIR) throw FileError(fmt::format("output folder '{}' is not a folder", folder));
        throw FileError(fmt::format("cannot write '{}' in folder '{}': {}", target, folder, errno_text(e)));
    }
    if (!S_ISDIR(st.st_mode)) throw FileError(fmt::format("output folder '{}' is not a folder", folder));
    const std::string name = std::filesystem::path(target).filename().string();
    if (name.empty() || name == "." || name == "..")
        throw FileError(fmt::format("output '{}' is a folder, not a file", target));
    if (name.size() > kNameMax)
        throw FileError(fmt::format("output name '{}' is too long ({} bytes; at most {})", name, name.size(), kNameMax));
    if (::lstat(target.c_str(), &st) != 0) {
        int e = errno;
        if (e == ENOENT) return;
        throw FileError(fmt::format("cannot write '{}': {}", target, errno_text(e)));
    }
    if (S_ISLNK(st.st_mode))
        throw FileError(fmt::format("output '{}' is a symbolic link: give the file itself (reel replaces "
                                    "files and never writes through links)", target));
    if (S_ISDIR(st.st_mode)) throw FileError(fmt::format("output '{}' is a folder, not a file", target));
    if (!S_ISREG(st.st_mode))
        throw FileError(fmt::format("output '{}' is a device, pipe or socket, not a regular file: "
                                    "refusing to replace it", target));
}

AtomicFile::AtomicFile(std::string target, Temp temp) : target_(std::move(target)) {
    check_output_target(target_);
    folder_ = folder_of(target_);

    struct stat old {};
    const bool replacing = ::lstat(target_.c_str(), &old) == 0 && S_ISREG(old.st_mode);
    const std::string filename = std::filesystem::path(target_).filename().string();

    if (temp == Temp::Auto && proc_fd_usable()) {
        fd_ = ::open(folder_.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
        if (fd_ >= 0) {
            unnamed_ = true;
            path_ = fmt::format("/proc/self/fd/{}", fd_);
        } else if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL && errno != ENOENT) {
            throw FileError(fmt::format("cannot write '{}' in folder '{}': {}", target_, folder_, errno_text(errno)));
        }
    }
    for (int attempt = 0; fd_ < 0; ++attempt) {
        std::string candidate = (std::filesystem::path(folder_) / temp_name_for(filename)).string();
        // Exclusive and never through a link: a planted name makes us pick another one.
        fd_ = ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd_ >= 0) {
            named_ = path_ = candidate;
            register_temporary(named_);
            break;
        }
        int e = errno;
        if ((e == EEXIST || e == ELOOP) && attempt < 100) continue;
        throw FileError(fmt::format("cannot write '{}' in folder '{}': {}", target_, folder_, errno_text(e)));
    }
    if (replacing) {
        // Keep who may read the file: a private file stays private.
        if (old.st_uid != ::geteuid() || old.st_gid != ::getegid())
            (void)::fchown(fd_, old.st_uid, old.st_gid); // allowed for root (or the group) only
        (void)::fchmod(fd_, old.st_mode & 07777);
    }
}

AtomicFile::~AtomicFile() { discard(); }

void AtomicFile::discard() {
    if (!committed_ && !named_.empty()) ::unlink(named_.c_str());
    if (!named_.empty()) forget_temporary(named_);
    named_.clear();
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
}

void AtomicFile::append(const void* data, std::size_t size) {
    const char* p = static_cast<const char*>(data);
    std::size_t done = 0;
    while (done < size) {
        ssize_t n = ::write(fd_, p + done, size - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw FileError(fmt::format("cannot write '{}': {}", target_, errno_text(errno)));
        done += static_cast<std::size_t>(n);
    }
}

void AtomicFile::write_all(const std::string& bytes) {
    if (::ftruncate(fd_, 0) != 0 || ::lseek(fd_, 0, SEEK_SET) != 0)
        throw FileError(fmt::format("cannot write '{}': {}", target_, errno_text(errno)));
    append(bytes.data(), bytes.size());
}

void AtomicFile::sync() {
    if (fd_ < 0) throw FileError(fmt::format("'{}' was already put in place", target_));
    // Data first, then the name: after a crash the target is either old or complete.
    if (::fsync(fd_) != 0) throw FileError(fmt::format("cannot write '{}': {}", target_, errno_text(errno)));
}

std::string AtomicFile::give_name() {
    if (!named_.empty()) return named_;
    const std::string filename = std::filesystem::path(target_).filename().string();
    for (int attempt = 0;; ++attempt) {
        std::string candidate = (std::filesystem::path(folder_) / temp_name_for(filename)).string();
        if (::linkat(AT_FDCWD, path_.c_str(), AT_FDCWD, candidate.c_str(), AT_SYMLINK_FOLLOW) == 0) {
            named_ = candidate;
            register_temporary(named_);
            return named_;
        }
        int e = errno;
        if (e == EEXIST && attempt < 100) continue;
        throw FileError(fmt::format("cannot write '{}': {}", target_, errno_text(e)));
    }
}

void AtomicFile::commit() {
    sync();
    check_output_target(target_); // still a regular file (or nothing)?
    if (unnamed_) {
        // A new file gets its name directly: nothing is ever visible under another name.
        if (::linkat(AT_FDCWD, path_.c_str(), AT_FDCWD, target_.c_str(), AT_SYMLINK_FOLLOW) == 0) {
            committed_ = true;
            discard();
            fsync_folder(folder_);
            return;
        }
        if (errno != EEXIST) throw FileError(fmt::format("cannot write '{}': {}", target_, errno_text(errno)));
        give_name(); // replacing: link under a temporary name, then rename over the target
    }
    if (::rename(named_.c_str(), target_.c_str()) != 0)
        throw FileError(
            fmt::format("cannot rename the finished file onto '{}': {}", target_, errno_text(errno)));
    committed_ = true;
    discard();
    fsync_folder(folder_);
}

void AtomicFile::commit_all(const std::vector<AtomicFile*>& files) {
    for (AtomicFile* f : files) {
        f->sync();
        check_output_target(f->target_);
    }
    for (AtomicFile* f : files) f->give_name();
    enum class Done { Created, Exchanged, Replaced };
    std::vector<Done> done;
    auto undo = [&]() {
        for (std::size_t j = done.size(); j-- > 0;) {
            AtomicFile& g = *files[j];
            if (done[j] == Done::Exchanged)
                ::renameat2(AT_FDCWD, g.named_.c_str(), AT_FDCWD, g.target_.c_str(), RENAME_EXCHANGE);
            else if (done[j] == Done::Created)
                ::rename(g.target_.c_str(), g.named_.c_str());
        }
    };
    for (AtomicFile* f : files) {
        const char* from = f->named_.c_str();
        const char* to = f->target_.c_str();
        int ret = ::renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE);
        Done how = Done::Created;
        if (ret != 0 && errno == EEXIST) {
            ret = ::renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_EXCHANGE);
            how = Done::Exchanged;
        }
        if (ret != 0 && (errno == EINVAL || errno == ENOSYS)) {
            // A filesystem without atomic exchange: plain replacement (cannot be undone).
            ret = ::rename(from, to);
            how = Done::Replaced;
        }
        if (ret != 0) {
            int e = errno;
            undo();
            const bool all_undone = std::find(done.begin(), done.end(), Done::Replaced) == done.end();
            throw FileError(fmt::format("cannot replace '{}': {} ({})", f->target_, errno_text(e),
                                        all_undone ? "no file was changed"
                                                   : "this filesystem cannot swap files: some were replaced"));
        }
        done.push_back(how);
    }
    // The temporary names now hold the old versions (exchanged) or nothing (moved).
    for (std::size_t i = 0; i < files.size(); ++i) {
        AtomicFile& f = *files[i];
        if (done[i] == Done::Exchanged) ::unlink(f.named_.c_str());
        forget_temporary(f.named_);
        f.named_.clear();
        f.committed_ = true;
        f.discard();
    }
    for (AtomicFile* f : files) fsync_folder(f->folder_);
}

} // namespace reel
