# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# A string must end on the line it starts (E0102); the fix-it closes it at the end of the line.

# CHECK: unterminated_string.aug:[[@LINE+3]]:18: error[E0102]: unterminated string literal
# CHECK-NEXT: note: a string ends on the line it starts
# CHECK-NEXT: unterminated_string.aug:[[@LINE+1]]:30: fix-it: insert `"`
const greeting = "hello world

const closed = "hello world"

# Checking goes on after it: the next line's error is reported too.
sample Line {
  # CHECK-NEXT: unterminated_string.aug:[[@LINE+1]]:9: error[E0501]: unknown field kind `txt`
  text: txt(en)
}
# CHECK-NOT: error
