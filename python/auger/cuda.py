"""The GPU side of auger in Python (docs/cuda.md).

* :func:`augment` runs a policy's image ops on a batch of decoded images with the GPU batch kernels (one call per
  kernel per batch) and returns a CUDA tensor [N, 3, H, W], without a host round trip; each sample's draws are
  :meth:`auger.Policy.apply`'s for the same key and epoch, and the results are the CPU path's (integers byte for
  byte, floats within 1e-5).
* :func:`loader_device` decides where a ``Loader(device=...)`` delivers its batches, and says once why the GPU
  path is off (no CUDA driver, no device); :class:`GpuLoaderPath` is ``Loader(device="cuda")``'s way through the
  kernels, or says once why a policy stays on the CPU path.
"""

import json as _json
import os as _os
import warnings as _warnings

import numpy as _np

from . import _auger

_warned = set()


def unavailable_reason():
    """Why the GPU path cannot run in this process ('' when it can): no libcuda.so.1, cuInit's error, no device."""
    return _auger.cuda_unavailable_reason()


def _warn_once(message):
    if message not in _warned:
        _warned.add(message)
        _warnings.warn(message, RuntimeWarning, stacklevel=4)


def _planar(image):
    a = _np.asarray(image)
    if a.dtype != _np.uint8 or a.ndim != 3 or 3 not in (a.shape[0], a.shape[2]):
        raise ValueError(f"expected a uint8 RGB image, HWC or CHW, got {a.dtype} {list(a.shape)}")
    return _np.ascontiguousarray(a if a.shape[0] == 3 and a.shape[2] != 3 else a.transpose(2, 0, 1))


class Augmenter:
    """The GPU batch kernels for one policy (keeps its pinned staging buffer from batch to batch).
    ``emulate=True`` runs the kernels' CPU build instead (no GPU needed; numpy out): the tests' and
    bench/gpu_check.py's way to check the kernels' arithmetic where there is no device."""

    def __init__(self, policy, emulate=False):
        self._impl = _auger.GpuAugmenter(policy._impl, bool(emulate))
        self._emulate = bool(emulate)

    def __call__(self, images, keys, epoch=0):
        out = self._impl.run([_planar(i) for i in images], [str(k) for k in keys], int(epoch))
        if self._emulate:
            return out.numpy()
        import torch
        return torch.as_tensor(out, device="cuda")  # __cuda_array_interface__: no copy; keeps the allocation


def augment(policy, images, keys, epoch=0):
    """One batch through the GPU kernels: `images` HWC (or CHW) uint8 RGB arrays of any sizes, `keys` the samples'
    keys. Returns a CUDA tensor [N, 3, H, W] (float32 after to_float, else uint8)."""
    return Augmenter(policy)(images, keys, epoch)


def unsupported(policy, height=480, width=640):
    """Why the policy's image ops cannot run on the GPU batch kernels ('' when they can), judged on one sample's
    draws; a policy whose draws vary (one_of, rand_augment) may still send some samples to the CPU."""
    return _auger.GpuAugmenter.unsupported(policy._impl, int(height), int(width))


def loader_device(device, policy, as_numpy):
    """'cpu' or 'cuda': where a Loader delivers batches. device='cuda' without a usable GPU warns once, naming why,
    and runs the CPU path (the same results as device='cpu')."""
    if device is None or device == "cpu":
        return "cpu"
    if device != "cuda":
        raise ValueError(f"device must be 'cpu' or 'cuda', not {device!r}")
    if as_numpy:
        raise ValueError("numpy=True yields numpy arrays, which live in host memory: use device='cpu'")
    why = unavailable_reason()
    if why and not emulated():
        _warn_once(f"auger.Loader(device='cuda'): {why}; the batches come from the CPU path instead "
                   "(the same values as device='cpu')")
        return "cpu"
    return "cuda"


def emulated():
    """AUGER_GPU_EMULATE=1: Loader(device="cuda") runs the kernels' CPU build and yields CPU tensors — the tests'
    way to run the GPU loader path on a machine without a GPU (docs/cuda.md)."""
    return _os.environ.get("AUGER_GPU_EMULATE") == "1"


def _identity_schema(types):
    """The `sample` declaration of a policy with no ops that reads what `types` (a loader's output types) holds, or
    (None, why) when the GPU path does not take such a policy: one RGB image field and class labels only (the
    batch kernels move no boxes, masks or keypoints; a batch block's mixing stays on the CPU path)."""
    fields = []
    for name, type_text in types.items():
        optional = "?" if type_text.endswith("?") else ""
        base = type_text.rstrip("?")
        if base.startswith("image(rgb"):
            fields.append(f"  {name}: image(rgb){optional}")
        elif base.startswith("class(") and "[]" not in base:
            fields.append(f"  {name}: {base}{optional}")
        else:
            return None, f"field `{name}` ({type_text}): the GPU loader takes an RGB image and class labels only"
    if sum(f.split(":")[1].strip().startswith("image") for f in fields) != 1:
        return None, "the GPU loader takes policies with exactly one image field"
    return "sample GpuInput {\n" + "\n".join(fields) + "\n}\npolicy identity on GpuInput {\n}\n", ""


class GpuLoaderPath:
    """Loader(device="cuda") where the policy's image ops run on the GPU batch kernels: a loader of the same source,
    order and seed over a policy with no ops decodes on the CPU workers (whole images, one per step; a batch and
    four per worker in flight), the batch's images go to the device once and the kernels transform them; a batch
    holding a sample the kernels cannot express runs on the CPU path (Policy.apply) instead, with a one-time
    warning. Keys, labels, params and values are the CPU path's."""

    @staticmethod
    def make(loader, source, options):
        """A GPU path for `loader`, or None with a one-time warning naming why the policy stays on the CPU path."""
        from . import Loader, load
        why = unsupported(loader.policy)
        schema, reason = _identity_schema(loader.output_types) if not why else (None, why)
        if schema is None:
            _warn_once(f"auger.Loader(device='cuda'): {reason}; the policy runs on the CPU path and its batches are "
                       "copied to the GPU")
            return None
        import tempfile
        with tempfile.NamedTemporaryFile("w", suffix=".aug", delete=False) as f:
            f.write(schema)
        try:
            identity = load(f.name, "identity", seed=loader.policy.seed)
        finally:
            _os.unlink(f.name)
        decoder = Loader(identity, source, batch_size=1, workers=options["workers"], shuffle=options["shuffle"],
                         rank=options["rank"], world_size=options["world_size"], drop_last=options["drop_last"],
                         prefetch=options["batch_size"] + 4 * max(1, options["workers"]), numpy=True)
        return GpuLoaderPath(loader, decoder, options["batch_size"], options["drop_last"])

    def __init__(self, loader, decoder, batch_size, drop_last):
        self._loader = loader
        self.decoder = decoder
        self._batch_size = batch_size
        self._drop_last = drop_last
        self._augmenter = None
        import threading
        self.lock = threading.Lock()  # one staging buffer: iterators of one loader take turns

    def set_epoch(self, epoch):
        self.decoder.set_epoch(epoch)

    def iterate(self):
        if self._augmenter is None:
            self._augmenter = _auger.GpuAugmenter(self._loader.policy._impl, emulated())
        return _GpuIterator(self, iter(self.decoder))


class _GpuIterator:
    def __init__(self, path, samples):
        import torch
        self._torch = torch
        self._path = path
        self._samples = samples
        self.epoch = samples.epoch
        self._image = next(n for n, t in path._loader.output_types.items() if t.startswith("image"))

    def __iter__(self):
        return self

    def __next__(self):
        if self._samples is None:
            raise StopIteration
        rows = []
        for raw in self._samples:
            rows.append(raw)
            if len(rows) == self._path._batch_size:
                break
        if not rows or (self._path._drop_last and len(rows) < self._path._batch_size):
            self._samples = None
            raise StopIteration
        return self._batch(rows)

    def _batch(self, rows):
        torch = self._torch
        keys = [r["key"][0] for r in rows]
        images = [_np.ascontiguousarray(r[self._image][0]) for r in rows]  # [3, H, W] u8, as decoded
        try:
            with self._path.lock:
                out, params = self._path._augmenter.run_with_params(images, keys, self.epoch)
            image = torch.from_numpy(out.numpy()) if emulated() else torch.as_tensor(out, device="cuda")
            params = [_json.loads(p) for p in params]
        except _auger.Error as e:
            _warn_once(f"auger.Loader(device='cuda'): {e}; such batches run on the CPU path")
            image, params = self._cpu_batch(images, keys)
        batch = {self._image: image}
        for name in rows[0]:
            if name not in (self._image, "key", "params", "batch_params"):
                labels = torch.from_numpy(_np.concatenate([r[name] for r in rows]))
                batch[name] = labels if emulated() else labels.to("cuda", non_blocking=True)
        batch["key"] = keys
        batch["params"] = params
        batch["batch_params"] = {}
        return batch

    def _cpu_batch(self, images, keys):
        torch = self._torch
        policy = self._path._loader.policy
        outs, params = [], []
        for image, key in zip(images, keys):
            r = policy.apply({self._image: image.transpose(1, 2, 0)}, key=key, epoch=self.epoch)
            a = r[self._image]
            outs.append(a.transpose(2, 0, 1) if a.dtype == _np.uint8 else a)
            params.append(r["params"])
        image = torch.from_numpy(_np.ascontiguousarray(_np.stack(outs)))
        return (image if emulated() else image.pin_memory().to("cuda", non_blocking=True)), params

    def close(self):
        self._samples = None
