// reel::Shared<T> for what the mobject tree shares (see geometry/shared.h).
#include "geometry/shared.h"

#include "mobjects/node.h"
#include "reel/mobject.h"

namespace reel {

template class Shared<Node>;
template class Shared<const RasterImage>;
template class Shared<const Gradient>;
template class Shared<void>;
template class Shared<const GlyphSource>;
template class Shared<const Depth>;
template class Shared<const CameraInset>;
template class Shared<const Behavior>;

} // namespace reel
