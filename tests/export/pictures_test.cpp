// A worker's pictures: which one it writes next, what must be converted again in it, and that a
// picture the encoder side still references is never written.
#include <gtest/gtest.h>

#include "pictures.h"

using namespace reel;
using Rect = LayerCache::Rect;

namespace {

void expect_rect(const Rect& r, Rect want) {
    EXPECT_EQ(r.x0, want.x0);
    EXPECT_EQ(r.y0, want.y0);
    EXPECT_EQ(r.x1, want.x1);
    EXPECT_EQ(r.y1, want.y1);
}

} // namespace

TEST(WorkerPicturesNegative, AcquireBeforeAnyDrawIsABug) {
    WorkerPictures pictures(AV_PIX_FMT_YUV420P, 64, 32, 1);
    EXPECT_THROW(pictures.acquire(), std::logic_error);
}

TEST(WorkerPictures, FirstWriteConvertsAllThenOnlyWhatChanged) {
    WorkerPictures pictures(AV_PIX_FMT_YUV420P, 64, 32, 2);
    pictures.drew({10, 10, 20, 20}); // the first draw changes all of it, whatever it says
    auto a = pictures.acquire();
    expect_rect(a.stale, {0, 0, 64, 32});
    pictures.written();
    pictures.drew({1, 2, 3, 4});
    auto b = pictures.acquire();
    EXPECT_EQ(b.frame, a.frame) << "the most recently written free picture";
    expect_rect(b.stale, {1, 2, 3, 4});
    pictures.written();
    EXPECT_EQ(pictures.size(), 2u);
}

TEST(WorkerPictures, AHeldPictureIsPassedOverAndAnOlderOneGetsTheChangesSince) {
    WorkerPictures pictures(AV_PIX_FMT_YUV420P, 64, 32, 2);
    av::FramePtr held(av_frame_alloc());
    pictures.drew({});
    auto a = pictures.acquire();
    pictures.written();
    pictures.drew({0, 0, 8, 8});
    auto b = pictures.acquire();
    ASSERT_EQ(b.frame, a.frame);
    pictures.written();
    ASSERT_EQ(av_frame_ref(held.get(), b.frame), 0); // the encoder holds it
    pictures.drew({30, 10, 40, 12});
    auto c = pictures.acquire();
    EXPECT_NE(c.frame, b.frame);
    expect_rect(c.stale, {0, 0, 64, 32}); // never written
    pictures.written();
    pictures.drew({50, 20, 60, 30});
    auto d = pictures.acquire(); // only c is free
    EXPECT_EQ(d.frame, c.frame);
    pictures.written();
    av_frame_unref(held.get());
    pictures.drew({2, 4, 6, 6});
    auto e = pictures.acquire(); // d (= c) is the most recent free one
    EXPECT_EQ(e.frame, d.frame);
    expect_rect(e.stale, {2, 4, 6, 6});
    pictures.written();
    ASSERT_EQ(av_frame_ref(held.get(), e.frame), 0);
    pictures.drew({});
    auto f = pictures.acquire(); // a/b, last written three draws ago: the union of the changes since
    EXPECT_EQ(f.frame, a.frame);
    expect_rect(f.stale, {2, 4, 60, 30});
    EXPECT_EQ(pictures.size(), 2u);
}

TEST(WorkerPictures, AllHeldMakesANewPictureAndAnUnwrittenOneIsWrittenWhole) {
    WorkerPictures pictures(AV_PIX_FMT_YUV420P, 64, 32, 1);
    av::FramePtr held(av_frame_alloc());
    pictures.drew({});
    auto a = pictures.acquire();
    pictures.written();
    ASSERT_EQ(av_frame_ref(held.get(), a.frame), 0);
    pictures.drew({1, 1, 2, 2});
    auto b = pictures.acquire();
    EXPECT_NE(b.frame, a.frame);
    EXPECT_EQ(pictures.size(), 2u);
    expect_rect(b.stale, {0, 0, 64, 32});
    // Not written (a conversion that failed): the next lease converts it whole again.
    pictures.drew({1, 1, 2, 2});
    auto c = pictures.acquire();
    EXPECT_EQ(c.frame, b.frame);
    expect_rect(c.stale, {0, 0, 64, 32});
}

TEST(WorkerPictures, APictureOlderThanTheHistoryIsConvertedWhole) {
    WorkerPictures pictures(AV_PIX_FMT_YUV420P, 64, 32, 1);
    av::FramePtr held(av_frame_alloc());
    pictures.drew({});
    auto a = pictures.acquire();
    pictures.written();
    ASSERT_EQ(av_frame_ref(held.get(), a.frame), 0);
    for (long i = 0; i < WorkerPictures::kHistory; ++i) {
        pictures.drew({0, 0, 2, 2});
        pictures.acquire(); // the second picture
        pictures.written();
    }
    av_frame_unref(held.get());
    ASSERT_EQ(av_frame_ref(held.get(), pictures.acquire().frame), 0); // hold the recent one
    pictures.drew({0, 0, 2, 2});
    auto old = pictures.acquire();
    EXPECT_EQ(old.frame, a.frame);
    expect_rect(old.stale, {0, 0, 64, 32});
}
