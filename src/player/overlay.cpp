// The player's overlay: drawn with the same Cairo as the picture, text laid out by PangoCairo.
#include "player/overlay.h"

#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>

#include "base/c_handle.h"
#include "player/wave_band.h"

namespace reel {

namespace {

using SurfacePtr = CHandle<cairo_surface_t, cairo_surface_destroy>;
using ContextPtr = CHandle<cairo_t, cairo_destroy>;
using PatternPtr = CHandle<cairo_pattern_t, cairo_pattern_destroy>;
using LayoutPtr = CHandle<PangoLayout, g_object_unref>;
using FontDescPtr = CHandle<PangoFontDescription, pango_font_description_free>;

// Manim's BLUE: the played part of the bar in the promo's own accent colour.
constexpr Color kAccent = BLUE;
constexpr const char* kFamily = "DejaVu Sans";

void check(cairo_status_t st, const char* what) {
    if (st != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error(fmt::format("overlay: {}: {}", what, cairo_status_to_string(st)));
}

// One line of UI text at an absolute pixel size; `max_width` > 0 ellipsizes at the end.
LayoutPtr make_text(cairo_t* cr, const std::string& text, double px, bool bold = false,
                    double max_width = 0) {
    LayoutPtr layout(pango_cairo_create_layout(cr));
    FontDescPtr desc(pango_font_description_new());
    pango_font_description_set_family(desc.get(), kFamily);
    pango_font_description_set_weight(desc.get(), bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_absolute_size(desc.get(), px * PANGO_SCALE);
    pango_layout_set_font_description(layout.get(), desc.get());
    pango_layout_set_text(layout.get(), text.c_str(), -1);
    if (max_width > 0) {
        pango_layout_set_width(layout.get(), static_cast<int>(max_width * PANGO_SCALE));
        pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
    }
    return layout;
}

// Logical size in pixels.
std::pair<double, double> text_size(PangoLayout* layout) {
    PangoRectangle logical;
    pango_layout_get_extents(layout, nullptr, &logical);
    return {logical.width / static_cast<double>(PANGO_SCALE),
            logical.height / static_cast<double>(PANGO_SCALE)};
}

void show_text(cairo_t* cr, PangoLayout* layout, double x, double y, Color c, double alpha = 1) {
    cairo_set_source_rgba(cr, c.r, c.g, c.b, alpha);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, layout);
}

void rounded_rect(cairo_t* cr, double x, double y, double w, double h, double r) {
    r = std::min({r, w / 2, h / 2});
    cairo_new_sub_path(cr);
    cairo_arc(cr, x + w - r, y + r, r, -PI / 2, 0);
    cairo_arc(cr, x + w - r, y + h - r, r, 0, PI / 2);
    cairo_arc(cr, x + r, y + h - r, r, PI / 2, PI);
    cairo_arc(cr, x + r, y + r, r, PI, 3 * PI / 2);
    cairo_close_path(cr);
}

// A dark pill with white text centred on `cx`, its bottom at `bottom`, kept inside [lo, hi].
void label_pill(cairo_t* cr, const std::string& text, double cx, double bottom, double lo,
                double hi, double s) {
    LayoutPtr l = make_text(cr, text, 12 * s);
    auto [tw, th] = text_size(l.get());
    double w = tw + 12 * s, h = th + 6 * s;
    double x = std::clamp(cx - w / 2, lo, std::max(lo, hi - w));
    cairo_set_source_rgba(cr, 0, 0, 0, 0.8);
    rounded_rect(cr, x, bottom - h, w, h, 4 * s);
    cairo_fill(cr);
    show_text(cr, l.get(), x + 6 * s, bottom - h + 3 * s, WHITE);
}

void draw_play_icon(cairo_t* cr, bool playing, double x, double y, double size) {
    cairo_set_source_rgb(cr, 1, 1, 1);
    if (playing) { // pause bars: it is playing, the icon says what a click on Space does
        cairo_rectangle(cr, x, y, size * 0.32, size);
        cairo_rectangle(cr, x + size * 0.6, y, size * 0.32, size);
    } else {
        cairo_move_to(cr, x, y);
        cairo_line_to(cr, x + size * 0.9, y + size / 2);
        cairo_line_to(cr, x, y + size);
        cairo_close_path(cr);
    }
    cairo_fill(cr);
}

// Voice-over spans and their bookmarks: Manim's YELLOW, apart from the blue of the played part.
constexpr Color kVoice = YELLOW;

// The bookmark of a voice-over line within `reach` pixels of column x, if any (the nearest).
const VoiceoverBookmark* bookmark_near(const OverlayView& v, const OverlayLayout& lay, double x,
                                       double reach) {
    const VoiceoverBookmark* best = nullptr;
    double best_d = reach;
    for (const VoiceoverLine& line : v.voiceovers)
        for (const VoiceoverBookmark& b : line.bookmarks) {
            const double d = std::abs(lay.x_of(b.time, v.duration) - x);
            if (d <= best_d) {
                best = &b;
                best_d = d;
            }
        }
    return best;
}

// The voice-over spans (a tinted band from each line's start to its end, a tick and a small
// flag at each bookmark), then the waveform over them: one column per pixel of the track,
// mirrored around its middle, brighter where it has played.
void draw_sound_band(cairo_t* cr, const OverlayView& v, const OverlayLayout& lay, double played_x) {
    const double s = lay.scale;
    const PixelRect& tr = lay.track;
    const double cy = tr.y + tr.h / 2, half = kBandHalf * s;
    for (const VoiceoverLine& line : v.voiceovers) {
        const double x0 = lay.x_of(line.start, v.duration);
        const double x1 = std::max(x0 + 2 * s, lay.x_of(line.start + line.duration, v.duration));
        cairo_set_source_rgba(cr, kVoice.r, kVoice.g, kVoice.b, 0.22);
        rounded_rect(cr, x0, cy - half, x1 - x0, 2 * half, 2 * s);
        cairo_fill(cr);
        cairo_set_source_rgba(cr, kVoice.r, kVoice.g, kVoice.b, 0.75);
        cairo_rectangle(cr, x0, cy + half - 1.5 * s, x1 - x0, 1.5 * s); // its extent, under the wave
        cairo_fill(cr);
    }
    if (!v.waveform.empty()) {
        if (v.wave_band) {
            v.wave_band->draw(cr, v.waveform, lay, played_x);
        } else {
            WaveBand once;
            once.draw(cr, v.waveform, lay, played_x);
        }
    }
    for (const VoiceoverLine& line : v.voiceovers)
        for (const VoiceoverBookmark& b : line.bookmarks) {
            const double x = std::floor(lay.x_of(b.time, v.duration)); // whole pixels: a sharp tick
            cairo_set_source_rgba(cr, kVoice.r, kVoice.g, kVoice.b, 0.95);
            cairo_rectangle(cr, x, cy - half, 1 * s, 2 * half);
            cairo_fill(cr);
            const double mid = x + 0.5 * s;
            cairo_move_to(cr, mid - 3.5 * s, cy - half - 4 * s); // a small flag pointing down
            cairo_line_to(cr, mid + 3.5 * s, cy - half - 4 * s);
            cairo_line_to(cr, mid, cy - half + 0.5 * s);
            cairo_close_path(cr);
            cairo_fill(cr);
        }
}

void draw_bar(cairo_t* cr, const OverlayView& v, const OverlayLayout& lay) {
    const double s = lay.scale;
    const PixelRect& tr = lay.track;
    // The strip fades in from the picture so the bar reads on any background.
    PatternPtr grad(cairo_pattern_create_linear(0, lay.panel.y, 0, lay.panel.y + lay.panel.h));
    cairo_pattern_add_color_stop_rgba(grad.get(), 0, 0, 0, 0, 0);
    cairo_pattern_add_color_stop_rgba(grad.get(), 0.45, 0, 0, 0, 0.55);
    cairo_pattern_add_color_stop_rgba(grad.get(), 1, 0, 0, 0, 0.8);
    cairo_set_source(cr, grad.get());
    cairo_rectangle(cr, lay.panel.x, lay.panel.y, lay.panel.w, lay.panel.h);
    cairo_fill(cr);

    const bool hovering = v.hover.has_value() || v.scrubbing;
    const double th = hovering ? tr.h * 1.5 : tr.h;
    const double ty = tr.y + tr.h / 2 - th / 2;
    const double played_x = lay.x_of(v.time, v.duration);
    if (!v.waveform.empty() || !v.voiceovers.empty()) draw_sound_band(cr, v, lay, played_x);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.28);
    cairo_rectangle(cr, tr.x, ty, tr.w, th);
    cairo_fill(cr);
    if (v.hover) {
        double hx = lay.x_of(*v.hover, v.duration);
        cairo_set_source_rgba(cr, 1, 1, 1, 0.3);
        cairo_rectangle(cr, tr.x, ty, hx - tr.x, th);
        cairo_fill(cr);
    }
    cairo_set_source_rgb(cr, kAccent.r, kAccent.g, kAccent.b);
    cairo_rectangle(cr, tr.x, ty, played_x - tr.x, th);
    cairo_fill(cr);

    // Section markers: a gap in the track at each section start, its name above.
    std::size_t current = 0;
    for (std::size_t i = 0; i < v.sections.size(); ++i)
        if (v.sections[i].start <= v.time + 1e-9) current = i;
    for (std::size_t i = 0; i < v.sections.size(); ++i) {
        const Section& sec = v.sections[i];
        double x0 = lay.x_of(sec.start, v.duration);
        double x1 = i + 1 < v.sections.size() ? lay.x_of(v.sections[i + 1].start, v.duration)
                                              : tr.x + tr.w;
        if (i > 0) {
            cairo_set_source_rgba(cr, 0, 0, 0, 0.85);
            cairo_rectangle(cr, x0 - 1.5 * s, ty - 1, 3 * s, th + 2);
            cairo_fill(cr);
            cairo_set_source_rgba(cr, 1, 1, 1, 0.7);
            cairo_rectangle(cr, x0 - 0.5 * s, tr.y - 9 * s, 1 * s, 7 * s);
            cairo_fill(cr);
        }
        double room = x1 - x0 - 8 * s;
        if (room < 24 * s || sec.name.empty()) continue;
        LayoutPtr l = make_text(cr, sec.name, 11 * s, i == current, room);
        const double h = text_size(l.get()).second;
        show_text(cr, l.get(), x0 + 4 * s, tr.y - 10 * s - h, WHITE, i == current ? 1.0 : 0.7);
    }

    // The playhead.
    double r = (hovering ? 7 : 5.5) * s;
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_arc(cr, played_x, tr.y + tr.h / 2, r, 0, TAU);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, kAccent.r, kAccent.g, kAccent.b);
    cairo_arc(cr, played_x, tr.y + tr.h / 2, r * 0.55, 0, TAU);
    cairo_fill(cr);

    // Bottom row: play state and times on the left, speed and the keys hint on the right.
    double row_y = tr.y + tr.h + 9 * s;
    double icon = 12 * s;
    draw_play_icon(cr, v.playing, tr.x, row_y + 2 * s, icon);
    LayoutPtr times = make_text(
        cr, fmt::format("{} / {}", format_clock(v.time), format_clock(v.duration)), 13 * s);
    show_text(cr, times.get(), tr.x + icon + 10 * s, row_y, WHITE);
    std::string right = v.speed == 1.0 ? std::string("?  keys")
                                       : fmt::format("{:g}\u00d7    ?  keys", v.speed);
    LayoutPtr hint = make_text(cr, right, 13 * s);
    const double hw = text_size(hint.get()).first;
    show_text(cr, hint.get(), tr.x + tr.w - hw, row_y, WHITE, 0.8);

    // Hover: a line on the track, the thumbnail of that moment and its time above it.
    if (v.hover) {
        double hx = lay.x_of(*v.hover, v.duration);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_rectangle(cr, hx - 1 * s, ty - 3 * s, 2 * s, th + 6 * s);
        cairo_fill(cr);
        double lo = 8 * s, hi = lay.width - 8 * s;
        std::size_t sec = 0;
        for (std::size_t i = 0; i < v.sections.size(); ++i)
            if (v.sections[i].start <= *v.hover + 1e-9) sec = i;
        std::string label = format_clock(*v.hover);
        if (sec < v.sections.size() && !v.sections[sec].name.empty())
            label += "  \u00b7  " + v.sections[sec].name;
        if (const VoiceoverBookmark* b = bookmark_near(v, lay, hx, 4 * s))
            label += "  \u00b7  bookmark '" + b->mark + "'";
        double bottom = tr.y - 28 * s;
        if (v.thumbnail && v.thumbnail->width > 0) {
            const Image& img = *v.thumbnail;
            double bw = 2 * s;
            double x = std::clamp(hx - img.width / 2.0, lo, std::max(lo, hi - img.width));
            x = std::round(x);
            double y = std::round(bottom - img.height);
            cairo_set_source_rgba(cr, 1, 1, 1, 0.9);
            cairo_rectangle(cr, x - bw, y - bw, img.width + 2 * bw, img.height + 2 * bw);
            cairo_fill(cr);
            SurfacePtr thumb(cairo_image_surface_create_for_data(
                const_cast<std::uint8_t*>(img.pixels.data()), CAIRO_FORMAT_ARGB32, img.width,
                img.height, img.stride));
            check(cairo_surface_status(thumb.get()), "thumbnail");
            cairo_set_source_surface(cr, thumb.get(), x, y);
            cairo_paint(cr);
            label_pill(cr, label, x + img.width / 2.0, bottom - 4 * s, x, x + img.width, s);
        } else {
            label_pill(cr, label, hx, bottom, lo, hi, s);
        }
    }
}

void draw_help(cairo_t* cr, const std::vector<HelpLine>& help, const OverlayLayout& lay) {
    const double s = lay.scale;
    std::vector<LayoutPtr> keys, actions;
    double kw = 0, aw = 0, lh = 0;
    for (const HelpLine& line : help) {
        keys.push_back(make_text(cr, line.keys, 14 * s, true));
        actions.push_back(make_text(cr, line.action, 14 * s));
        auto [w1, h1] = text_size(keys.back().get());
        auto [w2, h2] = text_size(actions.back().get());
        kw = std::max(kw, w1);
        aw = std::max(aw, w2);
        lh = std::max({lh, h1, h2});
    }
    LayoutPtr title = make_text(cr, "Keys", 16 * s, true);
    const double tth = text_size(title.get()).second;
    double pad = 20 * s, gap = 24 * s, pitch = lh + 4 * s;
    double w = pad * 2 + kw + gap + aw;
    double h = pad * 2 + tth + 10 * s + pitch * static_cast<double>(help.size());
    double x = std::round((lay.width - w) / 2), y = std::round((lay.height - h) / 2);
    cairo_set_source_rgba(cr, 0.05, 0.05, 0.07, 0.88);
    rounded_rect(cr, x, y, w, h, 10 * s);
    cairo_fill(cr);
    show_text(cr, title.get(), x + pad, y + pad, WHITE);
    double row = y + pad + tth + 10 * s;
    for (std::size_t i = 0; i < help.size(); ++i) {
        show_text(cr, keys[i].get(), x + pad, row, kAccent);
        show_text(cr, actions[i].get(), x + pad + kw + gap, row, WHITE, 0.9);
        row += pitch;
    }
}

} // namespace

Seconds OverlayLayout::time_at(double x, Seconds duration) const {
    if (track.w <= 0 || duration <= 0) return 0;
    return std::clamp((x - track.x) / track.w, 0.0, 1.0) * duration;
}

double OverlayLayout::x_of(Seconds t, Seconds duration) const {
    if (duration <= 0) return track.x;
    return track.x + std::clamp(t / duration, 0.0, 1.0) * track.w;
}

OverlayLayout overlay_layout(int width, int height, double scale) {
    OverlayLayout l;
    l.width = std::max(width, 0);
    l.height = std::max(height, 0);
    l.scale = std::max(scale, 1.0);
    const double s = l.scale, w = l.width, h = l.height;
    // The largest 16:9 rectangle of whole pixels, centred.
    double pw = std::min(w, std::floor(h * 16.0 / 9.0));
    double ph = std::round(pw * 9.0 / 16.0);
    if (ph > h) ph = h;
    l.picture = {std::floor((w - pw) / 2), std::floor((h - ph) / 2), pw, ph};
    double margin = 16 * s;
    l.panel = {0, h - 92 * s, w, 92 * s};
    l.track = {margin, h - 40 * s, std::max(w - 2 * margin, 0.0), 4 * s};
    l.hit = {l.track.x, l.track.y - 12 * s, l.track.w, l.track.h + 24 * s};
    return l;
}

std::pair<int, int> thumbnail_size(double scale) {
    double s = std::max(scale, 1.0);
    return {static_cast<int>(std::lround(224 * s)), static_cast<int>(std::lround(126 * s))};
}

namespace {

// The error panel's text: every line of the message, wrapped to the picture's width.
constexpr double kErrorFontPx = 15;
constexpr double kErrorPad = 14;

LayoutPtr error_text(cairo_t* cr, const std::string& error, const OverlayLayout& layout) {
    const double s = layout.scale;
    LayoutPtr text = make_text(cr, error, kErrorFontPx * s);
    pango_layout_set_width(text.get(), static_cast<int>((layout.picture.w - 2 * kErrorPad * s) * PANGO_SCALE));
    pango_layout_set_wrap(text.get(), PANGO_WRAP_WORD_CHAR);
    // At most most of the picture: the top of the picture under it stays visible.
    pango_layout_set_height(text.get(), static_cast<int>(layout.picture.h * 0.7 * PANGO_SCALE));
    pango_layout_set_ellipsize(text.get(), PANGO_ELLIPSIZE_END);
    return text;
}

PixelRect error_rect(PangoLayout* text, const OverlayLayout& layout) {
    const double s = layout.scale;
    auto [w, h] = text_size(text);
    (void)w;
    const PixelRect& pic = layout.picture;
    return {pic.x, pic.y, pic.w, std::min(pic.h, std::ceil(h + 2 * kErrorPad * s))};
}

void draw_error(cairo_t* cr, const std::string& error, const OverlayLayout& layout) {
    const double s = layout.scale;
    LayoutPtr text = error_text(cr, error, layout);
    const PixelRect r = error_rect(text.get(), layout);
    // A web dev server's error overlay: dark red, the last good picture still visible below.
    cairo_set_source_rgba(cr, 0.32, 0.04, 0.05, 0.88);
    cairo_rectangle(cr, r.x, r.y, r.w, r.h);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 1.0, 0.33, 0.33);
    cairo_rectangle(cr, r.x, r.y + r.h - 3 * s, r.w, 3 * s);
    cairo_fill(cr);
    show_text(cr, text.get(), r.x + kErrorPad * s, r.y + kErrorPad * s, Color{1.0, 0.92, 0.92});
}

} // namespace

PixelRect error_panel_rect(const std::string& error, const OverlayLayout& layout) {
    if (error.empty() || layout.width <= 0 || layout.height <= 0) return {};
    SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1));
    ContextPtr cr(cairo_create(surface.get()));
    LayoutPtr text = error_text(cr.get(), error, layout);
    return error_rect(text.get(), layout);
}

void draw_overlay(const OverlayView& view, const OverlayLayout& layout, std::uint8_t* pixels,
                  int stride) {
    if (layout.width <= 0 || layout.height <= 0) return;
    SurfacePtr surface(cairo_image_surface_create_for_data(pixels, CAIRO_FORMAT_ARGB32, layout.width,
                                                           layout.height, stride));
    check(cairo_surface_status(surface.get()), "cannot wrap the window buffer");
    ContextPtr cr(cairo_create(surface.get()));
    check(cairo_status(cr.get()), "cannot draw into the window buffer");
    if (!view.error.empty()) draw_error(cr.get(), view.error, layout);
    if (!view.activity.empty()) {
        // Top left of the picture, under the error panel: the picture stays the last good one.
        const double s = layout.scale;
        const PixelRect& pic = layout.picture;
        const PixelRect err = error_panel_rect(view.error, layout);
        const double top = (err.h > 0 ? err.y + err.h : pic.y) + 12 * s;
        LayoutPtr l = make_text(cr.get(), view.activity, 12 * s);
        const double h = text_size(l.get()).second + 6 * s;
        label_pill(cr.get(), view.activity, pic.x + 12 * s, top + h, pic.x + 12 * s, pic.x + pic.w, s);
    }
    if (!view.banner.empty()) {
        const double s = layout.scale;
        const PixelRect& pic = layout.picture;
        LayoutPtr l = make_text(cr.get(), view.banner, 24 * s);
        auto [tw, th] = text_size(l.get());
        show_text(cr.get(), l.get(), std::round(pic.x + (pic.w - tw) / 2), std::round(pic.y + (pic.h - th) / 2),
                  WHITE, 0.7);
    }
    if (view.bar) draw_bar(cr.get(), view, layout);
    if (!view.corner.empty()) {
        // Bottom right of the picture, above the bar when it is shown.
        const double s = layout.scale;
        const PixelRect& pic = layout.picture;
        double right = pic.x + pic.w - 12 * s;
        double bottom = view.bar ? layout.panel.y - 8 * s : pic.y + pic.h - 12 * s;
        label_pill(cr.get(), view.corner, right, bottom, pic.x, right, s);
    }
    if (!view.help.empty()) draw_help(cr.get(), view.help, layout);
    check(cairo_status(cr.get()), "drawing failed");
    cairo_surface_flush(surface.get());
}

std::pair<PixelRect, PixelRect> side_by_side(const PixelRect& usable) {
    const double m = 16;
    const double w = std::floor(std::max(0.0, (usable.w - 3 * m) / 2));
    const double h = std::floor(std::min(w * 9 / 16, std::max(0.0, usable.h - 2 * m)));
    const double width = std::floor(std::min(w, h * 16 / 9));
    const double y = usable.y + std::floor((usable.h - h) / 2);
    return {{usable.x + m, y, width, h}, {usable.x + usable.w - m - width, y, width, h}};
}

std::string screen_ignored_note(int requested, int actual) {
    if (requested < 0 || actual == requested) return {};
    if (actual < 0)
        return fmt::format("--screen {}: the window system does not say which display the presentation is on",
                           requested + 1);
    return fmt::format("--screen {}: the window system put the presentation on display {} instead (move the "
                       "window there, then F for full screen)",
                       requested + 1, actual + 1);
}

ConsoleLayout console_layout(int width, int height, double scale) {
    ConsoleLayout l;
    l.width = std::max(width, 0);
    l.height = std::max(height, 0);
    l.scale = std::max(scale, 1.0);
    const double s = l.scale, w = l.width, h = l.height;
    const double m = std::round(16 * s), top = std::round(56 * s), label = std::round(26 * s);
    // The current picture takes about 60 % of the width (less if the height is short).
    double cw = std::floor(std::max(0.0, std::min(0.6 * w - 1.5 * m, (h - top - label - m) * 16.0 / 9.0)));
    l.current = {m, top + label, cw, std::round(cw * 9.0 / 16.0)};
    const double nx = m + cw + m;
    double nw = std::floor(std::max(0.0, w - nx - m));
    l.next = {nx, top + label, nw, std::round(nw * 9.0 / 16.0)};
    const double ny = l.next.y + l.next.h + label + m;
    l.notes = {nx, ny, nw, std::max(0.0, h - ny - m)};
    return l;
}

void draw_console(const ConsoleView& v, const ConsoleLayout& lay, std::uint8_t* pixels, int stride) {
    if (lay.width <= 0 || lay.height <= 0) return;
    SurfacePtr surface(cairo_image_surface_create_for_data(pixels, CAIRO_FORMAT_ARGB32, lay.width, lay.height, stride));
    check(cairo_surface_status(surface.get()), "cannot wrap the console buffer");
    ContextPtr ctx(cairo_create(surface.get()));
    cairo_t* cr = ctx.get();
    const double s = lay.scale;
    // Background everywhere but the two pictures.
    cairo_set_source_rgb(cr, 0.11, 0.11, 0.13);
    cairo_rectangle(cr, 0, 0, lay.width, lay.height);
    cairo_rectangle(cr, lay.current.x, lay.current.y, lay.current.w, lay.current.h);
    if (v.has_next) cairo_rectangle(cr, lay.next.x, lay.next.y, lay.next.w, lay.next.h);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    cairo_fill(cr);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
    const double m = 16 * s;
    // Header: slide and section on the left, elapsed time and clock on the right.
    LayoutPtr clock = make_text(cr, v.clock, 26 * s, true);
    LayoutPtr elapsed = make_text(cr, v.elapsed, 26 * s, true);
    auto [clw, clh] = text_size(clock.get());
    auto [elw, elh] = text_size(elapsed.get());
    (void)elh;
    const double hy = std::round((56 * s - clh) / 2);
    show_text(cr, clock.get(), lay.width - m - clw, hy, WHITE, 0.9);
    show_text(cr, elapsed.get(), lay.width - m - clw - 40 * s - elw, hy, kAccent);
    LayoutPtr heading = make_text(cr, v.heading, 22 * s, true, std::max(1.0, lay.width - clw - elw - 100 * s));
    show_text(cr, heading.get(), m, hy + 2 * s, WHITE);
    // Labels over the pictures.
    LayoutPtr now = make_text(cr, "Now — " + v.state, 14 * s, false, lay.current.w);
    show_text(cr, now.get(), lay.current.x, lay.current.y - 22 * s, WHITE, 0.75);
    LayoutPtr next = make_text(cr, v.next_label, 14 * s, false, lay.next.w);
    show_text(cr, next.get(), lay.next.x, lay.next.y - 22 * s, WHITE, 0.75);
    if (v.black) {
        LayoutPtr b = make_text(cr, "black screen (B)", 18 * s, true);
        auto [bw, bh] = text_size(b.get());
        show_text(cr, b.get(), lay.current.x + (lay.current.w - bw) / 2, lay.current.y + (lay.current.h - bh) / 2,
                  WHITE, 0.6);
    }
    // Frames around the pictures.
    cairo_set_line_width(cr, 1 * s);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.25);
    cairo_rectangle(cr, lay.current.x - 0.5, lay.current.y - 0.5, lay.current.w + 1, lay.current.h + 1);
    cairo_stroke(cr);
    if (v.has_next) {
        cairo_rectangle(cr, lay.next.x - 0.5, lay.next.y - 0.5, lay.next.w + 1, lay.next.h + 1);
        cairo_stroke(cr);
    }
    // Notes, wrapped.
    LayoutPtr title = make_text(cr, "Notes", 14 * s, false);
    show_text(cr, title.get(), lay.notes.x, lay.notes.y - 22 * s, WHITE, 0.75);
    if (lay.notes.w > 0 && lay.notes.h > 0) {
        LayoutPtr notes = make_text(cr, v.notes.empty() ? "(no notes)" : v.notes, 20 * s);
        pango_layout_set_width(notes.get(), static_cast<int>(lay.notes.w * PANGO_SCALE));
        pango_layout_set_height(notes.get(), static_cast<int>(lay.notes.h * PANGO_SCALE));
        pango_layout_set_wrap(notes.get(), PANGO_WRAP_WORD_CHAR);
        pango_layout_set_ellipsize(notes.get(), PANGO_ELLIPSIZE_END);
        show_text(cr, notes.get(), lay.notes.x, lay.notes.y, WHITE, v.notes.empty() ? 0.4 : 0.95);
    }
    check(cairo_status(cr), "drawing the console failed");
    cairo_surface_flush(surface.get());
}

} // namespace reel
