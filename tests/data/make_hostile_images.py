#!/usr/bin/python3
"""Writes a folder of good and hostile encoded images for the decoder's tests (runtime/io/decode.h).

    /usr/bin/python3 tests/data/make_hostile_images.py OUT_DIR

OUT_DIR/images/     the inputs: photos (python3-skimage's data) as baseline, progressive, 4:2:0/4:2:2/4:4:4,
                    grayscale, CMYK, EXIF-rotated and corrupt-scan JPEGs; PNG (RGBA, gray+alpha, 16-bit, palette),
                    WebP, BMP; and inputs that must be refused: truncated JPEG/PNG/WebP/BMP, corrupt PNG data,
                    empty, random bytes, text, GIF, a PNG and a JPEG whose headers claim 60000x60000 pixels.
OUT_DIR/reference/  NAME.npy (cat_420.jpg.npy, ...) for each input that decodes: the pixels an RGB decode must
                    give, as a CHW uint8 array, after EXIF orientation (PIL's decode and convert('RGB'), or the
                    array that was encoded when the format is lossless and PIL reads it differently, e.g. 16-bit
                    samples as round(v/257)).
OUT_DIR/expected.json
                    {"files": [{"name", "decodes", "format", "width", "height", "channels", "orientation",
                    "reference", "about"}]}: whether each input must decode, its size after orientation and what
                    its header stores; "reference" is null for inputs that must be refused.

The output is the same bytes on every run (fixed seeds, no timestamps), so tests may compare against it.
"""
import io
import json
import os
import struct
import sys
import zlib

import numpy as np
import skimage.data
from PIL import Image, ImageOps

ORIENTATION_TAG = 0x0112


def photos():
    """Real photos cropped to odd sizes (odd sizes exercise chroma subsampling at the right and bottom edges)."""
    return {
        "cat": skimage.data.chelsea()[20:283, 30:427],  # 263x397
        "coffee": skimage.data.coffee()[50:351, 100:577],  # 301x477
        "astro": skimage.data.astronaut()[0:333, 101:356],  # 333x255, portrait
        "camera": skimage.data.camera()[7:300, 3:412],  # 293x409, grayscale
    }


def chw(arr):
    """HWC or HW uint8 array -> CHW with three channels."""
    arr = np.asarray(arr)
    if arr.ndim == 2:
        arr = np.stack([arr] * 3, axis=-1)
    return np.ascontiguousarray(arr.transpose(2, 0, 1)).astype(np.uint8)


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_bytes(width, height, bit_depth, colour_type, rows):
    """A PNG written by hand (PIL cannot write 16-bit RGB); `rows` is the filtered-less scanline data."""
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", zlib.compress(rows, 9)) +
            png_chunk(b"IEND", b""))


def exif_with_orientation(value):
    exif = Image.Exif()
    exif[ORIENTATION_TAG] = value
    return exif.tobytes()


def pil_reference(data):
    """What PIL gives for the encoded bytes: EXIF orientation applied, then convert('RGB')."""
    with Image.open(io.BytesIO(data)) as im:
        im.load()
        return chw(np.asarray(ImageOps.exif_transpose(im).convert("RGB")))


def patch_jpeg_size(data, width, height):
    """The JPEG with its frame header (SOF0/SOF2) claiming another size; the scan data is left as it was."""
    i = 2
    while i + 4 <= len(data):
        marker, length = data[i + 1], struct.unpack(">H", data[i + 2:i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            return data[:i + 5] + struct.pack(">HH", height, width) + data[i + 9:]
        i += 2 + length
    raise ValueError("no frame header")


def main():
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} OUT_DIR")
    out = sys.argv[1]
    os.makedirs(os.path.join(out, "images"), exist_ok=True)
    os.makedirs(os.path.join(out, "reference"), exist_ok=True)
    entries = []

    def add(name, data, about, decodes=True, reference=None, fmt=None, size=None, channels=None, orientation=1):
        with open(os.path.join(out, "images", name), "wb") as f:
            f.write(data)
        entry = {"name": name, "decodes": decodes, "format": fmt, "width": None, "height": None,
                 "channels": channels, "orientation": orientation, "reference": None, "about": about}
        if decodes:
            ref = reference if reference is not None else pil_reference(data)
            ref_name = name + ".npy"  # camera_gray.jpg and camera_gray.png have different references
            np.save(os.path.join(out, "reference", ref_name), ref)
            entry.update(reference=ref_name, height=int(ref.shape[1]), width=int(ref.shape[2]))
        elif size is not None:
            entry.update(width=size[0], height=size[1])
        entries.append(entry)

    def read(name):
        with open(os.path.join(out, "images", name), "rb") as f:
            return f.read()

    def jpeg(arr, **kwargs):
        buf = io.BytesIO()
        Image.fromarray(np.ascontiguousarray(arr)).save(buf, "JPEG", **kwargs)
        return buf.getvalue()

    p = photos()
    # Good JPEGs: the three chroma subsamplings PIL writes, and progressive ones.
    cat = jpeg(p["cat"], quality=90, subsampling=2)
    add("cat_420.jpg", cat, "baseline JPEG, 4:2:0", fmt="jpeg", channels=3)
    add("coffee_444.jpg", jpeg(p["coffee"], quality=92, subsampling=0), "baseline JPEG, 4:4:4", fmt="jpeg",
        channels=3)
    add("astro_422.jpg", jpeg(p["astro"], quality=85, subsampling=1), "baseline JPEG, 4:2:2", fmt="jpeg",
        channels=3)
    progressive = jpeg(p["coffee"], quality=88, subsampling=2, progressive=True)
    add("coffee_progressive_420.jpg", progressive, "progressive JPEG, 4:2:0", fmt="jpeg", channels=3)
    add("cat_progressive_444.jpg", jpeg(p["cat"], quality=90, subsampling=0, progressive=True),
        "progressive JPEG, 4:4:4", fmt="jpeg", channels=3)
    add("camera_gray.jpg", jpeg(p["camera"], quality=90), "grayscale JPEG: three equal channels", fmt="jpeg",
        channels=1)
    cmyk = io.BytesIO()
    Image.fromarray(p["cat"]).convert("CMYK").save(cmyk, "JPEG", quality=90)
    add("cat_cmyk.jpg", cmyk.getvalue(), "CMYK JPEG (Adobe, inverted): converted as PIL's convert('RGB')",
        fmt="jpeg", channels=4)
    for o in range(2, 9):
        add(f"astro_exif_{o}.jpg", jpeg(p["astro"], quality=90, exif=exif_with_orientation(o)),
            f"JPEG with EXIF orientation {o}: decoded as PIL's ImageOps.exif_transpose", fmt="jpeg", channels=3,
            orientation=o)
    add("cat_exif_6_progressive.jpg",
        jpeg(p["cat"], quality=90, progressive=True, exif=exif_with_orientation(6)),
        "progressive JPEG with EXIF orientation 6", fmt="jpeg", channels=3, orientation=6)

    # Lossless formats: the reference is the array encoded, alpha dropped.
    rng = np.random.RandomState(7)
    cat_rgb = p["cat"]
    alpha = rng.randint(0, 256, size=cat_rgb.shape[:2], dtype=np.uint8)
    rgba = np.dstack([cat_rgb, alpha])
    buf = io.BytesIO()
    Image.fromarray(rgba, "RGBA").save(buf, "PNG")
    add("cat_rgba.png", buf.getvalue(), "RGBA PNG: alpha dropped", reference=chw(cat_rgb), fmt="png", channels=4)
    cam = p["camera"]
    buf = io.BytesIO()
    Image.fromarray(np.dstack([cam, rng.randint(0, 256, size=cam.shape, dtype=np.uint8)]), "LA").save(buf, "PNG")
    add("camera_gray_alpha.png", buf.getvalue(), "gray+alpha PNG: gray replicated, alpha dropped",
        reference=chw(cam), fmt="png", channels=2)
    buf = io.BytesIO()
    Image.fromarray(cam).save(buf, "PNG")
    add("camera_gray.png", buf.getvalue(), "8-bit grayscale PNG", reference=chw(cam), fmt="png", channels=1)
    # 16 bits: every value, including those whose 8-bit rounding is not the high byte.
    gray16 = (cam.astype(np.uint32) * 257 + rng.randint(-128, 128, size=cam.shape)).clip(0, 65535).astype(np.uint16)
    buf = io.BytesIO()
    Image.fromarray(gray16, "I;16").save(buf, "PNG")
    add("camera_gray16.png", buf.getvalue(), "16-bit grayscale PNG: round(v / 257)",
        reference=chw(((gray16.astype(np.uint32) + 128) // 257).astype(np.uint8)), fmt="png", channels=1)
    coffee16 = (p["coffee"].astype(np.uint32) * 257 + rng.randint(-128, 128, size=p["coffee"].shape))
    coffee16 = coffee16.clip(0, 65535).astype(">u2")
    h, w = coffee16.shape[:2]
    rows = b"".join(b"\x00" + coffee16[y].tobytes() for y in range(h))
    add("coffee_rgb16.png", png_bytes(w, h, 16, 2, rows), "16-bit RGB PNG: round(v / 257)",
        reference=chw(((coffee16.astype(np.uint32) + 128) // 257).astype(np.uint8)), fmt="png", channels=3)
    buf = io.BytesIO()
    Image.fromarray(p["astro"]).convert("P", palette=Image.Palette.ADAPTIVE, colors=64).save(buf, "PNG")
    add("astro_palette.png", buf.getvalue(), "palette PNG: expanded to RGB", fmt="png", channels=3)
    buf = io.BytesIO()
    Image.fromarray(p["astro"]).save(buf, "PNG", exif=exif_with_orientation(6))
    add("astro_exif_6.png", buf.getvalue(), "PNG with an eXIf chunk, orientation 6", fmt="png", channels=3,
        orientation=6)
    buf = io.BytesIO()
    Image.fromarray(p["coffee"]).save(buf, "WEBP", quality=80, method=4)
    add("coffee_lossy.webp", buf.getvalue(), "lossy WebP (VP8)", fmt="webp", channels=3)
    buf = io.BytesIO()
    # exact: libwebp would otherwise change the colour of fully transparent pixels.
    Image.fromarray(rgba, "RGBA").save(buf, "WEBP", lossless=True, exact=True)
    add("cat_lossless_rgba.webp", buf.getvalue(), "lossless WebP with alpha (VP8L): alpha dropped",
        reference=chw(cat_rgb), fmt="webp", channels=4)
    buf = io.BytesIO()
    Image.fromarray(p["astro"]).save(buf, "WEBP", lossless=True, exif=exif_with_orientation(3))
    add("astro_exif_3.webp", buf.getvalue(), "lossless WebP (VP8X) with an EXIF chunk, orientation 3",
        reference=chw(np.ascontiguousarray(p["astro"][::-1, ::-1])), fmt="webp", channels=3, orientation=3)
    buf = io.BytesIO()
    Image.fromarray(p["astro"]).save(buf, "BMP")
    add("astro.bmp", buf.getvalue(), "24-bit BMP", reference=chw(p["astro"]), fmt="bmp", channels=3)

    # Corrupt entropy-coded data (no 0xFF bytes, so no marker is faked) decodes with artefacts, as in PIL, OpenCV
    # and torchvision: libjpeg only warns. The reference is PIL's decode of the same bytes (the same libjpeg).
    junk = bytes(min(b, 0xFE) for b in np.random.RandomState(5).bytes(64))
    middle = len(cat) // 2
    add("cat_corrupt_scan.jpg", cat[:middle] + junk + cat[middle + len(junk):],
        "JPEG with 64 random bytes in its scan data: decodes with artefacts", fmt="jpeg", channels=3)

    # Inputs that must be refused.
    add("cat_truncated.jpg", cat[:len(cat) * 6 // 10], "JPEG cut at 60% of its bytes", decodes=False, fmt="jpeg")
    add("coffee_progressive_truncated.jpg", progressive[:len(progressive) // 2], "progressive JPEG cut in half",
        decodes=False, fmt="jpeg")
    add("cat_truncated_header.jpg", cat[:120], "JPEG cut inside its headers", decodes=False, fmt="jpeg")
    add("empty.jpg", b"", "an empty file", decodes=False)
    add("text.jpg", b"This is a text file, not an image.\n" * 4, "text named .jpg", decodes=False)
    add("random.jpg", np.random.RandomState(11).bytes(4096), "4096 random bytes named .jpg", decodes=False)
    add("random_after_soi.jpg", b"\xff\xd8\xff" + np.random.RandomState(12).bytes(4096),
        "a JPEG signature followed by random bytes", decodes=False, fmt="jpeg")
    png = read("cat_rgba.png")
    add("cat_rgba_truncated.png", png[:len(png) // 2], "PNG cut in half", decodes=False, fmt="png")
    add("cat_rgba_corrupt_idat.png", png[:len(png) // 2] + bytes(64) + png[len(png) // 2 + 64:],
        "PNG with 64 zero bytes in its image data", decodes=False, fmt="png")
    webp = read("coffee_lossy.webp")
    add("coffee_truncated.webp", webp[:len(webp) // 2], "WebP cut in half", decodes=False, fmt="webp")
    bmp = read("astro.bmp")
    add("astro_truncated.bmp", bmp[:len(bmp) // 2], "BMP cut in half", decodes=False, fmt="bmp")
    bomb_rows = zlib.compress(b"\x00" * (1 + 60000 * 3) * 4, 9)  # four rows: the header must refuse it first
    bomb = (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", 60000, 60000, 8, 2, 0, 0, 0)) +
            png_chunk(b"IDAT", bomb_rows) + png_chunk(b"IEND", b""))
    add("bomb_60000x60000.png", bomb, "PNG whose IHDR claims 60000x60000 (3.6 gigapixels): refused from the header",
        decodes=False, fmt="png", size=(60000, 60000), channels=3)
    add("bomb_60000x60000.jpg", patch_jpeg_size(cat, 60000, 60000),
        "JPEG whose frame header claims 60000x60000: refused from the header", decodes=False, fmt="jpeg",
        size=(60000, 60000), channels=3)
    buf = io.BytesIO()
    Image.fromarray(p["astro"]).save(buf, "GIF")
    add("astro.gif", buf.getvalue(), "GIF: a format the decoder does not read", decodes=False, fmt="gif")

    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump({"about": __doc__.strip().splitlines()[0], "images": "images", "references": "reference",
                   "files": entries}, f, indent=1)
        f.write("\n")
    print(f"{len(entries)} files in {out}/images ({sum(e['decodes'] for e in entries)} must decode)")


if __name__ == "__main__":
    main()
