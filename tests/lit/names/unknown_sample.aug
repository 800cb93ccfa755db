# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# `policy … on S` names a sample schema (E0207), with a did-you-mean fix-it.

sample Photo {
  image: image(rgb)
}

# CHECK: unknown_sample.aug:[[@LINE+2]]:17: error[E0207]: unknown sample schema `Phot`
# CHECK-NEXT: unknown_sample.aug:[[@LINE+1]]:17: fix-it: replace `Phot` with `Photo`
policy train on Phot {
  hflip()
}

policy fixed on Photo {
  hflip()
}
# CHECK-NOT: error
