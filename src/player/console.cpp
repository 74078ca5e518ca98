// The presenter console window: pictures rendered with the one renderer, the console's chrome
// drawn by the player (overlay.cpp), the result blitted onto the window's surface.
#include "console.h"

#include <cmath>
#include <cstring>
#include <ctime>
#include <stdexcept>

#include <fmt/format.h>

#include "base/clock.h"

namespace reel {

namespace {

constexpr Seconds kPlayingInterval = 1.0 / 30.0;

std::string wall_clock() {
    std::time_t t = std::time(nullptr);
    std::tm local{};
    localtime_r(&t, &local);
    return fmt::format("{:02d}:{:02d}:{:02d}", local.tm_hour, local.tm_min, local.tm_sec);
}

} // namespace

ConsoleWindow::ConsoleWindow(const PlayerController& controller, int display, std::optional<PixelRect> place)
    : controller_(controller) {
    const int pos = display >= 0 ? static_cast<int>(SDL_WINDOWPOS_CENTERED_DISPLAY(display))
                                 : static_cast<int>(SDL_WINDOWPOS_CENTERED);
    int x = pos, y = pos, w = 1280, h = 720;
    if (place) {
        x = static_cast<int>(place->x);
        y = static_cast<int>(place->y);
        w = std::max(static_cast<int>(place->w), 160);
        h = std::max(static_cast<int>(place->h), 90);
    }
    window_.reset(SDL_CreateWindow("reel \u2014 presenter console", x, y, w, h,
                                   SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI));
    if (!window_) throw std::runtime_error(fmt::format("cannot open the presenter console: {}", SDL_GetError()));
}

void ConsoleWindow::handle(const SDL_Event& e) {
    if (e.type == SDL_WINDOWEVENT) dirty_ = true; // resized, exposed, ...
}

Seconds ConsoleWindow::next_due(Seconds now) const {
    const Seconds elapsed = controller_.elapsed(now);
    return now + (std::floor(elapsed) + 1.0 - elapsed);
}

void ConsoleWindow::update(Seconds now) {
    const long second = static_cast<long>(std::floor(controller_.elapsed(now)));
    const bool moving = controller_.playing() && now - drawn_at_ >= kPlayingInterval;
    if (dirty_ || capture_ || moving || second != drawn_second_ || controller_.revision() != drawn_revision_)
        draw(now);
}

void ConsoleWindow::draw(Seconds now) {
    const Timeline& timeline_ = controller_.timeline();
    SDL_Surface* surface = SDL_GetWindowSurface(window_.get());
    if (!surface) throw std::runtime_error(fmt::format("presenter console: {}", SDL_GetError()));
    const int w = surface->w, h = surface->h;
    int ww = 0, wh = 0;
    SDL_GetWindowSize(window_.get(), &ww, &wh);
    const double scale = ww > 0 ? std::max(1.0, static_cast<double>(w) / ww) : 1.0;
    if (frame_.width != w || frame_.height != h) frame_ = Image(w, h);
    const ConsoleLayout lay = console_layout(w, h, scale);
    auto render_into = [&](const Frame& f, const PixelRect& r) {
        if (r.w < 1 || r.h < 1) return;
        std::uint8_t* origin = frame_.row(static_cast<int>(r.y)) + static_cast<std::ptrdiff_t>(r.x) * 4;
        render_frame(f, origin, static_cast<int>(r.w), static_cast<int>(r.h), frame_.stride);
    };
    const Seconds t = controller_.time(now);
    if (controller_.black())
        render_into(Frame{}, lay.current);
    else
        render_into(timeline_.state_at(t), lay.current);
    ConsoleView v;
    const auto& holds = controller_.holds();
    const std::size_t slide = controller_.slide();
    const std::size_t n = holds.size();
    if (auto next = controller_.next_picture()) {
        const int nw = static_cast<int>(lay.next.w), nh = static_cast<int>(lay.next.h);
        if (next_for_ != static_cast<long>(slide + 1) || next_timeline_ != &timeline_ || next_w_ != nw ||
            next_.height != nh) {
            next_timeline_ = &timeline_;
            next_ = render_frame(timeline_.state_at(*next), std::max(nw, 1), std::max(nh, 1));
            next_for_ = static_cast<long>(slide + 1);
            next_w_ = nw;
        }
        for (int y = 0; y < nh && y < next_.height; ++y)
            std::memcpy(frame_.row(static_cast<int>(lay.next.y) + y) + static_cast<std::ptrdiff_t>(lay.next.x) * 4,
                        next_.row(y), static_cast<std::size_t>(std::min(nw, next_.width)) * 4);
        v.has_next = true;
        v.next_label = fmt::format("Next \u2014 slide {} / {}", slide + 2, n);
    } else {
        v.next_label = "End of the presentation";
    }
    v.heading = slide_heading(holds, timeline_, slide);
    v.black = controller_.black();
    if (!controller_.typed().empty())
        v.state = fmt::format("go to {} (Enter)", controller_.typed());
    else if (controller_.ended())
        v.state = "ended: the audience sees \u201cEnd of the presentation\u201d";
    else if (controller_.black())
        v.state = "black screen";
    else if (controller_.playing())
        v.state = slide < n && holds[slide].loop ? "looping until next" : "playing";
    else
        v.state = "holding";
    v.notes = controller_.notes();
    v.elapsed = format_clock_seconds(controller_.elapsed(now));
    v.clock = wall_clock();
    draw_console(v, lay, frame_.pixels.data(), frame_.stride);
    // Cairo's ARGB32 is SDL's ARGB8888; SDL converts to the window's format if it differs.
    SDL_Surface* src = SDL_CreateRGBSurfaceWithFormatFrom(frame_.pixels.data(), w, h, 32, frame_.stride,
                                                          SDL_PIXELFORMAT_ARGB8888);
    if (!src) throw std::runtime_error(fmt::format("presenter console: {}", SDL_GetError()));
    SDL_SetSurfaceBlendMode(src, SDL_BLENDMODE_NONE);
    const int blit = SDL_BlitSurface(src, nullptr, surface, nullptr);
    SDL_FreeSurface(src);
    if (blit != 0 || SDL_UpdateWindowSurface(window_.get()) != 0)
        throw std::runtime_error(fmt::format("presenter console: {}", SDL_GetError()));
    if (capture_) {
        captured_ = frame_;
        capture_ = false;
    }
    drawn_revision_ = controller_.revision();
    drawn_second_ = static_cast<long>(std::floor(controller_.elapsed(now)));
    drawn_at_ = now;
    dirty_ = false;
}

} // namespace reel
