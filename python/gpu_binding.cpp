// The GPU batch path in Python (docs/cuda.md): `_auger.cuda_unavailable_reason()`, `_auger.GpuAugmenter` and the
// device arrays it returns, which torch takes without a copy through `__cuda_array_interface__`
// (torch.as_tensor(array, device="cuda") keeps the array, and so the device allocation, alive).
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>

#include "api/gpu_batch.h"
#include "runtime/gpu/plan_io.h"

namespace py = pybind11;

namespace {

using U8Array = py::array_t<std::uint8_t, py::array::c_style | py::array::forcecast>;

struct DeviceArray {
  auger::rt::gpu::DeviceBatch batch;
};

py::tuple shape_of(const DeviceArray& a) {
  const auto& s = a.batch.shape;
  return py::make_tuple(s[0], s[1], s[2], s[3]);
}

py::dict cuda_array_interface(const DeviceArray& a) {
  if (!a.batch.device_ptr) throw py::attribute_error("an emulated batch lives in host memory: use .numpy()");
  py::dict d;
  d["shape"] = shape_of(a);
  d["typestr"] = a.batch.f32 ? "<f4" : "|u1";
  d["data"] = py::make_tuple(a.batch.device_ptr, false);
  d["strides"] = py::none();  // C-contiguous
  d["version"] = 2;           // no stream: the kernels run on the legacy default stream, as torch's default
  return d;
}

// An emulated batch's host memory as a numpy array that keeps it alive.
py::array host_array(const DeviceArray& a) {
  if (!a.batch.host)
    throw py::attribute_error("a GPU batch lives on the device: torch.as_tensor(array, device='cuda')");
  const auto& s = a.batch.shape;
  auto owner = new std::shared_ptr<void>(a.batch.owner);
  py::capsule base(owner, [](void* p) { delete static_cast<std::shared_ptr<void>*>(p); });
  const std::vector<py::ssize_t> shape(s.begin(), s.end());
  if (a.batch.f32) return py::array_t<float>(shape, static_cast<const float*>(a.batch.host), base);
  return py::array_t<std::uint8_t>(shape, static_cast<const std::uint8_t*>(a.batch.host), base);
}

// A [3, H, W] uint8 array as a planar image.
auger::rt::Image to_planar(const U8Array& a) {
  if (a.ndim() != 3 || a.shape(0) != 3 || a.shape(1) < 1 || a.shape(2) < 1)
    throw auger::Error("the GPU path takes [3, H, W] uint8 arrays");
  auto img = auger::rt::Image::make_u8(3, static_cast<int>(a.shape(1)), static_cast<int>(a.shape(2)));
  std::copy(a.data(), a.data() + a.size(), img.u8.begin());
  return img;
}

}  // namespace

namespace {

// A batch of HWC arrays as the planar images the augmenter takes.
std::vector<auger::rt::Image> to_planar(const std::vector<U8Array>& arrays) {
  std::vector<auger::rt::Image> images;
  images.reserve(arrays.size());
  for (const auto& a : arrays) images.push_back(to_planar(a));
  return images;
}

}  // namespace

// A loader batch's device field as the array Python hands to torch (python/module.cpp's next_batch).
py::object device_array(auger::rt::gpu::DeviceBatch batch) {
  return py::cast(DeviceArray{std::move(batch)});
}

void bind_gpu(py::module_& m) {
  m.def("cuda_unavailable_reason", &auger::cuda_unavailable_reason,
        "Why the GPU path cannot run here ('' when it can): no libcuda.so.1, no CUDA device");
  py::class_<DeviceArray>(m, "DeviceArray")
      .def_property_readonly("__cuda_array_interface__", &cuda_array_interface)
      .def_property_readonly("shape", &shape_of)
      .def_property_readonly("dtype", [](const DeviceArray& a) { return a.batch.f32 ? "float32" : "uint8"; })
      .def("numpy", &host_array, "An emulated batch as a numpy array (no copy)");
  py::class_<auger::GpuAugmenter>(m, "GpuAugmenter")
      .def(py::init<const auger::Policy&, bool>(), py::arg("policy"), py::arg("emulate") = false)
      .def_static(
          "unsupported",
          [](const auger::Policy& p, int h, int w) {
            return auger::GpuAugmenter::unsupported(p, {3, h, w});
          },
          "Why the policy's image ops cannot run on the GPU batch kernels ('' when they can)")
      .def(
          "run",
          [](auger::GpuAugmenter& g, const std::vector<U8Array>& arrays, const std::vector<std::string>& keys,
             std::uint64_t epoch) {
            std::vector<auger::rt::Image> images = to_planar(arrays);
            py::gil_scoped_release release;
            return DeviceArray{g.run(images, keys, epoch)};
          },
          py::arg("images"), py::arg("keys"), py::arg("epoch") = 0)
      .def(
          "write_plans",
          [](const auger::GpuAugmenter& g, const std::string& path, const std::vector<U8Array>& arrays,
             const std::vector<std::string>& keys, std::uint64_t epoch,
             const py::array_t<float, py::array::c_style | py::array::forcecast>& expected) {
            // Images given more than once (the same array object) are stored once.
            auger::rt::gpu::PlannedBatch b;
            std::vector<const void*> seen;
            for (const auto& a : arrays) {
              const auto at = std::find(seen.begin(), seen.end(), a.ptr());
              b.image_of.push_back(static_cast<int>(at - seen.begin()));
              if (at == seen.end()) {
                seen.push_back(a.ptr());
                b.images.push_back(to_planar(a));
              }
            }
            std::vector<auger::rt::Image> per_sample;
            for (int k : b.image_of) per_sample.push_back(b.images[static_cast<std::size_t>(k)]);
            b.samples = g.plan(per_sample, keys, epoch);
            for (std::size_t i = 0; i < b.samples.size(); ++i)
              b.samples[i].image = &b.images[static_cast<std::size_t>(b.image_of[i])];
            b.keys = keys;
            b.expected.assign(expected.data(), expected.data() + expected.size());
            auger::rt::gpu::write_planned_batch(path, b);
          },
          "Writes the samples' plans, images and the CPU path's results (`expected`, [N, 3, H, W]) for "
          "auger_gpu_check (bench/gpu_prepare.sh)",
          py::arg("path"), py::arg("images"), py::arg("keys"), py::arg("epoch"), py::arg("expected"));
}
