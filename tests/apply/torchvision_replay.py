"""Replays the "params" record of `auger apply` (language.md §11.12) with torchvision 0.14's tensor functional API.

One function per op name, each taking the current CHW tensor (uint8 or float32) and the op's recorded arguments
(units as recorded: angles in degrees, `%` sizes already resolved to pixels) and returning the reference result of
the function ops.md §1-2 names. `replay()` runs a whole record in order. Ops whose randomness is not in the record
(`elastic`, `gaussian_noise`, `random_erasing` with noise) are not replayable here and raise NotImplementedError.
"""
import math

import numpy as np
import torch
import torchvision.transforms.functional as F
from torchvision.transforms import InterpolationMode


def _interp(args, default):
    return InterpolationMode(args.get("interp", default))


def _antialias(args, interp):
    # torchvision 0.14 refuses antialias with nearest (it has no meaning there): nearest is replayed without it
    return bool(args.get("antialias", True)) and interp != InterpolationMode.NEAREST


def _fill(args, img, default=None):
    """The op's `fill` as torchvision's list; a left-out fill is `default`: None (fill=None, no mask blend) for the
    F.rotate / F.affine ops, 0 for perspective (RandomPerspective always passes a fill)."""
    fill = args.get("fill", default)
    if fill is None:
        return None
    channels = img.shape[0]
    return [float(fill)] * channels if np.isscalar(fill) else [float(f) for f in fill]


def _hw(size):
    """A `size` as [h, w]: n is n x n."""
    if isinstance(size, (list, tuple)):
        return [int(size[0]), int(size[1])]
    return [int(size), int(size)]


def _fill_value(value, img):
    """A `color` as a tensor broadcastable over a CHW patch, in the image's dtype."""
    v = [value] if np.isscalar(value) else list(value)
    return torch.tensor(v, dtype=img.dtype)[:, None, None]


# --- §1 geometric ---------------------------------------------------------------------------------------------------


def hflip(img, a):
    return F.hflip(img)


def vflip(img, a):
    return F.vflip(img)


def rotate(img, a):
    return F.rotate(img, float(a["angle"]), _interp(a, "nearest"), expand=bool(a.get("expand", False)),
                    fill=_fill(a, img))


def affine(img, a):
    shear = a.get("shear", [0.0, 0.0])
    shear = [float(shear), 0.0] if np.isscalar(shear) else [float(s) for s in shear]
    translate = [float(t) for t in a.get("translate", [0, 0])]
    return F.affine(img, float(a.get("angle", 0.0)), translate, float(a.get("scale", 1.0)), shear,
                    _interp(a, "nearest"), fill=_fill(a, img))


def _shear(img, a, axis):
    # torchvision.transforms.autoaugment._apply_op "ShearX" / "ShearY"
    deg = math.degrees(math.atan(float(a["amount"])))
    shear = [deg, 0.0] if axis == "x" else [0.0, deg]
    return F.affine(img, angle=0.0, translate=[0, 0], scale=1.0, shear=shear, interpolation=_interp(a, "nearest"),
                    fill=_fill(a, img), center=[0, 0])


def shear_x(img, a):
    return _shear(img, a, "x")


def shear_y(img, a):
    return _shear(img, a, "y")


def translate_x(img, a):
    # _apply_op "TranslateX": translate=[int(magnitude), 0]
    return F.affine(img, angle=0.0, translate=[int(a["px"]), 0], scale=1.0, shear=[0.0, 0.0],
                    interpolation=_interp(a, "nearest"), fill=_fill(a, img))


def translate_y(img, a):
    return F.affine(img, angle=0.0, translate=[0, int(a["px"])], scale=1.0, shear=[0.0, 0.0],
                    interpolation=_interp(a, "nearest"), fill=_fill(a, img))


def _pairs(flat):
    return [[int(flat[i]), int(flat[i + 1])] for i in range(0, len(flat), 2)]


def perspective(img, a):
    return F.perspective(img, _pairs(a["startpoints"]), _pairs(a["endpoints"]), _interp(a, "bilinear"),
                         fill=_fill(a, img, default=0))


def crop(img, a):
    return F.crop(img, int(a["y"]), int(a["x"]), int(a["h"]), int(a["w"]))


def center_crop(img, a):
    return F.center_crop(img, _hw(a["size"]))


def random_crop(img, a):
    """RandomCrop(size, padding, pad_if_needed=True, fill=0) with get_params' (top, left) as recorded."""
    th, tw = _hw(a["size"])
    padding = int(a.get("padding", 0))
    if padding:
        img = F.pad(img, padding, 0, "constant")
    _, height, width = F.get_dimensions(img)
    if width < tw:
        img = F.pad(img, [tw - width, 0], 0, "constant")
    if height < th:
        img = F.pad(img, [0, th - height], 0, "constant")
    return F.crop(img, int(a["top"]), int(a["left"]), th, tw)


def random_resized_crop(img, a):
    return F.resized_crop(img, int(a["top"]), int(a["left"]), int(a["height"]), int(a["width"]), _hw(a["size"]),
                          _interp(a, "bilinear"), antialias=_antialias(a, _interp(a, "bilinear")))


def resize(img, a):
    interp = _interp(a, "bilinear")
    antialias = _antialias(a, interp)
    if "size" in a:
        size = a["size"]
        size = _hw(size) if isinstance(size, (list, tuple)) else int(size)
        return F.resize(img, size, interp, antialias=antialias)
    if "shorter" in a:
        return F.resize(img, int(a["shorter"]), interp, max_size=a.get("longer"), antialias=antialias)
    # `longer` alone (an extension): the longer side becomes n, the shorter int(n * short / long)
    n = int(a["longer"])
    h, w = img.shape[-2:]
    size = [n, int(n * w / h)] if h >= w else [int(n * h / w), n]
    return F.resize(img, size, interp, antialias=antialias)


def pad(img, a):
    fill = a.get("fill", 0)
    mode = a.get("mode", "constant")
    if np.isscalar(fill) or mode != "constant":
        return F.pad(img, int(a["px"]), fill if np.isscalar(fill) else 0, mode)
    # a per-channel fill: channel by channel (F.pad's tensor backend takes one number)
    return torch.cat([F.pad(img[c:c + 1], int(a["px"]), fill[c], mode) for c in range(img.shape[0])])


def elastic(img, a):
    raise NotImplementedError("elastic's noise field is not in the record")


# --- §2 colour and pixel --------------------------------------------------------------------------------------------


def brightness(img, a):
    return F.adjust_brightness(img, float(a["factor"]))


def contrast(img, a):
    return F.adjust_contrast(img, float(a["factor"]))


def saturation(img, a):
    return F.adjust_saturation(img, float(a["factor"]))


def hue(img, a):
    return F.adjust_hue(img, float(a["shift"]))


def sharpness(img, a):
    return F.adjust_sharpness(img, float(a["factor"]))


def grayscale(img, a):
    return F.rgb_to_grayscale(img, num_output_channels=int(a.get("channels", 3)))


def invert(img, a):
    return F.invert(img)


def posterize(img, a):
    return F.posterize(img, int(a["bits"]))


def solarize(img, a):
    return F.solarize(img, float(a["threshold"]))


def autocontrast(img, a):
    return F.autocontrast(img)


def equalize(img, a):
    return F.equalize(img)


def gamma(img, a):
    return F.adjust_gamma(img, float(a["g"]), float(a.get("gain", 1.0)))


def gaussian_blur(img, a):
    k, s = a["kernel"], a["sigma"]
    k = [int(x) for x in k] if isinstance(k, (list, tuple)) else [int(k), int(k)]
    s = [float(x) for x in s] if isinstance(s, (list, tuple)) else [float(s), float(s)]
    return F.gaussian_blur(img, k, s)


def gaussian_noise(img, a):
    raise NotImplementedError("gaussian_noise's noise is not in the record")


def cutout(img, a):
    """DeVries & Taylor's formula (docs/stdlib-notes.md): holes of side 2 * (size // 2) at the recorded centres."""
    out = img.clone()
    h, w = img.shape[-2:]
    half = int(a["size"]) // 2
    centers = a["centers"]
    for cy, cx in zip(centers[0::2], centers[1::2]):
        y1, y2 = np.clip([int(cy) - half, int(cy) + half], 0, h)
        x1, x2 = np.clip([int(cx) - half, int(cx) + half], 0, w)
        out[..., y1:y2, x1:x2] = _fill_value(a.get("fill", 0), img)
    return out


def random_erasing(img, a):
    if a.get("noise"):
        raise NotImplementedError("random_erasing's noise is not in the record")
    if not a.get("erased", True):
        return img
    return F.erase(img, int(a["top"]), int(a["left"]), int(a["height"]), int(a["width"]),
                   _fill_value(a.get("value", 0), img))


def to_float(img, a):
    return F.convert_image_dtype(img, torch.float32)


def normalize(img, a):
    return F.normalize(img, [float(m) for m in a["mean"]], [float(s) for s in a["std"]])


OPS = {name: fn for name, fn in list(globals().items())
       if not name.startswith("_") and getattr(fn, "__module__", None) == __name__ and callable(fn)}


def replay(img, params):
    """Runs a "params" record (site -> {"op": …, args…}, in execution order) on a CHW tensor.

    Returns (output, steps), steps a list of (site, op, args, shape before the op) for range checks."""
    steps = []
    for site, entry in params.items():
        args = {k: v for k, v in entry.items() if k != "op"}
        op = entry["op"]
        if op not in OPS:
            raise NotImplementedError(f"no torchvision replay for `{op}` (site {site})")
        steps.append((site, op, args, tuple(img.shape)))
        img = OPS[op](img, args)
    return img, steps


def load_chw(path):
    """An image file as a CHW uint8 tensor, RGB (what `auger apply` decodes a bare image into)."""
    from PIL import Image

    return torch.from_numpy(np.ascontiguousarray(np.asarray(Image.open(path).convert("RGB")).transpose(2, 0, 1)))
