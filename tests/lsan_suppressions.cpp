// Built into every test executable: LeakSanitizer suppressions for the asan-ubsan preset.
// Pango's fontconfig font map keeps fontconfig patterns and font sets in caches (some filled by
// its background matching thread) that live until exit by design. With full stacks every such
// report passes through libpangoft2; with ASan's default fast unwinding the stack stops inside
// libfontconfig (built without frame pointers). Reel's own allocations are still checked.
// tests/lsan.supp holds the same list for processes the tests start (the reel binary).
extern "C" const char* __lsan_default_suppressions();
extern "C" const char* __lsan_default_suppressions() {
    return "leak:libpangoft2-1.0.so\n"
           "leak:libfontconfig.so\n";
}
