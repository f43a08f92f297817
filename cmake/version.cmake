# Writes DST with the source tree's `git describe`, at every build, but
# touches the file only when the text changes (so nothing rebuilds for
# nothing).  Called as: cmake -DSRC=dir -DDST=file -P version.cmake
execute_process(COMMAND git describe --always --dirty
                WORKING_DIRECTORY ${SRC}
                OUTPUT_VARIABLE describe OUTPUT_STRIP_TRAILING_WHITESPACE
                ERROR_QUIET)
if(NOT describe)
  set(describe "unknown")
endif()
set(text "/* Made at build time by cmake/version.cmake. */\n#define EVTOP_GIT \"${describe}\"\n")
if(EXISTS ${DST})
  file(READ ${DST} old)
endif()
if(NOT "${old}" STREQUAL "${text}")
  file(WRITE ${DST} "${text}")
endif()
