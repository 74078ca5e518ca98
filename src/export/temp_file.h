// The never-clobber rule for the export layer: see reel/files.h (AtomicFile).
#pragma once

#include "reel/files.h"

namespace reel {

/// A temporary file beside the target, put in place by commit() (errors are FileError).
using TempFile = AtomicFile;

} // namespace reel
