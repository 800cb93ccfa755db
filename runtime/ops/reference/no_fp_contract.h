// Included by a reference op file that must agree with torch bit for bit: every rounding is the one written —
// where torch's build fuses a multiply-add the code says std::fma, and the compiler fuses no other multiply-add
// (as it would with -mfma or -march=native). Affects the functions defined after the include, in that file only.
#pragma once

#if defined(__clang__)
#pragma clang fp contract(off)
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif
