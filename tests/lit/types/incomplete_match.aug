# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# `match` on an enum parameter must cover every value, or have a `_` arm (E0313).

sample Photo {
  image: image(rgb)
}

transform flip(direction: horizontal | vertical | both) {
  # CHECK: incomplete_match.aug:[[@LINE+1]]:3: error[E0313]: `match` does not cover `vertical`, `both`
  match direction {
    horizontal => hflip()
  }
}

# A policy parameter is a search dimension: every arm is checked, and all values must be covered.
policy train(mode: light | strong = light) on Photo {
  # CHECK-NEXT: incomplete_match.aug:[[@LINE+1]]:3: error[E0313]: `match` does not cover `strong`
  match mode {
    light => brightness(factor: 1.1)
  }
}

transform flip_fixed(direction: horizontal | vertical | both) {
  match direction {
    horizontal => hflip()
    vertical => vflip()
    both => seq { hflip() vflip() }
  }
}

transform flip_default(direction: horizontal | vertical | both) {
  match direction {
    horizontal => hflip()
    _ => vflip()
  }
}

policy fixed(mode: light | strong = light) on Photo {
  match mode {
    light => brightness(factor: 1.1)
    strong => brightness(factor: 1.5)
  }
  flip_fixed(direction: both)
  flip_default(direction: vertical)
}
# CHECK-NOT: error
