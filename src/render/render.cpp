// The one draw path: Manim's Cairo camera (camera.py display_vectorized) for a Frame.
#include "render/render.h"

#include <cairo.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>
#include <unistd.h>

#include <fmt/format.h>

#include "path.h"
#include "render/faces.h"
#include "render/image_draw.h"
#include "files/atomic_file.h"
#include "base/c_handle.h"

namespace reel {

using detail::append_path;
using detail::finite;

namespace {

using detail::view_matrix;
using SurfacePtr = CHandle<cairo_surface_t, cairo_surface_destroy>;
using ContextPtr = CHandle<cairo_t, cairo_destroy>;


} // namespace

Image::Image(int w, int h)
    : width(w), height(h), stride(cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, w)),
      pixels(static_cast<std::size_t>(stride) * static_cast<std::size_t>(h)) {}

namespace {

bool drawable(const LeafState& item) {
    const Style& st = item.style;
    return item.points->size() >= 4 && (st.fill_opacity > 0 || (st.stroke_width > 0 && st.stroke_opacity > 0)) &&
           finite(*item.points);
}

bool fill_only(const Style& st) {
    return st.fill_opacity > 0 && !(st.stroke_width > 0 && st.stroke_opacity > 0);
}

// Whether item j joins the merged fill of a fill-only item of style `st` just before it.
bool joins(const LeafState& item, const Style& st) {
    return item.style == st && item.points->size() >= 4 && finite(*item.points);
}

// Cairo reports failures in a status, not by failing the calls: every surface and context
// is checked.
SurfacePtr checked_surface(std::uint8_t* pixels, int width, int height, int stride) {
    SurfacePtr surface(cairo_image_surface_create_for_data(pixels, CAIRO_FORMAT_ARGB32, width, height, stride));
    if (cairo_status_t st = cairo_surface_status(surface.get()); st != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error(fmt::format("cannot draw a {}x{} picture (stride {}): {}", width, height, stride,
                                             cairo_status_to_string(st)));
    return surface;
}

void check_context(cairo_t* c, int width, int height) {
    if (cairo_status_t st = cairo_status(c); st != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error(fmt::format("drawing a {}x{} picture failed: {}", width, height,
                                             cairo_status_to_string(st)));
}

// A context on `surface` with Manim's camera matrix.
ContextPtr camera_context(cairo_surface_t* surface, int width, int height, const Camera& camera,
                          const View& view) {
    ContextPtr cr(cairo_create(surface));
    cairo_t* c = cr.get();
    check_context(c, width, height);
    cairo_set_operator(c, CAIRO_OPERATOR_OVER);
    cairo_matrix_t m;
    view_matrix(&m, width, height, view);
    cairo_set_matrix(c, &m);
    cairo_set_tolerance(c, camera.tolerance > 0 ? camera.tolerance : Camera{}.tolerance);
    return cr;
}

Color background_of(const Frame& frame, const Camera& camera) {
    return camera.background.value_or(frame.background);
}

void paint_background(cairo_t* c, Color background) {
    cairo_save(c);
    cairo_identity_matrix(c);
    cairo_set_source_rgb(c, background.r, background.g, background.b);
    cairo_set_operator(c, CAIRO_OPERATOR_SOURCE);
    cairo_paint(c);
    cairo_restore(c);
}

// Paints the background only inside `r` (whole device pixels): where the rest already shows
// it, the same pixels as paint_background.
void fill_background(cairo_t* c, Color background, const LayerCache::Rect& r) {
    if (r.x1 <= r.x0 || r.y1 <= r.y0) return;
    cairo_save(c);
    cairo_identity_matrix(c);
    cairo_set_source_rgb(c, background.r, background.g, background.b);
    cairo_set_operator(c, CAIRO_OPERATOR_SOURCE);
    cairo_rectangle(c, r.x0, r.y0, r.x1 - r.x0, r.y1 - r.y0);
    cairo_fill(c);
    cairo_restore(c);
}

// A device-pixel rectangle that grows to cover what is drawn (LayerCache's damage).
struct Damage {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool empty = true;

    // A box already in device pixels.
    void add_device(double dx0, double dy0, double dx1, double dy1) {
        if (empty) {
            x0 = dx0, y0 = dy0, x1 = dx1, y1 = dy1;
            empty = false;
            return;
        }
        x0 = std::min(x0, dx0);
        y0 = std::min(y0, dy0);
        x1 = std::max(x1, dx1);
        y1 = std::max(y1, dy1);
    }

    // The user-space box [ux0, ux1] x [uy0, uy1] widened by `reach` user units on every side.
    void add(cairo_t* c, double ux0, double uy0, double ux1, double uy1, double reach) {
        double xs[2] = {ux0 - reach, ux1 + reach}, ys[2] = {uy0 - reach, uy1 + reach};
        for (double ux : xs)
            for (double uy : ys) {
                double x = ux, y = uy;
                cairo_user_to_device(c, &x, &y);
                if (empty) {
                    x0 = x1 = x;
                    y0 = y1 = y;
                    empty = false;
                }
                x0 = std::min(x0, x);
                x1 = std::max(x1, x);
                y0 = std::min(y0, y);
                y1 = std::max(y1, y);
            }
    }
};

void draw_items(cairo_t* c, const std::vector<LeafState>& items, std::size_t begin, std::size_t end,
                Damage* damage = nullptr, const std::vector<char>* skip = nullptr, int threads = 1);

// A zoomed display (CameraInset), drawn as vectors (path.h's begin_inset) with the damage it
// can make.
void draw_inset(cairo_t* c, const std::vector<LeafState>& items, std::size_t at, Damage* damage) {
    detail::InsetView view;
    if (!detail::begin_inset(c, items, at, view)) return;
    if (damage) {
        const Points& p = *items[at].points;
        const Vec2 ul = p[0], ur = p[3], dr = p[7], dl = p[11];
        damage->add(c, std::min({ul.x, ur.x, dr.x, dl.x}), std::min({ul.y, ur.y, dr.y, dl.y}),
                    std::max({ul.x, ur.x, dr.x, dl.x}), std::max({ul.y, ur.y, dr.y, dl.y}), 0);
    }
    cairo_transform(c, &view.to_display);
    draw_items(c, items, 0, items.size(), nullptr, &view.skip);
    detail::end_inset(c, view);
}

// Draws items [begin, end) in painter order, leaving out those `skip` marks. Consecutive
// fill-only items with the same style (the glyphs of one Text) go in one fill: the same pixels
// as separate fills where glyphs do not overlap; merging never reaches past `end`. When
// `damage` is given, it grows to cover every pixel the drawing can change. Runs of 3-D faces
// are drawn by `threads` threads (Camera::threads).
void draw_items(cairo_t* c, const std::vector<LeafState>& items, std::size_t begin, std::size_t end,
                Damage* damage, const std::vector<char>* skip, int threads) {
    for (std::size_t i = begin; i < end; ++i) {
        const LeafState& item = items[i];
        if (skip && (*skip)[i]) continue;
        if (item.inset) {
            draw_inset(c, items, i, damage);
            continue;
        }
        if (!drawable(item)) continue;
        cairo_matrix_t cm;
        double m[6] = {};
        double tolerance = 0;
        if (!skip && item.depth && item.depth->shade_in_3d &&
            cairo_surface_get_type(cairo_get_target(c)) == CAIRO_SURFACE_TYPE_IMAGE) {
            cairo_get_matrix(c, &cm);
            m[0] = cm.xx, m[1] = cm.yx, m[2] = cm.xy, m[3] = cm.yy, m[4] = cm.x0, m[5] = cm.y0;
            tolerance = cairo_get_tolerance(c);
        }
        if (tolerance > 0 && detail::face_fast_path(item)) {
            // A run of 3-D faces: rasterised into the picture's pixels (render/faces.h).
            cairo_surface_t* target = cairo_get_target(c);
            cairo_surface_flush(target);
            std::uint8_t* data = cairo_image_surface_get_data(target);
            const int w = cairo_image_surface_get_width(target), h = cairo_image_surface_get_height(target);
            const int stride = cairo_image_surface_get_stride(target);
            std::size_t run = i;
            while (run < end && detail::face_fast_path(items[run])) ++run;
            const detail::FaceBox box = detail::draw_faces(items, i, run, m, tolerance, data, w, h, stride, threads);
            if (damage && box.x1 > box.x0 && box.y1 > box.y0) damage->add_device(box.x0, box.y0, box.x1, box.y1);
            i = run;
            cairo_surface_mark_dirty(target);
            --i;
            continue;
        }
        if (item.style.image) {
            if (damage) {
                // The picture is clipped to the parallelogram of the path's corners.
                double ux0 = (*item.points)[0].x, ux1 = ux0, uy0 = (*item.points)[0].y, uy1 = uy0;
                for (const Vec2& q : *item.points) {
                    ux0 = std::min(ux0, q.x);
                    ux1 = std::max(ux1, q.x);
                    uy0 = std::min(uy0, q.y);
                    uy1 = std::max(uy1, q.y);
                }
                damage->add(c, ux0, uy0, ux1, uy1, 0);
            }
            detail::draw_image(c, item);
            continue;
        }
        const Style& st = item.style;
        bool fill = st.fill_opacity > 0;
        bool stroke = st.stroke_width > 0 && st.stroke_opacity > 0;
        cairo_new_path(c);
        append_path(c, *item.points);
        if (fill && !stroke) {
            while (i + 1 < end && !(skip && (*skip)[i + 1]) && !items[i + 1].inset && joins(items[i + 1], st))
                append_path(c, *items[++i].points);
        }
        if (damage) {
            double ux0, uy0, ux1, uy1;
            cairo_path_extents(c, &ux0, &uy0, &ux1, &uy1);
            // A stroke reaches half its width past the path, a mitred corner up to the miter
            // limit times that (square caps: sqrt 2 times, less than the limit).
            const double reach = stroke ? 0.5 * st.stroke_width * 0.01 * std::max(cairo_get_miter_limit(c), 1.5) : 0;
            damage->add(c, ux0, uy0, ux1, uy1, reach);
        }
        detail::paint_path(c, st, fill, stroke);
    }
    cairo_new_path(c);
}

using Rect = LayerCache::Rect;

// The pixels `damage` may have touched: antialiasing reaches the pixel a coverage edge is in,
// one more pixel each side.
Rect pixels_of(const Damage& damage, int width, int height) {
    if (damage.empty) return {};
    auto clamp = [](double v, int hi) { return static_cast<int>(std::clamp(v, 0.0, static_cast<double>(hi))); };
    return {clamp(std::floor(damage.x0) - 1, width), clamp(std::floor(damage.y0) - 1, height),
            clamp(std::ceil(damage.x1) + 1, width), clamp(std::ceil(damage.y1) + 1, height)};
}

// Copies columns [x0, x1) of rows [y0, y1) (4 bytes a pixel).
void copy_rect(const std::uint8_t* from, int from_stride, std::uint8_t* to, int to_stride, int x0, int y0, int x1,
               int y1) {
    for (int y = y0; y < y1; ++y)
        std::memcpy(to + static_cast<std::ptrdiff_t>(y) * to_stride + 4 * x0,
                    from + static_cast<std::ptrdiff_t>(y) * from_stride + 4 * x0, static_cast<std::size_t>(x1 - x0) * 4);
}

void copy_rows(const std::uint8_t* from, int from_stride, std::uint8_t* to, int to_stride, int width,
               int height) {
    if (from_stride == to_stride) {
        std::memcpy(to, from, static_cast<std::size_t>(from_stride) * static_cast<std::size_t>(height));
        return;
    }
    for (int y = 0; y < height; ++y)
        std::memcpy(to + static_cast<std::ptrdiff_t>(y) * to_stride,
                    from + static_cast<std::ptrdiff_t>(y) * from_stride, static_cast<std::size_t>(width) * 4);
}

} // namespace

int picture_threads() {
    return static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 8u));
}

void render_frame(const Frame& frame, std::uint8_t* pixels, int width, int height, int stride,
                  const Camera& camera) {
    SurfacePtr surface = checked_surface(pixels, width, height, stride);
    ContextPtr cr = camera_context(surface.get(), width, height, camera, frame.view);
    paint_background(cr.get(), background_of(frame, camera));
    draw_items(cr.get(), frame.items, 0, frame.items.size(), nullptr, nullptr, camera.threads);
    cairo_surface_flush(surface.get());
    check_context(cr.get(), width, height);
}

std::size_t layer_cut(const Frame& frame) {
    const auto& items = frame.items;
    const std::size_t n = items.size();
    const std::size_t p = std::min(frame.static_prefix, n);
    if (p == n) return n; // nothing follows: no merge can reach past the end
    // Replays draw_items' grouping over the static items: groups that end before p are closed
    // by static items, so they end there whatever follows. Only a fill-only group reaching p
    // might take in animated items; the cut goes before it.
    std::size_t i = 0;
    while (i < p) {
        if (!drawable(items[i]) || !fill_only(items[i].style)) {
            ++i;
            continue;
        }
        std::size_t j = i + 1;
        while (j < p && joins(items[j], items[i].style)) ++j;
        if (j == p) return i;
        i = j;
    }
    return p;
}

void LayerCache::clear() {
    key_ = 0;
    cut_ = 0;
    last_target_ = nullptr;
    pixels_.clear();
    pixels_.shrink_to_fit();
}

void LayerCache::render(const Frame& frame, std::uint8_t* pixels, int width, int height, int stride,
                        const Camera& camera) {
    // The target's content is unknown until this frame is drawn completely.
    const std::uint8_t* previous_target = last_target_;
    last_target_ = nullptr;
    changed_ = {0, 0, width, height};
    layer_ = {};
    over_ = {};
    const Color background = background_of(frame, camera);
    // Target::Kept: the buffer still holds the last frame drawn into it, which drew over its
    // background only inside total_; then the background is painted again only there (and
    // only that part of the picture may change besides what this frame draws).
    const bool kept = target_ == Target::Kept && previous_target == pixels && last_stride_ == stride &&
                      last_width_ == width && last_height_ == height;
    const bool on_background = kept && last_background_ == background;
    // A segment met cold (a seek, a scrub) is drawn directly: making its layers costs a
    // snapshot copy more than a full redraw and pays only when the next frame stays in it
    // (playback, an export worker's next frame), so that is when they are made.
    const bool warm = frame.layer_key != 0 && (frame.layer_key == key_ || frame.layer_key == previous_key_);
    if (frame.layer_key != 0 && !warm) ++direct_;
    previous_key_ = frame.layer_key;
    const std::size_t cut = warm ? layer_cut(frame) : 0;
    if (cut == 0) {
        // Drawn whole: on the background alone.
        layer_ = {0, 0, width, height, background, camera.tolerance, frame.view};
        if (target_ != Target::Kept) {
            render_frame(frame, pixels, width, height, stride, camera);
            over_ = {0, 0, width, height};
            return;
        }
        // render_frame, but with the damage tracked (and the background painted only where
        // the last frame drew over it).
        SurfacePtr surface = checked_surface(pixels, width, height, stride);
        Damage damage;
        {
            ContextPtr cr = camera_context(surface.get(), width, height, camera, frame.view);
            if (on_background) fill_background(cr.get(), background, total_);
            else paint_background(cr.get(), background);
            draw_items(cr.get(), frame.items, 0, frame.items.size(), &damage, nullptr, camera.threads);
            cairo_surface_flush(surface.get());
            check_context(cr.get(), width, height);
        }
        over_ = pixels_of(damage, width, height);
        if (on_background) changed_ = united(total_, over_);
        keep(pixels, stride, width, height, background, over_, false);
        return;
    }
    SurfacePtr surface = checked_surface(pixels, width, height, stride);
    const bool hit = key_ == frame.layer_key && width_ == width && height_ == height &&
                     background_ == background_of(frame, camera) && tolerance_ == camera.tolerance && view_ == frame.view &&
                     cut_ == cut && !pixels_.empty();
    bool partial = false; // only the previous damage restored
    if (hit) {
        ++hits_;
        cairo_surface_flush(surface.get());
        if (kept && on_snapshot_) {
            // Only the previous frame's remaining items differ from the snapshot.
            copy_rect(pixels_.data(), stride_, pixels, stride, damage_.x0, damage_.y0, damage_.x1, damage_.y1);
            partial = true;
            restored_ += static_cast<long long>(damage_.x1 - damage_.x0) * (damage_.y1 - damage_.y0);
        } else {
            copy_rows(pixels_.data(), stride_, pixels, stride, width, height);
            restored_ += static_cast<long long>(width) * height;
        }
        cairo_surface_mark_dirty(surface.get());
    } else {
        ++misses_;
        {
            ContextPtr cr = camera_context(surface.get(), width, height, camera, frame.view);
            if (on_background) fill_background(cr.get(), background, total_);
            else paint_background(cr.get(), background);
            Damage below;
            draw_items(cr.get(), frame.items, 0, cut, target_ == Target::Kept ? &below : nullptr, nullptr,
                       camera.threads);
            check_context(cr.get(), width, height);
            static_damage_ = pixels_of(below, width, height);
        }
        cairo_surface_flush(surface.get());
        key_ = frame.layer_key;
        width_ = width;
        height_ = height;
        background_ = background_of(frame, camera);
        tolerance_ = camera.tolerance;
        view_ = frame.view;
        cut_ = cut;
        stride_ = width * 4;
        pixels_.resize(static_cast<std::size_t>(stride_) * static_cast<std::size_t>(height));
        copy_rows(pixels, stride, pixels_.data(), stride_, width, height);
    }
    Damage damage;
    if (cut < frame.items.size()) {
        ContextPtr cr = camera_context(surface.get(), width, height, camera, frame.view);
        draw_items(cr.get(), frame.items, cut, frame.items.size(), &damage, nullptr, camera.threads);
        check_context(cr.get(), width, height);
    }
    cairo_surface_flush(surface.get());
    const Rect now = pixels_of(damage, width, height);
    layer_ = {key_, cut_, width_, height_, background_, tolerance_, view_};
    over_ = now;
    if (target_ == Target::Kept) {
        // Changed: the pixels restored from the snapshot and the ones drawn now; or, on a
        // new snapshot, what the last frame and this one drew over the background.
        if (partial) changed_ = united(damage_, now);
        else if (!hit && on_background) changed_ = united(total_, united(static_damage_, now));
        damage_ = now;
        keep(pixels, stride, width, height, background, united(static_damage_, now), true);
    }
}

void LayerCache::keep(const std::uint8_t* pixels, int stride, int width, int height, Color background,
                      const Rect& drawn, bool on_snapshot) {
    last_target_ = pixels;
    last_stride_ = stride;
    last_width_ = width;
    last_height_ = height;
    last_background_ = background;
    total_ = drawn;
    on_snapshot_ = on_snapshot;
}

Image render_frame(const Frame& frame, int width, int height, const Camera& camera) {
    Image img(width, height);
    render_frame(frame, img.pixels.data(), width, height, img.stride, camera);
    return img;
}

bool write_png(const Image& image, const std::string& path, std::string* error,
               const std::atomic<bool>* cancel) {
    auto fail = [&](std::string msg) {
        if (error) *error = std::move(msg);
        return false;
    };
    try {
        // Unnamed temporary file (or an exclusive dot-file), put in place when complete.
        AtomicFile file(path);
        // Cairo wants a mutable buffer; it does not modify it.
        SurfacePtr surface(cairo_image_surface_create_for_data(
            const_cast<std::uint8_t*>(image.pixels.data()), CAIRO_FORMAT_ARGB32, image.width,
            image.height, image.stride));
        if (cairo_status_t st = cairo_surface_status(surface.get()); st != CAIRO_STATUS_SUCCESS)
            return fail(fmt::format("cannot write '{}': {} ({}x{} image)", path, cairo_status_to_string(st),
                                    image.width, image.height));
        struct Sink {
            AtomicFile* file;
            std::string error;
        } sink{&file, {}};
        cairo_status_t st = cairo_surface_write_to_png_stream(
            surface.get(),
            [](void* closure, const unsigned char* data, unsigned int length) {
                auto* k = static_cast<Sink*>(closure);
                try {
                    k->file->append(data, length);
                    return CAIRO_STATUS_SUCCESS;
                } catch (const FileError& e) {
                    k->error = e.what();
                    return CAIRO_STATUS_WRITE_ERROR;
                }
            },
            &sink);
        if (!sink.error.empty()) return fail(sink.error);
        if (st != CAIRO_STATUS_SUCCESS)
            return fail(fmt::format("cannot write '{}': {}", path, cairo_status_to_string(st)));
        if (cancel && cancel->load()) return fail(fmt::format("cancelled before '{}' was written", path));
        file.commit();
    } catch (const FileError& e) {
        return fail(e.what());
    }
    return true;
}

} // namespace reel
