// What the live tests share: the test plug-ins, folders of their own, installing a plug-in as a
// linker does, comparing pictures, and a stand-in for the player's side of a LiveSource.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <vector>

#include "player/player.h"
#include "render/render.h"

namespace reel {

namespace fs = std::filesystem;

inline std::string plugin(const std::string& name) { return std::string(REEL_TEST_PLUGIN_DIR) + "/" + name + ".so"; }

// A folder of its own under the test output folder (in the folder of the tests' `area`).
inline fs::path fresh_dir(const std::string& name, const std::string& area = "live") {
    fs::path d = fs::path(REEL_TEST_OUTPUT_DIR) / area / name;
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

// Replaces `to` with a copy of `from` as a linker does (a new file under the same name).
inline void install_as(const std::string& from, const fs::path& to) {
    fs::path tmp = to;
    tmp += ".tmp";
    fs::copy_file(from, tmp, fs::copy_options::overwrite_existing);
    fs::rename(tmp, to);
}

inline Image picture(const Timeline& tl, Seconds t) { return render_frame(tl.state_at(t), 320, 180); }

// Fraction of pixels of a and b that differ by more than 8 in any channel, in rows [y0, y1).
inline double differing(const Image& a, const Image& b, int y0, int y1) {
    long diff = 0, total = 0;
    for (int y = y0; y < y1; ++y)
        for (int x = 0; x < a.width; ++x, ++total) {
            const std::uint8_t* p = a.row(y) + 4 * x;
            const std::uint8_t* q = b.row(y) + 4 * x;
            for (int c = 0; c < 4; ++c)
                if (std::abs(int(p[c]) - int(q[c])) > 8) {
                    ++diff;
                    break;
                }
        }
    return total ? static_cast<double>(diff) / static_cast<double>(total) : 0;
}

inline std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// What the player does with a LiveSession, without the player: connects, waits for a wake and
// polls, collecting every error it was given.
class Poller {
public:
    explicit Poller(LiveSource& source) : source_(source) {
        source_.connect([this] {
            std::lock_guard lock(mutex_);
            woken_ = true;
            cv_.notify_one();
        });
    }
    ~Poller() { source_.connect({}); }
    Poller(const Poller&) = delete;
    Poller& operator=(const Poller&) = delete;

    // Polls after every wake until a new timeline arrives or `limit` passes; nullptr then.
    const Timeline* next_timeline(std::chrono::milliseconds limit = std::chrono::milliseconds(10000)) {
        const auto until = std::chrono::steady_clock::now() + limit;
        while (true) {
            {
                std::unique_lock lock(mutex_);
                if (!cv_.wait_until(lock, until, [&] { return woken_; })) return nullptr;
                woken_ = false;
            }
            std::string error;
            const Timeline* next = source_.poll(error);
            errors.push_back(error);
            if (next) return next;
        }
    }
    // Polls after every wake until an error is published (or `limit` passes): that error. (A
    // session also wakes the player while it records, to show "recording... N s".)
    std::string next_error(std::chrono::milliseconds limit = std::chrono::milliseconds(10000)) {
        const auto until = std::chrono::steady_clock::now() + limit;
        while (true) {
            {
                std::unique_lock lock(mutex_);
                if (!cv_.wait_until(lock, until, [&] { return woken_; })) return "(no wake)";
                woken_ = false;
            }
            std::string error;
            if (source_.poll(error)) return "(a new timeline)";
            errors.push_back(error);
            if (!error.empty()) return error;
        }
    }

    std::vector<std::string> errors; ///< every error text poll() gave, in order

private:
    LiveSource& source_;
    std::mutex mutex_;
    std::condition_variable cv_;
    bool woken_ = false;
};

} // namespace reel
