// The player's behaviour without a window: every key and mouse action, the clock, sections.
#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "player/player.h"

namespace reel {

namespace {

// A video player's speed steps (YouTube's).
constexpr std::array<double, 8> kSpeedSteps = {0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0};
// "Previous section" within this much of a section's start goes to the one before
// (a media player's previous-track habit); later it restarts the current section.
constexpr Seconds kRestartThreshold = 1.0;
// "Number + Enter" takes at most this many digits.
constexpr std::size_t kMaxTyped = 4;

} // namespace

Key digit_key(int n) {
    if (n < 0 || n > 9) throw std::invalid_argument(fmt::format("digit_key: {} is not 0..9", n));
    return static_cast<Key>(static_cast<int>(Key::Digit0) + n);
}

PlayerController::PlayerController(const Timeline& timeline, const PlayerSettings& settings,
                                   Seconds now)
    : timeline_(&timeline), settings_(settings), speed_(settings.speed),
      fullscreen_(settings.fullscreen) {
    if (!(settings.speed >= kMinSpeed && settings.speed <= kMaxSpeed))
        throw std::invalid_argument(fmt::format("speed {:g} is outside {:g} to {:g}", settings.speed,
                                                kMinSpeed, kMaxSpeed));
    if (!(settings.start >= 0 && settings.start <= timeline.duration() + 1e-9))
        throw std::invalid_argument(fmt::format("start {:g} s is outside the timeline (0 to {:.3f} s)",
                                                settings.start, timeline.duration()));
    layout_ = overlay_layout(1280, 720, 1.0);
    anchor_time_ = std::min(settings.start, timeline.duration());
    anchor_wall_ = now;
    ++sound_epoch_;
    started_ = now;
    holds_ = place_holds(timeline);
    if (settings.mode == PlayerMode::Present) {
        // The slide that plays from the start time: the first hold after it.
        const auto& holds = holds_;
        slide_ = 0;
        while (slide_ + 1 < holds.size() && holds[slide_].time <= anchor_time_ + 1e-9) ++slide_;
        if (settings.slide >= 0 && static_cast<std::size_t>(settings.slide) < holds.size())
            slide_ = static_cast<std::size_t>(settings.slide);
        anchor_time_ = std::min(anchor_time_, hold_time(slide_));
    }
    playing_ = !settings.paused && anchor_time_ < stop_time();
}

Seconds PlayerController::raw_time(Seconds now) const {
    return playing_ ? anchor_time_ + speed_ * (now - anchor_wall_) : anchor_time_;
}

Seconds PlayerController::stop_time() const {
    return settings_.mode == PlayerMode::Present ? hold_time(slide_) : timeline_->duration();
}

Seconds PlayerController::hold_time(std::size_t i) const {
    const auto& holds = holds_;
    if (holds.empty()) return timeline_->duration();
    return hold_picture_time(holds[std::min(i, holds.size() - 1)], timeline_->duration());
}

bool PlayerController::looping() const {
    const auto& holds = holds_;
    return settings_.mode == PlayerMode::Present && slide_ < holds.size() && holds[slide_].loop &&
           hold_time(slide_) > holds[slide_].start;
}

bool PlayerController::at_hold(Seconds now) const {
    return !playing_ && time(now) >= hold_time(slide_) - 1e-9;
}

Seconds PlayerController::time(Seconds now) const {
    Seconds t = raw_time(now);
    Seconds d = timeline_->duration();
    if (playing_ && settings_.loop && settings_.mode == PlayerMode::Play && d > 0 && t >= d)
        return std::fmod(t, d);
    if (playing_ && looping()) {
        const Seconds from = holds_[slide_].start;
        const Seconds len = holds_[slide_].time - from;
        if (t >= from + len) return std::min(from + std::fmod(t - from, len), stop_time());
    }
    return std::clamp(t, 0.0, stop_time());
}

std::size_t PlayerController::section(Seconds now) const { return timeline_->section_at(time(now)); }

void PlayerController::seek(Seconds t, Seconds now) {
    anchor_time_ = std::clamp(t, 0.0, timeline_->duration());
    anchor_wall_ = now;
    ++sound_epoch_;
    changed();
}

void PlayerController::set_playing(bool on, Seconds now) {
    anchor_time_ = time(now);
    anchor_wall_ = now;
    ++sound_epoch_;
    playing_ = on;
    changed();
}

SoundCue PlayerController::sound_cue() const {
    SoundCue cue;
    cue.epoch = sound_epoch_;
    cue.audible = playing_ && !muted_ && speed_ == 1.0;
    cue.grain = scrubbing_ && !muted_;
    // Where the last seek, pause, resume, speed change or section jump left the clock, not the
    // time shown when the window gets to restart the sound: a click just after a seek target
    // must not be skipped because the restart came a few milliseconds later. The picture then
    // waits there for the sound (follow_sound).
    cue.sample = std::llround(anchor_time_ * kSampleRate);
    return cue;
}

void PlayerController::follow_sound(Seconds heard, Seconds now) {
    // Only the running clock moves: no restart (epoch), nothing redrawn beyond playback.
    if (!playing_) return;
    anchor_time_ = heard;
    anchor_wall_ = now;
}

void PlayerController::update(Seconds now) {
    if (!playing_) return;
    Seconds t = raw_time(now);
    Seconds d = timeline_->duration();
    if (settings_.loop && settings_.mode == PlayerMode::Play && d > 0) {
        // Re-anchor inside [0, d) so the clock never grows without bound.
        if (t >= d) {
            anchor_time_ = std::fmod(t, d);
            anchor_wall_ = now;
            ++sound_epoch_;
        }
        return;
    }
    if (looping()) {
        if (t >= holds_[slide_].time) { // start over; re-anchored so the clock stays small
            anchor_time_ = time(now);
            anchor_wall_ = now;
            ++sound_epoch_;
        }
        return;
    }
    if (t >= stop_time()) {
        anchor_time_ = stop_time();
        anchor_wall_ = now;
        ++sound_epoch_;
        playing_ = false;
        changed();
    }
}

void PlayerController::key(Key k, Seconds now) {
    const bool present = settings_.mode == PlayerMode::Present;
    // PowerPoint's Esc ends the show; here it first drops a number being typed.
    if (present && k == Key::Escape && !typed_.empty()) {
        typed_.clear();
        changed();
        return;
    }
    if (window_key(k, now)) return;
    if (present)
        key_present(k, now);
    else
        key_play(k, now);
}

bool PlayerController::window_key(Key k, Seconds now) {
    switch (k) {
    case Key::F: fullscreen_ = !fullscreen_; break;
    case Key::Q: quit_ = true; break;
    case Key::Help: help_ = !help_; break;
    case Key::M: // the sound starts again at the shown sample when it comes back
        muted_ = !muted_;
        anchor_time_ = time(now);
        anchor_wall_ = now;
        ++sound_epoch_;
        break;
    case Key::Escape: // a video player's Esc: close the keys panel or leave full screen, never quit
        if (help_)
            help_ = false;
        else if (fullscreen_)
            fullscreen_ = false;
        break;
    default: return false;
    }
    if (!typed_.empty()) typed_.clear(); // any other key abandons a number being typed
    changed();
    return true;
}

void PlayerController::key_play(Key k, Seconds now) {
    const Seconds t = time(now);
    const Seconds d = timeline_->duration();
    const auto& secs = timeline_->sections();
    auto seek_shown = [&](Seconds to) {
        seek(to, now);
        last_activity_ = now; // a keyboard seek shows the bar for a moment
    };
    auto step_frame = [&](long delta) {
        set_playing(false, now);
        const long last = timeline_->frame_count(kTimelineFps);
        long frame = std::clamp(std::lround(t * kTimelineFps) + delta, 0L, last);
        seek_shown(static_cast<Seconds>(frame) / kTimelineFps);
        stepped_frame_ = frame;
    };
    stepped_frame_.reset();
    switch (k) {
    case Key::Space:
    case Key::K:
        if (playing_) {
            set_playing(false, now);
        } else {
            if (t >= d) seek(0, now); // at the end, play means play again
            set_playing(true, now);
        }
        break;
    case Key::J: seek_shown(t - 10); break;
    case Key::L: seek_shown(t + 10); break;
    case Key::Left: seek_shown(t - 5); break;
    case Key::Right: seek_shown(t + 5); break;
    case Key::Comma: step_frame(-1); break;
    case Key::Period: step_frame(+1); break;
    case Key::Home: seek_shown(0); break;
    case Key::End: seek_shown(d); break;
    case Key::Digit0: case Key::Digit1: case Key::Digit2: case Key::Digit3: case Key::Digit4:
    case Key::Digit5: case Key::Digit6: case Key::Digit7: case Key::Digit8: case Key::Digit9:
        seek_shown(d * (static_cast<int>(k) - static_cast<int>(Key::Digit0)) / 10.0);
        break;
    case Key::Slower:
    case Key::Faster: {
        double next = speed_;
        if (k == Key::Slower) {
            for (double s : kSpeedSteps)
                if (s < speed_ - 1e-9) next = s;
        } else {
            for (auto it = kSpeedSteps.rbegin(); it != kSpeedSteps.rend(); ++it)
                if (*it > speed_ + 1e-9) next = *it;
        }
        anchor_time_ = t;
        anchor_wall_ = now;
        ++sound_epoch_;
        speed_ = next;
        last_activity_ = now;
        changed();
        break;
    }
    case Key::N:
    case Key::PageDown: {
        std::size_t i = timeline_->section_at(t);
        if (i + 1 < secs.size()) seek_shown(secs[i + 1].start);
        break;
    }
    case Key::P:
    case Key::PageUp: {
        std::size_t i = timeline_->section_at(t);
        if (i < secs.size() && (t - secs[i].start > kRestartThreshold || i == 0))
            seek_shown(secs[i].start);
        else if (i > 0)
            seek_shown(secs[i - 1].start);
        break;
    }
    case Key::F: case Key::Escape: case Key::Q: case Key::Help: case Key::M: break; // window_key
    case Key::B: case Key::Enter: case Key::Backspace: case Key::C: break; // presenter mode only
    }
}

void PlayerController::present_play(std::size_t i, Seconds from, Seconds now) {
    const auto& holds = holds_;
    if (holds.empty()) return;
    slide_ = std::min(i, holds.size() - 1);
    black_ = false;
    anchor_time_ = std::clamp(from, 0.0, hold_time(slide_));
    anchor_wall_ = now;
    ++sound_epoch_;
    playing_ = anchor_time_ < stop_time();
    changed();
}

void PlayerController::present_show(std::size_t i, Seconds now, bool still) {
    const auto& holds = holds_;
    if (holds.empty()) return;
    i = std::min(i, holds.size() - 1);
    // A looping slide is shown looping (unless asked to stand); any other stands on its hold.
    if (!still && holds[i].loop && hold_time(i) > holds[i].start) {
        present_play(i, holds[i].start, now);
        return;
    }
    slide_ = i;
    black_ = false;
    ended_ = false;
    anchor_time_ = hold_time(i);
    anchor_wall_ = now;
    ++sound_epoch_;
    playing_ = false;
    changed();
}

void PlayerController::key_present(Key k, Seconds now) {
    const std::size_t count = holds_.size();
    if (count == 0) return;
    const bool digit = k >= Key::Digit0 && k <= Key::Digit9;
    if (!digit && k != Key::Enter && k != Key::Backspace && k != Key::Escape && !typed_.empty()) {
        typed_.clear(); // any other key abandons the number
        changed();
    }
    switch (k) {
    case Key::Right:
    case Key::PageDown:
    case Key::Space:
    case Key::N:
        if (black_) {
            black_ = false;
            changed();
        } else if (playing_ && !looping()) {
            present_show(slide_, now); // a press during the animation completes it
        } else if (slide_ + 1 < count) {
            present_play(slide_ + 1, holds_[slide_ + 1].start, now);
        } else if (looping() && playing_) {
            present_show(slide_, now, true); // the last slide: "next" ends its loop
        } else if (!ended_) {
            ended_ = true; // past the last slide: the audience sees that the show is over
            changed();
        }
        break;
    case Key::Left:
    case Key::PageUp:
    case Key::P:
        if (black_ || ended_) {
            black_ = false;
            ended_ = false;
            changed();
        } else if (slide_ > 0) {
            present_show(slide_ - 1, now); // at the hold or mid-slide: where this slide began
        } else if (!at_hold(now)) {
            present_show(0, now); // the first slide has no earlier picture that is not black
        }
        break;
    case Key::Home: present_show(0, now); break;
    case Key::End: present_show(count - 1, now); break;
    case Key::Digit0: case Key::Digit1: case Key::Digit2: case Key::Digit3: case Key::Digit4:
    case Key::Digit5: case Key::Digit6: case Key::Digit7: case Key::Digit8: case Key::Digit9:
        if (typed_.size() < kMaxTyped && !(typed_.empty() && k == Key::Digit0)) {
            typed_ += static_cast<char>('0' + (static_cast<int>(k) - static_cast<int>(Key::Digit0)));
            changed();
        }
        break;
    case Key::Backspace:
        if (!typed_.empty()) {
            typed_.pop_back();
            changed();
        }
        break;
    case Key::Enter:
        if (!typed_.empty()) {
            const std::size_t n = std::stoul(typed_);
            typed_.clear();
            if (n >= 1 && n <= count)
                present_show(n - 1, now);
            else
                changed(); // out of range: the number is dropped
        }
        break;
    case Key::B:
    case Key::Period:
        black_ = !black_;
        changed();
        break;
    case Key::C:
        counter_ = !counter_;
        changed();
        break;
    default: break; // the video player's keys do nothing in a presentation
    }
}

std::string PlayerController::corner_text(Seconds now) const {
    (void)now;
    if (settings_.mode == PlayerMode::Present) {
        if (!typed_.empty()) return fmt::format("go to {}", typed_);
        if (!counter_ || holds_.empty()) return {};
        return fmt::format("{} / {}", slide_ + 1, holds_.size());
    }
    if (stepped_frame_ && !playing_)
        return fmt::format("frame {} / {}", *stepped_frame_, timeline_->frame_count(kTimelineFps));
    return {};
}

const std::string& PlayerController::notes() const {
    static const std::string none;
    const auto& holds = holds_;
    return slide_ < holds.size() ? holds[slide_].notes : none;
}

std::optional<Seconds> PlayerController::next_picture() const {
    if (slide_ + 1 >= holds_.size()) return std::nullopt;
    return hold_time(slide_ + 1);
}

void PlayerController::mouse_move(double x, double y, Seconds now) {
    if (settings_.mode == PlayerMode::Present) return;
    bool was_visible = overlay_visible(now);
    last_activity_ = now;
    if (scrubbing_) {
        seek(layout_.time_at(x, timeline_->duration()), now);
        return;
    }
    std::optional<Seconds> h;
    if (layout_.hit.contains(x, y)) h = layout_.time_at(x, timeline_->duration());
    if (h != hover_ || !was_visible) {
        hover_ = h;
        changed();
    }
}

void PlayerController::mouse_down(double x, double y, Seconds now) {
    if (settings_.mode == PlayerMode::Present) {
        key_present(Key::Right, now);
        return;
    }
    last_activity_ = now;
    if (layout_.hit.contains(x, y)) {
        resume_after_scrub_ = playing_;
        if (playing_) set_playing(false, now);
        scrubbing_ = true;
        hover_.reset();
        seek(layout_.time_at(x, timeline_->duration()), now);
    } else {
        key_play(Key::Space, now); // a click on the picture plays / pauses
    }
}

void PlayerController::mouse_up(double x, double y, Seconds now) {
    if (settings_.mode == PlayerMode::Present || !scrubbing_) return;
    last_activity_ = now;
    scrubbing_ = false;
    Seconds t = layout_.time_at(x, timeline_->duration());
    seek(t, now);
    if (layout_.hit.contains(x, y)) hover_ = t;
    if (resume_after_scrub_ && t < timeline_->duration()) set_playing(true, now);
}

void PlayerController::mouse_leave(Seconds now) {
    (void)now;
    if (hover_) {
        hover_.reset();
        changed();
    }
}

void PlayerController::resize(int width, int height, double scale) {
    layout_ = overlay_layout(width, height, scale);
    changed();
}

void PlayerController::set_fullscreen(bool on) {
    if (fullscreen_ == on) return;
    fullscreen_ = on;
    changed();
}

void PlayerController::set_timeline(const Timeline& timeline, Seconds now) {
    // The same place in the new version: the same section (by name) and the same time into it,
    // else the same time; playing or paused, speed and mode as they were. A presenter held on a
    // slide stays held on the slide of that number (at its mark in the new version).
    const Seconds t = time(now);
    const bool held = settings_.mode == PlayerMode::Present && at_hold(now);
    Seconds next = t;
    const auto& old_secs = timeline_->sections();
    const std::size_t i = timeline_->section_at(t);
    std::optional<std::size_t> same;
    if (i < old_secs.size()) {
        const auto& secs = timeline.sections();
        for (std::size_t j = 0; j < secs.size(); ++j)
            if (secs[j].name == old_secs[i].name) same = j;
        if (same) {
            const auto& s = timeline.sections()[*same];
            next = s.start + std::min(t - old_secs[i].start, s.duration);
        }
    }
    timeline_ = &timeline;
    holds_ = place_holds(timeline);
    if (settings_.mode == PlayerMode::Present) {
        // The slide of the new version that contains the same place.
        const auto& holds = holds_;
        const Seconds at = std::min(next, timeline.duration());
        if (held && !holds.empty()) {
            slide_ = std::min(slide_, holds.size() - 1);
            next = hold_time(slide_);
        } else {
            slide_ = 0;
            while (slide_ + 1 < holds.size() && holds[slide_].time < at - 1e-9) ++slide_;
        }
        typed_.clear();
    }
    anchor_time_ = std::clamp(next, 0.0, stop_time());
    anchor_wall_ = now;
    ++sound_epoch_;
    if (playing_ && anchor_time_ >= stop_time() && !settings_.loop) playing_ = false;
    hover_.reset();
    changed();
}

void PlayerController::set_error(std::string message) {
    if (message == error_) return;
    error_ = std::move(message);
    changed();
}

void PlayerController::set_activity(std::string text) {
    if (text == activity_) return;
    activity_ = std::move(text);
    changed();
}

bool PlayerController::overlay_visible(Seconds now) const {
    if (settings_.mode == PlayerMode::Present) return false;
    return !playing_ || scrubbing_ || hover_.has_value() || now - last_activity_ < kOverlayHideDelay;
}

std::string PlayerController::title(Seconds now) const {
    Seconds t = time(now);
    const auto& secs = timeline_->sections();
    std::size_t i = timeline_->section_at(t);
    std::string title = settings_.scene_name.empty() ? std::string("reel") : settings_.scene_name;
    if (i < secs.size() && !secs[i].name.empty()) title += " \u2014 " + secs[i].name;
    title += fmt::format(" \u2014 {} / {}", format_clock(t), format_clock(timeline_->duration()));
    if (speed_ != 1.0) title += fmt::format(" ({:g}\u00d7)", speed_);
    if (settings_.mode == PlayerMode::Present && ended_)
        title += " \u2014 end of the presentation";
    else if (settings_.mode == PlayerMode::Present && !holds_.empty())
        title += fmt::format(" \u2014 slide {} / {}", slide_ + 1, holds_.size());
    else if (stepped_frame_ && !playing_)
        title += fmt::format(" \u2014 frame {}", *stepped_frame_);
    return title;
}

OverlayView PlayerController::overlay(Seconds now) const {
    OverlayView v;
    v.bar = overlay_visible(now);
    v.time = time(now);
    v.duration = timeline_->duration();
    v.sections = timeline_->sections();
    v.voiceovers = timeline_->voiceovers();
    v.playing = playing_;
    v.speed = speed_;
    v.scrubbing = scrubbing_;
    v.hover = hover_;
    v.error = error_;
    v.activity = activity_;
    if (help_) v.help = help_lines();
    v.corner = corner_text(now);
    if (ended_) v.banner = "End of the presentation";
    return v;
}

std::vector<HelpLine> PlayerController::help_lines() const {
    if (settings_.mode == PlayerMode::Present)
        return {
            {"\u2192  PgDn  Space  click", "next slide (completes a running one)"},
            {"\u2190  PgUp", "previous slide, as it ends"},
            {"number  Enter", "go to that slide"},
            {"Home  End", "first / last slide"},
            {"B  .", "black screen and back"},
            {"C", "show / hide the slide counter"},
            {"M", "sound off / on"},
            {"F", "full screen"},
            {"Esc", "close this, leave full screen"},
            {"Q", "quit"},
            {"?", "show / hide the keys"},
        };
    return {
        {"Space  K", "play / pause"},
        {"J  L", "back / forward 10 s"},
        {"\u2190  \u2192", "back / forward 5 s"},
        {",  .", "one frame back / forward"},
        {"Home  End", "start / end"},
        {"0 \u2013 9", "jump to 0 \u2013 90 %"},
        {"<  >", "slower / faster (0.25\u00d7 \u2013 2\u00d7)"},
        {"N  P   PgDn  PgUp", "next / previous section"},
        {"M", "sound off / on (silent at speeds other than 1\u00d7)"},
        {"F", "full screen"},
        {"Esc", "close this, leave full screen"},
        {"Q", "quit"},
        {"?", "show / hide the keys"},
        {"mouse", "click the bar to seek, drag to scrub (heard in short grains)"},
    };
}

} // namespace reel
