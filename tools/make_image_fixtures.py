#!/usr/bin/python3
"""Write small images in the variants OnnxKit's ImageDecoder reads, and PIL's decoding of each.

Usage: make_image_fixtures.py OUTDIR
For each variant NAME it writes NAME.<ext> (the encoded image), NAME.rgb (PIL's convert("RGB") bytes)
and NAME.gray (PIL's convert("L") bytes), and prints "NAME HEIGHT WIDTH" per line. The pixels are
seeded random noise, so every row filter and palette entry gets exercised. Needs Debian's python3-pil.
"""
import random
import sys

from PIL import Image

out = sys.argv[1]
rng = random.Random(7)


def noise(mode, size):
    bands = {"L": 1, "LA": 2, "RGB": 3, "RGBA": 4, "P": 1, "1": 1, "I;16": 1}[mode]
    top = 255 if mode not in ("1",) else 1
    data = bytes(rng.randint(0, top) for _ in range(size[0] * size[1] * bands))
    if mode == "1":
        return Image.frombytes("L", size, bytes(v * 255 for v in data)).convert("1")
    image = Image.frombytes(mode if mode != "P" else "L", size, data)
    if mode == "P":
        image = Image.frombytes("RGB", size, bytes(rng.randint(0, 255) for _ in range(size[0] * size[1] * 3))).quantize(16)
    return image


variants = [
    ("png_rgb", "RGB", "png", {}),
    ("png_rgba", "RGBA", "png", {}),
    ("png_gray", "L", "png", {}),
    ("png_gray_alpha", "LA", "png", {}),
    ("png_palette", "P", "png", {}),
    ("png_bits1", "1", "png", {}),
    ("bmp_rgb", "RGB", "bmp", {}),
    ("bmp_palette", "P", "bmp", {}),
    ("tiff_rgb", "RGB", "tiff", {}),
    ("tiff_gray", "L", "tiff", {}),
    ("ppm_rgb", "RGB", "ppm", {}),
    ("pgm_gray", "L", "pgm", {}),
]
for name, mode, ext, options in variants:
    size = (rng.randint(5, 23), rng.randint(3, 17))
    image = noise(mode, size)
    image.save(f"{out}/{name}.{ext}", **options)
    decoded = Image.open(f"{out}/{name}.{ext}")
    with open(f"{out}/{name}.rgb", "wb") as f:
        f.write(decoded.convert("RGB").tobytes())
    with open(f"{out}/{name}.gray", "wb") as f:
        f.write(decoded.convert("L").tobytes())
    print(name, ext, size[1], size[0])
