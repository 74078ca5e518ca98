// The never-clobber rule for the export layer: see files/atomic_file.h (AtomicFile).
#pragma once

#include "files/atomic_file.h"

namespace reel {

/// A temporary file beside the target, put in place by commit() (errors are FileError).
using TempFile = AtomicFile;

} // namespace reel
