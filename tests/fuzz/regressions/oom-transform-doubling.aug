transform t0() { t1() }
transform t1() { t2() t2() }
transform t2() { t3() t3() }
transform t3() { t4() t4() }
transform t4() { t5() t5() }
transform t5() { t6() t6() }
transform t6() { t7() t7() }
transform t7() { t8() t8() }
transform t8() { t9() t9() }
transform t9() { t10() t10() }
transform t10() { t11() t11() }
transform t11() { t12() t12() }
transform t12() { t13() t13() }
transform t13() { t14() t14() }
transform t14() { t15() t15() }
transform t15() { t16() t16() }
transform t16() { t17() t17() }
transform t17() { t18() t18() }
transform t18() { t19() t19() }
transform t19() { t20() t20() }
transform t20() { t21() t21() }
transform t21() { t22() t22() }
transform t22() { t23() t23() }
transform t23() { t24() t24() }
transform t24() { t25() t25() }
transform t25() { t26() t26() }
transform t26() { t27() t27() }
transform t27() { t28() t28() }
transform t28() { t29() t29() }
transform t29() { t30() t30() }
transform t30() { t31() t31() }
transform t31() { t32() t32() }
transform t32() { t33() t33() }
transform t33() { t34() t34() }
transform t34() { t35() t35() }
transform t35() { t36() t36() }
transform t36() { t37() t37() }
transform t37() { t38() t38() }
transform t38() { t39() t39() }
transform t39() { t40() t40() }
transform t40() { hflip() }
sample S {
  image: image(rgb)
  label: class(10)
  boxes: boxes(xyxy)
}
policy p on S {
  t0()
}
