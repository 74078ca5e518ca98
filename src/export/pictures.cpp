#include "pictures.h"

#include <algorithm>
#include <stdexcept>

namespace reel {

namespace {

using Rect = LayerCache::Rect;

} // namespace

WorkerPictures::WorkerPictures(AVPixelFormat format, int width, int height, int count)
    : format_(format), width_(width), height_(height) {
    pictures_.reserve(static_cast<std::size_t>(std::max(count, 1)) * 2);
    for (int i = 0; i < count; ++i) pictures_.push_back({av::allocate_frame(format, width, height), -1});
}

void WorkerPictures::drew(const Rect& changed) {
    changes_[static_cast<std::size_t>(draws_ % kHistory)] = draws_ == 0 ? Rect{0, 0, width_, height_} : changed;
    ++draws_;
}

WorkerPictures::Lease WorkerPictures::acquire() {
    if (draws_ == 0) throw std::logic_error("WorkerPictures::acquire before the first draw");
    // The encoder side lets go of a picture on its own thread; a picture it still holds is
    // simply passed over (a reference count read is all av_frame_is_writable does).
    std::size_t best = pictures_.size();
    for (std::size_t i = 0; i < pictures_.size(); ++i) {
        if (!av_frame_is_writable(pictures_[i].frame.get())) continue;
        if (best == pictures_.size() || pictures_[i].draw > pictures_[best].draw) best = i;
    }
    if (best == pictures_.size()) {
        pictures_.push_back({av::allocate_frame(format_, width_, height_), -1});
        best = pictures_.size() - 1;
    }
    Picture& p = pictures_[best];
    const long latest = draws_ - 1;
    Rect stale{0, 0, width_, height_};
    if (p.draw >= 0 && latest - p.draw <= kHistory) {
        stale = {};
        for (long d = p.draw + 1; d <= latest; ++d) stale = united(stale, changes_[static_cast<std::size_t>(d % kHistory)]);
    }
    p.draw = -1; // until written: a failed conversion leaves it half done
    leased_ = best;
    return {p.frame.get(), stale};
}

void WorkerPictures::written() { pictures_[leased_].draw = draws_ - 1; }

} // namespace reel
