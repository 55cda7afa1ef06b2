# Reads src/mobisocket/module-files.txt (shared with wscript) into
# MOBISOCKET_SOURCES and MOBISOCKET_HEADERS, and lists the examples. Paths are
# relative to the top-level folder, as ns-3's build_lib() expects them.
get_filename_component(_mobisocket_root ${CMAKE_CURRENT_LIST_DIR}/.. ABSOLUTE)
# The module's own top folder (inside ns-3, PROJECT_SOURCE_DIR is the tree's).
set(MOBISOCKET_SOURCE_DIR ${_mobisocket_root})
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
# MOBISOCKET_NS3_VERSION (100 * major + minor, e.g. 337) from an ns-3 version
# string ("3.37", "3.48.1"): the compile definition ns3-compat.h selects by.
function(mobisocket_ns3_version_number version out)
  string(REGEX MATCH "^([0-9]+)\\.([0-9]+)" _match "${version}")
  if(NOT _match)
    message(FATAL_ERROR "mobisocket: cannot read the ns-3 version '${version}'")
  endif()
  math(EXPR _number "${CMAKE_MATCH_1} * 100 + ${CMAKE_MATCH_2}")
  set(${out} ${_number} PARENT_SCOPE)
endfunction()

# Re-configure when the file list changes (headers are copied at configure time).
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
             ${_mobisocket_root}/src/mobisocket/module-files.txt)

# One program (example, scratch or benchmark) linked to the module, as the
# module's own examples are: MOBISOCKET_LIBRARY is the module's target
# (mobisocket stand-alone, the tree's ${libmobisocket} inside ns-3).
function(mobisocket_program target output_name directory)
  add_executable(${target} ${ARGN})
  target_link_libraries(${target} PRIVATE ${MOBISOCKET_LIBRARY})
  target_compile_options(${target} PRIVATE -Wall)
  set_target_properties(
    ${target} PROPERTIES OUTPUT_NAME ${output_name} RUNTIME_OUTPUT_DIRECTORY
                                                    ${CMAKE_BINARY_DIR}/${directory}
  )
endfunction()
