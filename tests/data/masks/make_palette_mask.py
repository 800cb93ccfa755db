"""Writes palette_mask.png: a 6x4 palette PNG (Pascal VOC's colour map) whose indices are known, for the decoder's
class-id test (tests/unit/runtime/decode_test.cpp). Run with Debian's /usr/bin/python3 (PIL)."""
import pathlib

from PIL import Image


def voc_palette():
    palette = []
    for i in range(256):
        r = g = b = 0
        c = i
        for j in range(8):
            r |= ((c >> 0) & 1) << (7 - j)
            g |= ((c >> 1) & 1) << (7 - j)
            b |= ((c >> 2) & 1) << (7 - j)
            c >>= 3
        palette += [r, g, b]
    return palette


img = Image.new("P", (6, 4))
img.putpalette(voc_palette())
img.putdata([(x + 6 * y) % 4 if (x, y) != (5, 3) else 255 for y in range(4) for x in range(6)])
img.save(pathlib.Path(__file__).with_name("palette_mask.png"))
