# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# An import that names no stdlib module and no file is E0204, with the closest module as a fix-it and
# the places searched as a note.

# CHECK: not_found.aug:[[@LINE+3]]:8: error[E0204]: cannot find import `std.vison`
# CHECK-NEXT: note: the stdlib modules are: std.audio, std.text, std.vision
# CHECK-NEXT: not_found.aug:[[@LINE+1]]:8: fix-it: replace `std.vison` with `std.vision`
import std.vison
# CHECK-NEXT: not_found.aug:[[@LINE+2]]:8: error[E0204]: cannot find import `vision`
# CHECK-NEXT: note: module names start with `std.`; import a file with a string: `import "vision.aug"`
import vision
# CHECK-NEXT: not_found.aug:[[@LINE+2]]:8: error[E0204]: cannot find import `Inputs/lib/colours.aug`
# CHECK-NEXT: note: looked for {{.*}}imports{{/|\\}}Inputs/lib/colours.aug
import "Inputs/lib/colours.aug"
# A folder is not a module: the note says so.
# CHECK-NEXT: not_found.aug:[[@LINE+3]]:8: error[E0204]: cannot find import `Inputs/lib`
# CHECK-NEXT: note: looked for {{.*}}imports{{/|\\}}Inputs/lib
# CHECK-NEXT: note: `{{.*}}Inputs/lib` is a folder; import a `.aug` file in it
import "Inputs/lib"

import std.vision
import "Inputs/lib/colors.aug"

sample Photo {
  image: image(rgb)
}

policy train on Photo {
  warm()
  trivial_augment()
}
# CHECK-NOT: {{error|warning}}
