# RUN: %auger check --format brief %s 2>&1 | FileCheck %s
# An import none of whose names is used draws W0801 (a warning: the exit code stays 0), with a fix-it
# that removes it.

# CHECK: unused_import.aug:[[@LINE+2]]:1: warning[W0801]: import `std.audio` is never used
# CHECK-NEXT: unused_import.aug:[[@LINE+1]]:1: fix-it: remove `import std.audio`
import std.audio
# CHECK-NEXT: unused_import.aug:[[@LINE+2]]:1: warning[W0801]: import `{{.*}}Inputs/lib/colors.aug` is never used
# CHECK-NEXT: unused_import.aug:[[@LINE+1]]:1: fix-it: remove `import "Inputs/lib/colors.aug"`
import "Inputs/lib/colors.aug"
import std.vision

sample Photo {
  image: image(rgb)
}

policy train on Photo {
  trivial_augment()
}
# CHECK-NOT: {{error|warning}}
