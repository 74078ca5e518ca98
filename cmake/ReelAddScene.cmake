# reel_add_scene(TARGET [SOURCES] a.cpp b.cpp ... [NO_PRECOMPILED_HEADER])
#
# Builds a scene plug-in: a shared module (TARGET.so, no "lib" prefix) whose REEL_SCENE
# registrations are loaded by `reel play|frame|export|... --plugin TARGET.so`. It links the Reel
# engine (libreel.so) and is compiled with the project's own flags: Reel adds C++20 and its
# include folder, never warnings or -Werror. <reel/reel.h> is precompiled once (the first build
# takes a few seconds longer; every rebuild after an edit is about three times faster, which is
# what `reel dev` waits for); NO_PRECOMPILED_HEADER turns that off.
#
# Under `reel dev` (REEL_DEV=ON, which it sets when it configures the build folder) a rebuild
# after an edit is what the author waits for: the plug-in is compiled without optimisation or
# debug information (-O0 -g0 after the project's own flags: -O1 costs a sixth more compile time,
# and the scene's own code runs once per recording) and linked with mold when it is installed
# (Debian's package `mold`: a fifth of the CPU time of GNU ld for a plug-in).
function(reel_add_scene target)
  cmake_parse_arguments(REEL_SCENE "NO_PRECOMPILED_HEADER" "" "SOURCES" ${ARGN})
  set(sources ${REEL_SCENE_SOURCES} ${REEL_SCENE_UNPARSED_ARGUMENTS})
  if(NOT sources)
    message(FATAL_ERROR "reel_add_scene(${target}): no SOURCES given")
  endif()
  add_library(${target} MODULE ${sources})
  target_link_libraries(${target} PRIVATE Reel::reel)
  set_target_properties(${target} PROPERTIES PREFIX "")
  if(NOT REEL_SCENE_NO_PRECOMPILED_HEADER)
    target_precompile_headers(${target} PRIVATE <reel/reel.h>)
  endif()
  if(REEL_DEV AND CMAKE_CXX_COMPILER_ID MATCHES "^(GNU|Clang)$")
    target_compile_options(${target} PRIVATE -O0 -g0)
    include(CheckLinkerFlag)
    check_linker_flag(CXX -fuse-ld=mold REEL_LINKER_MOLD)
    if(REEL_LINKER_MOLD)
      target_link_options(${target} PRIVATE -fuse-ld=mold)
    endif()
  endif()
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # Each reload of a plug-in is a new copy of it in the process: GCC's "unique" symbols (static
    # locals of inline functions) would bind the new copy to the old one's variables.
    target_compile_options(${target} PRIVATE -fno-gnu-unique)
  endif()
endfunction()
