// CHandle: the one RAII wrapper of every C handle (cairo, Pango, SDL, libav, HarfBuzz).
#include <gtest/gtest.h>

#include <utility>

#include "base/c_handle.h"

namespace reel {
namespace {

struct FakeHandle {
    int id = 0;
};
int g_freed = 0;
int g_last_freed = -1;
void free_fake(FakeHandle* h) {
    ++g_freed;
    g_last_freed = h->id;
    delete h;
}

TEST(CHandle, NullIsNeverFreed) {
    g_freed = 0;
    { CHandle<FakeHandle, free_fake> none; }
    { CHandle<FakeHandle, free_fake> reset(new FakeHandle{1}); reset.reset(); }
    EXPECT_EQ(g_freed, 1); // only the real one
}

TEST(CHandle, FreesOnceWithItsFunctionWhenItsOwnerGoes) {
    g_freed = 0;
    {
        CHandle<FakeHandle, free_fake> a(new FakeHandle{7});
        CHandle<FakeHandle, free_fake> b = std::move(a);
        EXPECT_EQ(g_freed, 0);
    }
    EXPECT_EQ(g_freed, 1);
    EXPECT_EQ(g_last_freed, 7);
}

} // namespace
} // namespace reel
