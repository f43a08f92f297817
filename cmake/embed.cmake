# Writes DST, a C source holding the bytes of SRC as NAME[] (with a NUL
# after them, not counted) and their count as NAME_len, so a binary
# carries the file it was built with.  Portable: no xxd, no shell.
# Called as: cmake -DSRC=file -DDST=file.c -DNAME=symbol -DHEADER=name.h
#            -P embed.cmake
file(READ ${SRC} hex HEX)
string(LENGTH "${hex}" digits)
math(EXPR len "${digits} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
# Twelve bytes a line keeps the file readable in a diff or an editor.
string(REPEAT "0x..," 12 line)
string(REGEX REPLACE "(${line})" "\\1\n\t" bytes "${bytes}")
get_filename_component(from ${SRC} NAME)
file(WRITE ${DST}
  "/* Made at build time from ${from} by cmake/embed.cmake. */\n"
  "#include \"${HEADER}\"\n\n"
  "const unsigned char ${NAME}[] = {\n\t${bytes}0x00\n};\n"
  "const size_t ${NAME}_len = ${len};\n")
