# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# Recovery across declarations: a broken field, a stray character, a misspelt keyword, a unit written
# apart from its number and unclosed blocks are each reported once, at their own line, and none of them
# is echoed by a semantic error about the repaired statement.

sample Photo {
  image: image(rgb)
  # CHECK: recovery_toplevel.aug:[[@LINE+1]]:9: error[E0101]: expected `:`, found `class`
  label class(10)
}

policy a on Photo {
  # CHECK-NEXT: recovery_toplevel.aug:[[@LINE+1]]:11: error[E0101]: unexpected character `$`
  hflip() $
}

# CHECK-NEXT: recovery_toplevel.aug:[[@LINE+2]]:1: error[E0101]: expected a declaration or end of file, found `polcy`
# CHECK-NEXT: recovery_toplevel.aug:[[@LINE+1]]:1: fix-it: replace `polcy` with `policy`
polcy b on Photo { hflip() }

policy c on Photo {
  # CHECK-NEXT: recovery_toplevel.aug:[[@LINE+2]]:20: error[E0101]: expected `)`, found `deg`
  # CHECK-NEXT: recovery_toplevel.aug:[[@LINE+1]]:19: fix-it: remove ` `
  rotate(angle: 30 deg, boxes: enclose)
# CHECK-NEXT: recovery_toplevel.aug:[[@LINE+2]]:1: error[E0101]: `policy` starts a new declaration, but the one before it is not finished
# CHECK-NEXT: recovery_toplevel.aug:[[@LINE-5]]:19: note: this `{` is never closed
policy d on Photo {
  hflip()
# CHECK-NEXT: recovery_toplevel.aug:[[@LINE+2]]:1: error[E0101]: expected `}` or a statement, found end of file
# CHECK-NEXT: recovery_toplevel.aug:[[@LINE-3]]:19: note: this `{` is never closed
