# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# A parameter without a default must be given (E0402); the note points at its declaration.

sample Photo {
  image: image(rgb)
}

transform jitter(strength: float in [0, 2]) {
  brightness(factor: strength)
}

policy train on Photo {
  # CHECK: missing_argument.aug:[[@LINE+2]]:3: error[E0402]: `rotate` needs the argument `angle`
  # CHECK-NEXT: <stdlib>/std/prims_image.aug:{{[0-9]+}}:{{[0-9]+}}: note: the parameter is declared here
  rotate()
  # CHECK-NEXT: missing_argument.aug:[[@LINE+2]]:3: error[E0402]: `jitter` needs the argument `strength`
  # CHECK-NEXT: missing_argument.aug:[[@LINE-9]]:18: note: the parameter is declared here
  jitter()
  rotate(angle: 10deg)
  rotate(10deg)
  jitter(strength: 0.5)
  jitter(0.5)
}
# CHECK-NOT: error
