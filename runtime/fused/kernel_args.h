// The runtime arguments of a compiled kernel: the slots its code declares (name, kind) and, for one call, the
// values bound to them. Every sample-dependent value reaches a kernel this way, never as a constant in its code.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "HalideBuffer.h"

namespace auger::rt::fused {

enum class ArgKind { Buffer, Int, Float };

struct ArgSlot {
  std::string name;
  ArgKind kind = ArgKind::Buffer;
};

// The values of one call, by slot name. Buffers are borrowed: they must outlive the call.
class KernelCall {
 public:
  void buffer(const std::string& name, halide_buffer_t* b);
  void i32(const std::string& name, int v);
  void f32(const std::string& name, float v);
  void output(halide_buffer_t* b) { output_ = b; }

  // The argv the compiled function takes, in `slots` order, then the output buffer. Throws std::logic_error when
  // a slot has no value.
  [[nodiscard]] std::vector<void*> argv(const std::vector<ArgSlot>& slots) const;

  [[nodiscard]] halide_buffer_t* find_buffer(const std::string& name) const;
  [[nodiscard]] const int* find_int(const std::string& name) const;
  [[nodiscard]] const float* find_float(const std::string& name) const;
  [[nodiscard]] halide_buffer_t* output() const { return output_; }

  // A copy with each value's name passed through `rename`, which returns false to leave the value out: the call of
  // one piece of a kernel that runs as several (kernel_catalog.h). The output is not copied.
  [[nodiscard]] KernelCall renamed(const std::function<bool(std::string&)>& rename) const;

 private:
  struct Value {
    std::string name;
    ArgKind kind;
    halide_buffer_t* buffer = nullptr;
    int i = 0;
    float f = 0;
  };
  [[nodiscard]] const Value* find(const std::string& name) const;
  // A deque would keep addresses stable too; a vector reserved up front is enough for the few values a call has,
  // and argv() hands out pointers only after every value is set.
  std::vector<Value> values_;
  halide_buffer_t* output_ = nullptr;
};

// A buffer owning its storage, for tables and parameters the host computes per call.
template <class T>
using HostBuffer = Halide::Runtime::Buffer<T>;

}  // namespace auger::rt::fused
