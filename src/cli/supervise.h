// `reel dev`, `play --watch` and `present --watch` run supervised: the process the user started
// keeps no scene code; the player (which loads, records and draws scene code) is its child, and
// when scene code crashes, hangs past the recording limit or is killed, the supervisor starts the
// player again at the same moment on the last good version, with the error over it.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "player/player.h"

namespace reel::cli {

/// The exit status of a player child that abandoned a recording which did not stop.
inline constexpr int kAbandonedStatus = 75;

/// True for a command that runs supervised: dev, and play / present with --watch.
bool runs_supervised(const std::string& command, bool watch);

/// Runs this command again (the same arguments) as the player child and starts it again after
/// a crash, a kill or an abandoned recording, as long as it had shown a version; returns the
/// exit status to end with (the child's own when it quit, failed to start or crashed again
/// before showing anything).
int supervise(int argc, char** argv);

/// What a supervised player child was given by its supervisor (nullopt when not supervised).
struct SupervisedChild {
    int status_fd = -1;       ///< lines to the supervisor ("at ...", "crash ...", "abandoned ...")
    std::string keep_dir;     ///< where the last good plug-in is kept (LiveOptions::keep_dir)
    bool restarted = false;   ///< started again: the first version is keep_dir's last-good.so
    std::string error;        ///< why (shown over the picture)
    Seconds at = 0;           ///< the moment shown when the previous child died
    bool playing = true;
    double speed = 1;
    bool fullscreen = false;
    long slide = -1;          ///< presenting: the slide being presented
};
/// Reads (once) and removes the supervisor's environment variables.
const std::optional<SupervisedChild>& supervised_child();

/// A supervised child that has shown a version and then sends nothing for this long (its
/// window's thread is stuck in scene code, an updater that never returns) is ended and started
/// again; a restarted child gets kStartLimit to show its first picture.
inline constexpr double kUnresponsiveLimit = 10;
inline constexpr double kStartLimit = 60;

/// A child's LiveSource around the session: reports what is shown to the supervisor, and that
/// the window's thread is alive (it is woken once a second to say so, "alive").
class ReportingSource : public LiveSource {
public:
    ReportingSource(LiveSource& inner, int status_fd) : inner_(inner), fd_(status_fd) {}
    ~ReportingSource() override;
    ReportingSource(const ReportingSource&) = delete;
    ReportingSource& operator=(const ReportingSource&) = delete;
    void connect(std::function<void()> wake) override;
    const Timeline* poll(std::string& error) override;
    std::string activity() override { return inner_.activity(); }
    void showing(const PlayerController& controller, Seconds now) override;

private:
    void stop_ticking();

    LiveSource& inner_;
    int fd_;
    std::string last_;
    Seconds last_sent_ = -1;
    Seconds last_alive_ = -1;
    std::mutex mutex_;
    std::condition_variable cv_;
    std::function<void()> wake_;
    bool stop_ = false;
    std::thread ticker_;
};

/// Writes one line to the supervisor (async-signal-safe; nothing when `fd` < 0).
void write_status(int fd, const char* kind, const char* text) noexcept;

} // namespace reel::cli
