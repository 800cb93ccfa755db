"""Auger: data-augmentation policies written in ``.aug`` files, run by fused kernels (cli.md, "Python").

    policy = auger.load("imagenet.aug", policy="train", args={"magnitude": 9}, seed=0)
    out = policy.apply({"image": hwc_uint8_array}, key="n01440764_10026", epoch=0)
    loader = auger.Loader(policy, source="data/train", batch_size=256, workers=8, shuffle=True)
    for epoch in range(90):
        loader.set_epoch(epoch)
        for batch in loader:        # batch["image"]: torch.Tensor [B, C, H, W], sharing the loader's buffer
            ...

torch is imported on first iteration only, so ``import auger`` works without it; without torch, batches hold
numpy arrays instead of tensors.
"""
import json as _json
import os as _os

import numpy as _np

from . import _auger
from ._auger import Error

__all__ = ["Error", "Loader", "Policy", "load"]

_PIXEL_KINDS = ("image", "mask")


def _arg_text(value):
    """A Python value as the `--set` text the policy's parameter parses: 12, 0.5, true, bilinear, [0.1, 0.2]."""
    if isinstance(value, (bool, _np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (int, _np.integer)):
        return str(int(value))
    if isinstance(value, (float, _np.floating)):
        return repr(float(value))
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_arg_text(v) for v in value) + "]"
    if isinstance(value, str):
        return value  # units and enums as written: "30deg", "bilinear"
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

    def apply(self, sample, *, key, epoch=0):
        """Runs the policy on one sample, as ``auger apply`` does on a file whose base name is `key`.

        `sample` maps schema fields to values: images as HWC (or HW) uint8 arrays, masks as HW uint8 arrays,
        other fields as JSON-like values. Returns a dict: u8 images as HWC uint8 arrays (masks HW), float tensors
        as CHW float32 arrays, the other fields as given, and "params" (per statement site, what it drew).
        """
        pixel = {name for name, kind, _ in self._impl.inputs() if kind in _PIXEL_KINDS}
        images, fields = {}, {}
        for name, value in sample.items():
            if name in pixel:
                images[name] = _np.asarray(value)
            else:
                fields[name] = value
        arrays, fields_json = self._impl.apply(images, _json.dumps(fields, default=_json_default), str(key), int(epoch))
        out = dict(arrays)
        out.update(_json.loads(fields_json))
        return out

    def __repr__(self):
        return f"<auger.Policy {self.name} seed={self.seed}>"


def load(path, policy=None, args=None, seed=0, exec_path="fused", disable=()):
    """Checks the policy file `path` and binds `policy` (optional when the file has one).

    `args` overrides parameters as ``--set`` does ({"magnitude": 12, "angle": "30deg"}); `exec_path` is "fused"
    (Halide kernels, cached in $AUGER_CACHE_DIR) or "reference" (op by op); `disable` lists statement labels that
    do not run. Raises :class:`auger.Error` with the diagnostics when the file has errors.
    """
    sets = {str(k): _arg_text(v) for k, v in (args or {}).items()}
    return Policy(_auger.load(_os.fspath(path), policy or "", sets, int(seed), exec_path, list(disable)))


def _converter():
    """torch.from_numpy, which shares the array's memory; the identity when torch is not installed."""
    try:
        import torch
    except ImportError:
        return lambda array: array
    return torch.from_numpy


def _to_batch(raw, convert):
    batch = {}
    for name, array in raw["tensors"].items():
        batch[name] = convert(array)
    for name, array in raw["classes"].items():
        batch[name] = convert(array)
    batch.update(_json.loads(raw["fields"]))
    batch["key"] = raw["keys"]
    batch["params"] = _json.loads(raw["params"])
    return batch


class Loader:
    """Augmented batches of a data set, in an order that depends only on (seed, epoch, shuffle, rank, world size).

    `source`: an image folder (class sub-folders give class labels), a JSONL manifest or WebDataset ``.tar``
    shards (a glob or brace pattern). `rank` and `world_size` default to the launcher's (torchrun, MPI, Slurm).
    Each batch is a dict: pixel fields as tensors [B, C, H, W] sharing the loader's buffers (no copy), class
    fields as int64 tensors, other fields as lists, "key" (list of str) and "params" (per sample, what each
    statement drew). A sample that cannot be read or augmented is skipped (see ``metrics()["errors"]``) and the
    batch takes the next one. Iterating starts the current epoch from its beginning.
    """

    def __init__(self, policy, source, batch_size=1, workers=1, shuffle=False, rank=None, world_size=None,
                 drop_last=False, prefetch=2):
        self.policy = policy
        self._impl = _auger.Loader(policy._impl, _os.fspath(source), int(batch_size), int(workers), bool(shuffle),
                                   rank, world_size, bool(drop_last), int(prefetch))

    def set_epoch(self, epoch):
        """The epoch the next iteration runs: it reshuffles the order and changes every random draw."""
        self._impl.set_epoch(int(epoch))

    @property
    def epoch(self):
        return self._impl.epoch

    @property
    def rank(self):
        return self._impl.rank

    @property
    def world_size(self):
        return self._impl.world_size

    def __len__(self):
        """Batches per epoch for this rank when no sample fails."""
        return len(self._impl)

    def __iter__(self):
        self._impl.start()
        convert = _converter()
        while True:
            raw = self._impl.next()  # releases the GIL while it waits
            if raw is None:
                return
            yield _to_batch(raw, convert)

    def metrics(self):
        """Since construction: samples/s, batches, per-stage latency (read, decode, augment, collate), queue
        depth, the time spent waiting for batches, errors, and op coverage (per statement site, how many
        delivered samples it ran on)."""
        return _json.loads(self._impl.metrics_json())
