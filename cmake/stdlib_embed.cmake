# Embeds stdlib/std/*.aug into the compiler, so `import std.vision` works wherever the binary is.
file(GLOB AUGER_STDLIB_FILES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/stdlib/std/*.aug)
set(AUGER_STDLIB_CPP ${CMAKE_BINARY_DIR}/generated/stdlib_embed.cpp)
add_custom_command(
  OUTPUT ${AUGER_STDLIB_CPP}
  COMMAND ${CMAKE_COMMAND} -DOUT=${AUGER_STDLIB_CPP} -DDIR=${CMAKE_SOURCE_DIR}/stdlib/std
          -P ${CMAKE_SOURCE_DIR}/cmake/stdlib_embed_gen.cmake
  DEPENDS ${AUGER_STDLIB_FILES} ${CMAKE_SOURCE_DIR}/cmake/stdlib_embed_gen.cmake
  COMMENT "Embedding the stdlib")
