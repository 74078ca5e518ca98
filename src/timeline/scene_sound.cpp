// Scene's sounds: add_sound, add_music, and voice-over lines with their bookmarks
// (manim-voiceover's `with self.voiceover(...)` and `wait_until_bookmark`).
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "scene_impl.h"
#include "sound/decoder.h"
#include "sound/voice.h"

namespace reel {

using namespace scene_detail;

namespace {

// A sound of the file at `now + time_offset` (Scene::add_sound's checks, in its words).
Sound sound_at(const std::string& path, Seconds now, Seconds time_offset, double gain_db) {
    if (!std::isfinite(time_offset) || !std::isfinite(gain_db))
        throw std::invalid_argument(fmt::format("Scene::add_sound('{}'): time_offset and gain_db must be finite numbers", path));
    const Seconds start = now + time_offset;
    if (start < 0)
        throw std::invalid_argument(fmt::format(
            "Scene::add_sound('{}'): the sound would start at {:.3f} s (now {:.3f} s, time_offset {:.3f} s); "
            "a sound starts at 0 or later",
            path, start, now, time_offset));
    const sound::SourceInfo info = sound::probe(path); // throws naming the file
    Sound s;
    s.source = path;
    s.start = start;
    s.start_sample = std::llround(start * kSampleRate);
    s.gain_db = gain_db;
    s.source_frames = info.frames;
    s.source_rate = info.rate;
    s.frames = info.frames;
    return s;
}

} // namespace

void Scene::add_sound(const std::string& path, const SoundOptions& options) {
    recording_->context.add_sound(sound_at(path, impl_->time, options.time_offset, options.gain_db));
}

void Scene::add_music(const std::string& path, const MusicOptions& options) {
    if (!std::isfinite(options.duck_db) || options.duck_db > 0 || !std::isfinite(options.duck_ramp) ||
        options.duck_ramp < 0 || options.duck_ramp > 10)
        throw std::invalid_argument(fmt::format(
            "Scene::add_music('{}'): duck_db must be 0 or less (decibels) and duck_ramp 0 to 10 seconds", path));
    Sound s = sound_at(path, impl_->time, options.time_offset, options.gain_db);
    s.duck_db = options.duck_db;
    s.duck_ramp = std::llround(options.duck_ramp * kSampleRate);
    recording_->context.add_sound(std::move(s)); // its duck_spans are the voice-over lines, known at finish
}

namespace {

// The start of a voice-over text for messages: its first 40 characters.
std::string line_label(std::string_view text) {
    std::string t(text.substr(0, 40));
    for (char& c : t)
        if (c == '\n' || c == '\t') c = ' ';
    return text.size() > 40 ? t + "..." : t;
}

std::string mark_list(const VoiceoverLine& line) {
    if (line.bookmarks.empty()) return "it has no bookmarks";
    std::string list;
    for (const VoiceoverBookmark& b : line.bookmarks) list += (list.empty() ? "'" : ", '") + b.mark + "'";
    return "its bookmarks: " + list;
}

const VoiceoverBookmark* find_mark(const VoiceoverLine& line, std::string_view mark) {
    for (const VoiceoverBookmark& b : line.bookmarks)
        if (b.mark == mark) return &b;
    return nullptr;
}

} // namespace

void Scene::set_speech(const SpeechOptions& speech) { impl_->speech = speech; }

void Scene::voiceover(std::string_view text, const VoiceoverOptions& options, const Function<void(Voiceover&)>& block) {
    impl_->check_stop();
    const std::string label = line_label(text);
    if (!std::isfinite(options.gain_db))
        throw std::invalid_argument(fmt::format("Scene::voiceover(\"{}\"): gain_db must be a finite number", label));
    sound::Script script;
    sound::SpokenLine spoken;
    try {
        script = sound::parse_script(text);
        if (!options.recording.empty()) {
            spoken = sound::recorded(script, options.recording);
        } else {
            SpeechOptions speech = impl_->speech;
            if (!options.voice.empty()) speech.voice = options.voice;
            if (options.rate != 0) speech.rate = options.rate;
            if (!options.command.empty()) speech.command = options.command;
            if (speech.voice.empty()) speech.voice = "en-us";
            if (speech.rate == 0) speech.rate = 175;
            spoken = sound::speak(script, speech);
        }
    } catch (const RecordingStopped&) {
        throw;
    } catch (const std::exception& e) {
        throw std::runtime_error(fmt::format("Scene::voiceover(\"{}\"): {}", label, e.what()));
    }
    const Seconds start = impl_->time;
    VoiceoverLine line;
    line.text = script.spoken();
    line.start = start;
    line.duration = static_cast<double>(spoken.frames) / kSampleRate;
    for (std::size_t i = 0; i < script.marks.size(); ++i)
        line.bookmarks.push_back({script.marks[i].name, start + spoken.mark_times[i]});
    for (std::size_t i = 0; i < script.words.size(); ++i)
        line.words.push_back({script.words[i], start + spoken.word_times[i].first, start + spoken.word_times[i].second});
    line.timing = spoken.timing;
    line.voice = spoken.voice;
    line.sound = recording_->context.sounds().size();
    Sound s;
    s.source = spoken.path;
    s.start = start;
    s.start_sample = std::llround(start * kSampleRate);
    s.gain_db = options.gain_db;
    s.source_frames = spoken.frames;
    s.source_rate = spoken.rate;
    s.frames = spoken.frames;
    recording_->context.add_sound(std::move(s));
    const std::size_t index = impl_->voiceovers.size();
    impl_->voiceovers.push_back(std::move(line));
    if (block) {
        // The block's marks are found while it runs, and not after (also when it throws).
        struct Open {
            std::vector<std::size_t>& list;
            ~Open() { list.pop_back(); }
        } open{impl_->open_voiceovers};
        open.list.push_back(index);
        Voiceover v(*this, index);
        block(v);
    }
    // The `with` block's rule: the scene goes on when the voice has finished.
    const VoiceoverLine& done = impl_->voiceovers[index];
    const Seconds left = done.start + done.duration - impl_->time;
    if (left > 0) wait_frames(static_cast<long>(std::ceil(left * kTimelineFps - 1e-6)), "voice-over: " + line_label(done.text));
}

void Scene::wait_until_bookmark(std::string_view mark) {
    impl_->check_stop();
    if (impl_->open_voiceovers.empty())
        throw std::invalid_argument(fmt::format(
            "Scene::wait_until_bookmark('{}'): not inside a voice-over block (s.voiceover(text, [&](Voiceover& v) {{ ... }}))",
            mark));
    const VoiceoverBookmark* found = nullptr;
    for (auto it = impl_->open_voiceovers.rbegin(); it != impl_->open_voiceovers.rend() && !found; ++it)
        found = find_mark(impl_->voiceovers[*it], mark);
    const VoiceoverLine& line = impl_->voiceovers[impl_->open_voiceovers.back()];
    if (!found)
        throw std::invalid_argument(fmt::format("Scene::wait_until_bookmark('{}'): no bookmark '{}' in the voice-over \"{}\"; {}",
                                                mark, mark, line_label(line.text), mark_list(line)));
    const Seconds d = found->time - impl_->time;
    if (d < -0.5 / kTimelineFps)
        throw std::invalid_argument(fmt::format(
            "Scene::wait_until_bookmark('{}'): the bookmark is at {:.3f} s and the scene is already at {:.3f} s; "
            "wait for it before what comes after it",
            mark, found->time, impl_->time));
    const long frames = std::lround(d * kTimelineFps);
    if (frames > 0) wait_frames(frames, fmt::format("wait_until_bookmark('{}')", mark));
}

void Scene::wait_frames(long frames, std::string description) {
    const Seconds d = static_cast<double>(frames) / kTimelineFps;
    impl_->push_segment(SegmentInfo::Kind::Wait, d, d, {}, std::move(description));
    sample_traces(*impl_->segments.back(), *impl_->traces);
    impl_->update_after(*impl_->segments.back(), impl_->segments.back()->info.duration);
}

Seconds Voiceover::duration() const { return line().duration; }

Seconds Voiceover::remaining() const { return std::max(0.0, line().start + line().duration - scene_->time()); }

Seconds Voiceover::time_until_bookmark(std::string_view mark) const {
    const VoiceoverBookmark* b = find_mark(line(), mark);
    if (!b)
        throw std::invalid_argument(fmt::format("Voiceover::time_until_bookmark('{}'): no bookmark '{}' in the voice-over \"{}\"; {}",
                                                mark, mark, line_label(line().text), mark_list(line())));
    return b->time - scene_->time();
}

const VoiceoverLine& Voiceover::line() const { return scene_->impl_->voiceovers.at(index_); }

} // namespace reel
