// The SDL side of the player: events to controller calls, the picture and overlay on screen.
#include "window.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "reel/text.h"
#include "sdl_input.h"

namespace reel {

namespace {

constexpr int kDefaultWidth = 1280;
constexpr int kDefaultHeight = 720;

[[noreturn]] void sdl_fail(const char* what) {
    throw std::runtime_error(fmt::format("{}: {}", what, SDL_GetError()));
}

void warn(const std::string& message) { std::fprintf(stderr, "reel: warning: %s\n", message.c_str()); }

// Keys whose auto-repeat means "keep going"; for toggles a held key must not flicker.
bool repeats(Key k) {
    switch (k) {
    case Key::J: case Key::L: case Key::Left: case Key::Right: case Key::Comma: case Key::Period:
        return true;
    default:
        return false;
    }
}

} // namespace

SdlVideo::SdlVideo() {
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0)
        throw std::runtime_error(fmt::format(
            "no display available ({}); set DISPLAY or run under xvfb-run", SDL_GetError()));
}

SdlVideo::~SdlVideo() { SDL_QuitSubSystem(SDL_INIT_VIDEO); }

Seconds wall_now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

PlayerWindow::PlayerWindow(const Timeline& timeline, const PlayerSettings& settings)
    : timeline_(timeline) {
    std::string font_error;
    if (!init_fonts(&font_error)) throw std::runtime_error("fonts: " + font_error);
    // A presentation must not minimise when a second screen or the notes window takes focus.
    if (settings.mode == PlayerMode::Present &&
        !SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0"))
        warn("SDL refused the hint to stay visible when focus moves away");
    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    if (settings.fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    window_.reset(SDL_CreateWindow("reel", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                   kDefaultWidth, kDefaultHeight, flags));
    if (!window_) sdl_fail("cannot open a window");
    renderer_.reset(SDL_CreateRenderer(window_.get(), -1, SDL_RENDERER_PRESENTVSYNC));
    if (!renderer_) renderer_.reset(SDL_CreateRenderer(window_.get(), -1, 0));
    if (!renderer_) sdl_fail("cannot create a renderer for the window");
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(renderer_.get(), &info) != 0) sdl_fail("cannot query the renderer");
    renderer_name_ = info.name ? info.name : "";
    vsync_ = (info.flags & SDL_RENDERER_PRESENTVSYNC) != 0;
    // The software renderer only simulates vsync with whole-millisecond sleeps; pacing to the
    // refresh on our own clock is exact.
    if (vsync_ && renderer_name_ == "software") {
        if (SDL_RenderSetVSync(renderer_.get(), 0) != 0) sdl_fail("cannot turn simulated vsync off");
        vsync_ = false;
    }
    SDL_DisplayMode mode;
    int display = SDL_GetWindowDisplayIndex(window_.get());
    if (display >= 0 && SDL_GetCurrentDisplayMode(display, &mode) == 0 && mode.refresh_rate > 0)
        refresh_hz_ = mode.refresh_rate;
    fullscreen_applied_ = settings.fullscreen;
    Seconds now = wall_now();
    controller_ = std::make_unique<PlayerController>(timeline, settings, now);
    sync_size();
    if (controller_->playing()) {
        tick0_ = now;
        was_playing_ = true;
    }
}

PlayerWindow::~PlayerWindow() = default;

double PlayerWindow::pixel_ratio() const {
    int ww = 0, wh = 0, pw = 0, ph = 0;
    SDL_GetWindowSize(window_.get(), &ww, &wh);
    if (SDL_GetRendererOutputSize(renderer_.get(), &pw, &ph) != 0 || ww <= 0) return 1.0;
    return static_cast<double>(pw) / ww;
}

void PlayerWindow::sync_size() {
    int w = 0, h = 0;
    if (SDL_GetRendererOutputSize(renderer_.get(), &w, &h) != 0)
        sdl_fail("cannot read the window's size in pixels");
    const OverlayLayout& lay = controller_->layout();
    double ratio = pixel_ratio();
    if (w != lay.width || h != lay.height || ratio != lay.scale) {
        controller_->resize(w, h, ratio);
        needs_draw_ = true;
    }
}

void PlayerWindow::handle(const SDL_Event& e, Seconds now) {
    PlayerController& c = *controller_;
    const double r = pixel_ratio();
    switch (e.type) {
    case SDL_QUIT: c.key(Key::Q, now); break;
    case SDL_KEYDOWN:
        if (auto k = key_from_sdl(e.key.keysym.sym, e.key.keysym.mod);
            k && (!e.key.repeat || repeats(*k)))
            c.key(*k, now);
        break;
    case SDL_MOUSEMOTION: c.mouse_move(e.motion.x * r, e.motion.y * r, now); break;
    case SDL_MOUSEBUTTONDOWN:
        if (e.button.button == SDL_BUTTON_LEFT) c.mouse_down(e.button.x * r, e.button.y * r, now);
        break;
    case SDL_MOUSEBUTTONUP:
        if (e.button.button == SDL_BUTTON_LEFT) c.mouse_up(e.button.x * r, e.button.y * r, now);
        break;
    case SDL_WINDOWEVENT: {
        switch (e.window.event) {
        case SDL_WINDOWEVENT_SIZE_CHANGED:
        case SDL_WINDOWEVENT_RESIZED: sync_size(); break;
        case SDL_WINDOWEVENT_EXPOSED: needs_draw_ = true; break;
        case SDL_WINDOWEVENT_LEAVE: c.mouse_leave(now); break;
        default: break;
        }
        // The window manager may change full screen itself (a maximise gesture, a shortcut).
        bool fs = (SDL_GetWindowFlags(window_.get()) & SDL_WINDOW_FULLSCREEN) != 0;
        if (fs != fullscreen_applied_) {
            fullscreen_applied_ = fs;
            c.set_fullscreen(fs);
        }
        break;
    }
    default: break;
    }
}

void PlayerWindow::sync_window(Seconds now) {
    PlayerController& c = *controller_;
    if (c.fullscreen() != fullscreen_applied_) {
        Uint32 flag = c.fullscreen() ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0;
        if (SDL_SetWindowFullscreen(window_.get(), flag) != 0) {
            warn(fmt::format("cannot switch full screen: {}", SDL_GetError()));
            c.set_fullscreen(fullscreen_applied_);
        } else {
            fullscreen_applied_ = c.fullscreen();
        }
        sync_size();
    }
    // The pointer stays out of the way of a presentation, and of a film while the bar is hidden.
    int cursor = c.mode() == PlayerMode::Present || (c.playing() && !c.overlay_visible(now)) ? 0 : 1;
    if (cursor != cursor_shown_) {
        if (SDL_ShowCursor(cursor ? SDL_ENABLE : SDL_DISABLE) < 0)
            warn(fmt::format("cannot show or hide the pointer: {}", SDL_GetError()));
        cursor_shown_ = cursor;
    }
    std::string title = c.title(now);
    if (title != title_) {
        SDL_SetWindowTitle(window_.get(), title.c_str());
        title_ = std::move(title);
    }
}

const Image& PlayerWindow::thumbnail(Seconds t) {
    auto [w, h] = thumbnail_size(controller_->layout().scale);
    long frame = std::lround(t * kTimelineFps);
    if (frame != thumb_frame_ || thumb_.width != w || thumb_.height != h) {
        if (thumb_.width != w || thumb_.height != h) thumb_ = Image(w, h);
        render_frame(timeline_.state_at(static_cast<Seconds>(frame) / kTimelineFps),
                     thumb_.pixels.data(), w, h, thumb_.stride);
        thumb_frame_ = frame;
    }
    return thumb_;
}

void PlayerWindow::draw(Seconds wall, long slot) {
    const Seconds started = wall_now();
    PlayerController& c = *controller_;
    const OverlayLayout& lay = c.layout();
    const int w = lay.width, h = lay.height;
    if (w <= 0 || h <= 0) return; // minimised
    if (!texture_ || texture_w_ != w || texture_h_ != h) {
        texture_.reset(SDL_CreateTexture(renderer_.get(), SDL_PIXELFORMAT_ARGB8888,
                                         SDL_TEXTUREACCESS_STREAMING, w, h));
        if (!texture_) sdl_fail("cannot create the picture texture");
        if (SDL_SetTextureBlendMode(texture_.get(), SDL_BLENDMODE_NONE) != 0)
            sdl_fail("cannot set the picture texture's blend mode");
        texture_w_ = w;
        texture_h_ = h;
    }
    void* locked = nullptr;
    int pitch = 0;
    if (SDL_LockTexture(texture_.get(), nullptr, &locked, &pitch) != 0)
        sdl_fail("cannot lock the picture texture");
    auto* px = static_cast<std::uint8_t*>(locked);
    const Seconds t = c.time(wall);
    OverlayView view = c.overlay(wall);
    // Cairo draws straight into the texture's memory: one buffer, no extra copy.
    const PixelRect& pic = lay.picture;
    const bool letterboxed = pic.w != w || pic.h != h;
    if (c.black() || letterboxed) std::memset(px, 0, static_cast<std::size_t>(pitch) * static_cast<std::size_t>(h));
    if (!c.black()) {
        std::uint8_t* origin = px + static_cast<std::ptrdiff_t>(pic.y) * pitch +
                               static_cast<std::ptrdiff_t>(pic.x) * 4;
        render_frame(timeline_.state_at(t), origin, static_cast<int>(pic.w),
                     static_cast<int>(pic.h), pitch);
        if (view.hover) view.thumbnail = &thumbnail(*view.hover);
    } else {
        view.bar = false;
    }
    if (view.bar || !view.help.empty()) draw_overlay(view, lay, px, pitch);
    SDL_UnlockTexture(texture_.get());
    if (SDL_RenderCopy(renderer_.get(), texture_.get(), nullptr, nullptr) != 0)
        sdl_fail("cannot copy the picture to the window");
    if (capture_requested_) {
        Image shot(w, h);
        if (SDL_RenderReadPixels(renderer_.get(), nullptr, SDL_PIXELFORMAT_ARGB8888,
                                 shot.pixels.data(), shot.stride) != 0)
            sdl_fail("cannot read the window's pixels back");
        captured_ = std::move(shot);
        capture_requested_ = false;
    }
    SDL_RenderPresent(renderer_.get());
    const Seconds done = wall_now();
    drawn_revision_ = c.revision();
    drawn_bar_ = c.overlay_visible(wall);
    needs_draw_ = false;
    if (on_present) on_present({done, t, done - started, slot});
}

void PlayerWindow::step(Seconds max_wait) {
    PlayerController& c = *controller_;
    Seconds now = wall_now();
    Seconds deadline = now + std::max(max_wait, 0.0);
    if (c.playing())
        deadline = std::min(deadline, vsync_ ? now : tick0_ + static_cast<double>(next_slot_) * period());
    else if (needs_draw_ || capture_requested_ || c.revision() != drawn_revision_)
        deadline = now;
    SDL_Event e;
    bool woke = false;
    const Seconds remaining = deadline - now;
    // Sleep in SDL (woken by any event) to a millisecond before the deadline, then precisely.
    if (remaining > 0.002) {
        if (std::isinf(remaining)) {
            woke = SDL_WaitEvent(&e) != 0;
            if (!woke) sdl_fail("waiting for events failed");
        } else {
            woke = SDL_WaitEventTimeout(&e, static_cast<int>((remaining - 0.001) * 1000.0)) != 0;
        }
        if (woke) handle(e, wall_now());
    }
    if (!woke && std::isfinite(deadline) && deadline > wall_now())
        std::this_thread::sleep_for(std::chrono::duration<double>(deadline - wall_now()));
    while (SDL_PollEvent(&e)) handle(e, wall_now());

    now = wall_now();
    c.update(now);
    sync_window(now);
    if (c.playing() && !was_playing_) {
        tick0_ = now;
        next_slot_ = 0;
    }
    was_playing_ = c.playing();

    if (c.playing()) {
        if (vsync_) {
            draw(now, -1);
        } else if (now >= tick0_ + static_cast<double>(next_slot_) * period() - 0.0005) {
            // The latest refresh that has begun: late frames are dropped, the clock never waits.
            long slot = std::max(next_slot_,
                                 static_cast<long>(std::floor((now + 0.0005 - tick0_) / period())));
            next_slot_ = slot + 1;
            draw(tick0_ + static_cast<double>(slot) * period(), slot);
        }
    } else if (needs_draw_ || capture_requested_ || c.revision() != drawn_revision_ ||
               c.overlay_visible(now) != drawn_bar_) {
        draw(now, -1);
    }
}

} // namespace reel
