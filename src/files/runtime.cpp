// The per-user runtime folder and the journal of temporaries: what lets Reel remove a leftover
// only when it can prove it made it (its name in the journal of a process that has ended, and
// the same device and inode there still).
#include "files/runtime.h"

#include <atomic>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <fmt/format.h>

#include "files/atomic_file.h"

namespace reel {

namespace {

// The start time of process `pid` (field 22 of /proc/PID/stat, clock ticks since boot): with
// the pid it names one process for good, so a pid used again is not taken for the old one.
// Empty when the process does not exist; `unknown` is set when that cannot be told.
std::optional<unsigned long long> start_time(long pid, bool* unknown = nullptr) {
    const std::string path = fmt::format("/proc/{}/stat", pid);
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (unknown) *unknown = errno != ENOENT && errno != ESRCH;
        return std::nullopt;
    }
    char buf[1024];
    ssize_t n = ::read(fd, buf, sizeof buf - 1);
    ::close(fd);
    if (n <= 0) {
        if (unknown) *unknown = n < 0 && errno != ESRCH;
        return std::nullopt;
    }
    buf[n] = '\0';
    // The command name may hold spaces and parentheses: count fields after the last ')'.
    const char* p = std::strrchr(buf, ')');
    if (!p) {
        if (unknown) *unknown = true;
        return std::nullopt;
    }
    int field = 2;
    for (++p; *p && field < 22; ++p)
        if (*p == ' ') ++field;
    if (field != 22) {
        if (unknown) *unknown = true;
        return std::nullopt;
    }
    return std::strtoull(p, nullptr, 10);
}

// Whether process `pid` that started at `start` has ended; false when that cannot be proven.
bool process_ended(long pid, unsigned long long start) {
    bool unknown = false;
    std::optional<unsigned long long> now = start_time(pid, &unknown);
    if (unknown) return false;
    return !now || *now != start;
}

unsigned long long own_start_time() {
    static const unsigned long long t = start_time(static_cast<long>(::getpid())).value_or(0);
    return t;
}

// "journal-PID-START" or "journal-PID-START-K" (a journal PID adopted to sweep): PID and START.
bool parse_owner(const std::string& name, const std::string& prefix, long& pid, unsigned long long& start) {
    if (name.rfind(prefix, 0) != 0) return false;
    const char* p = name.c_str() + prefix.size();
    char* end = nullptr;
    errno = 0;
    pid = std::strtol(p, &end, 10);
    if (end == p || *end != '-' || pid <= 0 || errno) return false;
    p = end + 1;
    start = std::strtoull(p, &end, 10);
    return end != p && errno == 0;
}

// The temporaries registered now, readable from a signal handler: fixed slots whose path
// buffers are allocated once and never freed (a handler never reads freed memory).
constexpr int kSlots = 4096;
struct Slot {
    std::atomic<int> state{0}; // 0 free, 1 being written, 2 registered
    TempKind kind = TempKind::File;
    char* path = nullptr;
};
Slot g_slots[kSlots];
std::atomic<pid_t> g_owner{0};       // the process the slots and the journal belong to
char g_journal_path[PATH_MAX] = {}; // removed with the temporaries when all are gone

struct Journal {
    std::mutex mutex;
    int fd = -1;
    bool tried = false;
};
Journal& journal() {
    static Journal* j = new Journal; // never destroyed: registrations may come during exit
    return *j;
}

void at_exit() {
    if (g_owner.load() != ::getpid()) return;
    remove_registered_temporaries();
}

// Opens this process's journal once (sweeping the ones of ended processes first). A forked
// child starts its own: it must not write into, or remove, its parent's.
void open_journal_locked(Journal& j) {
    const pid_t self = ::getpid();
    if (g_owner.load() != self) {
        if (j.fd >= 0) ::close(j.fd);
        j.fd = -1;
        j.tried = false;
        g_journal_path[0] = '\0';
        for (Slot& s : g_slots) s.state.store(0);
        g_owner.store(self);
        static std::once_flag registered;
        std::call_once(registered, [] { std::atexit(at_exit); });
    }
    if (j.tried) return;
    j.tried = true;
    sweep_dead_temporaries();
    try {
        const std::string path = fmt::format("{}/journal-{}", runtime_folder(), process_tag());
        if (path.size() >= sizeof g_journal_path) return;
        j.fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (j.fd >= 0) std::memcpy(g_journal_path, path.c_str(), path.size() + 1);
    } catch (const FileError&) {
        // No private folder: temporaries still work, a run killed by SIGKILL leaves its named
        // ones for the user to see (never removed by guessing).
    }
}

// Removes what a folder temporary holds (frames: a flat folder), with system calls only.
void remove_folder_now(const char* path) noexcept {
    int dfd = ::open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dfd >= 0) {
        alignas(8) char buf[4096];
        for (;;) {
            long n = ::syscall(SYS_getdents64, dfd, buf, sizeof buf);
            if (n <= 0) break;
            for (long off = 0; off < n;) {
                // struct linux_dirent64: ino (8), off (8), reclen (2), type (1), name.
                unsigned short reclen = 0;
                std::memcpy(&reclen, buf + off + 16, sizeof reclen);
                const char* name = buf + off + 19;
                if (std::strcmp(name, ".") != 0 && std::strcmp(name, "..") != 0) ::unlinkat(dfd, name, 0);
                off += reclen;
            }
        }
        ::close(dfd);
    }
    ::rmdir(path);
}

std::string absolute(const std::string& path) {
    std::error_code ec;
    std::filesystem::path p = std::filesystem::absolute(path, ec);
    return ec ? path : p.lexically_normal().string();
}

void remove_tree(const std::string& path) {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
}

} // namespace

std::string runtime_folder() {
    const uid_t uid = ::geteuid();
    std::string base;
    struct stat st {};
    if (const char* xdg = std::getenv("XDG_RUNTIME_DIR"); xdg && xdg[0] == '/' &&
        ::stat(xdg, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == uid)
        base = fmt::format("{}/reel", xdg);
    if (base.empty()) {
        const char* tmp = std::getenv("TMPDIR");
        if (tmp && *tmp) {
            if (::stat(tmp, &st) != 0 || !S_ISDIR(st.st_mode))
                throw FileError(fmt::format("TMPDIR '{}' is not a folder: set TMPDIR to a folder you can "
                                            "write to, or unset it", tmp));
        } else {
            tmp = "/tmp";
        }
        base = fmt::format("{}/reel-{}", tmp, uid);
    }
    if (::mkdir(base.c_str(), 0700) != 0 && errno != EEXIST)
        throw FileError(fmt::format("cannot create Reel's runtime folder '{}': {}", base, std::strerror(errno)));
    const std::string fix = "remove it, or set XDG_RUNTIME_DIR to a private folder of yours";
    if (::lstat(base.c_str(), &st) != 0)
        throw FileError(fmt::format("cannot use Reel's runtime folder '{}': {}", base, std::strerror(errno)));
    if (S_ISLNK(st.st_mode) || !S_ISDIR(st.st_mode))
        throw FileError(fmt::format("Reel's runtime folder '{}' is not a folder (a link or a file): {}", base, fix));
    if (st.st_uid != uid)
        throw FileError(fmt::format("Reel's runtime folder '{}' belongs to another user: {}", base, fix));
    if ((st.st_mode & 077) != 0 && ::chmod(base.c_str(), 0700) != 0)
        throw FileError(fmt::format("Reel's runtime folder '{}' is open to other users: {}", base, fix));
    return base;
}

std::string process_tag() { return fmt::format("{}-{}", ::getpid(), own_start_time()); }

void register_temporary(const std::string& path, TempKind kind) {
    const std::string full = absolute(path);
    if (full.size() >= PATH_MAX) return;
    Journal& j = journal();
    std::lock_guard lock(j.mutex);
    open_journal_locked(j);
    for (Slot& s : g_slots) {
        int free_slot = 0;
        if (!s.state.compare_exchange_strong(free_slot, 1)) continue;
        if (!s.path) s.path = new char[PATH_MAX];
        std::memcpy(s.path, full.c_str(), full.size() + 1);
        s.kind = kind;
        s.state.store(2);
        break;
    }
    struct stat st {};
    if (j.fd < 0 || ::lstat(full.c_str(), &st) != 0) return;
    // One write per record (O_APPEND): "F DEV INO PATH\0"; paths hold no NUL.
    const std::string record = fmt::format("{} {} {} {}", kind == TempKind::Folder ? 'D' : 'F',
                                           static_cast<unsigned long long>(st.st_dev),
                                           static_cast<unsigned long long>(st.st_ino), full) + '\0';
    (void)!::write(j.fd, record.data(), record.size());
}

void forget_temporary(const std::string& path) {
    const std::string full = absolute(path);
    Journal& j = journal();
    std::lock_guard lock(j.mutex);
    if (g_owner.load() != ::getpid()) return;
    for (Slot& s : g_slots)
        if (s.state.load() == 2 && std::strcmp(s.path, full.c_str()) == 0) {
            s.state.store(0);
            break;
        }
}

void remove_registered_temporaries() noexcept {
    if (g_owner.load() != ::getpid()) return;
    for (Slot& s : g_slots) {
        if (s.state.load() != 2) continue;
        if (s.kind == TempKind::Folder)
            remove_folder_now(s.path);
        else
            ::unlink(s.path);
        s.state.store(0);
    }
    if (g_journal_path[0]) ::unlink(g_journal_path);
}

int sweep_dead_temporaries() noexcept {
    std::string folder;
    try {
        folder = runtime_folder();
    } catch (...) {
        return 0;
    }
    if (::access("/proc/self/stat", R_OK) != 0) return 0; // cannot tell who has ended
    int removed = 0;
    try {
        DIR* dir = ::opendir(folder.c_str());
        if (!dir) return 0;
        std::vector<std::string> names;
        while (const dirent* e = ::readdir(dir)) names.emplace_back(e->d_name);
        ::closedir(dir);
        const uid_t uid = ::geteuid();
        static std::atomic<int> adopted{0};
        for (const std::string& name : names) {
            long pid = 0;
            unsigned long long start = 0;
            const std::string path = folder + "/" + name;
            struct stat st {};
            if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != uid) continue;
            if (parse_owner(name, "reel-plugin-", pid, start)) {
                // A plug-in copy (only Reel writes here): the process that loaded it has ended.
                if (process_ended(pid, start) && ::unlink(path.c_str()) == 0) ++removed;
                continue;
            }
            if (!parse_owner(name, "journal-", pid, start) || !process_ended(pid, start)) continue;
            // Adopt the journal first: of two runs sweeping at once, one does it; if this one
            // dies meanwhile, the journal is its own and the next run sweeps it.
            const std::string mine = fmt::format("{}/journal-{}-{}", folder, process_tag(), adopted++);
            if (::rename(path.c_str(), mine.c_str()) != 0) continue;
            std::string records;
            if (int fd = ::open(mine.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC); fd >= 0) {
                char buf[65536];
                for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) records.append(buf, static_cast<std::size_t>(n));
                ::close(fd);
            }
            for (std::size_t pos = 0; pos < records.size();) {
                std::size_t end = records.find('\0', pos);
                if (end == std::string::npos) break; // a record cut short by a crash: not proof
                const std::string record = records.substr(pos, end - pos);
                pos = end + 1;
                char kind = 0;
                unsigned long long dev = 0, ino = 0;
                int used = 0;
                if (std::sscanf(record.c_str(), "%c %llu %llu %n", &kind, &dev, &ino, &used) != 3 || used <= 0)
                    continue;
                const std::string temp = record.substr(static_cast<std::size_t>(used));
                struct stat t {};
                if (temp.empty() || temp[0] != '/' || ::lstat(temp.c_str(), &t) != 0) continue;
                // Still the very file that process made, and still ours: otherwise not proof.
                if (static_cast<unsigned long long>(t.st_dev) != dev || static_cast<unsigned long long>(t.st_ino) != ino ||
                    t.st_uid != uid)
                    continue;
                if (kind == 'F' && S_ISREG(t.st_mode) && ::unlink(temp.c_str()) == 0) ++removed;
                if (kind == 'D' && S_ISDIR(t.st_mode)) {
                    remove_tree(temp);
                    ++removed;
                }
            }
            ::unlink(mine.c_str());
        }
    } catch (...) {
        // Out of memory while sweeping: leftovers stay, nothing is lost.
    }
    return removed;
}

} // namespace reel
