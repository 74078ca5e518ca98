// AtomicFile: nothing visible until commit, only provably own temporaries of dead runs removed, any legal
// name fits, all-or-nothing replacement of several files.
#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "files/atomic_file.h"
#include "files/runtime.h"
#include "support/run_reel.h"

namespace fs = std::filesystem;
using reel::AtomicFile;
using reel::FileError;

namespace {

fs::path fresh(const std::string& name) {
    fs::path dir = fs::path(REEL_TEST_OUTPUT_DIR) / "files" / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

std::vector<std::string> listing(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void put(const fs::path& p, const std::string& bytes) { std::ofstream(p, std::ios::binary) << bytes; }

// Sets or clears the immutable attribute (ext4, xfs, btrfs; needs root); false if unsupported.
bool set_immutable(const fs::path& p, bool on) {
    int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    int flags = 0;
    bool ok = ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0;
    if (ok) {
        flags = on ? (flags | FS_IMMUTABLE_FL) : (flags & ~FS_IMMUTABLE_FL);
        ok = ioctl(fd, FS_IOC_SETFLAGS, &flags) == 0;
    }
    ::close(fd);
    return ok;
}

} // namespace

TEST(AtomicFile, NothingIsVisibleBeforeCommit) {
    auto dir = fresh("invisible");
    put(dir / "a.txt", "old");
    {
        AtomicFile f((dir / "a.txt").string());
        f.write_all("new");
        if (f.unnamed()) {
            EXPECT_EQ(listing(dir), std::vector<std::string>{"a.txt"});
        }
        EXPECT_EQ(slurp(dir / "a.txt"), "old");
        f.commit();
    }
    EXPECT_EQ(listing(dir), std::vector<std::string>{"a.txt"});
    EXPECT_EQ(slurp(dir / "a.txt"), "new");
    {
        AtomicFile f((dir / "b.txt").string());
        f.write_all("dropped");
    } // not committed: gone
    EXPECT_EQ(listing(dir), std::vector<std::string>{"a.txt"});
}

// Issue 22: a user's ".thesis.tmp-2024" was deleted because no process 2024 existed. Names
// prove nothing: files named like any temporary of any version stay.
TEST(AtomicFile, UserFilesNamedLikeTemporariesOfDeadProcessesAreKept) {
    auto dir = fresh("stale_names");
    const std::string dead = std::to_string(reel::test::dead_pid());
    const std::vector<std::string> user = {".thesis.tmp-" + dead, ".x.png.reel-" + dead + "-Ab12Cd.part",
                                           ".x.png.reel-tmp-" + dead + "-Ab12Cd", ".notes.txt", "x.png"};
    for (const auto& n : user) put(dir / n, "the user's");
    {
        AtomicFile f((dir / "out.png").string(), AtomicFile::Temp::Named);
        f.write_all("new");
        f.commit();
    }
    reel::sweep_dead_temporaries();
    std::vector<std::string> want = user;
    want.push_back("out.png");
    std::sort(want.begin(), want.end());
    EXPECT_EQ(listing(dir), want);
    for (const auto& n : user) EXPECT_EQ(slurp(dir / n), "the user's") << n;
}

// A run killed with a named temporary open: the next sweep removes that file (its journal
// proves it), and only it.
TEST(AtomicFile, TemporariesOfAKilledProcessAreSweptByTheNextRun) {
    auto dir = fresh("stale_journal");
    auto runtime = fresh("stale_journal_runtime");
    ASSERT_EQ(setenv("XDG_RUNTIME_DIR", runtime.c_str(), 1), 0);
    put(dir / ".y.png.reel-tmp-1-abcdef", "the user's, named like ours");
    pid_t pid = fork();
    if (pid == 0) {
        AtomicFile f((dir / "out.png").string(), AtomicFile::Temp::Named);
        f.write_all("half");
        ::kill(getpid(), SIGKILL);
        _exit(1);
    }
    int ws = 0;
    ASSERT_EQ(waitpid(pid, &ws, 0), pid);
    ASSERT_TRUE(WIFSIGNALED(ws));
    ASSERT_EQ(listing(dir).size(), 2u) << "the killed run left no temporary to sweep";
    EXPECT_TRUE(fs::exists(runtime / "reel"));
    EXPECT_EQ(fs::status(runtime / "reel").permissions() & fs::perms::all, fs::perms::owner_all);
    EXPECT_EQ(reel::sweep_dead_temporaries(), 1);
    EXPECT_EQ(listing(dir), std::vector<std::string>{".y.png.reel-tmp-1-abcdef"});
    EXPECT_TRUE(listing(runtime / "reel").empty()) << "the journal stayed";
    unsetenv("XDG_RUNTIME_DIR");
}

// The journal is this user's alone: a runtime folder that is a link (anyone can plant one in
// /tmp) or belongs to another user is refused with one line, and then nothing is swept; one
// of ours that is open to others is closed again. The link and mode cases hold for any user;
// giving a folder away needs root, so only root checks that case (the CI runs as root).
TEST(AtomicFile, RuntimeFolderOfAnotherUserIsRefused) {
    auto runtime = fresh("runtime_other");
    ASSERT_EQ(setenv("XDG_RUNTIME_DIR", runtime.c_str(), 1), 0);
    // The folder when accepted, else the refusal.
    auto refusal = []() -> std::string {
        try {
            return reel::runtime_folder();
        } catch (const FileError& e) {
            return e.what();
        }
    };
    auto elsewhere = fresh("runtime_other_target");
    fs::create_directory_symlink(elsewhere, runtime / "reel");
    EXPECT_NE(refusal().find("is not a folder (a link or a file)"), std::string::npos) << refusal();
    EXPECT_EQ(reel::sweep_dead_temporaries(), 0);
    EXPECT_TRUE(fs::is_empty(elsewhere)) << "something was made through the link";
    fs::remove(runtime / "reel");

    fs::create_directory(runtime / "reel");
    fs::permissions(runtime / "reel", fs::perms::all);
    EXPECT_EQ(refusal(), (runtime / "reel").string());
    EXPECT_EQ(fs::status(runtime / "reel").permissions() & fs::perms::all, fs::perms::owner_all);

    if (geteuid() == 0) {
        ASSERT_EQ(chown((runtime / "reel").c_str(), 65534, 65534), 0);
        EXPECT_NE(refusal().find("belongs to another user"), std::string::npos) << refusal();
        EXPECT_EQ(reel::sweep_dead_temporaries(), 0);
    }
    unsetenv("XDG_RUNTIME_DIR");
}

TEST(AtomicFile, NamedTemporariesAreDotFilesThatFitAnyLegalName) {
    auto dir = fresh("long");
    const std::string name = std::string(251, 'n') + ".png"; // 255 bytes: the longest legal name
    AtomicFile f((dir / name).string(), AtomicFile::Temp::Named);
    EXPECT_FALSE(f.unnamed());
    const std::string temp = fs::path(f.path()).filename().string();
    EXPECT_EQ(temp[0], '.');
    EXPECT_LE(temp.size(), 255u);
    f.write_all("data");
    f.commit();
    EXPECT_EQ(listing(dir), std::vector<std::string>{name});
    EXPECT_EQ(slurp(dir / name), "data");
}

TEST(AtomicFile, ModeOfTheReplacedFileIsKept) {
    auto dir = fresh("mode");
    for (auto temp : {AtomicFile::Temp::Auto, AtomicFile::Temp::Named}) {
        put(dir / "secret", "old");
        ASSERT_EQ(chmod((dir / "secret").c_str(), 0600), 0);
        AtomicFile f((dir / "secret").string(), temp);
        f.write_all("new");
        f.commit();
        struct stat st {};
        ASSERT_EQ(stat((dir / "secret").c_str(), &st), 0);
        EXPECT_EQ(st.st_mode & 07777, 0600u);
    }
}

TEST(AtomicFile, LinksDevicesAndFoldersAreRefused) {
    auto dir = fresh("refused");
    put(dir / "real", "old");
    fs::create_symlink(dir / "real", dir / "link");
    fs::create_directory(dir / "sub");
    auto message = [](const fs::path& p) {
        try {
            AtomicFile f(p.string());
        } catch (const FileError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_NE(message(dir / "link").find("symbolic link"), std::string::npos);
    EXPECT_NE(message(dir / "sub").find("is a folder"), std::string::npos);
    EXPECT_NE(message("/dev/null").find("not a regular file"), std::string::npos);
    EXPECT_NE(message(dir / "missing" / "x").find("does not exist"), std::string::npos);
    EXPECT_NE(message(dir / std::string(256, 'x')).find("too long"), std::string::npos);
    EXPECT_EQ(slurp(dir / "real"), "old");
    EXPECT_EQ(listing(dir), (std::vector<std::string>{"link", "real", "sub"}));
}

TEST(AtomicFile, CommitAllSwapsBackWhenOneTargetCannotBeReplaced) {
    auto dir = fresh("all_or_nothing");
    put(dir / "a", "old a");
    put(dir / "c", "old c");
    {
        AtomicFile a((dir / "a").string()), b((dir / "b").string()), c((dir / "c").string());
        a.write_all("new a");
        b.write_all("new b");
        c.write_all("new c");
        if (!set_immutable(dir / "c", true)) GTEST_SKIP() << "no immutable attribute here (needs root and ext4)";
        try {
            AtomicFile::commit_all({&a, &b, &c});
            ADD_FAILURE() << "an immutable target was replaced";
        } catch (const FileError& e) {
            EXPECT_NE(std::string(e.what()).find("no file was changed"), std::string::npos) << e.what();
        }
        set_immutable(dir / "c", false);
    }
    EXPECT_EQ(listing(dir), (std::vector<std::string>{"a", "c"}));
    EXPECT_EQ(slurp(dir / "a"), "old a");
    EXPECT_EQ(slurp(dir / "c"), "old c");
    {
        AtomicFile a((dir / "a").string()), b((dir / "b").string()), c((dir / "c").string());
        a.write_all("new a");
        b.write_all("new b");
        c.write_all("new c");
        AtomicFile::commit_all({&a, &b, &c});
    }
    EXPECT_EQ(listing(dir), (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_EQ(slurp(dir / "a"), "new a");
    EXPECT_EQ(slurp(dir / "b"), "new b");
    EXPECT_EQ(slurp(dir / "c"), "new c");
}
