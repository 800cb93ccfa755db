# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# Transforms are inlined, so nested calls multiply: 4^7 = 16384 calls of t8 exceed the 20000-statement limit
# (E0608), reported once at the policy's call with a note at the transform.

sample Photo {
  image: image(rgb)
}

transform t1() { t2() t2() t2() t2() }
transform t2() { t3() t3() t3() t3() }
transform t3() { t4() t4() t4() t4() }
transform t4() { t5() t5() t5() t5() }
transform t5() { t6() t6() t6() t6() }
transform t6() { t7() t7() t7() t7() }
transform t7() { t8() t8() t8() t8() }
transform t8() { hflip() @p(0.5) }

policy train on Photo {
  # CHECK: expansion_too_large.aug:[[@LINE+2]]:3: error[E0608]: policy `train` expands to more than 20000 statements through transform calls
  # CHECK-NEXT: expansion_too_large.aug:9:11: note: each call inlines the transform's body; nested calls multiply
  t1()
}
# CHECK-NOT: error
