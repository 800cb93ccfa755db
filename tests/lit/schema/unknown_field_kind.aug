# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# A field's kind is one of the kinds of language.md §4 (E0501), with a did-you-mean fix-it.

sample Photo {
  image: image(rgb)
  # CHECK: unknown_field_kind.aug:[[@LINE+2]]:10: error[E0501]: unknown field kind `clas`
  # CHECK-NEXT: unknown_field_kind.aug:[[@LINE+1]]:10: fix-it: replace `clas` with `class`
  label: clas(10)
  # CHECK-NEXT: unknown_field_kind.aug:[[@LINE+2]]:12: error[E0501]: unknown field kind `txt`
  # CHECK-NEXT: unknown_field_kind.aug:[[@LINE+1]]:12: fix-it: replace `txt` with `text`
  caption: txt(en)
  # CHECK-NEXT: unknown_field_kind.aug:[[@LINE+1]]:10: error[E0501]: unknown field kind `polygon`
  shape: polygon(4)
}

sample Fixed {
  image: image(rgb)
  label: class(10)
  caption: text(en)
  mask: mask(21)?
  boxes: boxes(xyxy, normalized)
  classes: class(80)[]
  keypoints: keypoints(17, flip: [(1, 2), (3, 4)])
}
# CHECK-NOT: error
