#include "sound/espeak.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include <dlfcn.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

extern char** environ;

namespace reel::sound {

namespace fs = std::filesystem;

namespace {

constexpr const char* kHelper = "reel-espeak";
constexpr const char* kInstall = "Debian: apt-get install libespeak-ng1 espeak-ng-data";
// What a sane helper writes for one line is a few kB; more is a runaway program.
constexpr std::size_t kMaxOutput = 4u << 20;
// A line takes well under a second to speak; a helper silent for this long is stuck.
constexpr auto kTimeout = std::chrono::seconds(300);

// A file descriptor closed when it goes out of scope.
struct Fd {
    int fd = -1;
    Fd() = default;
    explicit Fd(int f) : fd(f) {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() { reset(); }
    void reset() {
        if (fd >= 0) ::close(fd);
        fd = -1;
    }
};

// posix_spawn's file actions, destroyed when they go out of scope.
struct FileActions {
    posix_spawn_file_actions_t a;
    FileActions() { posix_spawn_file_actions_init(&a); }
    FileActions(const FileActions&) = delete;
    FileActions& operator=(const FileActions&) = delete;
    ~FileActions() { posix_spawn_file_actions_destroy(&a); }
};

// A temporary file removed when it goes out of scope.
struct TempFile {
    fs::path path;
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    explicit TempFile(fs::path p) : path(std::move(p)) {}
    ~TempFile() {
        std::error_code ec;
        fs::remove(path, ec);
    }
};

// Code points in UTF-8 text: espeak-ng's text positions count them.
std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

std::string xml_escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else out += c;
    }
    return out;
}

bool runnable(const fs::path& p) {
    std::error_code ec;
    return fs::is_regular_file(p, ec) && ::access(p.c_str(), X_OK) == 0;
}

std::string last_line(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) text.pop_back();
    const std::size_t nl = text.rfind('\n');
    return nl == std::string::npos ? text : text.substr(nl + 1);
}

struct Ran {
    int status = 0; // waitpid's
    std::string out, err;
};

// Runs `helper args...` with `input` on its standard input and collects its standard output and
// error. Throws when it cannot be started, writes too much or hangs.
Ran run_helper(const std::string& helper, const std::vector<std::string>& args, const std::string& input) {
    auto cannot = [&](std::string_view why) {
        return std::runtime_error(fmt::format("cannot run the speech program {} ('{}'): {}", kHelper, helper, why));
    };
    // The text through an anonymous file: the helper may read it whenever it likes, and Reel never
    // blocks on (or gets SIGPIPE from) a pipe the helper does not read.
    Fd in(::memfd_create("reel-espeak-text", MFD_CLOEXEC));
    if (in.fd < 0) throw cannot(std::strerror(errno));
    for (std::size_t done = 0; done < input.size();) {
        const ssize_t n = ::write(in.fd, input.data() + done, input.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw cannot(std::strerror(errno));
        done += static_cast<std::size_t>(n);
    }
    ::lseek(in.fd, 0, SEEK_SET);
    int out_fds[2], err_fds[2];
    if (::pipe2(out_fds, O_CLOEXEC) != 0) throw cannot(std::strerror(errno));
    Fd out_r(out_fds[0]), out_w(out_fds[1]);
    if (::pipe2(err_fds, O_CLOEXEC) != 0) throw cannot(std::strerror(errno));
    Fd err_r(err_fds[0]), err_w(err_fds[1]);

    FileActions fa;
    posix_spawn_file_actions_adddup2(&fa.a, in.fd, 0);
    posix_spawn_file_actions_adddup2(&fa.a, out_w.fd, 1);
    posix_spawn_file_actions_adddup2(&fa.a, err_w.fd, 2);
    std::vector<std::string> argv_s = {helper};
    argv_s.insert(argv_s.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : argv_s) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    if (const int e = ::posix_spawn(&pid, helper.c_str(), &fa.a, nullptr, argv.data(), environ); e != 0)
        throw cannot(std::strerror(e));
    out_w.reset();
    err_w.reset();

    Ran ran;
    const auto deadline = std::chrono::steady_clock::now() + kTimeout;
    std::string trouble;
    for (bool out_open = true, err_open = true; out_open || err_open;) {
        pollfd fds[2] = {{out_open ? out_r.fd : -1, POLLIN, 0}, {err_open ? err_r.fd : -1, POLLIN, 0}};
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            trouble = fmt::format("it wrote nothing more for {} s", kTimeout.count());
            break;
        }
        const int n = ::poll(fds, 2, static_cast<int>(std::min<std::int64_t>(left.count(), 60000)));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            trouble = std::strerror(errno);
            break;
        }
        char buf[4096];
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0) continue;
            const ssize_t got = ::read(fds[i].fd, buf, sizeof buf);
            if (got < 0 && errno == EINTR) continue;
            if (got <= 0) {
                (i == 0 ? out_open : err_open) = false;
                continue;
            }
            (i == 0 ? ran.out : ran.err).append(buf, static_cast<std::size_t>(got));
        }
        if (ran.out.size() + ran.err.size() > kMaxOutput) {
            trouble = fmt::format("it wrote more than {} MB for one line", kMaxOutput >> 20);
            break;
        }
    }
    if (!trouble.empty()) ::kill(pid, SIGKILL);
    while (::waitpid(pid, &ran.status, 0) < 0 && errno == EINTR) {
    }
    if (!trouble.empty())
        throw std::runtime_error(fmt::format("the speech program {} ('{}') was stopped: {}", kHelper, helper, trouble));
    return ran;
}

// Throws for a helper that did not end well: its own error line, or how it ended.
void check_ended_well(const Ran& ran, const std::string& helper, std::string_view doing) {
    if (WIFEXITED(ran.status) && WEXITSTATUS(ran.status) == 0) return;
    const std::string said = last_line(ran.err);
    if (WIFSIGNALED(ran.status))
        throw std::runtime_error(fmt::format("the speech program {} ('{}') crashed (signal {}, {}) {}{}{}", kHelper,
                                             helper, WTERMSIG(ran.status), ::strsignal(WTERMSIG(ran.status)), doing,
                                             said.empty() ? "" : "; it said: ", said));
    const int code = WIFEXITED(ran.status) ? WEXITSTATUS(ran.status) : -1;
    // 127: the dynamic loader could not start it (libespeak-ng missing), or no such program.
    const std::string hint = code == 127 ? fmt::format(" (is espeak-ng installed? {})", kInstall) : "";
    if (said.rfind("reel-espeak: ", 0) == 0) throw std::runtime_error(said + hint);
    throw std::runtime_error(fmt::format("the speech program {} ('{}') failed (exit status {}) {}{}{}{}", kHelper,
                                         helper, code, doing, said.empty() ? "" : ": ", said, hint));
}

std::runtime_error garbage(const std::string& helper, std::string_view why) {
    return std::runtime_error(fmt::format("the speech program {} ('{}') wrote what Reel cannot read ({}); is it the "
                                          "reel-espeak built with this reel?",
                                          kHelper, helper, why));
}

// The 16-bit mono WAV reel-espeak writes, checked against what it said it wrote.
std::vector<short> read_helper_wav(const fs::path& path, int rate, std::int64_t samples, const std::string& helper) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    const std::string b = ss.str();
    auto u32 = [&](std::size_t at) {
        std::uint32_t v = 0;
        for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[at + static_cast<std::size_t>(i)]);
        return v;
    };
    auto u16 = [&](std::size_t at) {
        return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) | (static_cast<unsigned char>(b[at + 1]) << 8));
    };
    const auto data = static_cast<std::uint64_t>(samples) * 2;
    if (b.size() < 44 || b.compare(0, 4, "RIFF") != 0 || b.compare(8, 8, "WAVEfmt ") != 0 || u32(16) != 16 ||
        u16(20) != 1 || u16(22) != 1 || u32(24) != static_cast<std::uint32_t>(rate) || u16(34) != 16 ||
        b.compare(36, 4, "data") != 0 || u32(40) != data || b.size() != 44 + data)
        throw garbage(helper, fmt::format("its sound file is not the 16-bit mono WAV of {} samples at {} Hz it announced",
                                          samples, rate));
    std::vector<short> out(static_cast<std::size_t>(samples));
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<short>(u16(44 + 2 * i));
    return out;
}

bool parse_int(std::string_view s, std::int64_t& v) {
    if (s.empty() || s.size() > 18) return false;
    v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    return true;
}

} // namespace

std::string espeak_helper() {
    if (const char* env = std::getenv("REEL_ESPEAK"); env && *env) {
        if (!runnable(env))
            throw std::runtime_error(fmt::format("REEL_ESPEAK is '{}', which is not a program that can be run (it should "
                                                 "be the {} built with reel)",
                                                 env, kHelper));
        return env;
    }
    std::vector<fs::path> tried;
    auto add = [&](const fs::path& p) {
        const fs::path n = p.lexically_normal();
        if (std::find(tried.begin(), tried.end(), n) == tried.end()) tried.push_back(n);
    };
    std::error_code ec;
    // Beside the running reel (build/reel, PREFIX/bin/reel), beside the bin folder of the libreel.so a
    // program of the user's own links, and in the build tree (the tests link the engine statically).
    if (const fs::path exe = fs::read_symlink("/proc/self/exe", ec); !ec) add(exe.parent_path() / kHelper);
    Dl_info info{};
    if (::dladdr(reinterpret_cast<void*>(&espeak_helper), &info) && info.dli_fname)
        add(fs::path(info.dli_fname).parent_path() / REEL_LIB_TO_BIN / kHelper);
    add(REEL_BUILD_ESPEAK);
    for (const fs::path& p : tried)
        if (runnable(p)) return p.string();
    std::string where;
    for (const fs::path& p : tried) where += (where.empty() ? "" : ", ") + p.parent_path().string();
    // Short, the remedy first: the command line shows 300 characters of an error.
    throw std::runtime_error(fmt::format("the speech program {} is missing: build or install it with reel (it needs "
                                         "libespeak-ng1 and espeak-ng-data) or set REEL_ESPEAK; looked in {}",
                                         kHelper, where));
}

std::string espeak_version() {
    const std::string helper = espeak_helper();
    static std::mutex mutex;
    static std::map<std::string, std::string> versions;
    {
        std::lock_guard lock(mutex);
        if (const auto it = versions.find(helper); it != versions.end()) return it->second;
    }
    const Ran ran = run_helper(helper, {"--version"}, "");
    check_ended_well(ran, helper, "when asked its --version");
    std::istringstream in(ran.out);
    std::string first, second;
    std::getline(in, first);
    std::getline(in, second);
    if (first != "reel-espeak 1" || second.rfind("espeak-ng ", 0) != 0 || second.size() == 10)
        throw garbage(helper, fmt::format("--version said \"{}\"", last_line(first + "\n" + second)));
    const std::string version = second.substr(10);
    std::lock_guard lock(mutex);
    versions[helper] = version;
    return version;
}

Synthesised espeak_speak(const Script& script, const std::string& voice, int rate) {
    const std::string helper = espeak_helper();
    // The SSML, and where (in characters) each word starts in it.
    std::string ssml = "<speak>";
    std::vector<std::size_t> word_at;
    std::size_t next_mark = 0;
    for (std::size_t i = 0; i <= script.words.size(); ++i) {
        for (; next_mark < script.marks.size() && script.marks[next_mark].before_word == i; ++next_mark)
            ssml += fmt::format("<mark name=\"{}\"/> ", script.marks[next_mark].name);
        if (i == script.words.size()) break;
        word_at.push_back(code_points(ssml));
        ssml += xml_escape(script.words[i]);
        ssml += ' ';
    }
    ssml += "</speak>";

    static std::atomic<unsigned> counter{0};
    const TempFile wav(fs::temp_directory_path() / fmt::format("reel-espeak-{}-{}.wav", ::getpid(), counter++));
    const Ran ran = run_helper(
        helper, {"--voice", voice, "--rate", std::to_string(rate), "--ssml", "--wav", wav.path.string()}, ssml);
    check_ended_well(ran, helper, fmt::format("while speaking \"{}\"", script.spoken()));

    // Its lines: the format, the version, the rate, the events, and the count of samples last.
    std::vector<std::pair<int, std::int64_t>> word_events;        // (1-based text position, sample)
    std::vector<std::pair<std::string, std::int64_t>> mark_events; // (name, sample)
    int sample_rate = 0;
    std::int64_t samples = -1;
    std::istringstream in(ran.out);
    std::string l;
    for (int n = 1; std::getline(in, l); ++n) {
        auto bad = [&] { return garbage(helper, fmt::format("line {}: \"{}\"", n, l.substr(0, 80))); };
        if (samples >= 0) throw bad(); // nothing after the last line
        const std::size_t sp = l.find(' '), last = l.rfind(' ');
        const std::string_view key = std::string_view(l).substr(0, sp);
        std::int64_t v = 0, w = 0;
        if (n == 1) {
            if (l != "reel-espeak 1") throw bad();
        } else if (n == 2) {
            if (key != "espeak-ng") throw bad();
        } else if (key == "rate" && n == 3) {
            if (!parse_int(std::string_view(l).substr(sp + 1), v) || v < 8000 || v > 192000) throw bad();
            sample_rate = static_cast<int>(v);
        } else if (key == "word" && sample_rate > 0 && sp != last) {
            if (!parse_int(std::string_view(l).substr(sp + 1, last - sp - 1), v) ||
                !parse_int(std::string_view(l).substr(last + 1), w) || v > 1 << 30)
                throw bad();
            word_events.emplace_back(static_cast<int>(v), w);
        } else if (key == "mark" && sample_rate > 0 && sp != last) {
            if (!parse_int(std::string_view(l).substr(last + 1), w)) throw bad();
            mark_events.emplace_back(l.substr(sp + 1, last - sp - 1), w);
        } else if (key == "samples" && sample_rate > 0 && sp == last) {
            if (!parse_int(std::string_view(l).substr(sp + 1), samples) || samples > (std::int64_t{1} << 31)) throw bad();
        } else {
            throw bad();
        }
    }
    if (samples < 0)
        throw garbage(helper, ran.out.empty() ? std::string("it wrote nothing")
                                              : fmt::format("no last line \"samples N\" after \"{}\"", last_line(ran.out)));

    Synthesised out;
    out.rate = sample_rate;
    out.samples = read_helper_wav(wav.path, sample_rate, samples, helper);
    const auto total = static_cast<std::int64_t>(out.samples.size());
    // Each word starts at its first event (espeak-ng may give a number several).
    std::vector<std::int64_t> start(script.words.size(), -1);
    for (const auto& [pos, sample] : word_events) {
        const auto it = std::upper_bound(word_at.begin(), word_at.end(), static_cast<std::size_t>(std::max(0, pos - 1)));
        if (it == word_at.begin()) continue;
        const auto w = static_cast<std::size_t>(it - word_at.begin()) - 1;
        if (start[w] < 0) start[w] = std::clamp<std::int64_t>(sample, 0, total);
    }
    // A word without an event (none seen so far) starts where the one before it does.
    for (std::size_t i = 0; i < start.size(); ++i)
        if (start[i] < 0) start[i] = i == 0 ? 0 : start[i - 1];
    // espeak-ng can report a number's word late, after the words that follow it ("6 query heads"
    // gives "6" after "head"): a word starts no later than the next one.
    for (std::size_t i = start.size(); i-- > 1;) start[i - 1] = std::min(start[i - 1], start[i]);
    // A word ends at its last sample above 1% of full scale before the next word starts.
    const double r = out.rate;
    for (std::size_t i = 0; i < start.size(); ++i) {
        const std::int64_t next = i + 1 < start.size() ? std::max(start[i], start[i + 1]) : total;
        std::int64_t end = next;
        while (end > start[i] && std::abs(static_cast<int>(out.samples[static_cast<std::size_t>(end - 1)])) < 328) --end;
        out.words.emplace_back(static_cast<double>(start[i]) / r, static_cast<double>(end) / r);
    }
    for (const Script::Mark& m : script.marks) {
        const std::int64_t next_word = m.before_word < start.size() ? start[m.before_word] : total;
        std::int64_t at = next_word;
        for (const auto& [name, sample] : mark_events)
            if (name == m.name) at = std::clamp<std::int64_t>(sample, 0, total);
        // A mark reported late with such a number is still where the word after it starts.
        out.marks.push_back(static_cast<double>(std::min(at, next_word)) / r);
    }
    return out;
}

} // namespace reel::sound
