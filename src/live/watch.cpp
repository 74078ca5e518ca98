// FileWatcher (inotify + a thread) and the wait for a complete plug-in file.
#include "live/watch.h"

#include <elf.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

namespace reel {

namespace fs = std::filesystem;

namespace {

bool skipped_folder(const fs::path& p) {
    const std::string name = p.filename().string();
    return name.starts_with(".") || name.starts_with("build");
}

} // namespace

struct FileWatcher::Impl {
    int fd = -1;
    int stop[2] = {-1, -1};
    bool recursive = false;
    std::map<int, fs::path> folders; // watch descriptor -> folder
    std::function<void(const std::string&)> changed;
    std::thread thread;

    void add(const fs::path& folder) {
        constexpr std::uint32_t mask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_ONLYDIR;
        int wd = inotify_add_watch(fd, folder.c_str(), mask);
        if (wd < 0)
            throw std::runtime_error(fmt::format("cannot watch '{}': {}", folder.string(), std::strerror(errno)));
        folders[wd] = folder;
        if (!recursive) return;
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(folder, ec))
            if (e.is_directory(ec) && !skipped_folder(e.path())) add(e.path());
    }

    void run() {
        alignas(inotify_event) char buf[16384];
        while (true) {
            pollfd fds[2] = {{fd, POLLIN, 0}, {stop[0], POLLIN, 0}};
            if (poll(fds, 2, -1) < 0) {
                if (errno == EINTR) continue;
                return;
            }
            if (fds[1].revents) return;
            ssize_t n = read(fd, buf, sizeof buf);
            if (n <= 0) continue;
            for (char* p = buf; p < buf + n;) {
                auto* ev = reinterpret_cast<inotify_event*>(p);
                p += sizeof(inotify_event) + ev->len;
                auto it = folders.find(ev->wd);
                if (it == folders.end() || ev->len == 0) continue;
                fs::path path = it->second / ev->name;
                if (ev->mask & IN_ISDIR) {
                    if (recursive && (ev->mask & (IN_CREATE | IN_MOVED_TO)) && !skipped_folder(path)) {
                        try {
                            add(path);
                        } catch (const std::exception&) {
                            // gone again already: nothing to watch
                        }
                    }
                    continue;
                }
                // A new file is reported when it is closed after writing, not when it is created
                // empty; a moved-in or deleted file at once.
                if (ev->mask & IN_CREATE) continue;
                changed(path.string());
            }
        }
    }
};

FileWatcher::FileWatcher(const std::vector<std::string>& folders, bool recursive,
                         std::function<void(const std::string&)> changed)
    : impl_(std::make_unique<Impl>()) {
    impl_->recursive = recursive;
    impl_->changed = std::move(changed);
    impl_->fd = inotify_init1(IN_CLOEXEC);
    if (impl_->fd < 0) throw std::runtime_error(fmt::format("inotify: {}", std::strerror(errno)));
    if (pipe2(impl_->stop, O_CLOEXEC) != 0) {
        close(impl_->fd);
        throw std::runtime_error(fmt::format("pipe: {}", std::strerror(errno)));
    }
    try {
        for (const auto& f : folders) impl_->add(f);
    } catch (...) {
        close(impl_->fd);
        close(impl_->stop[0]);
        close(impl_->stop[1]);
        throw;
    }
    impl_->thread = std::thread([impl = impl_.get()] { impl->run(); });
}

FileWatcher::~FileWatcher() {
    char c = 1;
    if (write(impl_->stop[1], &c, 1) != 1) {
        // the thread also ends when the pipe closes below
    }
    impl_->thread.join();
    close(impl_->fd);
    close(impl_->stop[0]);
    close(impl_->stop[1]);
}

bool elf_file_complete(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    Elf64_Ehdr h{};
    if (!in.read(reinterpret_cast<char*>(&h), sizeof h)) return false;
    if (std::memcmp(h.e_ident, ELFMAG, SELFMAG) != 0) return false;
    std::error_code ec;
    const std::uintmax_t size = fs::file_size(path, ec);
    if (ec) return false;
    std::uint64_t end = 0;
    if (h.e_ident[EI_CLASS] == ELFCLASS64) {
        end = h.e_shoff + std::uint64_t{h.e_shnum} * h.e_shentsize;
    } else if (h.e_ident[EI_CLASS] == ELFCLASS32) {
        Elf32_Ehdr h32{};
        std::memcpy(&h32, &h, sizeof h32);
        end = h32.e_shoff + std::uint64_t{h32.e_shnum} * h32.e_shentsize;
    } else {
        return false;
    }
    return end > 0 && end <= size;
}

bool wait_for_plugin_file(const std::string& path, const std::function<bool()>& stop, FileWait wait) {
    using clock = std::chrono::steady_clock;
    struct Seen {
        bool exists = false;
        off_t size = 0;
        timespec mtime{};
        bool operator==(const Seen& o) const {
            return exists == o.exists && size == o.size && mtime.tv_sec == o.mtime.tv_sec &&
                   mtime.tv_nsec == o.mtime.tv_nsec;
        }
    };
    auto look = [&] {
        struct stat st{};
        Seen s;
        if (::stat(path.c_str(), &st) == 0) s = {true, st.st_size, st.st_mtim};
        return s;
    };
    const auto interval = std::chrono::duration<double>(wait.interval);
    const auto give_up = std::chrono::duration<double>(wait.give_up);
    Seen last = look();
    auto since = clock::now(); // when `last` was first seen
    while (!stop()) {
        std::this_thread::sleep_for(interval);
        const Seen now = look();
        if (!(now == last)) {
            last = now;
            since = clock::now();
            continue;
        }
        const bool settled = clock::now() - since >= give_up;
        if (!now.exists) {
            if (settled) return false;
            continue;
        }
        // Unchanged over an interval: loadable once complete, or when it stays incomplete.
        if (settled || elf_file_complete(path)) return true;
    }
    return false;
}

} // namespace reel
