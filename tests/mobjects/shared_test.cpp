// reel::Shared<T> (the API's std::shared_ptr<T> without <memory>) and Owned<T>: a Shared shares
// ownership with the std::shared_ptr it was made from, copies and destroys as one, converts a
// derived pointer, and a Mobject copy shares its node without another allocation.
#include <gtest/gtest.h>

#include <memory>
#include <string_view>
#include <utility>

#include "geometry/shared.h"
#include "mobjects/node.h"
#include "reel/mobject.h"

namespace reel {
namespace {

TEST(SharedHandle, SharesOwnershipWithTheStdSharedPtrItWasMadeFrom) {
    auto raster = std::make_shared<RasterImage>();
    raster->width = 7;
    {
        RasterPtr a(raster);
        EXPECT_EQ(raster.use_count(), 2);
        EXPECT_EQ(a.get(), raster.get());
        EXPECT_EQ(a->width, 7);
        EXPECT_EQ(&*a, raster.get());
        RasterPtr b = a; // a copy is one more owner, as a std::shared_ptr copy is
        EXPECT_EQ(raster.use_count(), 3);
        EXPECT_TRUE(a == b);
        RasterPtr c = std::move(b); // a move is not
        EXPECT_EQ(raster.use_count(), 3);
        EXPECT_TRUE(b == nullptr);
        // The engine's view is the same std::shared_ptr: same object, same owners.
        const std::shared_ptr<const RasterImage>& sp = std_ptr(c);
        EXPECT_EQ(sp.get(), raster.get());
        EXPECT_FALSE(sp.owner_before(raster) || raster.owner_before(sp));
    }
    EXPECT_EQ(raster.use_count(), 1);
}

TEST(SharedHandle, NullUntilSetAndAssignable) {
    DepthPtr d;
    EXPECT_FALSE(d);
    EXPECT_TRUE(d == nullptr);
    EXPECT_EQ(d.get(), nullptr);
    auto depth = std::make_shared<Depth>();
    d = depth;
    EXPECT_TRUE(d);
    EXPECT_EQ(depth.use_count(), 2);
    d = nullptr;
    EXPECT_EQ(depth.use_count(), 1);
}

struct Tagged final : Behavior {
    std::string_view kind() const override { return "Tagged"; }
};

TEST(SharedHandle, HoldsADerivedObjectAsItsBase) {
    auto tagged = std::make_shared<Tagged>();
    BehaviorPtr b = tagged;
    EXPECT_EQ(b.get(), static_cast<const Behavior*>(tagged.get()));
    EXPECT_EQ(b->kind(), "Tagged");
    Mobject m;
    m.set_behavior(b);
    EXPECT_EQ(m.kind(), "Tagged");
    EXPECT_EQ(m.behavior_as<Tagged>(), tagged.get());
    EXPECT_EQ(tagged.use_count(), 3); // tagged, b, the node
}

TEST(SharedHandle, AMobjectCopySharesTheNode) {
    Mobject a;
    const std::shared_ptr<Node>& node = std_ptr(a.node());
    EXPECT_EQ(node.use_count(), 1);
    {
        Mobject b = a;
        EXPECT_TRUE(b.same(a));
        EXPECT_EQ(std_ptr(b.node()).get(), node.get());
        EXPECT_EQ(node.use_count(), 2);
    }
    EXPECT_EQ(node.use_count(), 1);
    EXPECT_EQ(sizeof(Shared<Node>), sizeof(std::shared_ptr<Node>));
    EXPECT_EQ(sizeof(Mobject), sizeof(std::shared_ptr<Node>));
}

struct Counted {
    explicit Counted(int& alive) : alive_(alive) { ++alive_; }
    ~Counted() { --alive_; }
    int& alive_;
};

TEST(OwnedPointer, DeletesItsObjectOnceWhenItsLastOwnerEnds) {
    int alive = 0;
    {
        Owned<Counted> a = make_owned<Counted>(alive);
        EXPECT_EQ(alive, 1);
        Owned<Counted> b = std::move(a);
        EXPECT_FALSE(a);
        EXPECT_TRUE(b);
        EXPECT_EQ(alive, 1);
        b = make_owned<Counted>(alive); // the old one goes when replaced
        EXPECT_EQ(alive, 1);
    }
    EXPECT_EQ(alive, 0);
}

} // namespace
} // namespace reel
