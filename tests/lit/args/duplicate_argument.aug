# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# Each parameter is given once (E0403), by name or positionally.

sample Photo {
  image: image(rgb)
}

policy train on Photo {
  # CHECK: duplicate_argument.aug:[[@LINE+2]]:23: error[E0403]: argument `angle` is given twice
  # CHECK-NEXT: duplicate_argument.aug:[[@LINE+1]]:10: note: first given here
  rotate(angle: 3deg, angle: 4deg)
  # CHECK-NEXT: duplicate_argument.aug:[[@LINE+2]]:16: error[E0403]: argument `angle` is given twice
  # CHECK-NEXT: duplicate_argument.aug:[[@LINE+1]]:10: note: first given here
  rotate(3deg, angle: 4deg)
  rotate(angle: 3deg, interp: bilinear)
  rotate(3deg, interp: bilinear)
}
# CHECK-NOT: error
