// The SDL side of the player: events to controller calls, the picture and overlay on screen.
#include "window.h"

#include <langinfo.h>

#include <algorithm>
#include <chrono>
#include <clocale>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

#include "audio.h"
#include "console.h"
#include "waveform.h"
#include "wave_band.h"
#include "text/fonts.h"
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
    // SDL's X11 driver turns a window title into text through the C library's locale. In the
    // "C" locale (a service, a container, no LANG) the UTF-8 bytes of "—" were taken for three
    // Latin-1 characters ("â" and two controls) and the UTF-8 title was never set: the title bar
    // showed "scene â section". Titles need a UTF-8 character type, whatever the user's is.
    std::setlocale(LC_CTYPE, "");
    const char* codeset = nl_langinfo(CODESET);
    if (!codeset || std::strcmp(codeset, "UTF-8") != 0) {
        if (!std::setlocale(LC_CTYPE, "C.UTF-8")) std::setlocale(LC_CTYPE, "C.utf8");
    }
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0)
        throw std::runtime_error(fmt::format(
            "no display available ({}); set DISPLAY or run under xvfb-run", SDL_GetError()));
    // Without a display SDL falls back to drivers that show nothing: a player that runs
    // invisibly is worse than a clear error, unless the headless driver was asked for.
    const char* driver = SDL_GetCurrentVideoDriver();
    const char* asked = SDL_getenv("SDL_VIDEODRIVER");
    const bool headless = driver && (SDL_strcmp(driver, "offscreen") == 0 || SDL_strcmp(driver, "dummy") == 0);
    if (headless && !(asked && SDL_strcasecmp(asked, driver) == 0)) {
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
        throw std::runtime_error(fmt::format(
            "no display available (SDL found only its '{}' driver); set DISPLAY or run under xvfb-run",
            driver));
    }
}

SdlVideo::~SdlVideo() { SDL_QuitSubSystem(SDL_INIT_VIDEO); }

Seconds wall_now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

PlayerWindow::PlayerWindow(const Timeline& timeline, const PlayerSettings& requested)
    : timeline_(&timeline) {
    std::string font_error;
    if (!init_fonts(&font_error)) throw std::runtime_error("fonts: " + font_error);
    PlayerSettings settings = requested;
    const int displays = SDL_GetNumVideoDisplays();
    if (settings.screen >= 0 && settings.screen >= displays)
        throw std::runtime_error(fmt::format("--screen {}: there {} only {} display{}", settings.screen + 1,
                                             displays == 1 ? "is" : "are", std::max(displays, 0),
                                             displays == 1 ? "" : "s"));
    // One display with the console: both in windows side by side (two windows centred on one
    // display, the console hid the audience's).
    std::optional<std::pair<PixelRect, PixelRect>> shared;
    if (settings.console && settings.mode == PlayerMode::Present && displays < 2) {
        SDL_Rect usable{};
        if (SDL_GetDisplayUsableBounds(0, &usable) == 0 && usable.w > 0 && usable.h > 0)
            shared = side_by_side({static_cast<double>(usable.x), static_cast<double>(usable.y),
                                   static_cast<double>(usable.w), static_cast<double>(usable.h)});
        warn("one display: the presentation and the console open side by side in windows (F: full screen)");
        settings.fullscreen = false;
    }
    int x = settings.screen >= 0 ? static_cast<int>(SDL_WINDOWPOS_CENTERED_DISPLAY(settings.screen))
                                 : static_cast<int>(SDL_WINDOWPOS_CENTERED);
    int y = x, width = kDefaultWidth, height = kDefaultHeight;
    if (shared) {
        x = static_cast<int>(shared->first.x);
        y = static_cast<int>(shared->first.y);
        width = std::max(static_cast<int>(shared->first.w), 160);
        height = std::max(static_cast<int>(shared->first.h), 90);
    }
    // A presentation must not minimise when a second screen or the notes window takes focus.
    if (settings.mode == PlayerMode::Present &&
        !SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0"))
        warn("SDL refused the hint to stay visible when focus moves away");
    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    if (settings.fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    window_.reset(SDL_CreateWindow("reel", x, y, width, height, flags));
    if (!window_) sdl_fail("cannot open a window");
    // A window system may place a window where it likes: say so rather than present on the
    // wrong screen in silence.
    if (const std::string note = screen_ignored_note(settings.screen, SDL_GetWindowDisplayIndex(window_.get()));
        !note.empty())
        warn(note);
    // Without a GPU, SDL's software renderer converts and sends the whole window every frame;
    // composing in our own buffer and sending only the changed rectangles moves far fewer pixels.
    const char* wanted = SDL_GetHint(SDL_HINT_RENDER_DRIVER);
    const bool software = wanted && SDL_strcasecmp(wanted, "software") == 0;
    if (!software) {
        renderer_.reset(SDL_CreateRenderer(window_.get(), -1, SDL_RENDERER_PRESENTVSYNC));
        if (!renderer_) renderer_.reset(SDL_CreateRenderer(window_.get(), -1, 0));
        SDL_RendererInfo info;
        if (renderer_ && SDL_GetRendererInfo(renderer_.get(), &info) == 0 && info.name &&
            std::string(info.name) == "software")
            renderer_.reset();
    }
    if (!renderer_) {
        SDL_Surface* surface = SDL_GetWindowSurface(window_.get());
        // Cairo's ARGB32 is SDL's ARGB8888 / RGB888 (the X byte ignored): no conversion.
        if (surface && (surface->format->format == SDL_PIXELFORMAT_RGB888 ||
                        surface->format->format == SDL_PIXELFORMAT_ARGB8888)) {
            framebuffer_ = true;
            renderer_name_ = "framebuffer";
        } else {
            renderer_.reset(SDL_CreateRenderer(window_.get(), -1, SDL_RENDERER_SOFTWARE));
            if (!renderer_) sdl_fail("cannot create a renderer for the window");
        }
    }
    if (renderer_) {
        SDL_RendererInfo info;
        if (SDL_GetRendererInfo(renderer_.get(), &info) != 0) sdl_fail("cannot query the renderer");
        renderer_name_ = info.name ? info.name : "";
        vsync_ = (info.flags & SDL_RENDERER_PRESENTVSYNC) != 0;
        // The software renderer only simulates vsync with whole-millisecond sleeps; pacing to
        // the refresh on our own clock is exact.
        if (vsync_ && renderer_name_ == "software") {
            if (SDL_RenderSetVSync(renderer_.get(), 0) != 0) sdl_fail("cannot turn simulated vsync off");
            vsync_ = false;
        }
    }
    SDL_DisplayMode mode;
    int display = SDL_GetWindowDisplayIndex(window_.get());
    if (display >= 0 && SDL_GetCurrentDisplayMode(display, &mode) == 0 && mode.refresh_rate > 0)
        refresh_hz_ = mode.refresh_rate;
    fullscreen_applied_ = settings.fullscreen;
    Seconds now = wall_now();
    controller_ = std::make_unique<PlayerController>(timeline, settings, now);
    if (settings.console && settings.mode == PlayerMode::Present) {
        // The console goes on another display than the audience's when there is one.
        int console_display = -1;
        const int audience = std::max(settings.screen, 0);
        if (displays >= 2) console_display = audience == 0 ? 1 : 0;
        console_ = std::make_unique<ConsoleWindow>(*controller_, console_display,
                                                   shared ? std::optional<PixelRect>(shared->second) : std::nullopt);
    }
    sound_on_ = settings.sound;
    sound_ = std::make_unique<SoundOutput>(with_sound(timeline));
    waveform_ = std::make_unique<Waveform>(with_sound(timeline));
    wave_band_ = std::make_unique<WaveBand>();
    if (!sound_->note().empty()) warn(sound_->note() + " (the player plays silently)");
    sync_size();
    if (controller_->playing()) {
        tick0_ = now;
        was_playing_ = true;
    }
}

PlayerWindow::~PlayerWindow() = default;

void PlayerWindow::set_timeline(const Timeline& timeline) {
    const Seconds now = wall_now();
    controller_->set_timeline(timeline, now);
    timeline_ = &timeline;
    sound_->set_timeline(with_sound(timeline));
    sound_epoch_ = ~std::uint64_t{0}; // restart on the next step
    waveform_.reset(); // its worker reads the old sounds' files: stopped first
    waveform_ = std::make_unique<Waveform>(with_sound(timeline));
    levels_.clear();
    layers_.clear(); // the snapshot belongs to the old version's segments
    thumb_frame_ = -1;
    needs_draw_ = true;
    if (controller_->playing()) { // a new paced run from here
        tick0_ = now;
        next_slot_ = 0;
    }
}

std::pair<int, int> PlayerWindow::pixel_size() const {
    int w = 0, h = 0;
    if (!renderer_)
        SDL_GetWindowSizeInPixels(window_.get(), &w, &h);
    else if (SDL_GetRendererOutputSize(renderer_.get(), &w, &h) != 0)
        sdl_fail("cannot read the window's size in pixels");
    return {w, h};
}

double PlayerWindow::pixel_ratio() const {
    int ww = 0, wh = 0;
    SDL_GetWindowSize(window_.get(), &ww, &wh);
    return ww > 0 ? static_cast<double>(pixel_size().first) / ww : 1.0;
}

void PlayerWindow::sync_size() {
    auto [w, h] = pixel_size();
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
    if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE) {
        c.key(Key::Q, now); // closing either window ends the show
        return;
    }
    if (console_ && e.type == SDL_WINDOWEVENT && e.window.windowID == console_->id()) {
        console_->handle(e);
        return;
    }
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
        case SDL_WINDOWEVENT_EXPOSED:
            needs_draw_ = true;
            full_update_ = true; // the window system may have lost what was on screen
            break;
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
        render_frame(timeline_->state_at(static_cast<Seconds>(frame) / kTimelineFps),
                     thumb_.pixels.data(), w, h, thumb_.stride);
        thumb_frame_ = frame;
    }
    return thumb_;
}

std::span<const float> PlayerWindow::waveform_levels() {
    if (waveform_->size() == 0) return {};
    const auto columns = static_cast<std::size_t>(std::max(0.0, std::round(controller_->layout().track.w)));
    if (levels_.size() != columns || levels_ready_ != waveform_->ready()) {
        levels_ready_ = waveform_->ready();
        levels_ = waveform_->levels(static_cast<int>(columns));
    }
    return levels_;
}

Seconds PlayerWindow::compose(std::uint8_t* px, int pitch, Seconds wall) {
    PlayerController& c = *controller_;
    const OverlayLayout& lay = c.layout();
    const Seconds t = c.time(wall);
    OverlayView view = c.overlay(wall);
    const PixelRect& pic = lay.picture;
    const bool letterboxed = pic.w != lay.width || pic.h != lay.height;
    if (c.black() || c.ended() || letterboxed) {
        // Opaque black (screenshots keep black bars), only where the picture will not go.
        const int x0 = static_cast<int>(pic.x), x1 = static_cast<int>(pic.x + pic.w);
        const int y0 = static_cast<int>(pic.y), y1 = static_cast<int>(pic.y + pic.h);
        const std::uint32_t black = 0xFF000000u;
        auto fill = [&](int y, int from, int to) {
            std::uint8_t* row = px + static_cast<std::ptrdiff_t>(y) * pitch;
            for (int x = from; x < to; ++x) std::memcpy(row + 4 * x, &black, 4);
        };
        for (int y = 0; y < lay.height; ++y) {
            if (c.black() || c.ended() || y < y0 || y >= y1) {
                fill(y, 0, lay.width);
            } else {
                fill(y, 0, x0);
                fill(y, x1, lay.width);
            }
        }
    }
    if (!c.black() && !c.ended()) {
        std::uint8_t* origin = px + static_cast<std::ptrdiff_t>(pic.y) * pitch +
                               static_cast<std::ptrdiff_t>(pic.x) * 4;
        layers_.render(timeline_->state_at(t), origin, static_cast<int>(pic.w),
                       static_cast<int>(pic.h), pitch, Camera{.threads = picture_threads()});
        if (view.hover) view.thumbnail = &thumbnail(*view.hover);
        if (view.bar) {
            view.waveform = waveform_levels();
            view.wave_band = wave_band_.get();
        }
    } else {
        view.bar = false;
        view.corner.clear(); // a black screen is black (a number being typed still shows)
        if (!c.typed().empty()) view.corner = c.corner_text(wall);
    }
    if (view.bar || !view.help.empty() || !view.corner.empty() || !view.error.empty() || !view.activity.empty() ||
        !view.banner.empty())
        draw_overlay(view, lay, px, pitch);
    return t;
}

void PlayerWindow::present_texture() {
    const OverlayLayout& lay = controller_->layout();
    const int w = lay.width, h = lay.height;
    if (!texture_ || texture_w_ != w || texture_h_ != h) {
        texture_.reset(SDL_CreateTexture(renderer_.get(), SDL_PIXELFORMAT_ARGB8888,
                                         SDL_TEXTUREACCESS_STREAMING, w, h));
        if (!texture_) sdl_fail("cannot create the picture texture");
        if (SDL_SetTextureBlendMode(texture_.get(), SDL_BLENDMODE_NONE) != 0)
            sdl_fail("cannot set the picture texture's blend mode");
        texture_w_ = w;
        texture_h_ = h;
    }
    if (SDL_UpdateTexture(texture_.get(), nullptr, frame_.pixels.data(), frame_.stride) != 0)
        sdl_fail("cannot upload the picture");
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
}

void PlayerWindow::present_changed() {
    SDL_Surface* surface = SDL_GetWindowSurface(window_.get());
    if (!surface) sdl_fail("cannot get the window's surface");
    const int w = std::min(surface->w, frame_.width), h = std::min(surface->h, frame_.height);
    if (SDL_MUSTLOCK(surface) && SDL_LockSurface(surface) != 0) sdl_fail("cannot lock the window's surface");
    auto* dst = static_cast<std::uint8_t*>(surface->pixels);
    auto dst_row = [&](int y) { return dst + static_cast<std::ptrdiff_t>(y) * surface->pitch; };
    auto same = [](const std::uint8_t* a, const std::uint8_t* b, std::size_t n) {
        return std::memcmp(a, b, n) == 0;
    };
    const auto row_bytes = static_cast<std::size_t>(w) * 4;
    // Bands of changed rows (a gap of kGap clean rows splits them), each narrowed to its
    // changed columns: an animation and the bar's clock become two small rectangles.
    constexpr int kGap = 16;
    std::vector<SDL_Rect> rects;
    for (int y = 0; y < h;) {
        while (y < h && !full_update_ && same(frame_.row(y), dst_row(y), row_bytes)) ++y;
        if (y >= h) break;
        const int top = y;
        int bottom = y, clean = 0;
        for (++y; y < h && clean < kGap; ++y) {
            if (full_update_ || !same(frame_.row(y), dst_row(y), row_bytes)) {
                bottom = y;
                clean = 0;
            } else {
                ++clean;
            }
        }
        int left = full_update_ ? 0 : w, right = full_update_ ? w - 1 : -1;
        for (int r = top; r <= bottom && !full_update_; ++r) {
            const std::uint8_t* a = frame_.row(r);
            const std::uint8_t* b = dst_row(r);
            int x = 0;
            while (x < left && same(a + 4 * x, b + 4 * x, 4)) ++x;
            left = std::min(left, x);
            int xr = w - 1;
            while (xr > right && same(a + 4 * xr, b + 4 * xr, 4)) --xr;
            right = std::max(right, xr);
        }
        if (right < left) continue;
        const auto bytes = static_cast<std::size_t>(right - left + 1) * 4;
        for (int r = top; r <= bottom; ++r)
            std::memcpy(dst_row(r) + 4 * left, frame_.row(r) + 4 * left, bytes);
        rects.push_back({left, top, right - left + 1, bottom - top + 1});
    }
    if (capture_requested_) { // what the window's framebuffer now holds
        Image shot(w, h);
        for (int y = 0; y < h; ++y) std::memcpy(shot.row(y), dst_row(y), row_bytes);
        captured_ = std::move(shot);
        capture_requested_ = false;
    }
    if (SDL_MUSTLOCK(surface)) SDL_UnlockSurface(surface);
    if (!rects.empty() &&
        SDL_UpdateWindowSurfaceRects(window_.get(), rects.data(), static_cast<int>(rects.size())) != 0)
        sdl_fail("cannot update the window");
    full_update_ = false;
}

void PlayerWindow::draw(Seconds wall, long slot) {
    const Seconds started = wall_now();
    PlayerController& c = *controller_;
    const OverlayLayout& lay = c.layout();
    if (lay.width <= 0 || lay.height <= 0) return; // minimised
    if (frame_.width != lay.width || frame_.height != lay.height) {
        frame_ = Image(lay.width, lay.height);
        full_update_ = true;
    }
    const Seconds t = compose(frame_.pixels.data(), frame_.stride, wall);
    if (framebuffer_)
        present_changed();
    else
        present_texture();
    const Seconds done = wall_now();
    // While playing, how long a picture takes to reach the screen, smoothed: the next one is
    // drawn for that much later.
    if (c.playing()) draw_lead_ = std::min(0.8 * draw_lead_ + 0.2 * (done - started), period());
    last_present_ = done;
    drawn_revision_ = c.revision();
    drawn_bar_ = c.overlay_visible(wall);
    needs_draw_ = false;
    if (on_present) on_present({done, t, done - started, slot});
}

void PlayerWindow::sync_sound(Seconds now) {
    PlayerController& c = *controller_;
    const SoundCue cue = c.sound_cue();
    if (cue.epoch != sound_epoch_) { // seek, pause, resume, speed, mute...: from the exact sample
        if (cue.grain)
            sound_->scrub(cue.sample); // a drag on the bar: grains from under the pointer
        else
            sound_->restart(cue.sample, cue.audible);
        sound_epoch_ = cue.epoch;
    }
    // From the restart on: the picture waits at the restart point until it is heard.
    if (cue.audible)
        if (auto heard = sound_->heard(now)) c.follow_sound(*heard, now);
}

void PlayerWindow::step(Seconds max_wait) {
    PlayerController& c = *controller_;
    Seconds now = wall_now();
    Seconds deadline = now + std::max(max_wait, 0.0);
    if (c.playing())
        deadline = std::min(deadline, vsync_ ? now : tick0_ + static_cast<double>(next_slot_) * period());
    else if (needs_draw_ || capture_requested_ || c.revision() != drawn_revision_)
        deadline = now;
    if (console_) deadline = std::min(deadline, console_->next_due(now)); // its clocks tick
    // The bar's waveform fills in as it is computed: look again a few times a second.
    const bool filling = !waveform_->done() && waveform_->error().empty() && c.overlay_visible(now);
    if (filling) deadline = std::min(deadline, now + 0.1);
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
    if (on_step) on_step();

    now = wall_now();
    c.update(now);
    sync_sound(now);
    sync_window(now);
    if (c.playing() && !was_playing_) {
        tick0_ = now;
        next_slot_ = 0;
    }
    was_playing_ = c.playing();

    if (c.playing()) {
        if (vsync_) {
            const Seconds before = last_present_;
            draw(now + draw_lead_, -1);
            // Some drivers claim vsync and return at once (no vblank under Xvfb, compositors
            // that drop it): after half a second of that, pace on our own clock instead.
            fake_vsync_frames_ = last_present_ - before < 0.5 * period() ? fake_vsync_frames_ + 1 : 0;
            if (fake_vsync_frames_ >= refresh_hz_ / 2) {
                vsync_ = false;
                tick0_ = wall_now();
                next_slot_ = 0;
            }
        } else if (now >= tick0_ + static_cast<double>(next_slot_) * period() - 0.0005) {
            // The latest refresh that has begun: late frames are dropped, the clock never waits.
            long slot = std::max(next_slot_,
                                 static_cast<long>(std::floor((now + 0.0005 - tick0_) / period())));
            next_slot_ = slot + 1;
            // The moment it will be on screen, not the refresh's start: a step that wakes late
            // would show a picture behind the sound by that much.
            draw(now + draw_lead_, slot);
        }
    } else if (needs_draw_ || capture_requested_ || c.revision() != drawn_revision_ ||
               c.overlay_visible(now) != drawn_bar_ ||
               (drawn_bar_ && waveform_->size() > 0 && waveform_->ready() != levels_ready_)) {
        draw(now, -1);
    }
    if (console_) console_->update(wall_now());
}

} // namespace reel
