#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Vitrina's outputs against Pillow's for the same photos and recipe.

    quality.py VITRINA_OUT PILLOW_OUT

Prints, per size: the worst geometry difference in pixels, the worst and
median PSNR (dB, "identical" when every pixel is equal) of Vitrina's JPEG
against Pillow's, and the total bytes of each (Vitrina's over Pillow's).
"""
import math
import os
import statistics
import sys

from PIL import Image, ImageChops, ImageStat


def psnr(a, b):
    diff = ImageChops.difference(a, b)
    mse = sum(ImageStat.Stat(diff).sum2) / (3 * a.width * a.height)
    return math.inf if mse == 0 else 10 * math.log10(255 * 255 / mse)


def main():
    ours, theirs = sys.argv[1], sys.argv[2]
    for size in ("thumbnail", "medium", "large"):
        values, worst_px, our_bytes, their_bytes = [], 0, 0, 0
        for name in sorted(os.listdir(os.path.join(theirs, size))):
            a = Image.open(os.path.join(ours, size, name)).convert("RGB")
            b = Image.open(os.path.join(theirs, size, name)).convert("RGB")
            worst_px = max(worst_px, abs(a.width - b.width), abs(a.height - b.height))
            if a.size == b.size:
                values.append(psnr(a, b))
            our_bytes += os.path.getsize(os.path.join(ours, size, name))
            their_bytes += os.path.getsize(os.path.join(theirs, size, name))
        def db(v):
            return "identical" if v == math.inf else f"{v:.1f} dB"
        print(f"  {size:<10} geometry within {worst_px} px; PSNR against Pillow: worst "
              f"{db(min(values))}, median {db(statistics.median(values))}; "
              f"bytes {our_bytes / their_bytes:.2f}× Pillow's")


if __name__ == "__main__":
    main()
