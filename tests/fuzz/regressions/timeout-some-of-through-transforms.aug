sample S {
  image: image(rgb)
}
transform t0() { some_of(n: 1) { t1() } }
transform t1() { some_of(n: 1) { t2() } }
transform t2() { some_of(n: 1) { t3() } }
transform t3() { some_of(n: 1) { t4() } }
transform t4() { some_of(n: 1) { t5() } }
transform t5() { some_of(n: 1) { t6() } }
transform t6() { some_of(n: 1) { t7() } }
transform t7() { some_of(n: 1) { t8() } }
transform t8() { some_of(n: 1) { t9() } }
transform t9() { some_of(n: 1) { t10() } }
transform t10() { some_of(n: 1) { t11() } }
transform t11() { some_of(n: 1) { t12() } }
transform t12() { some_of(n: 1) { t13() } }
transform t13() { some_of(n: 1) { t14() } }
transform t14() { some_of(n: 1) { t15() } }
transform t15() { some_of(n: 1) { t16() } }
transform t16() { some_of(n: 1) { t17() } }
transform t17() { some_of(n: 1) { t18() } }
transform t18() { some_of(n: 1) { t19() } }
transform t19() { some_of(n: 1) { t20() } }
transform t20() { some_of(n: 1) { t21() } }
transform t21() { some_of(n: 1) { t22() } }
transform t22() { some_of(n: 1) { t23() } }
transform t23() { some_of(n: 1) { t24() } }
transform t24() { some_of(n: 1) { t25() } }
transform t25() { some_of(n: 1) { t26() } }
transform t26() { some_of(n: 1) { t27() } }
transform t27() { some_of(n: 1) { t28() } }
transform t28() { some_of(n: 1) { t29() } }
transform t29() { some_of(n: 1) { t30() } }
transform t30() { hflip() }
policy p on S {
  t0()
}
