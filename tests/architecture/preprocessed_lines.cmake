# The author API's weight: preprocesses SOURCE (a plug-in that includes only <reel/reel.h>) with
# the build's compiler and the public include folders alone, as a plug-in built against an
# installed Reel is, and fails when the output has more than MAX_LINES lines.
#   cmake -DCXX=... -DSOURCE=... -DINCLUDE_DIRS="a|b" -DMAX_LINES=N -P preprocessed_lines.cmake
set(flags -std=c++20 -E)
string(REPLACE "|" ";" include_dirs "${INCLUDE_DIRS}")
foreach(dir ${include_dirs})
  list(APPEND flags -I${dir})
endforeach()
execute_process(COMMAND ${CXX} ${flags} ${SOURCE} OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${CXX} -E ${SOURCE} failed (${rc}):\n${err}")
endif()
string(REGEX MATCHALL "\n" newlines "${out}")
list(LENGTH newlines lines)
if(lines GREATER MAX_LINES)
  message(FATAL_ERROR "<reel/reel.h> preprocesses to ${lines} lines, more than ${MAX_LINES}: a public "
    "header includes something heavy (<memory>, <unordered_map>, <atomic>, <functional>, ...); "
    "keep it in the engine's headers under src/")
endif()
message(STATUS "<reel/reel.h> preprocesses to ${lines} lines (at most ${MAX_LINES})")
