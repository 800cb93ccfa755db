// The libdevice functions the batch kernels call (pipelines/gpu_float.h), for their CPU build (NAME_host in
// gpu_kernels_host.o): each is the one f32 operation the PTX instruction does, rounded to nearest even (one
// operation per function: nothing for the compiler to fuse).
#include <cmath>

extern "C" {

float __nv_fmul_rn(float a, float b) {
  return a * b;
}
float __nv_fadd_rn(float a, float b) {
  return a + b;
}
float __nv_fsub_rn(float a, float b) {
  return a - b;
}
float __nv_fdiv_rn(float a, float b) {
  return a / b;
}
float __nv_fmaf(float a, float b, float c) {
  return std::fma(a, b, c);
}

}  // extern "C"
