// Helpers of the tests that run processes (reel itself, ffmpeg, shell commands): start one
// with its output in files, wait for it, send it signals, read and write files, fresh folders,
// the refusal check every CLI test uses. Shared by tests/export, tests/robustness, tests/cli,
// tests/files and any test that runs the built binary.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace reel::test {

inline std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

inline void write_file(const std::filesystem::path& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << bytes;
}

/// Names of the entries of a folder, sorted.
inline std::vector<std::string> list_folder(const std::filesystem::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

/// A fresh empty folder under the build's test-output folder.
inline std::filesystem::path fresh_folder(const std::string& name) {
    std::filesystem::path dir = std::filesystem::path(REEL_TEST_OUTPUT_DIR) / "export" / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

/// A started child process whose stdout and stderr go to files.
struct Child {
    pid_t pid = -1;
    std::filesystem::path out, err;
};

/// Starts argv (argv[0] is a path) with stdout / stderr sent to files beside `dir`.
inline Child start(const std::vector<std::string>& argv, const std::filesystem::path& log_prefix) {
    Child c;
    c.out = log_prefix.string() + ".stdout";
    c.err = log_prefix.string() + ".stderr";
    c.pid = fork();
    if (c.pid == 0) {
        int o = ::open(c.out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int e = ::open(c.err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int in = ::open("/dev/null", O_RDONLY);
        dup2(o, 1);
        dup2(e, 2);
        dup2(in, 0);
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execv(args[0], args.data());
        _exit(127);
    }
    return c;
}

/// A process to start with more control: working folder, extra environment, where stdout and
/// stderr go (a path like /dev/full works), code run in the child just before exec.
struct Spawn {
    std::vector<std::string> argv;
    std::filesystem::path out, err;
    std::filesystem::path cwd;
    std::vector<std::pair<std::string, std::string>> env;
    std::function<void()> before_exec;
};

inline Child start(const Spawn& s) {
    Child c;
    c.out = s.out;
    c.err = s.err;
    c.pid = fork();
    if (c.pid == 0) {
        int o = ::open(s.out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int e = ::open(s.err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int in = ::open("/dev/null", O_RDONLY);
        dup2(o, 1);
        dup2(e, 2);
        dup2(in, 0);
        if (!s.cwd.empty() && chdir(s.cwd.c_str()) != 0) _exit(126);
        for (const auto& [k, v] : s.env) setenv(k.c_str(), v.c_str(), 1);
        if (s.before_exec) s.before_exec();
        std::vector<char*> args;
        for (const auto& a : s.argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execv(args[0], args.data());
        _exit(127);
    }
    return c;
}

/// Waits until process `pid` catches signal `sig` (its handler is installed: /proc/PID/status
/// SigCgt); false if it exits or `seconds` pass first.
inline bool wait_until_catching(pid_t pid, int sig, double seconds) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (std::chrono::steady_clock::now() < until) {
        std::ifstream in("/proc/" + std::to_string(pid) + "/status");
        std::string line;
        bool zombie = false;
        while (std::getline(in, line)) {
            if (line.rfind("State:", 0) == 0 && line.find('Z') != std::string::npos) zombie = true;
            if (line.rfind("SigCgt:", 0) == 0) {
                unsigned long long mask = std::stoull(line.substr(7), nullptr, 16);
                if (mask >> (sig - 1) & 1ULL) return true;
            }
        }
        if (zombie) return false;
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    return false;
}

struct Outcome {
    int status = -1; ///< exit status, or 128 + signal
    std::string out, err;
};

inline Outcome finish(const Child& c) {
    int ws = 0;
    waitpid(c.pid, &ws, 0);
    Outcome r;
    r.status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
    // Devices (/dev/full, /dev/null) are not read back.
    if (c.out.string().rfind("/dev/", 0) != 0) r.out = read_file(c.out);
    if (c.err.string().rfind("/dev/", 0) != 0) r.err = read_file(c.err);
    return r;
}

inline Outcome run(const std::vector<std::string>& argv, const std::filesystem::path& log_prefix) {
    return finish(start(argv, log_prefix));
}

/// True when process `pid` is writing a temporary file of at least `min_size` bytes in `dir`:
/// an unnamed one (O_TMPFILE: an open descriptor "DIR/#INODE (deleted)") or a dot-file.
inline bool writing_temporary(pid_t pid, const std::filesystem::path& dir, std::uintmax_t min_size) {
    namespace fs = std::filesystem;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (e.path().filename().string().rfind('.', 0) == 0 && e.is_regular_file(ec) && e.file_size(ec) >= min_size)
            return true;
    const fs::path fds = fs::path("/proc") / std::to_string(pid) / "fd";
    for (const auto& e : fs::directory_iterator(fds, ec)) {
        std::error_code lec;
        const std::string target = fs::read_symlink(e.path(), lec).string();
        if (lec || target.rfind(dir.string() + "/", 0) != 0) continue;
        struct stat st {};
        if (::stat(e.path().c_str(), &st) == 0 && static_cast<std::uintmax_t>(st.st_size) >= min_size) return true;
    }
    return false;
}

inline int count_lines(const std::string& s) {
    int n = 0;
    for (char ch : s) n += ch == '\n';
    return n;
}

/// Runs the built reel binary with `args` (stdout / stderr to files beside `log_prefix`).
inline Outcome run_reel(std::vector<std::string> args, const std::filesystem::path& log_prefix) {
    args.insert(args.begin(), REEL_BINARY);
    return run(args, log_prefix);
}

/// Under ASan the reel processes a test starts must not report the font stack's by-design
/// caches (tests/lsan.supp) on stderr; harmless otherwise. Every test executable that includes
/// this header registers it once (g_lsan_for_children below), before any test runs.
class LsanForChildren : public ::testing::Environment {
public:
    void SetUp() override {
        const std::filesystem::path supp = std::filesystem::path(REEL_TEST_GOLDEN_DIR).parent_path() / "lsan.supp";
        std::string lsan = "print_suppressions=0:suppressions=" + supp.string();
        if (const char* old = std::getenv("LSAN_OPTIONS"); old && *old) lsan += std::string(":") + old;
        setenv("LSAN_OPTIONS", lsan.c_str(), 1);
    }
};
[[maybe_unused]] inline ::testing::Environment* const g_lsan_for_children =
    ::testing::AddGlobalTestEnvironment(new LsanForChildren);

/// Refused with exit status 1, exactly one line on stderr containing `expect` and nothing on
/// stdout; nothing written. Arguments starting with OUT/ name files in a fresh folder `name`.
inline void expect_refused(const std::vector<std::string>& args, const std::string& expect, const std::string& name) {
    auto dir = fresh_folder(name);
    std::vector<std::string> full = args;
    for (auto& a : full)
        if (a.rfind("OUT/", 0) == 0) a = (dir / a.substr(4)).string();
    Outcome r = run_reel(full, dir.parent_path() / (name + ".log"));
    EXPECT_EQ(r.status, 1) << r.err;
    EXPECT_EQ(count_lines(r.err), 1) << r.err;
    EXPECT_NE(r.err.find(expect), std::string::npos) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
    EXPECT_TRUE(list_folder(dir).empty());
}


/// What a shell command prints on stdout (popen; empty when it cannot start).
inline std::string shell_output(const std::string& cmd) {
    std::string out;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return out;
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
    pclose(p);
    return out;
}

/// A pid that belonged to a process which has exited (and been reaped).
inline pid_t dead_pid() {
    pid_t pid = fork();
    if (pid == 0) _exit(0);
    int ws = 0;
    waitpid(pid, &ws, 0);
    return pid;
}

} // namespace reel::test
