// reel::Shared<T> for the geometry this layer shares (see geometry/shared.h).
#include "geometry/shared.h"

#include "reel/geometry.h"

namespace reel {

template class Shared<const Points>;

} // namespace reel
