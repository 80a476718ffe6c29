#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""How far Vitrina's outputs are from the ideal, next to Pillow's, on real photos.

    bench/fidelity.py [--cli PATH] [--sizes LIST] [--keep DIR] [PHOTO_OR_DIR ...]

For every JPEG: seed 000's recipe without watermark (bench/pillow_shop.py)
with a full decode gives the lossless ideal per size; Pillow's own JPEG of
it (q85) and vitrina-cli's output (--no-watermark; the default sizes, or
--sizes NAME=WxH,... for recipes whose largest size lets the decoder
shrink 12-megapixel photos) are each measured against it in PSNR. Prints, per size, the median and the worst
difference (Vitrina minus Pillow, in dB; negative is worse than Pillow)
and the photos where it is worst. Without arguments it uses the photos of
Debian's mate-backgrounds and gnome-backgrounds (installed with apt-get if
missing), among them wooden planks, window blinds and fine foliage: the
fine periodic texture that a poor shrink turns into moiré.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pillow_shop  # noqa: E402

PACKAGES = ["mate-backgrounds", "gnome-backgrounds"]
PHOTO_DIRS = ["/usr/share/backgrounds/mate", "/usr/share/backgrounds/gnome"]
# gnome-backgrounds ships WebP: the photographs among them become JPEG q95,
# as a camera would write them. The others are drawings.
GNOME_PHOTOS = ["wood-l.webp", "wood-d.webp"]


def install_photos():
    if all(os.path.isdir(d) for d in PHOTO_DIRS):
        return
    cmd = ["apt-get", "install", "-y", "--no-install-recommends"] + PACKAGES
    if os.geteuid() != 0:
        cmd = ["sudo"] + cmd
    subprocess.run(["flock", "/tmp/apt.lock"] + cmd, check=True)


def default_photos(workdir):
    install_photos()
    photos = []
    for d in PHOTO_DIRS:
        for root, _, files in os.walk(d):
            for f in sorted(files):
                path = os.path.join(root, f)
                if f.lower().endswith((".jpg", ".jpeg")):
                    photos.append(path)
                elif f in GNOME_PHOTOS:
                    out = os.path.join(workdir, os.path.splitext(f)[0] + ".jpg")
                    Image.open(path).convert("RGB").save(out, quality=95)
                    photos.append(out)
    return photos


def psnr(a, b):
    d = np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64)
    mse = np.mean(d * d)
    return float("inf") if mse == 0 else 10 * np.log10(255.0 * 255.0 / mse)


def pillow_results(path, ideal_dir, pillow_dir, sizes):
    """The ideal of each size as PNG and Pillow's JPEG of it, as process()
    in pillow_shop.py makes them."""
    stem = os.path.splitext(os.path.basename(path))[0]
    with Image.open(path) as src:
        src.load()
        src = src.convert("RGB")
        for name, box in sizes.items():
            img = src.copy()
            img.thumbnail(box, Image.Resampling.LANCZOS)
            img = img.filter(pillow_shop.ImageFilter.SHARPEN)
            img = img.filter(pillow_shop.ImageFilter.UnsharpMask(radius=2, percent=150, threshold=3))
            os.makedirs(os.path.join(ideal_dir, name), exist_ok=True)
            os.makedirs(os.path.join(pillow_dir, name), exist_ok=True)
            img.save(os.path.join(ideal_dir, name, stem + ".png"))
            img.save(os.path.join(pillow_dir, name, stem + ".jpg"), "JPEG", quality=85, optimize=True)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", default=os.path.join(here, "..", "build", "src", "cli", "vitrina-cli"))
    parser.add_argument("--sizes", help="as vitrina-cli's --sizes, fitted, e.g. thumbnail=150x150")
    parser.add_argument("--keep", help="keep the inputs and outputs in this folder")
    parser.add_argument("photos", nargs="*")
    args = parser.parse_args()

    sizes = pillow_shop.SIZES
    if args.sizes:
        sizes = {n: tuple(int(v) for v in wh.split("x"))
                 for n, wh in (s.split("=") for s in args.sizes.split(","))}
    work = args.keep or tempfile.mkdtemp(prefix="vitrina-fidelity-")
    inputs = os.path.join(work, "in")
    os.makedirs(inputs, exist_ok=True)
    photos = []
    for p in args.photos or default_photos(inputs):
        photos += [os.path.join(p, f) for f in sorted(os.listdir(p))] if os.path.isdir(p) else [p]
    photos = [p for p in photos if p.lower().endswith((".jpg", ".jpeg"))]
    names = {}
    for p in photos:
        stem = os.path.splitext(os.path.basename(p))[0]
        link = os.path.join(inputs, stem + ".jpg")
        if os.path.abspath(p) != os.path.abspath(link):
            shutil.copyfile(p, link)
        names[stem] = p

    for stem in names:
        pillow_results(os.path.join(inputs, stem + ".jpg"),
                       os.path.join(work, "ideal"), os.path.join(work, "pillow"), sizes)
    sizes_arg = ",".join(f"{n}={w}x{h}" for n, (w, h) in sizes.items())
    subprocess.run([args.cli, "process", inputs, "-o", os.path.join(work, "vitrina"),
                    "--sizes", sizes_arg, "--no-watermark", "--quiet"],
                   check=True, stdout=subprocess.DEVNULL)

    print(f"{len(names)} photos; PSNR to Pillow's full-decode lossless result, "
          "Vitrina minus Pillow's JPEG (dB)")
    for size in sizes:
        rows = []
        for stem in names:
            ideal = Image.open(os.path.join(work, "ideal", size, stem + ".png"))
            ours = Image.open(os.path.join(work, "vitrina", size, stem + ".jpg")).convert("RGB")
            theirs = Image.open(os.path.join(work, "pillow", size, stem + ".jpg")).convert("RGB")
            if ours.size != ideal.size:
                print(f"  {stem} {size}: size {ours.size} instead of {ideal.size}")
                continue
            a, b = psnr(ours, ideal), psnr(theirs, ideal)
            rows.append((a - b, stem, a, b))
        rows.sort()
        diffs = [r[0] for r in rows]
        print(f"{size:>9}: median {statistics.median(diffs):+.2f}  worst {diffs[0]:+.2f}"
              f"  ({rows[0][1]}: {rows[0][2]:.2f} against {rows[0][3]:.2f})")
    if not args.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
