// The source of reel_test_pch, the target that makes the tests' precompiled header
// (tests/support/precompiled.h) for every test executable to reuse.
