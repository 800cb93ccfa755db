# RUN: not %auger check --format brief --stdlib %S/Inputs/broken_stdlib %s 2>&1 | FileCheck %s
# RUN: %auger check --format brief --stdlib %S/Inputs/good_stdlib %s 2>&1 | FileCheck %s --allow-empty --check-prefix=OK
# Op declarations exist only in the stdlib, so E0212 (an effect outside the vocabulary of docs/language.md
# §11.3, or naming a parameter the op lacks) is tested on a stdlib folder given with `--stdlib`. The line
# numbers are those of Inputs/broken_stdlib/prims_test.aug.
# OK-NOT: {{error|warning}}

# CHECK: Inputs/broken_stdlib/prims_test.aug:4:41: error[E0212]: unknown effect key `geometri`
# CHECK-NEXT: Inputs/broken_stdlib/prims_test.aug:5:43: error[E0212]: `twist` is not an effect on `geometry` (expected one of: none, flip, affine, perspective, crop, resize, pad, nonrigid)
# CHECK-NEXT: Inputs/broken_stdlib/prims_test.aug:6:73: error[E0212]: `bad_param` has no parameter `ack`

sample Photo {
  image: image(rgb)
}

policy train on Photo {
  good()
}
