"""The GPU side of auger in Python (docs/cuda.md).

* :func:`augment` runs a policy's image ops on a batch of decoded images with the GPU batch kernels (one call per
  kernel per batch) and returns a CUDA tensor [N, 3, H, W], without a host round trip; each sample's draws are
  :meth:`auger.Policy.apply`'s for the same key and epoch, and the results are the CPU path's (integers byte for
  byte, floats within 1e-5).
* :func:`loader_device` decides where a ``Loader(device=...)`` delivers its batches, and says once why the GPU
  path is off (no CUDA driver, no device); the loader itself (C++) runs its batches through the kernels.
"""

import os as _os
import warnings as _warnings

import numpy as _np

from . import _auger

_warned = set()


def unavailable_reason():
    """Why the GPU path cannot run in this process ('' when it can): no libcuda.so.1, cuInit's error, no device."""
    return _auger.cuda_unavailable_reason()


def warn_once(message, kind=None):
    """A RuntimeWarning, once per process for each `kind` (the message itself when None)."""
    kind = message if kind is None else kind
    if kind not in _warned:
        _warned.add(kind)
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
        from . import _u64
        out = self._impl.run([_planar(i) for i in images], [str(k) for k in keys], _u64(epoch, "epoch"))
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
        warn_once(f"auger.Loader(device='cuda'): {why}; the batches come from the CPU path instead "
                   "(the same values as device='cpu')")
        return "cpu"
    return "cuda"


def emulated():
    """AUGER_GPU_EMULATE=1: Loader(device="cuda") runs the kernels' CPU build and yields CPU tensors — the tests'
    way to run the GPU loader path on a machine without a GPU (docs/cuda.md)."""
    return _os.environ.get("AUGER_GPU_EMULATE") == "1"


def device_converter():
    """How a Loader(device="cuda") batch's device array becomes a tensor: a CUDA tensor over the device memory (no
    copy), or, emulated, a CPU tensor over the host memory."""
    import torch
    if emulated():
        return lambda array: torch.from_numpy(array.numpy())
    return lambda array: torch.as_tensor(array, device="cuda")  # __cuda_array_interface__: keeps the allocation
