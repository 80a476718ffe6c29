#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Bytes and PSNR of each output format against the lossless PNG of the same job.

    formats.py PNG_OUT FORMAT=OUT...    e.g. jpeg=out-jpeg webp=out-webp avif=out-avif
    formats.py --ppm PNG_OUT PPM_OUT     the PNG outputs as binary PPM, for bench/codec-floor

Prints, per size and format: the total bytes (and their ratio to the first
format's), and the median and worst PSNR (dB, over R, G and B) of the
decoded files against Vitrina's PNG outputs, which went through the same
pipeline without a lossy encoder. AVIF is decoded with avifdec, since
Debian 12's Pillow cannot read it.
"""
import math
import os
import statistics
import subprocess
import sys
import tempfile

from PIL import Image, ImageChops, ImageStat


def psnr(a, b):
    diff = ImageChops.difference(a, b)
    mse = sum(ImageStat.Stat(diff).sum2) / (3 * a.width * a.height)
    return math.inf if mse == 0 else 10 * math.log10(255 * 255 / mse)


def load(path, tmp):
    if path.endswith(".avif"):
        out = os.path.join(tmp, "decoded.png")
        subprocess.run(["avifdec", path, out], check=True, stdout=subprocess.DEVNULL)
        path = out
    with Image.open(path) as img:
        return img.convert("RGB")


def to_ppm(png_dir, ppm_dir):
    for size in ("thumbnail", "medium", "large"):
        os.makedirs(os.path.join(ppm_dir, size), exist_ok=True)
        for name in os.listdir(os.path.join(png_dir, size)):
            stem = os.path.splitext(name)[0]
            with Image.open(os.path.join(png_dir, size, name)) as img:
                img.convert("RGB").save(os.path.join(ppm_dir, size, f"{stem}.ppm"))


def main():
    if sys.argv[1] == "--ppm":
        to_ppm(sys.argv[2], sys.argv[3])
        return
    reference = sys.argv[1]
    outputs = [arg.split("=", 1) for arg in sys.argv[2:]]
    with tempfile.TemporaryDirectory() as tmp:
        for size in ("thumbnail", "medium", "large"):
            first = None
            for fmt, folder in outputs:
                values, total = [], 0
                for name in sorted(os.listdir(os.path.join(reference, size))):
                    stem = os.path.splitext(name)[0]
                    ext = {"jpeg": "jpg"}.get(fmt, fmt)
                    path = os.path.join(folder, size, f"{stem}.{ext}")
                    total += os.path.getsize(path)
                    ref = Image.open(os.path.join(reference, size, name)).convert("RGB")
                    values.append(psnr(load(path, tmp), ref))
                first = first or total
                print(f"  {size:<10} {fmt:<5} {total / 1024:9.1f} KiB ({total / first:.2f}× "
                      f"{outputs[0][0]}), PSNR median {statistics.median(values):.1f} dB, "
                      f"worst {min(values):.1f} dB")


if __name__ == "__main__":
    main()
