# The GPU batch kernels (runtime/gpu, docs/cuda.md), included by runtime/CMakeLists.txt after auger_runtime is
# defined. A generator compiles them at build time for CUDA (host code + PTX for sm_80 and later) into one object
# linked into auger_runtime, with a header and each kernel's PTX beside it (tests/gpu assembles those with ptxas),
# and the same pipelines compiled for the CPU (NAME_host), which tests/gpu runs against the CPU path.
# Nothing here needs a GPU or a CUDA driver: the Halide runtime loads libcuda on the first GPU call.
set(GPU_PIPELINE_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/gpu/pipelines/batch_pipelines.cpp ${CMAKE_CURRENT_SOURCE_DIR}/gpu/pipelines/gpu_float.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/gpu/kernelgen/gpu_kernelgen.cpp)
add_executable(auger_gpu_kernelgen ${GPU_PIPELINE_SOURCES})
target_link_libraries(auger_gpu_kernelgen PRIVATE auger_kernel_builder)
set(GPU_AOT_DIR ${CMAKE_CURRENT_BINARY_DIR}/gpu)
set(GPU_KERNELS auger_gpu_resample auger_gpu_gray_sum auger_gpu_jitter_step auger_gpu_store)
set(GPU_PTX ${GPU_KERNELS})
list(TRANSFORM GPU_PTX PREPEND ${GPU_AOT_DIR}/)
list(TRANSFORM GPU_PTX APPEND .ptx)
set(GPU_OBJECTS ${GPU_AOT_DIR}/gpu_kernels.o ${GPU_AOT_DIR}/gpu_kernels_host.o)
set(GPU_HEADERS ${GPU_AOT_DIR}/gpu_kernels.h ${GPU_AOT_DIR}/gpu_kernels_host.h)
set(GPU_CHECK_OBJECTS ${GPU_AOT_DIR}/check/gpu_kernels.o ${GPU_AOT_DIR}/check/gpu_kernels_host.o
  ${GPU_AOT_DIR}/check/halide_runtime.o)
set(GPU_CHECK_HEADERS ${GPU_AOT_DIR}/check/gpu_kernels.h ${GPU_AOT_DIR}/check/gpu_kernels_host.h)
add_custom_command(OUTPUT ${GPU_OBJECTS} ${GPU_HEADERS} ${GPU_PTX} ${GPU_CHECK_OBJECTS} ${GPU_CHECK_HEADERS}
  COMMAND ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=0 $<TARGET_FILE:auger_gpu_kernelgen> --out ${GPU_AOT_DIR}
  DEPENDS auger_gpu_kernelgen
  COMMENT "Compiling the GPU batch kernels (CUDA, PTX for sm_80+)")
set_source_files_properties(${GPU_OBJECTS} ${GPU_CHECK_OBJECTS} PROPERTIES GENERATED TRUE EXTERNAL_OBJECT TRUE)
set_source_files_properties(${GPU_HEADERS} ${GPU_CHECK_HEADERS} ${GPU_PTX} PROPERTIES GENERATED TRUE)
target_sources(auger_runtime PRIVATE ${GPU_OBJECTS} ${GPU_HEADERS})
target_include_directories(auger_runtime PRIVATE ${GPU_AOT_DIR})  # gpu_kernels.h

# auger_gpu_check (runtime/gpu/check): the kernels, the executor and a Halide runtime alone, built for any x86-64
# (the generator's check/ objects), for a GPU machine that has none of auger's libraries (bench/gpu_check.sh
# carries it there; docs/cuda.md).
add_executable(auger_gpu_check ${CMAKE_CURRENT_SOURCE_DIR}/gpu/check/gpu_check_main.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/gpu/batch_executor.cpp ${CMAKE_CURRENT_SOURCE_DIR}/gpu/batch_rows.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/gpu/cuda_driver.cpp ${CMAKE_CURRENT_SOURCE_DIR}/image/image.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/gpu/plan_io.cpp ${CMAKE_CURRENT_SOURCE_DIR}/gpu/host_libdevice.cpp
  ${GPU_CHECK_OBJECTS} ${GPU_CHECK_HEADERS})
target_include_directories(auger_gpu_check PRIVATE ${GPU_AOT_DIR}/check ${CMAKE_SOURCE_DIR})
target_link_libraries(auger_gpu_check PRIVATE Halide::Runtime ${CMAKE_DL_LIBS} Threads::Threads)
