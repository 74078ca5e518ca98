# reel_add_scene(TARGET [SOURCES] a.cpp b.cpp ... [NO_PRECOMPILED_HEADER])
#
# Builds a scene plug-in: a shared module (TARGET.so, no "lib" prefix) whose REEL_SCENE
# registrations are loaded by `reel play|frame|export|... --plugin TARGET.so`. It links the Reel
# engine (libreel.so) and is compiled with the project's own flags: Reel adds C++20 and its
# include folder, never warnings or -Werror. <reel/reel.h> is precompiled once (the first build
# takes a few seconds longer; every rebuild after an edit is about three times faster, which is
# what `reel dev` waits for); NO_PRECOMPILED_HEADER turns that off.
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
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # Each reload of a plug-in is a new copy of it in the process: GCC's "unique" symbols (static
    # locals of inline functions) would bind the new copy to the old one's variables.
    target_compile_options(${target} PRIVATE -fno-gnu-unique)
  endif()
endfunction()
