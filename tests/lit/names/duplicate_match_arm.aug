# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# A `match` arm for a value already matched, or a second `_`, is E0203 with a note at the first arm
# (which would run is not left open).

sample Photo {
  image: image(rgb)
}

transform pick(policy: simple | strong | wild = simple) {
  match policy {
    simple => hflip()
    # CHECK: duplicate_match_arm.aug:[[@LINE+2]]:5: error[E0203]: `simple` is already declared
    # CHECK-NEXT: duplicate_match_arm.aug:11:5: note: first arm for it here
    simple => vflip()
    _ => invert()
    # CHECK-NEXT: duplicate_match_arm.aug:[[@LINE+2]]:5: error[E0203]: `_` is already declared
    # CHECK-NEXT: duplicate_match_arm.aug:15:5: note: first arm for it here
    _ => equalize()
  }
}

policy train on Photo {
  pick(policy: strong)
}
# CHECK-NOT: error
