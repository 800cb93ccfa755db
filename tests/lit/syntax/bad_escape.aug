# RUN: not %auger check --format brief %s 2>&1 | FileCheck %s
# Strings know the escapes \", \\ and \n only (E0103); the fix-it escapes the backslash.

# CHECK: bad_escape.aug:[[@LINE+2]]:19: error[E0103]: invalid escape `\q` in string (use \", \\ or \n)
# CHECK-NEXT: bad_escape.aug:[[@LINE+1]]:19: fix-it: replace `\q` with `\\q`
const path = "data\quotes.txt"

# CHECK-NOT: error
const fixed = "data\\quotes.txt"
const quoted = "say \"hi\"\n"
