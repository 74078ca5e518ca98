# `reel` links no scene (cmake -P, run by ctest): none of its symbols is a scene's code and none of
# the libraries it needs is a scene plug-in. The promo's plug-in is checked the same way and must
# hold its scene, so that the check can fail.
#   -D NM=... -D READELF=... -D REEL=path/to/reel -D PROMO=path/to/transformer.so -D SCENES=a;b;...
foreach(var NM READELF REEL PROMO SCENES)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "links_no_scene.cmake: -D ${var}=... is missing")
  endif()
endforeach()

# What REEL_SCENE defines (reel_scene_body_NAME) and the promo's own functions.
set(scene_code "reel_scene_body_|reel::scenes::")
function(symbols file out)
  execute_process(COMMAND ${NM} -C ${file} OUTPUT_VARIABLE syms ERROR_VARIABLE err RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${NM} ${file} failed: ${err}")
  endif()
  set(${out} "${syms}" PARENT_SCOPE)
endfunction()

symbols(${PROMO} promo)
if(NOT promo MATCHES "reel_scene_body_transformer" OR NOT promo MATCHES "reel::scenes::transformer::gqa")
  message(FATAL_ERROR "the check finds no scene code in the promo's plug-in ${PROMO}")
endif()

symbols(${REEL} reel)
string(REGEX MATCHALL "[^\n]*(${scene_code})[^\n]*" found "${reel}")
if(found)
  list(JOIN found "\n" found)
  message(FATAL_ERROR "${REEL} links scene code:\n${found}")
endif()

execute_process(COMMAND ${READELF} -d ${REEL} OUTPUT_VARIABLE dynamic RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${READELF} -d ${REEL} failed")
endif()
foreach(scene ${SCENES})
  if(dynamic MATCHES "\\[${scene}\\.so\\]")
    message(FATAL_ERROR "${REEL} needs the scene plug-in ${scene}.so")
  endif()
endforeach()
list(JOIN SCENES ", " names)
message(STATUS "reel links none of the scenes (${names})")
