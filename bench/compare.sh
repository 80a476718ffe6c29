#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Seed 000's shop job done by Vitrina and by the tools shops use today, on
# the same generated photos, in one run; prints photos/s, peak memory and
# each tool's ratio to Vitrina, then Vitrina's output quality against
# Pillow's. Then the same job writing WebP, and AVIF, every size in that
# format, against libvips (webpsave, heifsave), Pillow (WebP only: Debian
# 12's Pillow has no AVIF) and the codec floor at the same settings, and
# each format's bytes and PSNR against Vitrina's lossless PNG of the job.
# Beside it, the marketplace job: one 1200 × 1200 main photo per shot,
# trimmed, the product filled to 85 % and the backdrop whitened, by
# Vitrina and by ImageMagick's -fuzz -trim -resize -extent.
#
#   bench/compare.sh            # 200 × 800×600 and 24 × 4000×3000, medians of 3 runs
#   bench/compare.sh --quick    # 40 × 800×600 and 6 × 4000×3000, one run
#
# Installs what it needs (python3-pil, imagemagick, libvips-dev, time) and
# builds into ./build first.
set -euo pipefail
cd "$(dirname "$0")/.."
builddir=${BUILDDIR:-build}

sets=("200 800x600" "24 4000x3000")
runs=3 runs_text="median of 3 runs"
[ "${1:-}" = "--quick" ] && sets=("40 800x600" "6 4000x3000") && runs=1 runs_text="one run"

need=()
for p in python3-pil imagemagick libvips-dev time; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
[ -f "$builddir/build.ninja" ] || meson setup "$builddir"
meson setup --reconfigure "$builddir" >/dev/null   # picks up libvips if just installed
ninja -C "$builddir" >/dev/null

cli=$builddir/src/cli/vitrina-cli
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cores=$(nproc)

# One photo's three sizes through ImageMagick, one process per photo.
im_one () {
  local in=$1 out=$2 stem
  local kernel='3x3:-0.125,-0.125,-0.125 -0.125,2,-0.125 -0.125,-0.125,-0.125'
  local font=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
  stem=$(basename "$in" .jpg)
  convert "$in" -write mpr:src +delete \
    \( mpr:src -filter Lanczos -thumbnail '150x150>' -morphology Convolve "$kernel" \
       -unsharp 0x1.15+1.5+0.0118 -gravity southeast -font "$font" -fill 'rgba(255,255,255,0.6)' \
       -pointsize 8 -annotate +3+3 '© Vitrina' -strip -quality 85 -write "$out/thumbnail/$stem.jpg" +delete \) \
    \( mpr:src -filter Lanczos -thumbnail '500x500>' -morphology Convolve "$kernel" \
       -unsharp 0x1.15+1.5+0.0118 -gravity southeast -font "$font" -fill 'rgba(255,255,255,0.6)' \
       -pointsize 22 -annotate +9+9 '© Vitrina' -strip -quality 85 -write "$out/medium/$stem.jpg" +delete \) \
    mpr:src -filter Lanczos -thumbnail '1200x1200>' -morphology Convolve "$kernel" \
       -unsharp 0x1.15+1.5+0.0118 -gravity southeast -font "$font" -fill 'rgba(255,255,255,0.6)' \
       -pointsize 40 -annotate +15+15 '© Vitrina' -strip -quality 85 "$out/large/$stem.jpg"
}
export -f im_one

# One photo's marketplace main photo through ImageMagick: trim what is
# within 10 % of the corner colour, fit the rest into 85 % of the box,
# centre it on white. (ImageMagick does not whiten the backdrop.)
im_market () {
  local in=$1 out=$2 stem
  stem=$(basename "$in" .jpg)
  convert "$in" -fuzz 10% -trim +repage -filter Lanczos -resize 1020x1020 -background white \
    -gravity center -extent 1200x1200 -strip -quality 85 "$out/main/$stem.jpg"
}
export -f im_market
market_sizes="main=1200x1200:fit=pad:fill=85:whiten=yes"

# tool NAME OUT: one run of one tool, writing into OUT, in $format.
tool () {
  case $1 in
    vitrina-8)   "$cli" process "$in" --quiet --workers 8 --format="$format" -o "$2" ;;
    vitrina-1)   "$cli" process "$in" --quiet --workers 1 --format="$format" -o "$2" ;;
    marketplace-8) "$cli" process "$in" --quiet --workers 8 --no-watermark -s "$market_sizes" -o "$2" ;;
    im-marketplace) ls "$in"/*.jpg | xargs -P "$cores" -I{} bash -c "im_market {} $2" ;;
    pillow-8)    /usr/bin/python3 bench/pillow_shop.py "$in" "$2" 8 ${format/jpeg/} ;;
    pillow-1)    /usr/bin/python3 bench/pillow_shop.py "$in" "$2" 1 ${format/jpeg/} ;;
    imagemagick) ls "$in"/*.jpg | xargs -P "$cores" -I{} bash -c "im_one {} $2" ;;
    libvips-8)   "$builddir/bench/vips-shop" "$in" "$2" 8 "$format" ;;
    codec-floor) "$builddir/bench/codec-floor" "$in" "$2" 8 "$format" ${pixels:+"$pixels"} ;;
  esac
}

tools=(vitrina-8 vitrina-1 pillow-8 pillow-1 imagemagick libvips-8 codec-floor marketplace-8 im-marketplace)
[ -x "$builddir/bench/vips-shop" ] || tools=("${tools[@]/libvips-8}")

# The tools take turns, a run of each per round, so that a slow spell of
# this shared machine falls on all of them rather than on one tool's runs;
# each tool's figure is the median of its runs, its memory the largest
# peak, and "stolen" the CPU time the hypervisor gave to other machines
# during its runs (mean per run; the "steal" of /proc/stat). Each run
# writes into a new folder, and none is removed before the end: right
# after thousands of files are deleted, ext4 without a journal scans past
# their inodes for every new file it creates (recently_deleted()), which
# cost a fast tool up to a fifth of its time here.
stolen_ticks () { awk '/^cpu /{ print $9 }' /proc/stat; }

measure () {
  local out stolen
  : > "$work/times"; : > "$work/stolen"
  for r in $(seq "$runs"); do
    for name in ${tools[@]}; do
      out="$work/$size$suffix/$name-$r"; mkdir -p "$out"/{thumbnail,medium,large,main}
      stolen=$(stolen_ticks)
      if /usr/bin/time -f "$name %e %M %U %S" -a -o "$work/times" bash -c 'tool "$@"' _ "$name" "$out" \
           >/dev/null 2>"$work/err"; then
        ln -sfn "$out" "$work/$size$suffix/$name"   # the last run's outputs
      else
        echo "  $name failed:"; cat "$work/err"
      fi
      echo "$name $(( $(stolen_ticks) - stolen ))" >> "$work/stolen"
    done
  done
  : > "$work/results"
  for name in ${tools[@]}; do
    local n_files expected=$((3 * count))
    case $name in *marketplace*) expected=$count ;; esac
    n_files=$(find "$work/$size$suffix/$name/" -name "*.$ext" 2>/dev/null | wc -l)
    if [ "$n_files" -ne "$expected" ]; then
      echo "  $name wrote $n_files files, not $expected: left out"
      continue
    fi
    echo "$name" \
      "$(awk -v name="$name" '$1 == name { print $2 }' "$work/times" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")" \
      "$(awk -v name="$name" '$1 == name && $3 > peak { peak = $3 } END { print peak }' "$work/times")" \
      "$(awk -v name="$name" -v hz="$(getconf CLK_TCK)" '$1 == name { t += $2; n++ } END { print t / n / hz }' "$work/stolen")" \
      "$(awk -v name="$name" '$1 == name { print $4 + $5 }' "$work/times" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")" \
      >> "$work/results"
  done
}
export -f tool
export market_sizes

# table: the results of measure(), with each tool's ratio to Vitrina's, in
# seconds and in CPU seconds (user and system). On a machine other work
# keeps busy, the CPU ratio is the fairer one: the scheduler shares the
# cores per thread, so a tool running eight threads takes more of them than
# Vitrina, which computes on one thread per core.
table () {
  local vitrina_rate vitrina_cpu
  vitrina_rate=$(awk -v n="$count" '$1=="vitrina-8"{print n/$2}' "$work/results")
  vitrina_cpu=$(awk '$1=="vitrina-8"{print $5}' "$work/results")
  printf "  %-12s %10s %10s %12s %14s %10s %8s %10s\n" tool seconds photos/s "peak MB" "vs Vitrina" "stolen s" "CPU s" "vs, CPU"
  while read -r name secs kb stolen cpu; do
    awk -v n="$count" -v name="$name" -v s="$secs" -v kb="$kb" -v v="$vitrina_rate" -v st="$stolen" \
      -v c="$cpu" -v vc="$vitrina_cpu" \
      'BEGIN { r = n / s; printf "  %-12s %10.2f %10.1f %12.0f %13.2f× %10.2f %8.2f %9.2f×\n",
               name, s, r, kb / 1024, r / v, st, c, vc / c }'
  done < "$work/results"
}

# formats: the WebP and AVIF jobs, then every format's bytes and PSNR.
# Their floor encodes the very pixels the job writes (resized, sharpened,
# watermarked: they cost an encoder far more than crops of the camera's
# smooth pixels), from Vitrina's lossless PNGs of the job as PPM files.
formats () {
  local all_tools=("${tools[@]}")
  "$cli" process "$in" --quiet --format=png -o "$work/$size-png" >/dev/null
  /usr/bin/python3 bench/formats.py --ppm "$work/$size-png" "$work/$size-ppm"
  pixels=$work/$size-ppm
  export pixels
  for format in webp avif; do
    ext=$format suffix=-$format
    export format
    tools=(vitrina-8 libvips-8 codec-floor)
    [ "$format" = webp ] && tools=(vitrina-8 libvips-8 pillow-8 codec-floor)
    [ -x "$builddir/bench/vips-shop" ] || tools=("${tools[@]/libvips-8}")
    echo "  -- the same job in $format, $runs_text --"
    measure
    table
  done
  tools=("${all_tools[@]}") format=jpeg ext=jpg suffix=
  unset pixels
  export format
  echo "  bytes and PSNR (against Vitrina's lossless PNG of the same job) per format:"
  /usr/bin/python3 bench/formats.py "$work/$size-png" jpeg="$work/$size/vitrina-8" \
    webp="$work/$size-webp/vitrina-8" avif="$work/$size-avif/vitrina-8"
}

format=jpeg ext=jpg suffix=
for set in "${sets[@]}"; do
  read -r count size <<<"$set"
  in="$work/in-$size"
  export in cli builddir cores format
  "$cli" generate --count "$count" --size "$size" "$in" >/dev/null
  echo
  echo "== $count photos of $size, $cores CPU cores, $(date -u +%F), $runs_text =="
  measure
  table
  awk '$1=="vitrina-1"{s1=$2} $1=="vitrina-8"{s8=$2} END {
    printf "  Vitrina speedup, 8 workers over 1: %.2f× (%.0f %% per core)", s1 / s8, 100 * s1 / s8 / '"$cores"' }' "$work/results"
  # Each round's own: its two Vitrina runs came one after the other.
  awk '$1=="vitrina-1"{one[++n1]=$2} $1=="vitrina-8"{eight[++n8]=$2} END {
    printf "; in each round:"; for (r = 1; r <= n1 && r <= n8; r++) printf " %.2f×", one[r] / eight[r]; print "" }' "$work/times"
  awk '$1=="vitrina-8"{seed=$2} $1=="marketplace-8"{m=$2} $1=="im-marketplace"{im=$2} END {
    if (m > 0) printf "  marketplace job: %.2f× the seed recipe speed, %.1f× ImageMagick\n", seed / m, im / m }' "$work/results"
  echo "  quality of Vitrina's outputs against Pillow's (same recipe):"
  /usr/bin/python3 bench/quality.py "$work/$size/vitrina-8" "$work/$size/pillow-8"
  # The watermarks are drawn by different text engines (Pango, FreeType via
  # Pillow); without them the comparison is of resize, filters and codec.
  "$cli" process "$in" --quiet --no-watermark -o "$work/$size/nowm-vitrina" >/dev/null
  /usr/bin/python3 bench/pillow_shop.py "$in" "$work/$size/nowm-pillow" 8 nowatermark
  echo "  the same without the watermark:"
  /usr/bin/python3 bench/quality.py "$work/$size/nowm-vitrina" "$work/$size/nowm-pillow"
  formats
done
