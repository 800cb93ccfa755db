# Writes OUT, a C++ header defining `inline constexpr std::string_view NAME` as the bytes of IN (cmake -P).
file(READ ${IN} text)
file(WRITE ${OUT} "// Generated from ${IN} by engine/search/embed_text.cmake; do not edit.\n#pragma once\n"
                  "#include <string_view>\nnamespace auger::engine::search {\n"
                  "inline constexpr std::string_view ${NAME} = R\"augerembed(${text})augerembed\";\n}\n")
