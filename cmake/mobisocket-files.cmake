# Reads src/mobisocket/module-files.txt (shared with wscript) into
# MOBISOCKET_SOURCES and MOBISOCKET_HEADERS, and lists the examples. Paths are
# relative to the top-level folder, as ns-3's build_lib() expects them.
get_filename_component(_mobisocket_root ${CMAKE_CURRENT_LIST_DIR}/.. ABSOLUTE)
file(STRINGS ${_mobisocket_root}/src/mobisocket/module-files.txt _mobisocket_lines)
set(MOBISOCKET_SOURCES)
set(MOBISOCKET_HEADERS)
foreach(_line ${_mobisocket_lines})
  string(STRIP "${_line}" _line)
  if(_line STREQUAL "" OR _line MATCHES "^#")
    continue()
  endif()
  if(_line MATCHES "\\.cc$")
    list(APPEND MOBISOCKET_SOURCES src/mobisocket/${_line})
  elseif(_line MATCHES "\\.h$")
    list(APPEND MOBISOCKET_HEADERS src/mobisocket/${_line})
  endif()
endforeach()
file(GLOB MOBISOCKET_EXAMPLES RELATIVE ${_mobisocket_root} ${_mobisocket_root}/examples/*.cc)
# Re-configure when the file list changes (headers are copied at configure time).
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
             ${_mobisocket_root}/src/mobisocket/module-files.txt)
