// Recording: Manim's Scene.play / wait / add / remove, turned into immutable segments
// (the scene list and the segments themselves: scene_impl.cpp; sounds and voice-over:
// scene_sound.cpp).
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <unordered_map>

#include <fmt/format.h>

#include "scene_impl.h"

namespace reel {

using namespace scene_detail;

Scene::Scene() : Scene(RecordingOptions{}) {}
Scene::Scene(const RecordingOptions& options)
    : recording_(make_owned<Recording>(options)), impl_(make_owned<Impl>(recording_->context)) {
    impl_->cancel = options.cancel;
}
Scene::~Scene() = default;

RecordingContext& Scene::context() { return recording_->context; }
const RecordingContext& Scene::context() const { return recording_->context; }

void Scene::add(const Mobject& m) {
    impl_->check_stop();
    impl_->check_memory();
    impl_->add(m);
}
void Scene::remove(const Mobject& m) { impl_->remove(m); }

void Scene::add_foreground_mobjects(const std::vector<Mobject>& mobjects) {
    auto& fg = impl_->foreground;
    for (const Mobject& m : mobjects) // Manim's list_update: moved to the end
        fg.erase(std::remove_if(fg.begin(), fg.end(), [&](const Mobject& f) { return f.same(m); }), fg.end());
    fg.insert(fg.end(), mobjects.begin(), mobjects.end());
    // Manim's add(*mobjects) with the foreground appended: the list ends with them in order.
    for (const Mobject& m : mobjects) add(m);
}

void Scene::play(const std::vector<AnimationPtr>& anims, const PlayOptions& o) {
    impl_->check_stop();
    impl_->check_memory();
    if (anims.empty()) throw std::invalid_argument("Scene::play needs at least one animation");
    for (const auto& a : anims) {
        if (!a) throw std::invalid_argument("Scene::play got a null animation");
        if (o.run_time) a->set_run_time(*o.run_time);
        if (o.rate_func) a->set_rate_func(o.rate_func);
        if (!(a->run_time() > 0) || !std::isfinite(a->run_time()))
            throw std::invalid_argument(fmt::format("{}: run_time = {:g}: it must be a positive, finite number of seconds",
                                                    a->name(), a->run_time()));
    }
    // Non-introducers whose mobject is not on screen are added first (argument order; the
    // parts of a group one by one) ...
    for (const auto& a : anims)
        for (Animation* p : a->parts())
            if (!p->introducer() && !impl_->in_scene(p->mobject())) impl_->add(p->mobject());
    // ... then each animation begins, introducers adding themselves.
    for (const auto& a : anims) {
        for (Animation* p : a->parts())
            if (p->introducer() && !impl_->in_scene(p->mobject())) impl_->add(p->mobject());
        a->begin();
    }
    Seconds d = 0;
    std::string desc;
    for (const auto& a : anims) {
        d = std::max(d, a->run_time());
        desc += (desc.empty() ? "" : " + ") + a->describe();
    }
    impl_->push_segment(SegmentInfo::Kind::Play, d, quantise_play(d), anims, std::move(desc));
    sample_traces(*impl_->segments.back(), *impl_->traces);
    for (const auto& a : anims) a->finish();
    impl_->update_after(*impl_->segments.back(), impl_->segments.back()->info.duration);
    for (const auto& a : anims) {
        auto parts = a->parts();
        if (std::find(parts.begin(), parts.end(), a.get()) == parts.end()) parts.push_back(a.get());
        for (Animation* p : parts) {
            if (p->remover()) impl_->remove(p->mobject());
            for (const auto& m : p->removed_on_finish()) impl_->remove(m);
            for (const auto& m : p->added_on_finish()) impl_->add(m);
        }
    }
}

void Scene::wait(Seconds d) {
    impl_->check_stop();
    impl_->check_memory();
    if (!(d > 0) || !std::isfinite(d))
        throw std::invalid_argument(
            fmt::format("Scene::wait({:g}): the duration must be a positive, finite number of seconds", d));
    // Manim's wait is a Wait animation: a frozen frame of int(d * fps) frames unless a
    // mobject on screen has a time-based updater (should_update_mobjects), then played as any
    // animation, ceil(d * fps) frames.
    bool updating = false;
    for (const auto& top : impl_->mobjects)
        for (const auto& m : top.family()) updating = updating || m.has_time_based_updater();
    impl_->push_segment(SegmentInfo::Kind::Wait, d, updating ? quantise_play(d) : quantise_wait(d), {},
                        fmt::format("Wait(rt={:g})", d));
    sample_traces(*impl_->segments.back(), *impl_->traces);
    impl_->update_after(*impl_->segments.back(), impl_->segments.back()->info.duration);
}

void Scene::section(std::string name) {
    check_utf8(name, "Scene::section", fmt::format("the name of section {}", impl_->sections.size() + 1));
    impl_->sections.push_back(Section{std::move(name), impl_->time, 0});
}

void Scene::next_slide(const SlideOptions& options) {
    if (!(impl_->time > 0))
        throw std::invalid_argument("Scene::next_slide at time 0: play something first (the slide would be empty)");
    auto& marks = impl_->marks;
    const bool same = !marks.empty() && marks.back().time == impl_->time;
    check_utf8(options.notes, "Scene::next_slide", fmt::format("the notes of slide {}", marks.size() + (same ? 0 : 1)));
    if (same) {
        SlideMark& m = marks.back();
        if (!options.notes.empty()) m.notes += (m.notes.empty() ? "" : "\n") + options.notes;
        m.loop = m.loop || options.loop;
        return;
    }
    marks.push_back(SlideMark{impl_->time, options.notes, options.loop});
}

Seconds Scene::time() const { return impl_->time; }

void Scene::set_background_color(Color c) {
    auto& list = impl_->backgrounds;
    if (!list.empty() && list.back().first == impl_->time) list.back().second = c;
    else list.emplace_back(impl_->time, c);
}

void Scene::set_background_color(std::string_view hex) {
    Color c;
    if (!Color::parse(hex, c))
        throw std::invalid_argument(
            fmt::format("set_background_color: \"{}\" is not a colour (#RRGGBB or #RGB)", hex));
    set_background_color(c);
}

std::vector<Mobject> Scene::mobjects() const { return impl_->mobjects; }

SceneCamera& Scene::camera() { return impl_->camera; }

Timeline Scene::finish() {
    Timeline t;
    t.segments_ = std::move(impl_->segments);
    t.duration_ = impl_->time;
    const auto final_order = impl_->draw_order();
    for (const auto& leaf : final_order) t.final_state_.push_back(leaf.leaf_state());
    if (!impl_->camera.image_mobjects_from_cameras().empty()) {
        std::unordered_map<std::uint64_t, SlotRef> where;
        for (std::size_t i = 0; i < final_order.size(); ++i) where[final_order[i].id()] = SlotRef{static_cast<int>(i), 0};
        auto find = [&](const Mobject& m) {
            auto it = where.find(m.id());
            return it == where.end() ? SlotRef{} : it->second;
        };
        std::vector<FeedRecord> feeds;
        for (const SceneCamera::Feed& feed : impl_->camera.image_mobjects_from_cameras()) {
            FeedRecord r;
            r.display = find(feed.display);
            r.frame = find(feed.frame);
            r.frame_state = feed.frame.leaf_state();
            for (const Mobject& l : feed.display.leaves())
                if (SlotRef ref = find(l); ref.slot >= 0) r.family.push_back(ref);
            r.background = feed.background;
            feeds.push_back(std::move(r));
        }
        apply_feeds(feeds, t.final_state_, nullptr);
    }
    // The last picture, through the camera as the scene left it.
    SceneCamera& cam = impl_->camera;
    t.final_view_ = view_of(cam.frame().leaf_state());
    if (cam.three_d()) {
        three_d::CameraState state;
        state.phi = cam.phi_tracker().get_value();
        state.theta = cam.theta_tracker().get_value();
        state.gamma = cam.gamma_tracker().get_value();
        state.zoom = cam.zoom_tracker().get_value();
        state.focal_distance = cam.focal_distance_tracker().get_value();
        state.light_source = cam.light_source().get_center();
        state.frame_center = cam.frame_center();
        three_d::project_items(t.final_state_, state);
    }
    t.final_key_ = new_layer_key();
    t.sections_ = std::move(impl_->sections);
    if (t.sections_.empty() || t.sections_.front().start > 0)
        t.sections_.insert(t.sections_.begin(), Section{"main", 0, 0});
    for (std::size_t i = 0; i < t.sections_.size(); ++i) {
        Seconds end = i + 1 < t.sections_.size() ? t.sections_[i + 1].start : t.duration_;
        t.sections_[i].duration = end - t.sections_[i].start;
    }
    t.marks_ = std::move(impl_->marks);
    // Sounds end with the scene (it does not grow for them, so the picture and the sound of an
    // export are equally long): a sound running past the end is cut there.
    const std::int64_t end_sample = std::llround(t.duration_ * kSampleRate);
    t.sounds_ = recording_->context.take_sounds();
    for (Sound& s : t.sounds_) {
        if (s.start_sample >= end_sample)
            throw std::invalid_argument(fmt::format(
                "Scene::add_sound('{}'): the sound starts at {:.3f} s, at or after the end of the scene ({:.3f} s), "
                "so it would never be heard; play or wait after adding it",
                s.source, s.start, t.duration_));
        s.frames = std::min(s.source_frames - s.trim, end_sample - s.start_sample);
    }
    // Music ducks under every voice-over line, whenever the scene added it.
    for (Sound& s : t.sounds_) {
        if (s.duck_db == 0) continue;
        for (const VoiceoverLine& v : impl_->voiceovers) {
            const Sound& voice = t.sounds_[v.sound];
            s.duck_spans.emplace_back(voice.start_sample, voice.start_sample + voice.frames);
        }
    }
    t.voiceovers_ = std::move(impl_->voiceovers);
    t.backgrounds_ = std::move(impl_->backgrounds);
    t.traces_ = std::move(impl_->traces);
    impl_ = make_owned<Impl>(recording_->context);
    return t;
}

} // namespace reel
