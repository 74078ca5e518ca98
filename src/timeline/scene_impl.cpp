// The scene list and its segments: Manim's add / remove restructuring, updaters after each
// segment, and what a play or wait records (slots, dynamic mobjects, the camera, zoomed feeds).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <stdexcept>
#include <unordered_map>

#include <unistd.h>

#include <fmt/format.h>

#include "scene_impl.h"

namespace reel {
namespace scene_detail {

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

} // namespace

void check_utf8(const std::string& text, const char* call, const std::string& where) {
    const std::size_t at = invalid_utf8_at(text);
    if (at != std::string::npos)
        throw std::invalid_argument(fmt::format("{}: a byte that is not UTF-8 (0x{:02X} at offset {}) in {}: write it "
                                                "as UTF-8 text",
                                                call, static_cast<unsigned char>(text[at]), at, where));
}

IdSet family_ids(const Mobject& m) {
    IdSet s;
    for (const auto& f : m.family()) s.insert(f.id());
    return s;
}

double limit_from_env(const char* name, double fallback) {
    const char* v = std::getenv(name);
    if (!v || !*v) return fallback;
    char* end = nullptr;
    const double x = std::strtod(v, &end);
    return end && *end == '\0' && x > 0 && std::isfinite(x) ? x : fallback;
}

double Limits::default_recording_megabytes() {
    const long pages = ::sysconf(_SC_PHYS_PAGES), page = ::sysconf(_SC_PAGESIZE);
    return pages > 0 && page > 0 ? static_cast<double>(pages) * static_cast<double>(page) / 2 / 1048576.0 : 8192.0;
}

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

Seconds quantise_play(Seconds d) {
    return std::ceil(d * kTimelineFps) / kTimelineFps;
}
Seconds quantise_wait(Seconds d) {
    return std::floor(d / (1.0 / kTimelineFps)) / kTimelineFps;
}

} // namespace scene_detail

using namespace scene_detail;

void Scene::Impl::check_memory() {
    if (++calls % 1024 != 0) return;
    const double now = resident_megabytes();
    if (now > 0 && now - start_megabytes > limits.megabytes)
        throw std::length_error(fmt::format(
            "the recording grew by {:.0f} MB, over the limit of {:.0f} MB (at {:.3f} s, {} segments); "
            "set REEL_MAX_RECORDING_MB to raise it",
            now - start_megabytes, limits.megabytes, time, segments.size()));
}

void Scene::Impl::restructure(const std::vector<Mobject>& list, const IdSet& remove,
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

void Scene::Impl::add(const Mobject& m) {
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

void Scene::Impl::remove(const Mobject& m) {
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

std::vector<Mobject> Scene::Impl::updated_mobjects() const {
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

void Scene::Impl::update_after(const Segment& seg, Seconds dt) {
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

std::vector<Mobject> Scene::Impl::draw_order() const {
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

void Scene::Impl::record_feeds(Segment& seg) {
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

void Scene::Impl::record_camera(Segment& seg) {
    CameraRecord& rec = seg.camera;
    // The slot drawing `m` when the segment animates or updates it (slot -1 otherwise).
    auto moving = [&](const Mobject& m) {
        for (std::size_t i = 0; i < seg.slots.size(); ++i) {
            const Slot& slot = seg.slots[i];
            if (slot.anim >= 0) {
                const auto& leaves = seg.animations[static_cast<std::size_t>(slot.anim)]->leaves();
                if (slot.leaf < leaves.size() && leaves[slot.leaf].same(m)) return SlotRef{static_cast<int>(i), 0};
            } else if (slot.dynamic >= 0) {
                const auto leaves = seg.dynamic[static_cast<std::size_t>(slot.dynamic)].original.leaves();
                for (std::size_t k = 0; k < leaves.size(); ++k)
                    if (leaves[k].same(m)) return SlotRef{static_cast<int>(i), k};
            }
        }
        return SlotRef{};
    };
    const Mobject frame = camera.frame();
    rec.frame = frame.leaf_state();
    const SlotRef frame_at = moving(frame);
    rec.frame_slot = frame_at.slot;
    rec.frame_leaf = frame_at.leaf;
    rec.moves = rec.frame_slot >= 0;
    record_feeds(seg);
    if (!camera.three_d()) return;
    rec.three_d = true;
    rec.trackers = {camera.phi_tracker(), camera.theta_tracker(), camera.gamma_tracker(), camera.zoom_tracker(),
                    camera.focal_distance_tracker()};
    for (std::size_t k = 0; k < rec.trackers.size(); ++k) rec.start[k] = rec.trackers[k].number();
    rec.state.light_source = camera.light_source().get_center();
    rec.state.frame_center = camera.frame_center();
    // The light and the frame centre are points like any mobject: where the segment moves
    // them, each moment reads them from their slot.
    rec.light = moving(camera.light_source());
    rec.center = moving(camera.frame_center_point());
    if (rec.light.slot >= 0 || rec.center.slot >= 0) rec.moves = true;
    NodeValues animated;
    for (const auto& a : seg.animations) a->values_at(0.5, animated);
    for (const Mobject& t : rec.trackers) {
        if (animated.count(t.node().get())) rec.moves = true;
        for (const Dynamic& d : seg.dynamic)
            if (d.original.same(t)) rec.moves = true;
    }
}

void Scene::Impl::push_segment(SegmentInfo::Kind kind, Seconds nominal, Seconds quantised_frames_time,
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

} // namespace reel
