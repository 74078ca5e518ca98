// FileWatcher (inotify + a thread) and run_command (fork/exec with a pipe).
#include "plugin/watch.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/inotify.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <sstream>
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

CommandResult run_command(const std::vector<std::string>& argv) {
    if (argv.empty()) throw std::invalid_argument("run_command: no command");
    int out[2];
    if (pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error(fmt::format("pipe: {}", std::strerror(errno)));
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = fork();
    if (pid < 0) {
        close(out[0]);
        close(out[1]);
        throw std::runtime_error(fmt::format("cannot start '{}': {}", argv[0], std::strerror(errno)));
    }
    if (pid == 0) {
        dup2(out[1], 1);
        dup2(out[1], 2);
        execvp(args[0], args.data());
        std::fprintf(stderr, "cannot run '%s': %s\n", args[0], std::strerror(errno));
        _exit(127);
    }
    close(out[1]);
    CommandResult result;
    char buf[4096];
    for (ssize_t n; (n = read(out[0], buf, sizeof buf)) != 0;) {
        if (n < 0) {
            if (errno == EINTR) continue;
            break;
        }
        result.output.append(buf, static_cast<std::size_t>(n));
    }
    close(out[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    result.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    return result;
}

std::string build_errors(const std::string& output, std::size_t max_lines) {
    std::vector<std::string> lines;
    std::istringstream in(output);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    std::size_t first = lines.size();
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string& l = lines[i];
        if (l.find("error:") != std::string::npos || l.find("Error") != std::string::npos ||
            l.find("undefined reference") != std::string::npos) {
            first = i;
            break;
        }
    }
    if (first == lines.size()) first = lines.size() > max_lines ? lines.size() - max_lines : 0;
    // The compiler's "In file included from" / "In function" lines just before belong to it.
    while (first > 0 && (lines[first - 1].find("In function") != std::string::npos ||
                         lines[first - 1].find("In file included") != std::string::npos))
        --first;
    std::string shown;
    for (std::size_t i = first; i < lines.size() && i < first + max_lines; ++i) {
        if (lines[i].starts_with("[") || lines[i].starts_with("ninja: ")) continue; // progress
        shown += lines[i] + "\n";
    }
    while (!shown.empty() && shown.back() == '\n') shown.pop_back();
    return shown;
}

} // namespace reel
