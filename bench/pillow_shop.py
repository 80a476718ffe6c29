#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Seed 000's shop job in Python + Pillow, the way shops script it today.

    pillow_shop.py IN_DIR OUT_DIR WORKERS [nowatermark] [webp]

For every JPEG in IN_DIR: thumbnail() into 150x150, 500x500 and 1200x1200
with LANCZOS, SHARPEN, UnsharpMask(2, 150, 3), a semi-transparent text
watermark in the bottom-right corner, JPEG quality 85 with optimize=True
(or, with "webp", WebP quality 80 and method 2, Vitrina's defaults).
WORKERS=1 runs sequentially, more uses ThreadPoolExecutor as the seed does.
"""
import os
import sys
from concurrent.futures import ThreadPoolExecutor

from PIL import Image, ImageDraw, ImageFilter, ImageFont

SIZES = {"thumbnail": (150, 150), "medium": (500, 500), "large": (1200, 1200)}
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def watermark(img, text="© Vitrina"):
    size = max(8, round(min(img.size) * 0.06))
    font = ImageFont.truetype(FONT, size)
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    margin = max(2, min(img.size) // 40)
    xy = (img.width - (right - left) - margin, img.height - (bottom - top) - margin - top)
    draw.text(xy, text, font=font, fill=(255, 255, 255, 153),
              stroke_width=max(1, size // 12), stroke_fill=(0, 0, 0, 70))
    return Image.alpha_composite(img.convert("RGBA"), layer).convert("RGB")


def process(path, out_dir, with_watermark=True, webp=False):
    stem = os.path.splitext(os.path.basename(path))[0]
    with Image.open(path) as src:
        src.load()
        for name, box in SIZES.items():
            img = src.copy()
            img.thumbnail(box, Image.Resampling.LANCZOS)
            img = img.filter(ImageFilter.SHARPEN)
            img = img.filter(ImageFilter.UnsharpMask(radius=2, percent=150, threshold=3))
            if with_watermark:
                img = watermark(img)
            os.makedirs(os.path.join(out_dir, name), exist_ok=True)
            if webp:
                img.save(os.path.join(out_dir, name, stem + ".webp"), "WEBP", quality=80, method=2)
            else:
                img.save(os.path.join(out_dir, name, stem + ".jpg"), "JPEG", quality=85, optimize=True)


def main():
    in_dir, out_dir, workers = sys.argv[1], sys.argv[2], int(sys.argv[3])
    wm = "nowatermark" not in sys.argv[4:]
    webp = "webp" in sys.argv[4:]
    paths = sorted(os.path.join(in_dir, f) for f in os.listdir(in_dir) if f.endswith(".jpg"))
    if workers == 1:
        for p in paths:
            process(p, out_dir, wm, webp)
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for f in [pool.submit(process, p, out_dir, wm, webp) for p in paths]:
                f.result()


if __name__ == "__main__":
    main()
