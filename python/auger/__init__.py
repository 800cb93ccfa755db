"""Auger: data-augmentation policies written in ``.aug`` files, run by fused kernels (cli.md, "Python").

    policy = auger.load("imagenet.aug", policy="train", args={"magnitude": 9}, seed=0)
    out = policy.apply({"image": hwc_uint8_array}, key="n01440764_10026", epoch=0)
    loader = auger.Loader(policy, source="data/train", batch_size=256, workers=8, shuffle=True)
    for epoch in range(90):
        loader.set_epoch(epoch)
        for batch in loader:        # batch["image"]: torch.Tensor [B, C, H, W], sharing the loader's buffer
            ...

torch is imported when a Loader is iterated, never by ``import auger``: loading and applying policies needs numpy
only. A Loader made with ``numpy=True`` yields numpy arrays and never needs torch.
"""
import json as _json
import os as _os
import re as _re
import sys as _sys
import warnings as _warnings

import numpy as _np

from . import _auger
from ._auger import Error

__all__ = ["Error", "Loader", "Policy", "load", "search"]

_PIXEL_KINDS = ("image", "mask")


def _arg_value(value):
    """A Python value as the typed argument the core binds: bool, int, float, str ("30deg", "bilinear") or a list
    of numbers. The core checks it against the parameter's type and domain."""
    if isinstance(value, (bool, _np.bool_)):
        return bool(value)
    if isinstance(value, (int, _np.integer)):
        return int(value)
    if isinstance(value, (float, _np.floating)):
        return float(value)
    if isinstance(value, (list, tuple, _np.ndarray)):
        items = list(value)
        if not all(isinstance(v, (int, float, _np.integer, _np.floating)) and not isinstance(v, bool) for v in items):
            raise TypeError("a list policy argument holds numbers only")
        return [float(v) for v in items]
    if isinstance(value, str):
        return value
    raise TypeError(f"a policy argument is a number, bool, string or list, not {type(value).__name__}")


def _json_default(value):
    if isinstance(value, (_np.generic, _np.ndarray)):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} is not a JSON value")


class Policy:
    """A checked policy with its arguments and seed bound; made by :func:`load`."""

    def __init__(self, impl):
        self._impl = impl

    @property
    def name(self):
        return self._impl.name

    @property
    def seed(self):
        return self._impl.seed

    @property
    def warnings(self):
        """The check's warnings, rendered as ``auger check`` prints them ("" when none)."""
        return self._impl.warnings

    @property
    def inputs(self):
        """The schema's fields: [(name, kind, element)]."""
        return self._impl.inputs()

    @property
    def outputs(self):
        """The fields after the policy: [(name, kind, element)]."""
        return self._impl.outputs()

    @property
    def identity(self):
        """What every result is a function of: file hash, policy, arguments, disabled labels, seed, path."""
        return _json.loads(self._impl.identity_json())

    @property
    def translator(self):
        """back_translate's translator for this policy (``translator=`` of :func:`load`); None: the process's
        (``AUGER_TRANSLATOR``, else Apertium)."""
        return self._impl.translator or None

    def apply(self, sample, *, key, epoch=0):
        """Runs the policy on one sample, as ``auger apply`` does on a file whose base name is `key`.

        `sample` maps schema fields to values: images as HWC (or HW) uint8 arrays, masks as HW uint8 arrays, audio
        as a float waveform at the field's rate ([T] mono, [2, T] stereo) or a file path (decoded and resampled as
        ``auger apply`` does), other fields as JSON-like values. Returns a dict: u8 images as HWC uint8 arrays
        (masks HW), float tensors as CHW float32 arrays, audio as float32 arrays ([T], [2, T], or [n_mels, frames]
        after melspec), the other fields as given, and "params" (per statement site, what it drew).
        """
        kinds = {name: kind for name, kind, _ in self._impl.inputs()}
        images, audio, fields = {}, {}, {}
        for name, value in sample.items():
            if kinds.get(name) in _PIXEL_KINDS:
                images[name] = _np.asarray(value)
            elif kinds.get(name) == "audio":
                audio[name] = _os.fspath(value) if isinstance(value, (str, _os.PathLike)) else _np.asarray(value)
            else:
                fields[name] = value
        arrays, fields_json = self._impl.apply(images, audio, _json.dumps(fields, default=_json_default), str(key),
                                               _u64(epoch, "epoch"))
        out = dict(arrays)
        out.update(_json.loads(fields_json))
        return out

    def __repr__(self):
        return f"<auger.Policy {self.name} seed={self.seed}>"


def _u64(value, what):
    """A seed or epoch as --seed/--epoch take it: a whole number in 0..2**64-1 (numpy ints too; not a bool or float,
    which int() would truncate), else auger.Error rather than a wrapped or truncated value (docs/cli.md)."""
    if isinstance(value, bool) or not hasattr(value, "__index__"):
        raise Error(f"{what} must be a whole number in 0..{2**64 - 1}, not {type(value).__name__} {value!r}")
    if not 0 <= value.__index__() < 2**64:
        raise Error(f"{what} must be a whole number in 0..{2**64 - 1}, not {value.__index__()}")
    return value.__index__()


def _count(value, what):
    """A Loader's whole-number option (batch_size, workers, prefetch, rank…): an int (numpy ints too), never a float
    truncated or a bool, and at least 0 — the loader then says which values it takes (batch_size at least 1…)."""
    if isinstance(value, bool) or not hasattr(value, "__index__"):
        raise ValueError(f"{what} must be a whole number, not {type(value).__name__} {value!r}")
    value = value.__index__()
    if value < 0:
        raise ValueError(f"{what} must be at least {0 if what == 'rank' else 1}, not {value}")
    if value >= 2**63:
        raise ValueError(f"{what} {value} is out of range")
    return value


def _optional_count(value, what):
    return None if value is None else _count(value, what)


def load(path, policy=None, args=None, seed=0, exec_path="fused", disable=(), translator=None):
    """Checks the policy file `path` and binds `policy` (optional when the file has one).

    `args` overrides parameters as ``--set`` does ({"magnitude": 12, "angle": "30deg"}); `exec_path` is "fused"
    (the Halide kernels built into auger) or "reference" (op by op); `disable` lists statement labels that
    do not run. `translator`: back_translate's, a command speaking JSON lines or a local ``http://`` URL
    (docs/text.md; "apertium" for Apertium), overriding ``AUGER_TRANSLATOR`` for this policy's apply() and loaders.
    Raises :class:`auger.Error` with the diagnostics when the file has errors.
    """
    values = {str(k): _arg_value(v) for k, v in (args or {}).items()}
    impl = _auger.load(_os.fspath(path), policy or "", values, _u64(seed, "seed"), exec_path, list(disable))
    return Policy(impl.with_translator(str(translator)) if translator else impl)


def _converter(as_numpy):
    """torch.from_numpy, which shares the array's memory; the identity for a loader that yields numpy arrays."""
    if as_numpy:
        return lambda array: array
    try:
        import torch
    except ImportError as e:
        raise ImportError(
            "auger.Loader yields torch tensors, and torch cannot be imported by this Python "
            f"({_sys.executable}): {e}. Install torch (pip install torch), or make the loader with numpy=True "
            "for numpy arrays") from e
    return torch.from_numpy


def _label_layout(type_text):
    """How a variable-length label field becomes one array per sample: (dtype, shape with -1 for the instance
    count), or None for a field delivered as JSON values. `type_text` is the field's type after the policy."""
    base = type_text.rstrip("?")
    if base.endswith("[]"):
        return (_np.int64, (-1,)) if base[:-2].startswith("class(") else None
    if base.startswith("boxes("):
        return _np.float32, (-1, 4)
    m = _re.match(r"keypoints\((\d+)\)$", base)
    if m:
        return _np.float32, (-1, int(m.group(1)), 3)
    return None


def _is_tags(type_text):
    return type_text.startswith("tags(")


def _tags_batch(values):
    """A `tags(T)[]` field of a batch (docs/text.md "The Python Loader"): class ids as an int64 array [B, T] padded
    with -100 (the index torch's cross_entropy and Hugging Face ignore) and the lengths [B]; tag names stay lists of
    lists of strings (None: the lists as they are)."""
    lists = [[] if v is None else v for v in values]
    if not any(lists) or not all(isinstance(t, int) and not isinstance(t, bool) for tags in lists for t in tags):
        return None
    lengths = _np.asarray([len(t) for t in lists], dtype=_np.int64)
    out = _np.full((len(lists), int(lengths.max(initial=0))), -100, dtype=_np.int64)
    for i, tags in enumerate(lists):
        out[i, :len(tags)] = tags
    return out, lengths


def _per_sample_arrays(name, layout, values, keys):
    """One array per sample, [n_i, ...] (n_i = 0 where the sample has none or the field is absent)."""
    dtype, shape = layout
    out = []
    for key, value in zip(keys, values):
        array = _np.asarray([] if value is None else value, dtype=dtype)
        if array.size == 0:
            array = array.reshape((0,) + shape[1:])
        elif array.shape[1:] != shape[1:] or array.ndim != len(shape):
            want = "[n, " + ", ".join(str(d) for d in shape[1:]) + "]" if len(shape) > 1 else "[n]"
            raise Error(f"field `{name}` of sample `{key}`: expected {want} values, got shape {list(array.shape)}")
        out.append(_np.ascontiguousarray(array))
    return out


def _to_batch(raw, convert, types=None):
    """A batch dict from the compiled loader's raw batch. `types` (field name → type after the policy) picks the
    variable-length label fields that become one array per sample; without it they stay JSON-decoded lists."""
    batch = {}
    for name, array in raw["tensors"].items():
        batch[name] = convert(array)
    for name, array in raw["classes"].items():
        batch[name] = convert(array)
    for name, array in raw["soft"].items():
        batch[name] = convert(array)
    for name, values in _json.loads(raw["fields"]).items():
        tags = _tags_batch(values) if types and _is_tags(types.get(name, "")) else None
        if tags is not None:
            batch[name], batch[name + "_lengths"] = convert(tags[0]), convert(tags[1])
            continue
        layout = _label_layout(types[name]) if types and name in types else None
        if layout is None:
            batch[name] = values
        else:
            batch[name] = [convert(a) for a in _per_sample_arrays(name, layout, values, raw["keys"])]
    batch["key"] = raw["keys"]
    batch["params"] = _json.loads(raw["params"])
    batch["batch_params"] = _json.loads(raw["batch_params"])
    return batch


class Loader:
    """Augmented batches of a data set, in an order that depends only on (seed, epoch, shuffle, rank, world size).

    `source`: an image folder (class sub-folders give class labels), a folder of recordings (.wav .flac .ogg, the
    same layout), a JSONL manifest, a `.txt` file (one text
    sample per line), a COCO annotation file or
    WebDataset ``.tar`` shards (a glob or brace pattern). `rank` and `world_size` default to the launcher's
    (torchrun, MPI, Slurm). Each batch is a dict:

    * pixel fields: tensors [B, C, H, W] (uint8 or float32) sharing the loader's buffers (no copy);
    * ``class(N)`` fields: an int64 tensor [B] (-1 where a sample has no label);
    * ``soft(N)`` fields: a float32 tensor [B, N]. A policy with a ``batch { }`` block (mixup, cutmix) turns every
      ``class(N)`` field into one: row i = lam * onehot(y_i) + (1 - lam) * onehot(y_(B-1-i)) (timm's pairing);
    * ``audio(...)`` / ``spectrogram(n)`` fields: float32 [B, T] (mono; [B, 2, T] stereo) or [B, n_mels, frames],
      zero-padded at the end to the batch's longest, with ``FIELD_lengths`` int64 [B] (samples or frames);
    * ``text(lang)`` fields: a list of B strings (the augmented texts); ``tags(T)[]`` fields given as class ids: an
      int64 tensor [B, T] padded with -100 (cross_entropy's ignore_index) and ``FIELD_lengths`` int64 [B]; given
      as tag names: a list of B lists of strings;
    * variable-length labels, one tensor per sample in a list of B (torchvision detection's convention):
      ``boxes(...)`` float32 [n_i, 4] in the schema's box format, ``keypoints(K)`` float32 [n_i, K, 3] (x, y, v),
      ``class(N)[]`` int64 [n_i] aligned with the boxes; a sample without any gives [0, 4], [0, K, 3], [0];
    * other fields as lists of JSON values; "key" (list of str); "params" (per sample, what each statement drew);
      "batch_params" (per site of the batch block, what it drew for this batch: {"op": "cutmix", "lambda": …,
      "top": …, "left": …, "height": …, "width": …}; {} without a batch block).

    A sample that cannot be read or augmented is skipped (see ``metrics()["errors"]``) and the batch takes the
    next one.

    ``iter(loader)`` starts the current epoch (the last :meth:`set_epoch`) from its beginning, with worker threads
    and batch buffers of its own. As with torch's DataLoader, several iterators may be alive at once, each seeing
    the whole epoch in order whatever the others do (``it1 = iter(loader); it2 = iter(loader)``: ``next(it1)``
    and ``next(it2)`` both give batch 0); an iterator dropped early stops its workers. Errors that stop an
    iteration are raised by ``next()``: :class:`auger.Error` (samples of one batch with different shapes),
    ``MemoryError`` (a batch that cannot be allocated). A ``batch_size`` whose batches cannot fit in the memory
    there is raises :class:`auger.Error` when the loader is made (or on the first batch when the policy's output
    size is only known from the data); a batch never holds more samples than the epoch has.

    With ``numpy=True`` the batch arrays stay numpy arrays and torch is never imported; otherwise iterating needs
    torch and says so when it is missing. ``translator``: back_translate's (as :func:`load`'s; None: the policy's,
    else ``AUGER_TRANSLATOR``, else Apertium).

    ``device="cuda"``: the workers decode, each batch goes to the GPU once and the GPU batch kernels augment it;
    the tensors come out on the GPU with the values of ``device="cpu"`` (docs/cuda.md). A policy those kernels
    cannot run stays on the CPU path, said once; where there is no CUDA driver or device it warns once, naming
    why, and delivers the CPU path's tensors.
    """

    def __init__(self, policy, source, batch_size=1, workers=1, shuffle=False, rank=None, world_size=None,
                 drop_last=False, prefetch=2, numpy=False, translator=None, device="cpu"):
        self.policy = policy
        self._numpy = bool(numpy)
        # "cuda": batches as CUDA tensors (docs/cuda.md); without a GPU a one-time warning and the CPU path.
        self.device = cuda.loader_device(device, policy, self._numpy)
        self._impl = _auger.Loader(policy._impl, _os.fspath(source), _count(batch_size, "batch_size"),
                                   _count(workers, "workers"), bool(shuffle), _optional_count(rank, "rank"),
                                   _optional_count(world_size, "world_size"), bool(drop_last),
                                   _count(prefetch, "prefetch"),
                                   None if translator is None else str(translator), self.device, cuda.emulated())
        self._types = dict(self._impl.output_types())
        if self.device == "cuda" and not self._impl.on_gpu:
            cuda.warn_once(f"auger.Loader(device='cuda'): {self._impl.device_note}; the policy runs on the CPU path "
                           "and its batches are copied to the GPU")

    def set_epoch(self, epoch):
        """The epoch the next iteration runs: it reshuffles the order and changes every random draw."""
        self._impl.set_epoch(_u64(epoch, "epoch"))

    @property
    def epoch(self):
        return self._impl.epoch

    @property
    def rank(self):
        return self._impl.rank

    @property
    def world_size(self):
        return self._impl.world_size

    @property
    def output_types(self):
        """Each field a batch holds and its type after the policy: {"image": "image(rgb, f32)[3,224,224]",
        "label": "soft(1000)", …}."""
        return dict(self._types)

    def __len__(self):
        """Batches per epoch for this rank when no sample fails."""
        return len(self._impl)

    def __iter__(self):
        return _LoaderIterator(self)

    def _warn_skipped(self, skipped):
        """Once per loader: samples are being skipped (a training run must not lose data silently)."""
        if not getattr(self, "_skipped_warned", False):
            self._skipped_warned = True
            first = skipped[0]
            _warnings.warn(f"auger.Loader: skipping samples that cannot be used (the first: `{first['key']}` "
                           f"({first['origin']}): {first['error']}); metrics()['errors'] counts them and "
                           "metrics()['error_samples'] lists the first ones", RuntimeWarning, stacklevel=3)

    def metrics(self):
        """Since construction (every iteration counted): samples/s, batches, per-stage latency (read, decode, augment, collate), queue
        depth, the time spent waiting for batches, errors, and op coverage (per statement site, how many
        delivered samples it ran on)."""
        return _json.loads(self._impl.metrics_json())


class _LoaderIterator:
    """One pass over a Loader's epoch: a compiled iteration with its own workers, started when made."""

    def __init__(self, loader):
        self._convert = _converter(loader._numpy)  # torch's absence is reported before any work starts
        self._device = None
        if loader.device == "cuda":
            self._device = cuda.device_converter()
            if not cuda.emulated():
                convert = self._convert
                # One copy per tensor from page-locked memory, queued on the current stream.
                self._convert = lambda array: convert(array).pin_memory().to("cuda", non_blocking=True)
        self._types = loader._types
        self._loader = loader
        self._run = loader._impl.iterate()  # keeps the compiled loader alive
        self.epoch = self._run.epoch

    def __iter__(self):
        return self

    def __next__(self):
        if self._run is None:
            raise StopIteration
        raw = self._run.next()  # releases the GIL while it waits; raises what stopped the run
        if raw is None:
            self._run = None  # the workers are done: let them go now, not when the iterator is collected
            if not getattr(self._loader, "_skipped_warned", False):  # samples skipped after the last batch
                listed = _json.loads(self._loader._impl.metrics_json())["error_samples"]
                if listed:
                    self._loader._warn_skipped(listed)
            raise StopIteration
        if raw["skipped"] != "[]":
            self._loader._warn_skipped(_json.loads(raw["skipped"]))
        batch = _to_batch(raw, self._convert, self._types)
        for name, array in raw["device"].items():  # the GPU path's image: on the device already
            batch[name] = self._device(array)
        if raw["device_note"]:
            cuda.warn_once("auger.Loader(device='cuda'): samples whose draws the GPU batch kernels cannot express run "
                           f"on the CPU path, their rows copied into the GPU batch (first: {raw['device_note']})",
                           kind="cpu rows")
        return batch

    def close(self):
        """Stops this iteration's workers now (dropping the iterator does the same)."""
        self._run = None


from .search import search  # noqa: E402 - it uses load, defined above
from . import cuda  # noqa: E402
