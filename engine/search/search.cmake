# `auger search`'s engine (engine/search/), part of auger_engine. Its Python helpers (the Optuna driver, the plot)
# are compiled in as text and run with `python3 -c`, so auger finds them wherever it is installed.
set(AUGER_SEARCH_GEN ${CMAKE_BINARY_DIR}/generated/engine/search)
foreach(script optuna_driver search_plot)
  add_custom_command(
    OUTPUT ${AUGER_SEARCH_GEN}/${script}_source.h
    COMMAND ${CMAKE_COMMAND} -DIN=${CMAKE_CURRENT_LIST_DIR}/${script}.py -DOUT=${AUGER_SEARCH_GEN}/${script}_source.h
            -DNAME=k_${script}_source -P ${CMAKE_CURRENT_LIST_DIR}/embed_text.cmake
    DEPENDS ${CMAKE_CURRENT_LIST_DIR}/${script}.py ${CMAKE_CURRENT_LIST_DIR}/embed_text.cmake
    COMMENT "Embedding engine/search/${script}.py")
endforeach()
target_sources(
  auger_engine
  PRIVATE ${CMAKE_CURRENT_LIST_DIR}/search_space.cpp ${CMAKE_CURRENT_LIST_DIR}/grid.cpp
          ${CMAKE_CURRENT_LIST_DIR}/random_sampler.cpp ${CMAKE_CURRENT_LIST_DIR}/child_process.cpp
          ${CMAKE_CURRENT_LIST_DIR}/trial_command.cpp ${CMAKE_CURRENT_LIST_DIR}/optuna_study.cpp
          ${CMAKE_CURRENT_LIST_DIR}/search_run.cpp ${CMAKE_CURRENT_LIST_DIR}/search_report.cpp
          ${CMAKE_CURRENT_LIST_DIR}/search_plot.cpp ${AUGER_SEARCH_GEN}/optuna_driver_source.h
          ${AUGER_SEARCH_GEN}/search_plot_source.h)
target_include_directories(auger_engine PRIVATE ${CMAKE_BINARY_DIR}/generated)
