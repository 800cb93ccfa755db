# header


# second header paragraph
import std.vision   # aligned trailing comment keeps its column
import "lib/x.aug"#tight comment gets two spaces
sample S {
image: image(rgb)     # field note
  # before the closing brace
}
policy p(a: int in 0..3 = 1,  # after a parameter
b: float = 0.5) on S {


  # leads the first statement (no blank line after `{`)
  hflip() @p(0.5)

  vflip()   # after


  # two blank lines above become one
  f(x: [1,  # inside a list: the next item starts a new line, aligned
2, 3])
  # last, stays inside the block
}
# end of file
