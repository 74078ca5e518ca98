// Recording: Manim's Scene.play / wait / add / remove, turned into immutable segments.
#include <algorithm>
#include <functional>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include <unistd.h>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "mobjects/node.h"
#include "segment.h"
#include "sound/decoder.h"
#include "sound/voice.h"

namespace reel {

namespace {

// The offset of the first byte that is not part of well-formed UTF-8 (no overlong forms, no
// surrogates, nothing past U+10FFFF), or npos. Section names and notes are shown as text (the
// seek bar, the console, the PDF, the HTML deck), where a bad byte fails far from its cause.
std::size_t invalid_utf8_at(const std::string& s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto b = static_cast<unsigned char>(s[i]);
        std::size_t n = 0;
        unsigned lo = 0x80, hi = 0xBF;
        if (b < 0x80) n = 0;
        else if (b >= 0xC2 && b <= 0xDF) n = 1;
        else if (b >= 0xE0 && b <= 0xEF) {
            n = 2;
            if (b == 0xE0) lo = 0xA0;
            if (b == 0xED) hi = 0x9F;
        } else if (b >= 0xF0 && b <= 0xF4) {
            n = 3;
            if (b == 0xF0) lo = 0x90;
            if (b == 0xF4) hi = 0x8F;
        } else
            return i;
        if (n > 0 && i + n >= s.size()) return i;
        for (std::size_t k = 1; k <= n; ++k) {
            const auto c = static_cast<unsigned char>(s[i + k]);
            if (c < (k == 1 ? lo : 0x80) || c > (k == 1 ? hi : 0xBF)) return i;
        }
        i += n + 1;
    }
    return std::string::npos;
}

// `call`: "Scene::section"; `where`: "the name of section 2".
void check_utf8(const std::string& text, const char* call, const std::string& where) {
    const std::size_t at = invalid_utf8_at(text);
    if (at != std::string::npos)
        throw std::invalid_argument(fmt::format("{}: a byte that is not UTF-8 (0x{:02X} at offset {}) in {}: write it "
                                                "as UTF-8 text",
                                                call, static_cast<unsigned char>(text[at]), at, where));
}

using IdSet = std::unordered_set<std::uint64_t>;

IdSet family_ids(const Mobject& m) {
    IdSet s;
    for (const auto& f : m.family()) s.insert(f.id());
    return s;
}

// A limit of the recording: `fallback`, or the value of environment variable `name` when that
// is a positive number (how a user raises it; the messages name the variable).
double limit_from_env(const char* name, double fallback) {
    const char* v = std::getenv(name);
    if (!v || !*v) return fallback;
    char* end = nullptr;
    const double x = std::strtod(v, &end);
    return end && *end == '\0' && x > 0 && std::isfinite(x) ? x : fallback;
}

struct Limits {
    double seconds = limit_from_env("REEL_MAX_SCENE_SECONDS", 24 * 3600.0);
    double segments = limit_from_env("REEL_MAX_SEGMENTS", 1e6);
    double mobjects = limit_from_env("REEL_MAX_MOBJECTS", 1e6);
    // Half the machine's memory by default: a scene that grows without end stops with a
    // message long before the kernel kills the process.
    double megabytes = limit_from_env("REEL_MAX_RECORDING_MB", [] {
        const long pages = ::sysconf(_SC_PHYS_PAGES), page = ::sysconf(_SC_PAGESIZE);
        return pages > 0 && page > 0 ? static_cast<double>(pages) * static_cast<double>(page) / 2 / 1048576.0 : 8192.0;
    }());
};

// This process's resident memory in MB (0 when it cannot be read).
double resident_megabytes() {
    std::FILE* f = std::fopen("/proc/self/statm", "r");
    if (!f) return 0;
    unsigned long size = 0, resident = 0;
    const int n = std::fscanf(f, "%lu %lu", &size, &resident);
    std::fclose(f);
    return n == 2 ? static_cast<double>(resident) * static_cast<double>(::sysconf(_SC_PAGESIZE)) / 1048576.0 : 0;
}

std::string duration_text(double seconds) {
    return seconds >= 3600 && std::fmod(seconds, 3600) == 0 ? fmt::format("{:g} s ({:g} h)", seconds, seconds / 3600)
                                                           : fmt::format("{:g} s", seconds);
}

// Manim's frame counts: ceil(d * fps) frames for a play, int(d / (1 / fps)) for a wait, both
// in floating point.
Seconds quantise_play(Seconds d) {
    return std::ceil(d * kTimelineFps) / kTimelineFps;
}
Seconds quantise_wait(Seconds d) {
    return std::floor(d / (1.0 / kTimelineFps)) / kTimelineFps;
}

} // namespace

struct Scene::Impl {
    explicit Impl(const RecordingContext& c) : context(c) {}
    const RecordingContext& context; // the Scene's: its trackers are this recording's
    SceneCamera camera;
    const std::atomic<bool>* cancel = nullptr;
    Limits limits;
    double start_megabytes = resident_megabytes();
    long calls = 0; // add, play and wait calls: the memory is looked at every 1024th

    // The ids of every family member of the scene's mobjects, kept while no node's children
    // change (Node::structure_generation): add and in_scene then cost the size of the added
    // mobject, not the size of the scene, and 100,000 adds take linear time.
    IdSet present;
    std::uint64_t present_generation = 0;
    bool present_valid = false;

    const IdSet& present_ids() {
        const std::uint64_t now = Node::structure_generation().load(std::memory_order_relaxed);
        if (!present_valid || present_generation != now) {
            present.clear();
            for (const auto& top : mobjects)
                for (const auto& f : top.family()) present.insert(f.id());
            present_generation = now;
            present_valid = true;
        }
        return present;
    }

    void check_memory() {
        if (++calls % 1024 != 0) return;
        const double now = resident_megabytes();
        if (now > 0 && now - start_megabytes > limits.megabytes)
            throw std::length_error(fmt::format(
                "the recording grew by {:.0f} MB, over the limit of {:.0f} MB (at {:.3f} s, {} segments); "
                "set REEL_MAX_RECORDING_MB to raise it",
                now - start_megabytes, limits.megabytes, time, segments.size()));
    }

    // Scene code that loops forever still calls add, play or wait: a stop ends it there.
    void check_stop() const {
        if (cancel && cancel->load(std::memory_order_relaxed)) throw RecordingStopped();
    }
    std::vector<Mobject> mobjects; // Manim's scene.mobjects (top level, painter order)
    std::vector<Mobject> foreground; // Manim's scene.foreground_mobjects (also in mobjects, last)
    std::vector<std::shared_ptr<const Segment>> segments;
    std::vector<Section> sections;
    std::vector<SlideMark> marks;
    std::vector<std::pair<Seconds, Color>> backgrounds;
    std::vector<VoiceoverLine> voiceovers;
    std::vector<std::size_t> open_voiceovers; // the voice-over blocks running, innermost last
    SpeechOptions speech;
    std::shared_ptr<TraceTable> traces = std::make_shared<TraceTable>();
    Seconds time = 0;
    long frames = 0; // total frames at kTimelineFps, so times stay exact multiples

    bool in_scene(const Mobject& m) { return present_ids().count(m.id()) != 0; }

    // Manim's get_restructured_mobject_list: drops members of `remove`, dissolving groups
    // that contain one.
    static void restructure(const std::vector<Mobject>& list, const IdSet& remove,
                            std::vector<Mobject>& out) {
        for (const auto& m : list) {
            if (remove.count(m.id())) continue;
            IdSet hit;
            for (const auto& f : m.family())
                if (remove.count(f.id())) hit.insert(f.id());
            if (!hit.empty()) restructure(m.children(), hit, out);
            else out.push_back(m);
        }
    }

    // Manim's add: [*mobjects, *foreground_mobjects] are taken out, then appended, so the
    // foreground mobjects stay on top of anything added later.
    void add(const Mobject& m) {
        if (!foreground.empty()) {
            // (A foreground mobject added again keeps its place among them: Manim's list has
            // it twice and draws its last occurrence.)
            const bool in_foreground =
                std::any_of(foreground.begin(), foreground.end(), [&](const Mobject& f) { return f.same(m); });
            std::vector<Mobject> list;
            if (!in_foreground) list.push_back(m);
            list.insert(list.end(), foreground.begin(), foreground.end());
            IdSet ids;
            for (const Mobject& f : list)
                for (const auto& x : f.family()) ids.insert(x.id());
            std::vector<Mobject> out;
            restructure(mobjects, ids, out);
            out.insert(out.end(), list.begin(), list.end());
            mobjects = std::move(out);
            present_valid = false;
            return;
        }
        IdSet ids = family_ids(m);
        const IdSet& here = present_ids();
        const bool overlaps = std::any_of(ids.begin(), ids.end(), [&](std::uint64_t id) { return here.count(id) != 0; });
        if (!overlaps) {
            // Nothing of it is on screen yet: Manim's restructuring would keep every mobject.
            if (static_cast<double>(mobjects.size()) + 1 > limits.mobjects)
                throw std::length_error(fmt::format("Scene::add: more than {:g} mobjects in the scene; set "
                                                    "REEL_MAX_MOBJECTS to raise the limit (or add them in a VGroup)",
                                                    limits.mobjects));
            mobjects.push_back(m);
            present.insert(ids.begin(), ids.end());
            return;
        }
        std::vector<Mobject> out;
        restructure(mobjects, ids, out);
        out.push_back(m);
        mobjects = std::move(out);
        present_valid = false;
    }

    void remove(const Mobject& m) {
        if (present_valid && present_generation == Node::structure_generation().load(std::memory_order_relaxed) &&
            !present.count(m.id()))
            return; // not on screen: nothing to restructure
        std::vector<Mobject> out;
        restructure(mobjects, IdSet{m.id()}, out);
        mobjects = std::move(out);
        present_valid = false;
        // Manim restructures the foreground list the same way.
        if (!foreground.empty()) {
            std::vector<Mobject> fg;
            restructure(foreground, IdSet{m.id()}, fg);
            foreground = std::move(fg);
        }
    }

    // The topmost family members with updaters, in scene order.
    std::vector<Mobject> updated_mobjects() const {
        std::vector<Mobject> out;
        IdSet seen;
        std::function<void(const Mobject&)> walk = [&](const Mobject& m) {
            if (!seen.insert(m.id()).second) return;
            if (m.has_updaters()) {
                out.push_back(m);
                return;
            }
            for (const auto& c : m.children()) walk(c);
        };
        for (const auto& top : mobjects) walk(top);
        return out;
    }

    // Runs the updaters after a segment: `dt` for those that ran freely, 0 for animated ones.
    void update_after(const Segment& seg, Seconds dt) {
        IdSet driven;
        for (const auto& a : seg.animations)
            for (const auto& l : a->leaves()) driven.insert(l.id());
        for (auto u : updated_mobjects()) {
            bool animated = false;
            for (const auto& l : u.leaves()) animated = animated || driven.count(l.id());
            u.update(animated ? 0.0 : dt);
            // A TracedPath is where its point has been up to now (trace.cpp).
            if (const Trace* tr = traces->find(u.node().get())) u.set_points(tr->points_at(time));
        }
    }

    // Painter order: families with points, keeping the last occurrence of each leaf.
    std::vector<Mobject> draw_order() const {
        std::vector<Mobject> all;
        for (const auto& top : mobjects)
            for (const auto& l : top.leaves()) all.push_back(l);
        IdSet seen;
        std::vector<Mobject> rev;
        for (auto it = all.rbegin(); it != all.rend(); ++it)
            if (seen.insert(it->id()).second) rev.push_back(*it);
        std::reverse(rev.begin(), rev.end());
        // Manim's camera sorts the family members by z_index (a stable sort).
        std::stable_sort(rev.begin(), rev.end(),
                         [](const Mobject& a, const Mobject& b) { return a.z_index() < b.z_index(); });
        return rev;
    }

    // Where each zoomed display, its camera frame and its family are drawn in this segment.
    void record_feeds(Segment& seg) {
        if (camera.image_mobjects_from_cameras().empty()) return;
        std::unordered_map<std::uint64_t, SlotRef> where;
        for (std::size_t i = 0; i < seg.slots.size(); ++i) {
            const Slot& slot = seg.slots[i];
            const int at = static_cast<int>(i);
            if (slot.dynamic >= 0) {
                const auto leaves = seg.dynamic[static_cast<std::size_t>(slot.dynamic)].original.leaves();
                for (std::size_t k = 0; k < leaves.size(); ++k) where[leaves[k].id()] = SlotRef{at, k};
            } else if (slot.anim >= 0) {
                const auto& leaves = seg.animations[static_cast<std::size_t>(slot.anim)]->leaves();
                if (slot.leaf < leaves.size()) where[leaves[slot.leaf].id()] = SlotRef{at, 0};
            }
        }
        // Static slots follow draw_order one to one up to the unplaced dynamic ones.
        const auto order = draw_order();
        for (std::size_t i = 0; i < seg.slots.size() && i < order.size(); ++i)
            if (seg.slots[i].anim < 0 && seg.slots[i].dynamic < 0) where.emplace(order[i].id(), SlotRef{static_cast<int>(i), 0});
        auto find = [&](const Mobject& m) {
            auto it = where.find(m.id());
            return it == where.end() ? SlotRef{} : it->second;
        };
        for (const SceneCamera::Feed& feed : camera.image_mobjects_from_cameras()) {
            FeedRecord r;
            r.display = find(feed.display);
            if (r.display.slot < 0) continue; // not on screen in this segment
            r.frame = find(feed.frame);
            r.frame_state = feed.frame.leaf_state();
            for (const Mobject& l : feed.display.leaves())
                if (SlotRef ref = find(l); ref.slot >= 0) r.family.push_back(ref);
            r.background = feed.background;
            // The picture in the display changes with anything drawn: it is never part of the
            // static layer while anything in the segment moves.
            if (seg.static_prefix < seg.slots.size())
                seg.static_prefix = std::min(seg.static_prefix, static_cast<std::size_t>(r.display.slot));
            seg.camera.feeds.push_back(std::move(r));
        }
    }

    // Where the camera is in this segment (segment.h, CameraRecord).
    void record_camera(Segment& seg) {
        CameraRecord& rec = seg.camera;
        const Mobject frame = camera.frame();
        rec.frame = frame.leaf_state();
        for (std::size_t i = 0; i < seg.slots.size() && rec.frame_slot < 0; ++i) {
            const Slot& slot = seg.slots[i];
            if (slot.anim >= 0) {
                const auto& leaves = seg.animations[static_cast<std::size_t>(slot.anim)]->leaves();
                if (slot.leaf < leaves.size() && leaves[slot.leaf].same(frame)) rec.frame_slot = static_cast<int>(i);
            } else if (slot.dynamic >= 0) {
                const auto leaves = seg.dynamic[static_cast<std::size_t>(slot.dynamic)].original.leaves();
                for (std::size_t k = 0; k < leaves.size(); ++k)
                    if (leaves[k].same(frame)) {
                        rec.frame_slot = static_cast<int>(i);
                        rec.frame_leaf = k;
                    }
            }
        }
        rec.moves = rec.frame_slot >= 0;
        record_feeds(seg);
        if (!camera.three_d()) return;
        rec.three_d = true;
        rec.trackers = {camera.phi_tracker(), camera.theta_tracker(), camera.gamma_tracker(), camera.zoom_tracker(),
                        camera.focal_distance_tracker()};
        for (std::size_t k = 0; k < rec.trackers.size(); ++k) rec.start[k] = rec.trackers[k].number();
        rec.state.light_source = camera.light_source().get_center();
        rec.state.frame_center = camera.frame_center();
        std::unordered_map<const Node*, double> animated;
        for (const auto& a : seg.animations) a->values_at(0.5, animated);
        for (const Mobject& t : rec.trackers) {
            if (animated.count(t.node().get())) rec.moves = true;
            for (const Dynamic& d : seg.dynamic)
                if (d.original.same(t)) rec.moves = true;
        }
    }

    void push_segment(SegmentInfo::Kind kind, Seconds nominal, Seconds quantised_frames_time,
                      std::vector<AnimationPtr> anims, std::string description) {
        if (time + quantised_frames_time > limits.seconds)
            throw std::length_error(fmt::format("{} would make the scene {:g} s long, over the limit of {}; set "
                                                "REEL_MAX_SCENE_SECONDS to raise it",
                                                description, time + quantised_frames_time,
                                                duration_text(limits.seconds)));
        if (static_cast<double>(segments.size()) + 1 > limits.segments)
            throw std::length_error(fmt::format("more than {:g} plays and waits (at {:.3f} s); set REEL_MAX_SEGMENTS "
                                                "to raise the limit",
                                                limits.segments, time));
        auto seg = std::make_shared<Segment>();
        seg->info.kind = kind;
        seg->info.start = time;
        seg->info.duration = quantised_frames_time;
        seg->info.description = std::move(description);
        std::unordered_map<std::uint64_t, std::pair<int, std::size_t>> animated;
        for (std::size_t a = 0; a < anims.size(); ++a) {
            const auto& leaves = anims[a]->leaves();
            for (std::size_t i = 0; i < leaves.size(); ++i)
                animated[leaves[i].id()] = {static_cast<int>(a), i};
        }
        // Mobjects with updaters that no animation of this segment drives (Manim suspends a
        // mobject's updaters while it is animated): drawn from their snapshot at each moment.
        std::unordered_map<std::uint64_t, int> dynamic_of; // leaf id -> dynamic index
        std::vector<bool> placed;
        for (const auto& u : updated_mobjects()) {
            bool driven = false;
            for (const auto& l : u.leaves()) driven = driven || animated.count(l.id());
            if (driven) continue;
            int d = static_cast<int>(seg->dynamic.size());
            seg->dynamic.push_back(Dynamic{u.copy(), u});
            placed.push_back(false);
            for (const auto& l : u.leaves()) dynamic_of[l.id()] = d;
        }
        for (const auto& leaf : draw_order()) {
            Slot slot;
            if (auto dit = dynamic_of.find(leaf.id()); dit != dynamic_of.end()) {
                if (placed[static_cast<std::size_t>(dit->second)]) continue;
                placed[static_cast<std::size_t>(dit->second)] = true;
                slot.dynamic = dit->second;
            } else if (auto it = animated.find(leaf.id()); it != animated.end()) {
                slot.anim = it->second.first;
                slot.leaf = it->second.second;
            } else {
                slot.state = leaf.leaf_state();
            }
            if (!seg->dynamic.empty()) {
                slot.node = leaf.node().get();
                seg->keep.push_back(leaf);
            }
            seg->slots.push_back(std::move(slot));
        }
        for (std::size_t d = 0; d < placed.size(); ++d) {
            if (placed[d]) continue; // an updated mobject without leaves yet: drawn last
            Slot slot;
            slot.dynamic = static_cast<int>(d);
            seg->slots.push_back(std::move(slot));
        }
        if (!seg->dynamic.empty())
            for (const auto& t : context.trackers()) seg->values.emplace_back(t, t.number());
        seg->animations = std::move(anims);
        seg->layer_key = new_layer_key();
        // Updated mobjects (dynamic slots) change at every moment too.
        while (seg->static_prefix < seg->slots.size() && seg->slots[seg->static_prefix].anim < 0 &&
               seg->slots[seg->static_prefix].dynamic < 0)
            ++seg->static_prefix;
        record_camera(*seg);
        // A moving camera moves every leaf on the picture; a 3-D frame is sorted by depth, so
        // only a wholly still one keeps its order.
        if (seg->camera.moves || (seg->camera.three_d && seg->static_prefix < seg->slots.size()))
            seg->static_prefix = 0;
        (void)nominal;
        long n = std::lround(quantised_frames_time * kTimelineFps);
        frames += n;
        time = static_cast<Seconds>(frames) / kTimelineFps;
        segments.push_back(std::move(seg));
    }
};

Scene::Scene(const RecordingOptions& options)
    : context_(options), impl_(std::make_unique<Impl>(context_)) {
    impl_->cancel = options.cancel;
}
Scene::~Scene() = default;

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
    s.frames = info.frames;
    return s;
}

} // namespace

void Scene::add_sound(const std::string& path, const SoundOptions& options) {
    context_.add_sound(sound_at(path, impl_->time, options.time_offset, options.gain_db));
}

void Scene::add_music(const std::string& path, const MusicOptions& options) {
    if (!std::isfinite(options.duck_db) || options.duck_db > 0 || !std::isfinite(options.duck_ramp) ||
        options.duck_ramp < 0 || options.duck_ramp > 10)
        throw std::invalid_argument(fmt::format(
            "Scene::add_music('{}'): duck_db must be 0 or less (decibels) and duck_ramp 0 to 10 seconds", path));
    Sound s = sound_at(path, impl_->time, options.time_offset, options.gain_db);
    s.duck_db = options.duck_db;
    s.duck_ramp = std::llround(options.duck_ramp * kSampleRate);
    context_.add_sound(std::move(s)); // its duck_spans are the voice-over lines, known at finish
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
    line.sound = context_.sounds().size();
    Sound s;
    s.source = spoken.path;
    s.start = start;
    s.start_sample = std::llround(start * kSampleRate);
    s.gain_db = options.gain_db;
    s.source_frames = spoken.frames;
    s.frames = spoken.frames;
    context_.add_sound(std::move(s));
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
    t.sounds_ = context_.take_sounds();
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
    impl_ = std::make_unique<Impl>(context_);
    return t;
}

} // namespace reel
