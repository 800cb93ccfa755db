# auger_python_sanitizer_env(TEST): a pytest that imports the `auger` module runs it inside the uninstrumented
# interpreter, so under AUGER_SANITIZE the sanitizer runtimes must be loaded first; CPython's own allocations at
# exit are not leaks of ours.
function(auger_python_sanitizer_env test)
  if(NOT AUGER_SANITIZE)
    return()
  endif()
  execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=libasan.so OUTPUT_VARIABLE libasan
                  OUTPUT_STRIP_TRAILING_WHITESPACE)
  execute_process(COMMAND ${CMAKE_CXX_COMPILER} -print-file-name=libubsan.so OUTPUT_VARIABLE libubsan
                  OUTPUT_STRIP_TRAILING_WHITESPACE)
  set_property(TEST ${test} APPEND PROPERTY ENVIRONMENT "LD_PRELOAD=${libasan}:${libubsan}"
               "ASAN_OPTIONS=detect_leaks=0:abort_on_error=1")
endfunction()
