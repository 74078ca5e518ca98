#include "sound/voice.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "sound/decoder.h"
#include "sound/espeak.h"

namespace reel::sound {

namespace fs = std::filesystem;

namespace {

std::atomic<int> g_spoken{0};
std::atomic<int> g_cached{0};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool is_mark_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
}

// 64-bit FNV-1a from `seed`: two seeds make the cache's 128-bit key.
std::uint64_t fnv(std::string_view s, std::uint64_t seed) {
    std::uint64_t h = seed;
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

std::string cache_key(std::string_view what) {
    return fmt::format("{:016x}{:016x}", fnv(what, 14695981039346656037ull), fnv(what, 0x5245454c564f4943ull));
}

// 'text' for /bin/sh.
std::string shell_quote(std::string_view s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    return out + "'";
}

// Characters (code points) in UTF-8 text: the estimate counts them.
std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

void write_file_atomically(const fs::path& path, const std::string& bytes) {
    const fs::path tmp = path.string() + fmt::format(".tmp{}", ::getpid());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out) throw std::runtime_error(fmt::format("cannot write the voice cache file '{}'", tmp.string()));
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) throw std::runtime_error(fmt::format("cannot write the voice cache file '{}': {}", path.string(), ec.message()));
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// A 16-bit mono PCM WAV file's bytes.
std::string wav_bytes(const std::vector<short>& samples, int rate) {
    auto u32 = [](std::string& s, std::uint32_t v) {
        for (int i = 0; i < 4; ++i) s += static_cast<char>((v >> (8 * i)) & 0xFF);
    };
    auto u16 = [](std::string& s, std::uint16_t v) {
        s += static_cast<char>(v & 0xFF);
        s += static_cast<char>(v >> 8);
    };
    const auto data = static_cast<std::uint32_t>(samples.size() * 2);
    std::string s = "RIFF";
    u32(s, 36 + data);
    s += "WAVEfmt ";
    u32(s, 16);
    u16(s, 1); // PCM
    u16(s, 1); // mono
    u32(s, static_cast<std::uint32_t>(rate));
    u32(s, static_cast<std::uint32_t>(rate) * 2);
    u16(s, 2);
    u16(s, 16);
    s += "data";
    u32(s, data);
    for (short v : samples) u16(s, static_cast<std::uint16_t>(v));
    return s;
}

// The sidecar format (docs/sound.md): {"words": [{"word": "Each", "start": 0.12, "end": 0.4},
// ...], "marks": {"rope": 0.93}} with times in seconds from the start of the file; "marks" is
// optional (a mark is then at the start of the word after it).
std::string timing_json(const Script& script, const std::vector<double>& marks,
                        const std::vector<std::pair<double, double>>& words, VoiceTiming timing) {
    nlohmann::json j;
    j["timing"] = timing == VoiceTiming::Estimated ? "estimated" : timing == VoiceTiming::Sidecar ? "sidecar" : "speech";
    j["words"] = nlohmann::json::array();
    for (std::size_t i = 0; i < words.size(); ++i)
        j["words"].push_back({{"word", script.words[i]}, {"start", words[i].first}, {"end", words[i].second}});
    if (!marks.empty()) {
        j["marks"] = nlohmann::json::object();
        for (std::size_t i = 0; i < marks.size(); ++i) j["marks"][script.marks[i].name] = marks[i];
    }
    return j.dump(1);
}

// Letters and digits, lower case: how a sidecar's word is compared with the text's.
std::string fold(std::string_view w) {
    std::string out;
    for (unsigned char c : w) {
        if (c >= 0x80 || std::isalnum(c)) out += static_cast<char>(std::tolower(c));
    }
    return out;
}

// Reads a sidecar for `script` into `line` (timing Sidecar); throws naming the file.
void read_sidecar(const std::string& path, const Script& script, double duration, SpokenLine& line) {
    auto bad = [&](const std::string& why) {
        return std::runtime_error(fmt::format("word timing '{}': {}", path, why));
    };
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(read_file(path));
    } catch (const nlohmann::json::exception& e) {
        throw bad(fmt::format("not JSON ({})", e.what()));
    }
    if (!j.is_object() || !j.contains("words") || !j["words"].is_array())
        throw bad("expected {\"words\": [{\"word\": ..., \"start\": ..., \"end\": ...}, ...]}");
    const auto& words = j["words"];
    if (words.size() != script.words.size())
        throw bad(fmt::format("it has {} words, the voice-over text has {}", words.size(), script.words.size()));
    constexpr double kSlack = 0.05; // a timing tool's rounding past the end of the file
    double previous = 0;
    line.word_times.clear();
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto& w = words[i];
        if (!w.is_object() || !w.contains("word") || !w["word"].is_string() || !w.contains("start") ||
            !w["start"].is_number() || !w.contains("end") || !w["end"].is_number())
            throw bad(fmt::format("word {} needs \"word\" (text), \"start\" and \"end\" (seconds)", i + 1));
        const std::string text = w["word"].get<std::string>();
        if (fold(text) != fold(script.words[i]))
            throw bad(fmt::format("word {} is \"{}\", the voice-over text has \"{}\" there", i + 1, text, script.words[i]));
        const double start = w["start"].get<double>(), end = w["end"].get<double>();
        if (!std::isfinite(start) || !std::isfinite(end) || start < previous - 1e-9 || end < start ||
            end > duration + kSlack)
            throw bad(fmt::format("word {} (\"{}\") has start {} and end {}: times must be in order, within the "
                                  "recording's {:.3f} s",
                                  i + 1, text, start, end, duration));
        previous = start;
        line.word_times.emplace_back(start, std::min(end, duration));
    }
    line.mark_times.clear();
    for (const Script::Mark& m : script.marks) {
        double t = m.before_word < line.word_times.size() ? line.word_times[m.before_word].first
                   : line.word_times.empty()              ? duration
                                                          : line.word_times.back().second;
        if (j.contains("marks") && j["marks"].is_object() && j["marks"].contains(m.name)) {
            const auto& v = j["marks"][m.name];
            if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < 0 ||
                v.get<double>() > duration + kSlack)
                throw bad(fmt::format("mark '{}' must be a time in seconds within {:.3f} s", m.name, duration));
            t = std::min(v.get<double>(), duration);
        }
        line.mark_times.push_back(t);
    }
    line.timing = VoiceTiming::Sidecar;
    line.sidecar = path;
}

// Times in proportion to the characters of the spoken text (spaces count too).
void estimate(const Script& script, double duration, SpokenLine& line) {
    const std::string spoken = script.spoken();
    const double total = static_cast<double>(std::max<std::size_t>(1, code_points(spoken)));
    std::size_t at = 0;
    line.word_times.clear();
    for (const std::string& w : script.words) {
        const double n = static_cast<double>(code_points(w));
        const double a = static_cast<double>(at);
        line.word_times.emplace_back(duration * a / total, duration * (a + n) / total);
        at += code_points(w) + 1;
    }
    line.mark_times.clear();
    for (const Script::Mark& m : script.marks)
        line.mark_times.push_back(m.before_word < line.word_times.size() ? line.word_times[m.before_word].first : duration);
    line.timing = VoiceTiming::Estimated;
}

// ── espeak-ng ──

// Speaks the line with reel-espeak (sound/espeak.h) and writes the cache's WAV and timing files.
void espeak_to_cache(const Script& script, const std::string& voice, int rate, const fs::path& wav, const fs::path& json) {
    const Synthesised s = espeak_speak(script, voice, rate);
    write_file_atomically(wav, wav_bytes(s.samples, s.rate));
    write_file_atomically(json, timing_json(script, s.marks, s.words, VoiceTiming::Speech));
}

// ── another engine's command ──

// Runs `command` through /bin/sh with the text on standard input; throws with its status and
// last error line when it fails.
void run_command(const std::string& command, const std::string& text, const fs::path& dir) {
    const fs::path in = dir / fmt::format("text.tmp{}", ::getpid());
    const fs::path err = dir / fmt::format("err.tmp{}", ::getpid());
    write_file_atomically(in, text);
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error(fmt::format("cannot run the speech command: {}", std::strerror(errno)));
    if (pid == 0) {
        const int fd_in = ::open(in.c_str(), O_RDONLY);
        const int fd_err = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd_in < 0 || fd_err < 0) ::_exit(126);
        ::dup2(fd_in, 0);
        ::dup2(fd_err, 1); // a chatty engine's output goes with its errors, not into Reel's
        ::dup2(fd_err, 2);
        ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    int ws = 0;
    while (::waitpid(pid, &ws, 0) < 0 && errno == EINTR) {
    }
    std::string log = read_file(err);
    std::error_code ec;
    fs::remove(in, ec);
    fs::remove(err, ec);
    if (WIFEXITED(ws) && WEXITSTATUS(ws) == 0) return;
    while (!log.empty() && is_space(log.back())) log.pop_back();
    const std::size_t nl = log.rfind('\n');
    const std::string last = nl == std::string::npos ? log : log.substr(nl + 1);
    const std::string status = WIFEXITED(ws) ? fmt::format("exit status {}", WEXITSTATUS(ws))
                                             : fmt::format("signal {}", WTERMSIG(ws));
    throw std::runtime_error(fmt::format("the speech command `{}` failed ({}){}{}", command, status,
                                         last.empty() ? "" : ": ", last));
}

fs::path ensure_cache_dir() {
    const fs::path dir = voice_cache_dir();
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (!ec) return dir;
    // A home that cannot be written (a sandbox, a read-only CI account): the temporary folder.
    const fs::path fallback = fs::temp_directory_path() / fmt::format("reel-{}", ::getuid()) / "voice";
    std::error_code ec2;
    fs::create_directories(fallback, ec2);
    if (ec2)
        throw std::runtime_error(fmt::format("cannot make the voice cache folder '{}': {}", dir.string(), ec.message()));
    return fallback;
}

} // namespace

std::string Script::spoken() const {
    std::string s;
    for (const std::string& w : words) {
        if (!s.empty()) s += ' ';
        s += w;
    }
    return s;
}

Script parse_script(std::string_view text) {
    Script script;
    std::string word;
    auto flush = [&] {
        if (!word.empty()) script.words.push_back(std::exchange(word, {}));
    };
    for (std::size_t i = 0; i < text.size();) {
        if (text.compare(i, 9, "<bookmark") == 0) {
            flush();
            const std::size_t close = text.find('>', i);
            const std::string_view tag = text.substr(i, close == std::string_view::npos ? std::string_view::npos : close + 1 - i);
            auto bad = [&] {
                return std::invalid_argument(fmt::format(
                    "voice-over text: '{}' is not a bookmark; write <bookmark mark='name'/> (letters, digits, _ - .)", tag));
            };
            if (close == std::string_view::npos || tag.size() < 2 || tag[tag.size() - 2] != '/') throw bad();
            const std::size_t m = tag.find("mark=", 9);
            if (m == std::string_view::npos || m + 5 >= tag.size()) throw bad();
            const char quote = tag[m + 5];
            if (quote != '\'' && quote != '"') throw bad();
            const std::size_t end = tag.find(quote, m + 6);
            if (end == std::string_view::npos) throw bad();
            const std::string name(tag.substr(m + 6, end - m - 6));
            if (name.empty() || !std::all_of(name.begin(), name.end(), is_mark_char)) throw bad();
            for (const Script::Mark& other : script.marks)
                if (other.name == name)
                    throw std::invalid_argument(fmt::format("voice-over text: the bookmark '{}' appears twice", name));
            script.marks.push_back({name, script.words.size()});
            i = close + 1;
            continue;
        }
        if (is_space(text[i])) flush();
        else word += text[i];
        ++i;
    }
    flush();
    return script;
}

std::string voice_cache_dir() {
    if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x == '/') return (fs::path(x) / "reel" / "voice").string();
    if (const char* h = std::getenv("HOME"); h && *h) return (fs::path(h) / ".cache" / "reel" / "voice").string();
    return (fs::temp_directory_path() / fmt::format("reel-{}", ::getuid()) / "voice").string();
}

VoiceStats voice_stats() { return {g_spoken.load(), g_cached.load()}; }

std::string sidecar_path(const std::string& recording) {
    fs::path p(recording);
    p.replace_extension(".words.json");
    return p.string();
}

SpokenLine speak(const Script& script, const SpeechOptions& speech) {
    if (script.words.empty()) throw std::invalid_argument("a voice-over line to speak needs words");
    const bool builtin = speech.command.empty();
    if (builtin && (speech.rate < 80 || speech.rate > 450))
        throw std::invalid_argument(fmt::format("voice-over rate {} words per minute: espeak-ng takes 80 to 450", speech.rate));
    const std::string what =
        builtin ? fmt::format("reel-voice-1\nespeak-ng {}\n{}\n{}\n", espeak_version(), speech.voice, speech.rate)
                : fmt::format("reel-voice-1\ncommand\n{}\n", speech.command);
    const std::string key = cache_key(what + script.spoken() + "\n" + [&] {
        std::string marks;
        for (const Script::Mark& m : script.marks) marks += fmt::format("{}@{} ", m.name, m.before_word);
        return marks;
    }());
    const fs::path dir = ensure_cache_dir();
    const fs::path wav = dir / (key + ".wav");
    const fs::path json = dir / (key + ".words.json");

    SpokenLine line;
    line.path = wav.string();
    line.voice = builtin ? fmt::format("espeak-ng {} {} wpm", speech.voice, speech.rate) : "command: " + speech.command;
    auto produce = [&] {
        if (builtin) {
            espeak_to_cache(script, speech.voice, speech.rate, wav, json);
        } else {
            const fs::path out = dir / fmt::format("{}.out{}.wav", key, ::getpid());
            const fs::path out_sidecar = sidecar_path(out.string());
            std::string command = speech.command;
            for (std::size_t at; (at = command.find("{out}")) != std::string::npos;)
                command.replace(at, 5, shell_quote(out.string()));
            for (std::size_t at; (at = command.find("{text}")) != std::string::npos;)
                command.replace(at, 6, shell_quote(script.spoken()));
            std::error_code ec;
            try {
                run_command(command, script.spoken() + "\n", dir);
                SourceInfo info;
                try {
                    info = probe(out.string());
                } catch (const std::exception& e) {
                    throw std::runtime_error(fmt::format("the speech command `{}` wrote no readable sound: {}", speech.command, e.what()));
                }
                // The command's own word timing when it writes one beside its output.
                SpokenLine timed;
                const double duration = static_cast<double>(info.frames) / kSampleRate;
                if (fs::exists(out_sidecar)) read_sidecar(out_sidecar.string(), script, duration, timed);
                else estimate(script, duration, timed);
                fs::rename(out, wav);
                write_file_atomically(json, timing_json(script, timed.mark_times, timed.word_times, timed.timing));
                fs::remove(out_sidecar, ec);
            } catch (...) {
                fs::remove(out, ec);
                fs::remove(out_sidecar, ec);
                throw;
            }
        }
        ++g_spoken;
    };
    auto load = [&] {
        const SourceInfo info = probe(line.path);
        line.frames = info.frames;
        line.rate = info.rate;
        const double duration = static_cast<double>(line.frames) / kSampleRate;
        read_sidecar(json.string(), script, duration, line);
    };
    if (fs::exists(wav) && fs::exists(json)) {
        try {
            load();
            ++g_cached;
        } catch (const std::exception&) {
            // A cache entry that does not read back (cut short, or written by an older Reel whose
            // word times could go backwards) is spoken again.
            std::error_code ec;
            fs::remove(wav, ec);
            fs::remove(json, ec);
            produce();
            load();
        }
    } else {
        produce();
        load();
    }
    line.sidecar.clear();
    // How the cached line was timed: "timing" in the cache's file (the sidecar format plus it).
    const auto timing = nlohmann::json::parse(read_file(json), nullptr, false);
    const std::string how = timing.is_object() && timing.contains("timing") && timing["timing"].is_string()
                                ? timing["timing"].get<std::string>()
                                : "";
    line.timing = how == "estimated" ? VoiceTiming::Estimated : how == "sidecar" ? VoiceTiming::Sidecar : VoiceTiming::Speech;
    return line;
}

SpokenLine recorded(const Script& script, const std::string& path) {
    SpokenLine line;
    line.path = path;
    const SourceInfo info = probe(path); // throws naming the file
    line.frames = info.frames;
    line.rate = info.rate;
    line.voice = "recording " + path;
    const double duration = static_cast<double>(line.frames) / kSampleRate;
    const std::string sidecar = sidecar_path(path);
    if (fs::exists(sidecar)) read_sidecar(sidecar, script, duration, line);
    else estimate(script, duration, line);
    return line;
}

} // namespace reel::sound
