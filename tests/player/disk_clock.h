// When SDL's disk audio driver played what: the truth the player's sound clock is checked against.
//
// The disk driver (SDL_AUDIODRIVER=disk) takes a buffer from the player, writes it to
// SDL_DISKAUDIOFILE and sleeps for the buffer's length, over and over: the file is what was
// played, and a buffer "plays" from the moment it is written until the next one is. Its writes
// go through stdio, so the file grows in whole stdio blocks (4096 bytes) at the moment of the
// driver's write that overflowed a block. A thread woken by inotify on every write of the file
// notes the time and the file's size; the frame being played at any wall time follows from
// those (late by that thread's wake-up, well under a millisecond on a quiet machine). The file's
// size alone, read at a present, lags what was written by up to a block (10.7 ms).
#pragma once

#include <poll.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "window.h"

namespace reel::test {

/// When the disk driver played which frame of its file.
class DiskClock {
public:
    /// Watches `file` (created empty if missing; the driver truncates and writes it). The
    /// driver's buffers are `buffer_frames` stereo float frames.
    DiskClock(const std::filesystem::path& file, std::int64_t buffer_frames)
        : file_(file), buffer_frames_(buffer_frames) {
        if (!std::filesystem::exists(file)) std::ofstream(file, std::ios::binary).flush();
        fd_ = inotify_init1(IN_CLOEXEC);
        if (fd_ < 0 || inotify_add_watch(fd_, file.c_str(), IN_MODIFY) < 0)
            throw std::runtime_error("inotify on " + file.string() + " failed");
        thread_ = std::thread([this] { watch(); });
    }
    ~DiskClock() {
        stop_ = true;
        thread_.join();
        ::close(fd_);
    }
    DiskClock(const DiskClock&) = delete;
    DiskClock& operator=(const DiskClock&) = delete;

    /// The frame of the file being played at wall time `at` (wall_now()'s clock): interpolated
    /// between the buffers written before and after it; nullopt outside the writes seen.
    std::optional<double> playing(Seconds at) const {
        std::lock_guard lock(mutex_);
        auto after = std::upper_bound(writes_.begin(), writes_.end(), at,
                                      [](Seconds t, const Write& w) { return t < w.wall; });
        if (after == writes_.begin() || after == writes_.end()) return std::nullopt;
        const Write& a = *(after - 1);
        const Write& b = *after;
        // Buffer k plays from its write on: frame (k - 1) * buffer at a's moment.
        const double fa = static_cast<double>((a.buffers - 1) * buffer_frames_);
        const double fb = static_cast<double>((b.buffers - 1) * buffer_frames_);
        return fa + (fb - fa) * (at - a.wall) / (b.wall - a.wall);
    }
private:
    struct Write {
        Seconds wall = 0;
        std::int64_t buffers = 0; // the driver's buffers written by then
    };


    void watch() {
        alignas(inotify_event) char events[4096];
        pollfd p{fd_, POLLIN, 0};
        while (!stop_) {
            if (::poll(&p, 1, 20) <= 0) continue;
            const Seconds now = wall_now();
            if (::read(fd_, events, sizeof events) <= 0) continue;
            struct stat st {};
            if (::stat(file_.c_str(), &st) != 0) continue;
            const auto bytes = static_cast<std::int64_t>(st.st_size);
            const std::int64_t buffer_bytes = buffer_frames_ * 8;
            // The driver's write that made the file this long: stdio flushes a full block when a
            // write does not fit in it, so it was the first write to go past the size (one
            // that fills the block exactly leaves it for the next).
            const std::int64_t buffers = bytes / buffer_bytes + 1;
            std::lock_guard lock(mutex_);
            if (bytes <= 0 || (!writes_.empty() && buffers <= writes_.back().buffers)) continue;
            writes_.push_back({now, buffers});
        }
    }

    std::filesystem::path file_;
    std::int64_t buffer_frames_;
    int fd_ = -1;
    std::atomic<bool> stop_{false};
    mutable std::mutex mutex_;
    std::vector<Write> writes_;
    std::thread thread_;
};

/// The left channel of a file the disk driver wrote (48 kHz stereo float).
inline std::vector<float> recorded_left(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), {});
    std::vector<float> left(bytes.size() / 8);
    for (std::size_t i = 0; i < left.size(); ++i) std::memcpy(&left[i], bytes.data() + 8 * i, 4);
    return left;
}

/// Where clicks start in `left`: the first sample above 0.05 after at least 20 ms below it. (A
/// click cut off by a seek may come less than 100 ms before the next one in the file.)
inline std::vector<std::int64_t> click_onsets(const std::vector<float>& left) {
    std::vector<std::int64_t> out;
    std::int64_t last = -1'000'000;
    for (std::size_t i = 0; i < left.size(); ++i)
        if (std::abs(left[i]) > 0.05f) {
            const auto at = static_cast<std::int64_t>(i);
            if (at - last > 960) out.push_back(at);
            last = at;
        }
    return out;
}

} // namespace reel::test
