# std/prims_image.aug — the image primitives of the prelude (ops.md §1 geometric, §2 colour and pixel).
#
# Each `op` is the full contract of one C++ kernel registered under the same name: parameters (types,
# units, domains, defaults), input/output kinds, effects on every field kind (docs/language.md §11.3:
# the label-invariant checker reads only these), a planner cost and the exact semantics with the
# reference implementation (torchvision 0.14, tensor backend, as shipped by Debian 12).
#
# Conventions used by every doc below:
# - Coordinates are continuous pixel coordinates (language.md §4): pixel (i, j) covers [i, i+1) x [j, j+1),
#   x to the right, y down. Resampling uses torchvision's grid_sample conventions (align_corners=False).
# - `u8` results of float arithmetic are converted as torchvision does: `.to(uint8)` truncates toward
#   zero after clamping to [0, 255] unless the doc says `rounded`.
# - A geometric op moves masks with nearest-neighbour sampling (uncovered mask pixels take the schema's
#   `ignore` index), maps boxes and keypoints with the same sampled transform, clips boxes to the frame,
#   drops boxes left without area (with their aligned `[]` fields) and sets the visibility of keypoints
#   leaving the frame to 0 (language.md §7 rule 4).
# - Ops that draw internally (random_crop, random_resized_crop, perspective, elastic, cutout,
#   random_erasing, gaussian_noise) draw from the counter-based generator keyed by the statement site
#   (language.md §6), like every random value.
# - `fill` is in the image's own value scale (0..255 for u8, as-is for f32); a list gives one per channel.
# Domains that ops.md leaves open are chosen here and listed in docs/stdlib-notes.md.

# --- Shared enums ---------------------------------------------------------------------------------------

enum interp = nearest | bilinear | bicubic
enum pad_mode = constant | reflect | edge
# Single-value enums for the acknowledging arguments of rules 3 and 6 (`boxes: enclose`, `boxes: keep`).
# They are declared (not written inline) because a one-identifier type is a type name, not an inline enum.
enum box_mode = enclose
enum box_keep = keep

# --- §1 Geometric -------------------------------------------------------------------------------------------

op hflip(caption: swap_lr | keep)
  : image -> image
  effects { geometry: flip  shape: keep  boxes: exact  keypoints: mirror  mask: warp_nearest  text: swap(caption) }
  cost { per_pixel: 1 }
  doc "Mirror left-right: out[y, x] = in[y, W-1-x] (torchvision 0.14 `F.hflip`). Boxes map exactly: x1' = W - x2, x2' = W - x1. Keypoints map x' = W - x and swap the schema's `flip` pairs (an error when the keypoints declare none, rule 2). Masks are mirrored. `caption` is required only when the sample has a `text` caption (rule 2): `swap_lr` exchanges the words left/right (and leftmost/rightmost, left-hand/right-hand, …) in the caption, `keep` leaves it unchanged."

op vflip(caption: swap_tb | keep)
  : image -> image
  effects { geometry: flip  shape: keep  boxes: exact  keypoints: mirror  mask: warp_nearest  text: swap(caption) }
  cost { per_pixel: 1 }
  doc "Mirror top-bottom: out[y, x] = in[H-1-y, x] (torchvision 0.14 `F.vflip`). Boxes map exactly: y1' = H - y2, y2' = H - y1; keypoints map y' = H - y and swap their `flip` pairs: a reflection reverses handedness (a vertical flip is a horizontal flip and a half turn), so a left wrist becomes a right wrist (docs/language.md §11.7). `caption` is required only when the sample has a `text` caption: `swap_tb` exchanges top/bottom, above/below, upper/lower; `keep` leaves it unchanged."

op rotate(angle: angle in [-180deg, 180deg], interp: interp = nearest, fill: color = none, expand: bool = false,
          boxes: box_mode = enclose)
  : image -> image
  effects { geometry: affine  shape: expand(expand)  boxes: enclose(boxes)  keypoints: transform  mask: warp_nearest }
  cost { per_pixel: 4 }
  doc "Rotate counter-clockwise by `angle` about the image centre (W/2, H/2) (torchvision 0.14 `F.rotate`, i.e. the inverse affine matrix of `_get_inverse_affine_matrix(centre, -angle, [0, 0], 1, [0, 0])` applied with grid_sample, align_corners=False). With `expand = false` the canvas keeps its size; with `expand = true` it grows to hold the whole rotated image (torchvision `_compute_affine_output_size`), which makes the output shape input-dependent. Uncovered pixels take `fill`; left out, it is F.rotate's fill=None, grid_sample's zero padding alone: with `bilinear` a border pixel is the weighted sum of its corners inside the image (those outside count 0), whereas a given `fill`, 0 included, is blended through torchvision's mask channel as v * m + (1 - m) * fill (the same pixels with `nearest`). Boxes become the enclosing box of their four rotated corners (a warning unless `boxes: enclose` is given, rule 3); keypoints are rotated exactly."

op affine(angle: angle in [-180deg, 180deg] = 0deg, translate: [size] = [0, 0], scale: float in [0.1, 10] = 1,
          shear: [angle] = [0deg, 0deg], interp: interp = nearest, fill: color = none, boxes: box_mode = enclose)
  : image -> image
  effects { geometry: affine  shape: keep  boxes: enclose(boxes)  keypoints: transform  mask: warp_nearest }
  cost { per_pixel: 4 }
  doc "General affine warp about the image centre (torchvision 0.14 `F.affine`, center=None): forward map M = T(translate) * C * R(angle) * S(scale) * SHy(shear[1]) * SHx(shear[0]) * C^-1, with torchvision's sign conventions (`angle` and `shear` clockwise in image coordinates, i.e. F.affine's `_get_inverse_affine_matrix(centre, angle, translate, scale, shear)`). `translate` is [tx, ty] in pixels (a `%` element is a fraction of the width for tx, of the height for ty). The canvas keeps its size; uncovered pixels take `fill`, and a left-out `fill` is F.affine's fill=None (zero padding without the mask blend, as for `rotate`). Boxes become the enclosing box of their four warped corners (a warning unless `boxes: enclose` is given, rule 3); keypoints are mapped exactly. Each element of `shear` should lie in (-90deg, 90deg)."

op shear_x(amount: float in [-1, 1], interp: interp = nearest, fill: color = none, boxes: box_mode = enclose)
  : image -> image
  effects { geometry: affine  shape: keep  boxes: enclose(boxes)  keypoints: transform  mask: warp_nearest }
  cost { per_pixel: 4 }
  doc "Horizontal shear in RandAugment's convention (torchvision 0.14 `autoaugment._apply_op` 'ShearX'): `F.affine(angle=0, translate=[0, 0], scale=1, shear=[degrees(atan(amount)), 0], center=[0, 0])`, i.e. the shear is about the top-left corner (0, 0) and the forward map is x' = x - amount * y, y' = y (out(x, y) = in(x + amount * y, y), PIL's AFFINE (1, amount, 0, 0, 1, 0)). Uncovered pixels take `fill`; left out, it is `_apply_op`'s fill=None (zero padding without the mask blend, as for `rotate`). Boxes become the enclosing box of their sheared corners (a warning unless `boxes: enclose`, rule 3)."

op shear_y(amount: float in [-1, 1], interp: interp = nearest, fill: color = none, boxes: box_mode = enclose)
  : image -> image
  effects { geometry: affine  shape: keep  boxes: enclose(boxes)  keypoints: transform  mask: warp_nearest }
  cost { per_pixel: 4 }
  doc "Vertical shear in RandAugment's convention (torchvision 0.14 `autoaugment._apply_op` 'ShearY'): `F.affine(angle=0, translate=[0, 0], scale=1, shear=[0, degrees(atan(amount))], center=[0, 0])`; forward map x' = x, y' = y - amount * x (out(x, y) = in(x, y + amount * x)). Uncovered pixels take `fill`; left out, it is `_apply_op`'s fill=None (zero padding without the mask blend, as for `rotate`). Boxes become the enclosing box of their sheared corners (a warning unless `boxes: enclose`, rule 3)."

op translate_x(px: size, interp: interp = nearest, fill: color = none)
  : image -> image
  effects { geometry: affine  shape: keep  boxes: exact  keypoints: transform  mask: warp_nearest }
  cost { per_pixel: 1 }
  doc "Shift the content right by `px` pixels (left when negative) (torchvision 0.14 `autoaugment._apply_op` 'TranslateX': `F.affine(angle=0, translate=[int(px), 0], scale=1, shear=[0, 0])`). A `%` value is a fraction of the image width. The pixel offset is truncated toward zero (Python `int()`) before use, so the warp is an exact integer shift; `interp` is kept for parity with the reference and does not change the result. Uncovered pixels take `fill` (0 when left out: `_apply_op`'s fill=None). Boxes and keypoints shift exactly."

op translate_y(px: size, interp: interp = nearest, fill: color = none)
  : image -> image
  effects { geometry: affine  shape: keep  boxes: exact  keypoints: transform  mask: warp_nearest }
  cost { per_pixel: 1 }
  doc "Shift the content down by `px` pixels (up when negative) (torchvision 0.14 `autoaugment._apply_op` 'TranslateY': `F.affine(translate=[0, int(px)])`). A `%` value is a fraction of the image height. The pixel offset is truncated toward zero before use; uncovered pixels take `fill` (0 when left out: `_apply_op`'s fill=None). Boxes and keypoints shift exactly."

op perspective(distortion: float in [0, 1] = 0.5, interp: interp = bilinear, fill: color = 0, boxes: box_mode = enclose)
  : image -> image
  effects { random: draws geometry: perspective  shape: keep  boxes: enclose(boxes)  keypoints: transform  mask: warp_nearest }
  cost { per_pixel: 6 }
  doc "Random perspective warp, always applied (torchvision 0.14 `RandomPerspective(distortion, p=1)`). Corners are drawn as `RandomPerspective.get_params(W, H, distortion)`: with hw = W // 2, hh = H // 2, dx = int(distortion * hw), dy = int(distortion * hh): top-left = (randint(0, dx), randint(0, dy)), top-right = (randint(W-1-dx, W-1), randint(0, dy)), bottom-right = (randint(W-1-dx, W-1), randint(H-1-dy, H-1)), bottom-left = (randint(0, dx), randint(H-1-dy, H-1)) (inclusive bounds). The start points (0, 0), (W-1, 0), (W-1, H-1), (0, H-1) are mapped onto them by `F.perspective`. Uncovered pixels take `fill`, blended through torchvision's mask channel even when it is the default 0 (RandomPerspective always passes a fill to F.perspective). Boxes become the enclosing box of their warped corners (a warning unless `boxes: enclose`, rule 3); keypoints are mapped exactly."

op crop(x: int, y: int, w: int in 1..65536, h: int in 1..65536, min_visibility: float in [0, 1])
  : image -> image
  effects { geometry: crop  shape: dynamic  boxes: crop(min_visibility)  keypoints: transform  mask: warp_nearest }
  cost { per_pixel: 1 }
  doc "Cut the w x h window whose top-left pixel is (x, y) (torchvision 0.14 `F.crop(img, top=y, left=x, height=h, width=w)`); parts of the window outside the image are zero-filled (masks: `ignore`). The output is always h x w. `min_visibility` is required when the sample has boxes (rule 4): a box whose visible area fraction inside the window is below it is dropped with its aligned fields; the others are clipped to the window. (Declared `shape: dynamic` because the effect vocabulary has no two-parameter `exact(h, w)`; see docs/stdlib-notes.md.)"

op center_crop(size: size, min_visibility: float in [0, 1])
  : image -> image
  effects { geometry: crop  shape: square(size)  boxes: crop(min_visibility)  keypoints: transform  mask: warp_nearest }
  cost { per_pixel: 1 }
  doc "Cut the centred window of `size` (an int n gives n x n, a list [h, w] gives h x w) (torchvision 0.14 `F.center_crop`): top = int(round((H - h) / 2)), left = int(round((W - w) / 2)) with Python's half-to-even round. An image smaller than the window is first zero-padded as torchvision does (left = (w - W) // 2, top = (h - H) // 2, right = (w - W + 1) // 2, bottom = (h - H + 1) // 2). `min_visibility` is required when the sample has boxes (rule 4)."

op random_crop(size: size, padding: int in 0..4096 = 0, min_visibility: float in [0, 1])
  : image -> image
  effects { random: draws geometry: crop  shape: square(size)  boxes: crop(min_visibility)  keypoints: transform  mask: warp_nearest }
  cost { per_pixel: 1 }
  doc "Random window of `size` (an int n gives n x n, [h, w] gives h x w) (torchvision 0.14 `RandomCrop(size, padding, pad_if_needed=True, fill=0, padding_mode='constant')`): the image is zero-padded by `padding` on all four sides, then, where it is still narrower (shorter) than the window, padded on both the left and right (top and bottom) by the missing amount, as torchvision's pad_if_needed; with H', W' the padded size, the top-left corner is drawn top = randint(0, H' - h), left = randint(0, W' - w) (inclusive). Masks are padded with `ignore`. `min_visibility` is required when the sample has boxes (rule 4)."

op random_resized_crop(size: size, scale: interval = [0.08, 1.0], ratio: interval = [3/4, 4/3],
                       interp: interp = bilinear, antialias: bool = true, min_visibility: float in [0, 1])
  : image -> image
  effects { random: draws geometry: crop  shape: square(size)  boxes: crop(min_visibility)  keypoints: transform  mask: warp_nearest }
  cost { per_pixel: 6 }
  doc "Random area/aspect crop resized to `size` (an int n gives n x n, [h, w] gives h x w) (torchvision 0.14 `RandomResizedCrop`, its `get_params` exactly): up to 10 tries of target_area = H*W*uniform(scale[0], scale[1]), aspect = exp(uniform(ln ratio[0], ln ratio[1])), w = int(round(sqrt(target_area * aspect))), h = int(round(sqrt(target_area / aspect))); the first try with 0 < w <= W and 0 < h <= H takes top = randint(0, H - h), left = randint(0, W - w). Otherwise the centre-crop fallback: in_ratio = W / H; if in_ratio < min(ratio): w = W, h = int(round(w / min(ratio))); elif in_ratio > max(ratio): h = H, w = int(round(h * max(ratio))); else the whole image; top = (H - h) // 2, left = (W - w) // 2. The window is then resized as `resize` does (`F.resized_crop` with `interp`, `antialias`; masks nearest). Requires 0 < scale[0] <= scale[1] and 0 < ratio[0] <= ratio[1]. `min_visibility` is required when the sample has boxes (rule 4)."

op resize(size: size = none, shorter: int in 1..65536 = none, longer: int in 1..65536 = none,
          interp: interp = bilinear, antialias: bool = true)
  : image -> image
  requires { any_of(size, shorter, longer)  at_most_one(size, shorter)  at_most_one(size, longer) }
  effects { geometry: resize  shape: exact(size)  boxes: exact  keypoints: transform  mask: warp_nearest }
  cost { per_pixel: 6 }
  doc "Resize (torchvision 0.14 `F.resize`, tensor backend, `antialias` as given; masks always nearest without antialias). Give exactly one of: `size: [h, w]` (output h x w, a static shape); `size: n` or `shorter: n` (the shorter side becomes n, the longer int(n * long / short), as torchvision's int size); `longer: n` (the longer side becomes n, the shorter int(n * short / long)). `shorter` and `longer` together: the shorter side becomes `shorter` unless the longer side would then exceed `longer`, in which case the longer side becomes `longer` and the shorter int(longer * short_new / long_new) (torchvision's `max_size`). Boxes and keypoints scale by (w'/W, h'/H) exactly."

op pad(px: int in 0..4096, mode: pad_mode = constant, fill: color = 0)
  : image -> image
  effects { geometry: pad  shape: grow(px)  boxes: exact  keypoints: transform  mask: warp_nearest }
  cost { per_pixel: 1 }
  doc "Pad all four sides by `px` pixels (torchvision 0.14 `F.pad(img, px, fill, padding_mode)`): `constant` fills with `fill` (masks with `ignore`), `reflect` mirrors without repeating the edge pixel (d c b | a b c d | c b a), `edge` repeats the edge pixel. The output is (H + 2 px) x (W + 2 px). Boxes and keypoints shift by (px, px); reflected content carries no boxes or keypoints."

op elastic(alpha: float in [0, 1000], sigma: float in [0, 100], interp: interp = bilinear, fill: color = 0)
  : image -> image
  effects { random: draws geometry: nonrigid  shape: keep  boxes: unwarpable  keypoints: unwarpable  mask: warp_nearest }
  cost { per_pixel: 40 }
  doc "Elastic deformation with torchvision 0.15 `ElasticTransform` semantics: dx0, dy0 ~ uniform(-1, 1) per pixel (H x W each); when sigma > 0 each is blurred with `gaussian_blur` of kernel k = int(8 * sigma + 1), made odd by adding 1 when even, and that sigma (reflect padding); dx = dx0 * alpha / H, dy = dy0 * alpha / W (torchvision's size[0], size[1] quirk, kept); the displacement (dx, dy) is added to the identity sampling grid in normalised [-1, 1] coordinates (align_corners=False), so the pixel displacement is (dx * W / 2, dy * H / 2); sampled with `interp`, uncovered pixels take `fill`. Masks are warped with nearest sampling. Not invertible: an error on samples with boxes or keypoints (rule 5)."

# --- §2 Colour and pixel (label-neutral) ---------------------------------------------------------------
# torchvision's `_blend(a, b, r)` = (r * a + (1 - r) * b).clamp(0, 255).to(uint8) (truncation), computed in f32.
# `gray(img)` = (0.2989 R + 0.587 G + 0.114 B).to(uint8) (truncation), torchvision 0.14 `rgb_to_grayscale`.

op brightness(factor: float in [0, 10])
  : image(u8) -> image(u8)
  effects { geometry: none  shape: keep  boxes: keep  keypoints: keep  mask: keep }
  cost { per_pixel: 1 }
  doc "Scale the intensities: out = _blend(img, 0, factor) = trunc(clamp(factor * x, 0, 255)) (torchvision 0.14 `F.adjust_brightness`). factor 1 is the identity, 0 gives black."

op contrast(factor: float in [0, 10])
  : image(u8) -> image(u8)
  effects { geometry: none  shape: keep  boxes: keep  keypoints: keep  mask: keep }
  cost { per_pixel: 3 }
  doc "Blend with the mean grey level: m = mean over all pixels of gray(img) as f32 (of the single channel for a 1-channel image), out = _blend(img, m, factor) (torchvision 0.14 `F.adjust_contrast`). factor 1 is the identity, 0 gives a uniform grey."

op saturation(factor: float in [0, 10])
  : image(u8) -> image(u8)
  effects { geometry: none  shape: keep  boxes: keep  keypoints: keep  mask: keep }
  cost { per_pixel: 3 }
  doc "Blend with the greyscale image: out = _blend(img, gray(img), factor) (torchvision 0.14 `F.adjust_saturation`; the identity on 1-channel images). factor 1 is the identity, 0 gives greyscale."

op hue(shift: float in [-0.5, 0.5])
  : image(u8) -> image(u8)
  effects { geometry: none  shape: keep  boxes: keep  keypoints: keep  mask: keep }
  cost { per_pixel: 12 }
  doc "Rotate the hue (torchvision 0.14 `F.adjust_hue`): x / 255 as f32, RGB to HSV (torchvision `_rgb2hsv`), h = (h + shift) mod 1, HSV to RGB (`_hsv2rgb`), then trunc(v * 255) to u8. The identity on 1-channel images. `shift` is a fraction of the colour wheel (0.5 = 180 degrees)."

op grayscale(channels: int in {1, 3} = 3)
  : image(u8) -> image(u8)
  effects { geometry: none  shape: keep  boxes: keep  keypoints: keep  mask: keep }
  cost { per_pixel: 2 }
  doc "Convert to grey (torchvision 0.14 `F.rgb_to_grayscale(img, num_output_channels=channels)`): l = trunc(0.2989 R + 0.587 G + 0.114 B); with `channels: 3` (the default) l is repeated in three channels so the image keeps its kind; with `channels: 1` the image becomes 1-channel (the channel count change is not expressible in the shape effects; see docs/stdlib-notes.md)."

op invert()
  : image(u8) -> image(u8)
  effects { geometry: none  shape: keep  boxes: keep  keypoints: keep  mask: keep }
  cost { per_pixel: 1 }
  doc "out = 255 - x per channel (torchvision 0.14 `F.invert`)."

op posterize(bits: int in 1..8)
  : image(u8) -> image(u8)
  effects { geometry: none  shape: keep  boxes: keep  keypoints: keep  mask: keep }
  cost { per_pixel: 1 }
  doc "Keep the `bits` most significant bits: out = x & -(2^(8 - bits)) (torchvision 0.14 `F.posterize`). bits 8 is the identity."

op solarize(threshold: float in [0, 255])
  : image(u8) -> image(u8)
  effects { geometry: none  shape: keep  boxes: keep  keypoints: keep  mask: keep }
  cost { per_pixel: 1 }
  doc "Invert the pixels at or above the threshold: out = x >= threshold ? 255 - x : x, per channel (torchvision 0.14 `F.solarize`). threshold 256 would be the identity; 255 inverts only the value 255; 0 inverts everything."

op autocontrast()
  : image(u8) -> image(u8)
  effects { geometry: none  shape: keep  boxes: keep  keypoints: keep  mask: keep }
  cost { per_pixel: 3 }
  doc "Stretch each channel to the full range (torchvision 0.14 `F.autocontrast`): lo, hi = min and max of the channel as f32; scale = 255 / (hi - lo); when hi == lo, lo = 0 and scale = 1 (the channel is unchanged); out = trunc(clamp((x - lo) * scale, 0, 255))."

op equalize()
  : image(u8) -> image(u8)
  effects { geometry: none  shape: keep  boxes: keep  keypoints: keep  mask: keep }
  cost { per_pixel: 3 }
  doc "Histogram-equalise each channel (torchvision 0.14 `F.equalize`, `_scale_channel`): hist = 256-bin histogram; step = floor(sum(nonzero(hist)[:-1]) / 255) (all non-zero bins but the last); when step == 0 the channel is unchanged; else lut = floor((cumsum(hist) + floor(step / 2)) / step), shifted right by one entry (lut[0] = 0, lut[i] = that value at i - 1), clamped to [0, 255]; out = lut[x]."

op sharpness(factor: float in [0, 10])
  : image(u8) -> image(u8)
  effects { geometry: none  shape: keep  boxes: keep  keypoints: keep  mask: keep }
  cost { per_pixel: 12 }
  doc "Blend with a smoothed image (torchvision 0.14 `F.adjust_sharpness`): d = img convolved per channel with [[1, 1, 1], [1, 5, 1], [1, 1, 1]] / 13 in f32, rounded (half to even) to u8 on the interior, the one-pixel border keeps the original pixels; out = _blend(img, d, factor). An image with H <= 2 or W <= 2 is returned unchanged. factor 1 is the identity, 0 blurs, > 1 sharpens."

op gamma(g: float in [0.1, 10], gain: float in [0, 10] = 1)
  : image(u8) -> image(u8)
  effects { geometry: none  shape: keep  boxes: keep  keypoints: keep  mask: keep }
  cost { per_pixel: 4 }
  doc "Gamma correction (torchvision 0.14 `F.adjust_gamma`): v = clamp(gain * (x / 255)^g, 0, 1), out = trunc(v * 255.999) (torchvision's float to u8 `convert_image_dtype`, eps = 1e-3)."

op gaussian_blur(kernel: int in {1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31, 33, 35, 37, 39, 41, 43, 45, 47, 49, 51},
                 sigma: float in [0.1, 10])
  : image(u8) -> image(u8)
  effects { geometry: none  shape: keep  boxes: keep  keypoints: keep  mask: keep }
  cost { per_pixel: 8 }
  doc "Separable Gaussian blur (torchvision 0.14 `F.gaussian_blur(img, [kernel, kernel], [sigma, sigma])`): taps t = linspace(-(kernel - 1) / 2, (kernel - 1) / 2, kernel), w = exp(-0.5 * (t / sigma)^2) normalised to sum 1; reflect padding of kernel // 2 (no edge repeat); f32 convolution, rounded (half to even) back to u8. The kernel size must be odd (the domain lists the allowed sizes). Draw sigma with a random value to get `GaussianBlur`'s behaviour: `gaussian_blur(kernel: 23, sigma: uniform(0.1, 2.0))`."

op gaussian_noise(std: float in [0, 1], clip: bool = true)
  : image(f32) -> image(f32)
  effects { random: draws geometry: none  shape: keep  boxes: keep  keypoints: keep  mask: keep }
  cost { per_pixel: 4 }
  doc "Additive Gaussian noise on a float image (formula; no public reference): out = x + std * z with z ~ N(0, 1) drawn independently per element (channel, row, column) from the statement's counter-based stream; with `clip = true` the result is clamped to [0, 1] (so apply it before `normalize`)."

op cutout(size: int in 1..4096, count: int in 1..64 = 1, fill: color = 0, boxes: box_keep)
  : image -> image
  effects { random: draws geometry: none  shape: keep  boxes: occlude(boxes)  keypoints: occlude  mask: keep }
  cost { per_pixel: 1 }
  doc "Cutout (DeVries and Taylor 2017, their reference code): `count` times, independently: centre cy = randint(0, H - 1), cx = randint(0, W - 1); y1 = clamp(cy - size // 2, 0, H), y2 = clamp(cy + size // 2, 0, H), x1 = clamp(cx - size // 2, 0, W), x2 = clamp(cx + size // 2, 0, W); pixels [y1, y2) x [x1, x2) take `fill` (so holes are (2 * (size // 2)) pixels wide and may overhang the border). Masks are unchanged; keypoints inside a hole get visibility 0; boxes are kept, which is reported unless `boxes: keep` is given (rule 6)."

op random_erasing(scale: interval = [0.02, 0.33], ratio: interval = [0.3, 3.3], value: color = 0, noise: bool = false,
                  boxes: box_keep)
  : image -> image
  effects { random: draws geometry: none  shape: keep  boxes: occlude(boxes)  keypoints: occlude  mask: keep }
  cost { per_pixel: 1 }
  doc "Random erasing, always applied (torchvision 0.14 `RandomErasing(p=1, scale, ratio, value)`, its `get_params` exactly): area = H * W; up to 10 tries of erase_area = area * uniform(scale[0], scale[1]), aspect = exp(uniform(ln ratio[0], ln ratio[1])), h = int(round(sqrt(erase_area * aspect))), w = int(round(sqrt(erase_area / aspect))); the first try with h < H and w < W erases rows [i, i + h) and columns [j, j + w) with i = randint(0, H - h), j = randint(0, W - w); if no try fits, the image is unchanged. Erased pixels take `value` (a number or one per channel, in the image's scale), or, with `noise: true` (torchvision's value='random'; `value: random`, as ops.md §2 writes it, binds `noise: true`), independent N(0, 1) draws per element (meant for f32 images; on u8 they are clamped to [0, 255] and truncated). Keypoints inside the rectangle get visibility 0; boxes are kept, which is reported unless `boxes: keep` is given (rule 6)."

op to_float()
  : image(u8) -> image(f32)
  effects { geometry: none  shape: keep  boxes: keep  keypoints: keep  mask: keep }
  cost { per_pixel: 1 }
  doc "u8 HWC to f32 CHW: out[c, y, x] = in[y, x, c] / 255 (torchvision 0.14 `ConvertImageDtype(torch.float32)` after the HWC to CHW permute, as `ToTensor`). The kind becomes `image(…, f32)`; the spatial shape is unchanged."

op normalize(mean: [float], std: [float])
  : image(f32) -> image(f32)
  effects { geometry: none  shape: keep  boxes: keep  keypoints: keep  mask: keep }
  cost { per_pixel: 1 }
  doc "Per-channel standardisation: out[c] = (x[c] - mean[c]) / std[c] (torchvision 0.14 `F.normalize`). `mean` and `std` have one entry per channel (or a single entry for all); every std must be non-zero."
