# The engine: every static library of every layer under src/ (except the command line) as one
# shared library, libreel.so. `reel` and every scene plug-in link it, so a plug-in's REEL_SCENE
# registrations, the fonts set-up and Pango's caches exist once in the process. (The layers'
# static libraries stay for the unit tests, which each link only the layers they test.)
set(REEL_ENGINE_LAYERS)
file(GLOB REEL_LAYER_DIRS LIST_DIRECTORIES true ${PROJECT_SOURCE_DIR}/src/*)
foreach(dir ${REEL_LAYER_DIRS})
  if(NOT IS_DIRECTORY ${dir} OR NOT EXISTS ${dir}/CMakeLists.txt OR dir MATCHES "/cli$")
    continue()
  endif()
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  foreach(t ${targets})
    get_target_property(type ${t} TYPE)
    if(type STREQUAL "STATIC_LIBRARY")
      list(APPEND REEL_ENGINE_LAYERS ${t})
    endif()
  endforeach()
endforeach()

# The sanitizer build compiles the layers as unity builds (up to 8 files joined into one): an
# instrumented -O1 build spends much of its time on the headers and inline code every file
# repeats, and nobody edits in build-asan. The release build, which developers rebuild after each
# edit, keeps one object per file.
if(REEL_SANITIZE)
  set_target_properties(${REEL_ENGINE_LAYERS} PROPERTIES UNITY_BUILD ON)
endif()

set(REEL_ENGINE_OBJECTS)
foreach(t ${REEL_ENGINE_LAYERS})
  list(APPEND REEL_ENGINE_OBJECTS $<TARGET_OBJECTS:${t}>)
endforeach()
add_library(reel_engine SHARED ${REEL_ENGINE_OBJECTS})
add_library(Reel::reel ALIAS reel_engine)
add_dependencies(reel_engine ${REEL_ENGINE_LAYERS})
set_target_properties(reel_engine PROPERTIES
  OUTPUT_NAME reel
  EXPORT_NAME reel
  LINKER_LANGUAGE CXX
  LIBRARY_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/lib
  VERSION ${PROJECT_VERSION}
  # No ABI promise between releases: the soname carries the whole version.
  SOVERSION ${PROJECT_VERSION})
# The objects are all in; the archives after them add nothing of their own but bring the
# libraries they use (Cairo, Pango, SDL, libav, ...).
target_link_libraries(reel_engine PRIVATE ${REEL_ENGINE_LAYERS})
target_link_options(reel_engine PRIVATE -Wl,--no-undefined)
# What users of the engine get: the headers and C++20; no warnings, no -Werror.
target_include_directories(reel_engine INTERFACE
  $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
  $<BUILD_INTERFACE:${PROJECT_BINARY_DIR}/include>
  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
target_compile_features(reel_engine INTERFACE cxx_std_20)
