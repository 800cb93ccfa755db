# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# A parameter's type is a built-in type, a declared enum or an inline enum (E0311).

sample Photo {
  image: image(rgb)
}

# CHECK: unknown_type.aug:[[@LINE+3]]:17: error[E0311]: unknown type `flot`
# CHECK-NEXT: unknown_type.aug:[[@LINE+2]]:17: fix-it: replace `flot` with `float`
# CHECK-NEXT: unknown_type.aug:[[@LINE+1]]:34: error[E0311]: unknown type `interpolation`
policy train(p: flot = 0.5, how: interpolation = nearest) on Photo {
  hflip() @p(0.5)
}

policy fixed(p: float = 0.5, how: interp = nearest, turn: angle = 0deg, n: [int] = [1], r: interval = [0, 1],
             mode: soft | hard = soft, name: string = "x", on_off: bool = true, s: size = 10px) on Photo {
  hflip() @p(p)
  rotate(angle: turn, interp: how)
}
# CHECK-NOT: error
