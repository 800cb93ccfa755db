#include "runtime/fused/kernel_args.h"

#include <stdexcept>

namespace auger::rt::fused {

void KernelCall::buffer(const std::string& name, halide_buffer_t* b) {
  values_.push_back({name, ArgKind::Buffer, b, 0, 0});
}

void KernelCall::i32(const std::string& name, int v) {
  values_.push_back({name, ArgKind::Int, nullptr, v, 0});
}

void KernelCall::f32(const std::string& name, float v) {
  values_.push_back({name, ArgKind::Float, nullptr, 0, v});
}

const KernelCall::Value* KernelCall::find(const std::string& name) const {
  // The latest binding of a name wins.
  for (auto it = values_.rbegin(); it != values_.rend(); ++it)
    if (it->name == name) return &*it;
  return nullptr;
}

halide_buffer_t* KernelCall::find_buffer(const std::string& name) const {
  const Value* v = find(name);
  return v && v->kind == ArgKind::Buffer ? v->buffer : nullptr;
}

const int* KernelCall::find_int(const std::string& name) const {
  const Value* v = find(name);
  return v && v->kind == ArgKind::Int ? &v->i : nullptr;
}

const float* KernelCall::find_float(const std::string& name) const {
  const Value* v = find(name);
  return v && v->kind == ArgKind::Float ? &v->f : nullptr;
}

KernelCall KernelCall::renamed(const std::function<bool(std::string&)>& rename) const {
  KernelCall out;
  out.values_.reserve(values_.size());
  for (Value v : values_)
    if (rename(v.name)) out.values_.push_back(std::move(v));
  return out;
}

std::vector<void*> KernelCall::argv(const std::vector<ArgSlot>& slots) const {
  std::vector<void*> out;
  out.reserve(slots.size() + 1);
  for (const auto& s : slots) {
    const Value* v = find(s.name);
    if (!v || v->kind != s.kind) throw std::logic_error("fused kernel argument `" + s.name + "` is not bound");
    switch (s.kind) {
      case ArgKind::Buffer: out.push_back(v->buffer); break;
      case ArgKind::Int: out.push_back(const_cast<int*>(&v->i)); break;
      case ArgKind::Float: out.push_back(const_cast<float*>(&v->f)); break;
    }
  }
  if (!output_) throw std::logic_error("fused kernel call without an output buffer");
  out.push_back(output_);
  return out;
}

}  // namespace auger::rt::fused
