# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# Statement labels are unique within a policy (E0208), nested blocks included; other policies may reuse them.

sample Photo {
  image: image(rgb)
}

policy train on Photo {
  flip: hflip() @p(0.5)
  one_of {
    # CHECK: duplicate_label.aug:[[@LINE+2]]:5: error[E0208]: statement label `flip` is used twice in policy `train`
    # CHECK-NEXT: duplicate_label.aug:[[@LINE-3]]:3: note: first used here
    flip: vflip()
    color: brightness(factor: 1.2)
  }
}

policy other on Photo {
  flip: hflip() @p(0.5)
  vertical: vflip() @p(0.5)
}
# CHECK-NOT: error
