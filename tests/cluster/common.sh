# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by the cluster tests: a batch of photos, one run of it to compare
# with, and the check of the shards against that run. Sourced, not run.

cli=${VITRINA_CLI:?VITRINA_CLI names the vitrina-cli to test}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
deploy=$(cd "$here/../../deploy" && pwd)

# Every command named, or a message saying which package to install.
require () {
  local package=$1 missing=()
  shift
  for c in "$@"; do
    command -v "$c" >/dev/null || missing+=("$c")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "FAIL: ${missing[*]} not found: install $package (build-aux/bootstrap deps does)" >&2
    exit 1
  fi
}

# make_batch DIR: DIR/in with generated photos, two of them sharing a name
# (belt.jpg and belt.png, which a hash of the whole file name would put in
# different shards of 4), and DIR/list.txt naming them.
make_batch () {
  local dir=$1
  "$cli" generate -n 22 -s 320x240 "$dir/in" >/dev/null
  cp "$dir/in/product-0001.jpg" "$dir/in/belt.jpg"
  "$cli" generate -n 1 -s 240x320 "$dir/tmp" >/dev/null
  cp "$dir/tmp/product-0001.jpg" "$dir/in/belt.png"
  rm -r "$dir/tmp"
  ls "$dir/in" | sed "s|^|$dir/in/|" > "$dir/list.txt"
}

# run_whole DIR: the batch in one run, into DIR/whole.
run_whole () {
  local dir=$1
  "$cli" process --files-from "$dir/list.txt" -o "$dir/whole" --workers 2 --quiet \
    --report "$dir/whole-report.json" >/dev/null
}

# check_shards DIR: merges DIR/sharded/reports and compares with DIR/whole.
check_shards () {
  local dir=$1
  "$cli" report merge "$dir"/sharded/reports/*.json -o "$dir/merged.json"
  /usr/bin/python3 "$here/check-shards.py" "$dir/whole" "$dir/whole-report.json" \
    "$dir/sharded" "$dir/merged.json" "$dir"/sharded/reports/*.json
}
