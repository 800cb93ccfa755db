// `_auger`: the compiled half of the Python package (python/auger/__init__.py is the other). It converts between
// numpy and api/auger.h and nothing more; JSON-valued fields cross as JSON text, parsed by the Python half.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <cstring>
#include <optional>

#include "api/auger.h"

namespace py = pybind11;

py::object device_array(auger::rt::gpu::DeviceBatch batch);  // python/gpu_binding.cpp

namespace {

// A numpy array over `data` that keeps `owner` alive: its base is a capsule holding a copy of the shared pointer,
// so the array (and a torch tensor made from it) may outlive the loader's batch without a copy.
template <class T>
py::array view(std::shared_ptr<void> owner, T* data, const std::vector<py::ssize_t>& shape) {
  auto* keep = new std::shared_ptr<void>(std::move(owner));
  py::capsule base(keep, [](void* p) { delete static_cast<std::shared_ptr<void>*>(p); });
  return py::array_t<T>(shape, data, base);
}

// The address a capsule made by view() keeps alive (tests check that tensors point there).
std::uintptr_t capsule_address(const py::capsule& c) {
  return reinterpret_cast<std::uintptr_t>(c.get_pointer<std::shared_ptr<void>>()->get());
}

// An HWC (or HW) uint8 array, any strides, as a planar CHW image with `channels` channels; a one-channel array
// given for an RGB(A) field is replicated into the colours (alpha 255), as decoding a grey file would.
auger::rt::Image to_image(const std::string& field, const py::array& arr, int channels) {
  if (!arr.dtype().is(py::dtype::of<std::uint8_t>()))
    throw auger::Error("field `" + field + "`: expected a uint8 array (HWC), got dtype " +
                       py::str(arr.dtype()).cast<std::string>());
  if (arr.ndim() != 2 && arr.ndim() != 3)
    throw auger::Error("field `" + field + "`: expected an HWC or HW array, got " + std::to_string(arr.ndim()) +
                       " dimensions");
  const py::ssize_t h = arr.shape(0), w = arr.shape(1), c = arr.ndim() == 3 ? arr.shape(2) : 1;
  if (c != 1 && c != channels)
    throw auger::Error("field `" + field + "`: expected " + std::to_string(channels) + " channel(s), got " +
                       std::to_string(c));
  if (h < 1 || w < 1) throw auger::Error("field `" + field + "`: an empty image");
  const py::ssize_t sy = arr.strides(0), sx = arr.strides(1), sc = arr.ndim() == 3 ? arr.strides(2) : 0;
  const auto* base = static_cast<const std::uint8_t*>(arr.data());
  auto img = auger::rt::Image::make_u8(channels, static_cast<int>(h), static_cast<int>(w));
  for (int ch = 0; ch < channels; ++ch) {
    if (c == 1 && ch == 3) {  // the alpha of a gray array given for an RGBA field: opaque
      std::fill(img.u8.begin() + 3 * static_cast<std::ptrdiff_t>(h * w), img.u8.end(), std::uint8_t{255});
      continue;
    }
    const py::ssize_t from = c == 1 ? 0 : ch;
    for (py::ssize_t y = 0; y < h; ++y)
      for (py::ssize_t x = 0; x < w; ++x)
        img.at8(ch, static_cast<int>(y), static_cast<int>(x)) = base[y * sy + x * sx + from * sc];
  }
  return img;
}

// u8 images go back as HWC (HW for one channel), as they came; float tensors stay CHW, as a model takes them.
py::array from_image(auger::rt::Image&& img) {
  const py::ssize_t c = img.c(), h = img.h(), w = img.w();
  if (!img.is_u8()) {
    auto owner = std::make_shared<auger::rt::Image>(std::move(img));
    float* data = owner->f32.data();
    return view<float>(std::move(owner), data, {c, h, w});
  }
  py::array_t<std::uint8_t> out(c == 1 ? std::vector<py::ssize_t>{h, w} : std::vector<py::ssize_t>{h, w, c});
  auto* dst = out.mutable_data();
  for (py::ssize_t ch = 0; ch < c; ++ch)
    for (py::ssize_t y = 0; y < h; ++y)
      for (py::ssize_t x = 0; x < w; ++x)
        dst[(y * w + x) * c + ch] = img.at8(static_cast<int>(ch), static_cast<int>(y), static_cast<int>(x));
  return out;
}

py::list field_list(const std::vector<auger::SchemaField>& fields) {
  py::list out;
  for (const auto& f : fields) out.append(py::make_tuple(f.name, f.kind, f.element));
  return out;
}

// An audio field's value: a path (decoded as `auger apply` decodes it) or a float waveform, [T] or [C, T].
auger::rt::audio::Signal to_signal(const auger::Policy& policy, const std::string& field, const py::handle& value) {
  if (py::isinstance<py::str>(value)) return policy.read_audio(field, value.cast<std::string>());
  const auto arr = py::array::ensure(value);
  if (!arr || arr.dtype().kind() != 'f' || arr.ndim() < 1 || arr.ndim() > 2)
    throw auger::Error("field `" + field + "`: expected a float waveform array, [T] or [channels, T], or a file path");
  const auto samples = py::array_t<float, py::array::c_style | py::array::forcecast>::ensure(arr);
  const auto rows = arr.ndim() == 1 ? 1 : static_cast<int>(arr.shape(0));
  const auto cols = static_cast<std::size_t>(arr.shape(arr.ndim() - 1));
  auger::rt::audio::Signal s;
  s.shape = {false, rows, cols, 0, 0};
  s.data.assign(samples.data(), samples.data() + samples.size());
  return s;
}

// A result's audio field: a mono waveform as [T], a stereo one [2, T], a spectrogram [n_mels, frames]; float32.
py::array from_signal(auger::rt::audio::Signal&& s) {
  const auto rows = static_cast<py::ssize_t>(s.shape.rows), cols = static_cast<py::ssize_t>(s.shape.cols);
  auto owner = std::make_shared<std::vector<float>>(std::move(s.data));
  py::capsule keep(new std::shared_ptr<std::vector<float>>(owner),
                   [](void* p) { delete static_cast<std::shared_ptr<std::vector<float>>*>(p); });
  if (rows == 1 && !s.shape.spectrogram) return py::array_t<float>({cols}, owner->data(), keep);
  return py::array_t<float>({rows, cols}, owner->data(), keep);
}

py::tuple apply(const auger::Policy& policy, const py::dict& images, const py::dict& audio,
                const std::string& fields_json, const std::string& key, std::uint64_t epoch) {
  auger::Sample in;
  for (const auto& [name, value] : audio) {
    const auto field = name.cast<std::string>();
    in.audio[field] = to_signal(policy, field, value);
  }
  for (const auto& [name, value] : images) {
    const auto field = name.cast<std::string>();
    int channels = 3;  // a field the schema lacks is refused by apply, naming it
    for (const auto& f : policy.inputs())
      if (f.name == field && f.channels > 0) channels = f.channels;
    in.images[field] = to_image(field, value.cast<py::array>(), channels);
  }
  try {
    in.fields = nlohmann::ordered_json::parse(fields_json);
  } catch (const nlohmann::json::exception& e) {
    throw auger::Error(std::string("the sample's fields are not JSON: ") + e.what());
  }
  auger::Sample out;
  {
    py::gil_scoped_release release;
    out = policy.apply(in, key, epoch);
  }
  py::dict arrays;
  for (auto& [field, img] : out.images) arrays[py::str(field)] = from_image(std::move(img));
  for (auto& [field, s] : out.audio) arrays[py::str(field)] = from_signal(std::move(s));
  return py::make_tuple(arrays, out.fields.dump());
}

// The raw batch dict of `next` (a Loader's or a LoaderIterator's), or None after the epoch's last batch. What a
// worker threw is rethrown by `next` here, on the caller's thread: auger::Error becomes auger.Error,
// std::bad_alloc MemoryError.
template <class Source>
py::object next_batch(Source& source) {
  auger::Batch b;
  bool more = false;
  {
    py::gil_scoped_release release;
    more = source.next(b);
  }
  if (!more) return py::none();
  py::dict tensors, classes, soft;
  for (auto& [field, t] : b.tensors) {
    const std::vector<py::ssize_t> shape(t.shape.begin(), t.shape.begin() + t.rank);
    if (t.elem == auger::rt::Elem::U8)
      tensors[py::str(field)] = view<std::uint8_t>(t.storage, static_cast<std::uint8_t*>(t.data()), shape);
    else
      tensors[py::str(field)] = view<float>(t.storage, static_cast<float*>(t.data()), shape);
  }
  for (auto& [field, column] : b.classes) {
    auto owner = std::make_shared<std::vector<std::int64_t>>(std::move(column));
    std::int64_t* data = owner->data();
    const auto n = static_cast<py::ssize_t>(owner->size());
    classes[py::str(field)] = view<std::int64_t>(std::move(owner), data, {n});
  }
  for (auto& [field, labels] : b.soft) {
    const py::ssize_t n = labels.classes;
    const auto rows = n > 0 ? static_cast<py::ssize_t>(labels.values.size()) / n : 0;
    auto owner = std::make_shared<std::vector<float>>(std::move(labels.values));
    float* data = owner->data();
    soft[py::str(field)] = view<float>(std::move(owner), data, {rows, n});
  }
  nlohmann::ordered_json fields = nlohmann::ordered_json::object();
  for (auto& [field, column] : b.fields) fields[field] = std::move(column);
  py::dict raw;
  raw["tensors"] = tensors;
  raw["classes"] = classes;
  raw["soft"] = soft;
  raw["keys"] = py::cast(b.keys);
  raw["fields"] = fields.dump();
  raw["params"] = nlohmann::ordered_json(b.params).dump();
  raw["batch_params"] = b.batch_params.dump();
  py::dict device;
  for (auto& [field, batch] : b.device) device[py::str(field)] = device_array(std::move(batch));
  raw["device"] = device;
  raw["device_note"] = b.device_note;
  raw["skipped"] = nlohmann::ordered_json(b.skipped).dump();
  raw["epoch"] = b.epoch;
  raw["index"] = b.index;
  return raw;
}

}  // namespace

void bind_search(py::module_& m);  // python/search_binding.cpp
void bind_gpu(py::module_& m);     // python/gpu_binding.cpp

PYBIND11_MODULE(_auger, m) {
  m.doc() = "Auger's compiled core; use the `auger` package";
  py::register_exception<auger::Error>(m, "Error");

  py::class_<auger::Policy>(m, "Policy")
      .def("apply", &apply, py::arg("images"), py::arg("audio"), py::arg("fields_json"), py::arg("key"),
           py::arg("epoch"))
      .def_property_readonly("name", &auger::Policy::name)
      .def_property_readonly("seed", &auger::Policy::seed)
      .def_property_readonly("exec_path", &auger::Policy::exec_path)
      .def_property_readonly("warnings", &auger::Policy::warnings)
      .def("inputs", [](const auger::Policy& p) { return field_list(p.inputs()); })
      .def("outputs", [](const auger::Policy& p) { return field_list(p.outputs()); })
      .def("identity_json", [](const auger::Policy& p) { return p.identity().dump(); })
      .def("with_translator", &auger::Policy::with_translator, py::arg("spec"))
      .def_property_readonly("translator", &auger::Policy::translator);

  m.def(
      "load",
      [](const std::string& file, const std::string& policy, const std::map<std::string, auger::ArgValue>& args,
         std::uint64_t seed, const std::string& exec_path, const std::vector<std::string>& disable) {
        py::gil_scoped_release release;
        return auger::load(file, policy, args, seed, exec_path, disable);
      },
      py::arg("file"), py::arg("policy"), py::arg("args"), py::arg("seed"), py::arg("exec_path"), py::arg("disable"));

  py::class_<auger::Loader>(m, "Loader")
      .def(py::init([](const auger::Policy& policy, const std::string& source, std::size_t batch_size, int workers,
                       bool shuffle, std::optional<int> rank, std::optional<int> world_size, bool drop_last,
                       std::size_t prefetch, std::optional<std::string> translator, const std::string& device,
                       bool gpu_emulate) {
             auger::LoaderOptions o;
             o.batch_size = batch_size;
             o.workers = workers;
             o.shuffle = shuffle;
             o.rank = rank;
             o.world_size = world_size;
             o.drop_last = drop_last;
             o.prefetch = prefetch;
             o.translator = std::move(translator);
             o.device = device;
             o.gpu_emulate = gpu_emulate;
             py::gil_scoped_release release;
             return std::make_unique<auger::Loader>(policy, source, o);
           }),
           py::arg("policy"), py::arg("source"), py::arg("batch_size"), py::arg("workers"), py::arg("shuffle"),
           py::arg("rank"), py::arg("world_size"), py::arg("drop_last"), py::arg("prefetch"),
           py::arg("translator") = std::nullopt, py::arg("device") = "cpu", py::arg("gpu_emulate") = false)
      .def("start", &auger::Loader::start, py::call_guard<py::gil_scoped_release>())
      .def("next", &next_batch<auger::Loader>)
      // The iterator keeps its loader alive (its workers use the loader's policy, source and statistics).
      .def("iterate", &auger::Loader::iterate, py::call_guard<py::gil_scoped_release>(), py::keep_alive<0, 1>())
      .def("set_epoch", &auger::Loader::set_epoch)
      .def_property_readonly("epoch", &auger::Loader::epoch)
      .def_property_readonly("rank", &auger::Loader::rank)
      .def_property_readonly("world_size", &auger::Loader::world_size)
      .def_property_readonly("samples_per_epoch", &auger::Loader::samples_per_epoch)
      .def("__len__", &auger::Loader::size)
      .def("output_types", &auger::Loader::output_types)
      .def_property_readonly("device_note", &auger::Loader::device_note)
      .def_property_readonly("on_gpu", &auger::Loader::on_gpu)
      .def("metrics_json", [](const auger::Loader& l) { return l.metrics().dump(); });

  py::class_<auger::LoaderIterator>(m, "LoaderIterator")
      .def("next", &next_batch<auger::LoaderIterator>)
      .def_property_readonly("epoch", &auger::LoaderIterator::epoch);

  m.def("_capsule_address", &capsule_address, "The buffer address a batch array's capsule keeps alive (tests)");
  bind_search(m);
  bind_gpu(m);
}
