// The crash handlers: what a segfault, abort(), a stack overflow or a bad instruction in scene
// code turns into. Everything up to the symbol lookup is async-signal-safe (fixed buffers,
// write, unlink); the lookup (backtrace, dladdr, demangling) is not, so an alarm guards it and
// the line is written without the frame if it hangs.
#include "crash.h"

#include <atomic>
#include <climits>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include <cxxabi.h>
#include <dlfcn.h>
#include <elf.h>
#include <execinfo.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <ucontext.h>
#include <unistd.h>

#include "base/signal_stack.h"
#include "files/runtime.h"
#include "supervise.h"

namespace reel::cli {

namespace {

char g_label[96] = "reel";
char g_scene[256];
char g_plugin[1024];
char g_opened[PATH_MAX];
std::atomic<int> g_signal{0}; // the signal being reported
int g_status_fd = -1;         // a supervisor's pipe
std::size_t g_message_at = 0; // where the message starts after "reel COMMAND: error: "
char* g_demangle_buffer = nullptr;
std::size_t g_demangle_size = 0;

// A line built without allocating.
struct Line {
    char text[4096];
    std::size_t size = 0;
    Line& add(const char* s) {
        while (s && *s && size + 1 < sizeof text) text[size++] = *s++;
        text[size] = '\0';
        return *this;
    }
    Line& add_hex(std::uintptr_t v) {
        char digits[2 + 2 * sizeof v + 1];
        int n = 0;
        do {
            digits[n++] = "0123456789abcdef"[v & 15];
            v >>= 4;
        } while (v);
        add("0x");
        while (n > 0) {
            const char c[2] = {digits[--n], '\0'};
            add(c);
        }
        return *this;
    }
};

Line g_base; // the message without the frame: what the alarm writes if the lookup hangs

void write_all(const char* s, std::size_t n) noexcept {
    while (n > 0) {
        ssize_t w = ::write(2, s, n);
        if (w <= 0) return;
        s += w;
        n -= static_cast<std::size_t>(w);
    }
}

const char* base_name(const char* path) {
    const char* slash = std::strrchr(path, '/');
    return slash ? slash + 1 : path;
}

const char* describe(int sig, const siginfo_t* info) {
    switch (sig) {
    case SIGSEGV: {
        const auto addr = reinterpret_cast<std::uintptr_t>(info ? info->si_addr : nullptr);
        // A fault just below the thread's stack: its guard page, hit by too deep recursion.
        const std::uintptr_t low = reel::thread_stack_low();
        if (low && addr < low + 65536 && addr + (std::uintptr_t{1} << 24) > low)
            return "stack overflow (recursion too deep)";
        return "segmentation fault";
    }
    case SIGBUS: return "bus error";
    case SIGFPE: return "arithmetic exception (SIGFPE)";
    case SIGILL: return "illegal instruction";
    case SIGABRT: return "abort() called";
    default: return "fatal signal";
    }
}

// As a shell reports a process killed by `sig`: 128 + its number (139 for a segfault).
[[noreturn]] void exit_for_signal(int sig) noexcept { ::_exit(128 + sig); }

extern "C" void on_lookup_alarm(int) {
    write_status(g_status_fd, "crash", g_base.text + g_message_at);
    g_base.add("\n");
    write_all(g_base.text, g_base.size);
    exit_for_signal(g_signal.load());
}

// The function at `offset` (from the load base) in the full symbol table of `file` (.symtab:
// it has the static functions, REEL_SCENE's bodies among them, that dladdr cannot see).
const char* symtab_name(const char* file, std::uintptr_t offset) {
    int fd = ::open(file, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return nullptr;
    struct stat st {};
    if (::fstat(fd, &st) != 0 || st.st_size < static_cast<off_t>(sizeof(Elf64_Ehdr))) {
        ::close(fd);
        return nullptr;
    }
    const auto size = static_cast<std::size_t>(st.st_size);
    void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (map == MAP_FAILED) return nullptr; // left mapped otherwise: the process is ending
    const auto* bytes = static_cast<const unsigned char*>(map);
    Elf64_Ehdr eh;
    std::memcpy(&eh, bytes, sizeof eh);
    if (std::memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 || eh.e_ident[EI_CLASS] != ELFCLASS64 ||
        eh.e_shentsize != sizeof(Elf64_Shdr) || eh.e_shoff + std::uint64_t{eh.e_shnum} * sizeof(Elf64_Shdr) > size)
        return nullptr;
    auto section = [&](std::size_t i) {
        Elf64_Shdr sh;
        std::memcpy(&sh, bytes + eh.e_shoff + i * sizeof sh, sizeof sh);
        return sh;
    };
    for (std::size_t i = 0; i < eh.e_shnum; ++i) {
        const Elf64_Shdr sym = section(i);
        if (sym.sh_type != SHT_SYMTAB || sym.sh_link >= eh.e_shnum || sym.sh_offset + sym.sh_size > size) continue;
        const Elf64_Shdr str = section(sym.sh_link);
        if (str.sh_offset + str.sh_size > size) continue;
        for (std::size_t k = 0; k < sym.sh_size / sizeof(Elf64_Sym); ++k) {
            Elf64_Sym e;
            std::memcpy(&e, bytes + sym.sh_offset + k * sizeof e, sizeof e);
            if (ELF64_ST_TYPE(e.st_info) != STT_FUNC || offset < e.st_value || offset >= e.st_value + e.st_size ||
                e.st_name >= str.sh_size)
                continue;
            return reinterpret_cast<const char*>(bytes + str.sh_offset + e.st_name);
        }
    }
    return nullptr;
}

// A function's name as its author wrote it: demangled, without "(anonymous namespace)::" and
// the compiler's " [clone .cold]"; REEL_SCENE's function as "the body of REEL_SCENE(name)".
void add_function_name(Line& line, const char* name) {
    int status = -1;
    char* out = abi::__cxa_demangle(name, g_demangle_buffer, &g_demangle_size, &status);
    if (status == 0 && out) g_demangle_buffer = out;
    Line shown;
    shown.add(status == 0 && out ? out : name);
    char* text = shown.text;
    static constexpr char kAnonymous[] = "(anonymous namespace)::";
    for (char* at; (at = std::strstr(text, kAnonymous)) != nullptr;)
        std::memmove(at, at + sizeof kAnonymous - 1, std::strlen(at + sizeof kAnonymous - 1) + 1);
    if (char* clone = std::strstr(text, " [clone ")) *clone = '\0';
    static constexpr char kBody[] = "reel_scene_body_";
    if (std::strncmp(text, kBody, sizeof kBody - 1) == 0) {
        if (char* paren = std::strchr(text, '(')) *paren = '\0';
        line.add("the body of REEL_SCENE(").add(text + sizeof kBody - 1).add(")");
        return;
    }
    line.add(text);
}

// The innermost frame of scene code: the first frame of the stack inside the plug-in's file.
void add_scene_frame(Line& line, const void* fault_pc) {
    void* frames[64];
    const int n = ::backtrace(frames, 64);
    for (int i = 0; i < n; ++i) {
        Dl_info di{};
        // Return addresses point after the call: look up the call itself. The faulting
        // instruction is where it is (and may be the first of its function).
        void* pc = static_cast<char*>(frames[i]) - (frames[i] == fault_pc ? 0 : 1);
        if (!::dladdr(pc, &di) || !di.dli_fname || std::strcmp(di.dli_fname, g_opened) != 0) continue;
        const std::uintptr_t offset =
            reinterpret_cast<std::uintptr_t>(pc) - reinterpret_cast<std::uintptr_t>(di.dli_fbase);
        const char* name = di.dli_sname;
        // The copy dlopen opened may be gone already: the file as given has the same symbols.
        if (!name) name = symtab_name(g_opened, offset);
        if (!name && g_plugin[0]) name = symtab_name(g_plugin, offset);
        line.add(" in ");
        if (name)
            add_function_name(line, name);
        else
            line.add(base_name(g_plugin[0] ? g_plugin : g_opened)).add("+").add_hex(offset);
        return;
    }
}

extern "C" void on_crash(int sig, siginfo_t* info, void* context) {
    static std::atomic<bool> crashing{false};
    if (crashing.exchange(true)) {
        for (;;) ::pause(); // another thread crashed too: the first one reports and exits
    }
    g_signal.store(sig);
    reel::remove_registered_temporaries();
    g_base.add(g_label).add(": error: ");
    g_message_at = g_base.size;
    if (g_scene[0]) {
        g_base.add("scene '").add(g_scene).add("'");
        if (g_plugin[0]) g_base.add(" (plug-in ").add(base_name(g_plugin)).add(")");
        g_base.add(" crashed: ");
    } else if (g_plugin[0]) {
        g_base.add("plug-in '").add(g_plugin).add("' crashed while loading: ");
    } else {
        g_base.add("crashed: ");
    }
    g_base.add(describe(sig, info));
    Line full = g_base;
    struct sigaction alarm_action {};
    alarm_action.sa_handler = on_lookup_alarm;
    sigemptyset(&alarm_action.sa_mask);
    ::sigaction(SIGALRM, &alarm_action, nullptr);
    ::alarm(2);
    const void* fault_pc = nullptr;
#if defined(__x86_64__)
    if (context) fault_pc = reinterpret_cast<const void*>(static_cast<const ucontext_t*>(context)->uc_mcontext.gregs[REG_RIP]);
#elif defined(__aarch64__)
    if (context) fault_pc = reinterpret_cast<const void*>(static_cast<const ucontext_t*>(context)->uc_mcontext.pc);
#endif
    if (g_opened[0]) add_scene_frame(full, fault_pc);
    if (!g_scene[0] && !g_plugin[0]) full.add(" (a bug in Reel: please report it)");
    write_status(g_status_fd, "crash", full.text + g_message_at);
    full.add("\n");
    write_all(full.text, full.size);
    exit_for_signal(sig);
}

void copy_into(char* to, std::size_t size, const std::string& from) {
    const std::size_t n = std::min(size - 1, from.size());
    std::memcpy(to, from.data(), n);
    to[n] = '\0';
}

} // namespace

void install_crash_handlers(const std::string& command) {
    copy_into(g_label, sizeof g_label, "reel " + command);
    // The handler runs on its own stack: the thread's may be the one that overflowed. The
    // main thread's lives as long as the process (other threads that run scene code make
    // their own). A static object, not one on the heap that only a never-read pointer holds:
    // the compiler may drop such a pointer, and LeakSanitizer then reports the stack as leaked
    // at exit whenever no stale copy of it is left on the main thread's stack (after Ctrl-C,
    // the exit status was 1 instead of 130).
    static SignalStack main_stack;
    // backtrace loads libgcc on its first call: not in a handler.
    void* warm[2];
    (void)::backtrace(warm, 2);
    g_demangle_size = 1024;
    g_demangle_buffer = static_cast<char*>(std::malloc(g_demangle_size));
    struct sigaction sa {};
    sa.sa_sigaction = on_crash;
    // Not SA_RESETHAND: a second thread crashing while the first reports (two exporter workers
    // running the same updater) must wait in the handler, not end the process without a word.
    // A fault inside the handler still ends it: the signal is blocked while the handler runs.
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT}) ::sigaction(sig, &sa, nullptr);
}

void set_crash_context(const std::string& scene, const std::string& plugin, const std::string& opened) {
    copy_into(g_scene, sizeof g_scene, scene);
    copy_into(g_plugin, sizeof g_plugin, plugin);
    copy_into(g_opened, sizeof g_opened, opened);
}

void set_crash_status_fd(int fd) { g_status_fd = fd; }

const char* command_label() { return g_label; }

void write_error_line(const char* text) noexcept {
    Line line;
    line.add(g_label).add(": error: ").add(text).add("\n");
    write_all(line.text, line.size);
}

} // namespace reel::cli
