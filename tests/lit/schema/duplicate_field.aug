# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# A sample declares each field once (E0503).

sample Photo {
  image: image(rgb)
  label: class(10)
  # CHECK: duplicate_field.aug:[[@LINE+2]]:3: error[E0503]: field `label` is declared twice
  # CHECK-NEXT: duplicate_field.aug:[[@LINE-2]]:3: note: first declared here
  label: class(100)
}

# Two samples may use the same field names.
sample Other {
  image: image(gray)
  label: class(100)
}
# CHECK-NOT: error
