// Helpers of the tests that run reel: run a process (reel itself), refusals, read a file, ask
// ffprobe, list MP4 boxes, the promo timeline.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <stdexcept>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "reel/timeline.h"

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

/// Runs the built reel binary with `args` (stdout / stderr to files beside `log_prefix`).
inline Outcome run_reel(std::vector<std::string> args, const std::filesystem::path& log_prefix);

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

/// ffprobe's key=value answers for the first video stream and the container (keys of the
/// format section get a "format." prefix); frames are counted by decoding.
inline std::map<std::string, std::string> probe(const std::filesystem::path& file) {
    std::string cmd = "ffprobe -v error -count_frames -select_streams v:0 -show_entries "
                      "stream=codec_name,profile,pix_fmt,width,height,r_frame_rate,nb_read_frames,duration,"
                      "color_space,color_primaries,color_transfer,color_range "
                      "-show_entries format=duration,format_name -of flat '" +
                      file.string() + "' 2>&1";
    std::map<std::string, std::string> m;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return m;
    char line[4096];
    while (std::fgets(line, sizeof line, p)) {
        std::string s(line);
        while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
        auto eq = s.find('=');
        if (eq == std::string::npos) {
            m["error"] += s;
            continue;
        }
        std::string key = s.substr(0, eq), value = s.substr(eq + 1);
        if (value.size() >= 2 && value.front() == '"') value = value.substr(1, value.size() - 2);
        if (key.rfind("streams.stream.0.", 0) == 0) key = key.substr(17);
        else if (key.rfind("format.", 0) == 0) key = "format." + key.substr(7);
        m[key] = value;
    }
    pclose(p);
    return m;
}

/// Presentation times (seconds) of the decoded frames of the first video stream, in display
/// order (ffprobe's best-effort timestamps).
inline std::vector<double> frame_times(const std::filesystem::path& file) {
    std::string cmd = "ffprobe -v error -select_streams v:0 -show_entries frame=best_effort_timestamp_time "
                      "-of csv=p=0 '" + file.string() + "' 2>/dev/null";
    std::vector<double> times;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return times;
    char line[256];
    while (std::fgets(line, sizeof line, p)) {
        std::string s(line);
        while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ',')) s.pop_back();
        if (!s.empty()) times.push_back(std::stod(s));
    }
    pclose(p);
    std::sort(times.begin(), times.end());
    return times;
}

/// Top-level box types of an ISO BMFF (MP4) file, in order.
inline std::vector<std::string> mp4_boxes(const std::filesystem::path& file) {
    std::string bytes = read_file(file);
    std::vector<std::string> types;
    std::size_t pos = 0;
    auto be = [&](std::size_t at, int n) {
        std::uint64_t v = 0;
        for (int i = 0; i < n; ++i) v = v << 8 | static_cast<unsigned char>(bytes[at + static_cast<std::size_t>(i)]);
        return v;
    };
    while (pos + 8 <= bytes.size()) {
        std::uint64_t size = be(pos, 4);
        types.push_back(bytes.substr(pos + 4, 4));
        if (size == 1 && pos + 16 <= bytes.size()) size = be(pos + 8, 8);
        if (size < 8) break;
        pos += size;
    }
    return types;
}

inline Outcome run_reel(std::vector<std::string> args, const std::filesystem::path& log_prefix) {
    args.insert(args.begin(), REEL_BINARY);
    return run(args, log_prefix);
}

/// Under ASan the reel processes a test starts must not report the font stack's by-design
/// caches (tests/lsan.supp) on stderr; harmless otherwise. A test file that starts reel
/// registers it once: `[[maybe_unused]] auto* const g_lsan = ::testing::AddGlobalTestEnvironment(new LsanForChildren);`
class LsanForChildren : public ::testing::Environment {
public:
    void SetUp() override {
        const std::filesystem::path supp = std::filesystem::path(REEL_TEST_GOLDEN_DIR).parent_path() / "lsan.supp";
        std::string lsan = "print_suppressions=0:suppressions=" + supp.string();
        if (const char* old = std::getenv("LSAN_OPTIONS"); old && *old) lsan += std::string(":") + old;
        setenv("LSAN_OPTIONS", lsan.c_str(), 1);
    }
};

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

/// The promo as the engine records it (once per test process).
inline const Timeline& promo() {
    static const Timeline tl = [] {
        const SceneInfo* info = find_scene("transformer");
        if (!info) throw std::runtime_error("the promo scene 'transformer' is not registered");
        return record_scene(*info);
    }();
    return tl;
}

} // namespace reel::test
