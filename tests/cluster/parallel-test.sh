#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# deploy/parallel/vitrina-parallel.sh running 4 shards at once on this
# machine: the merged report and the outputs must be those of one
# vitrina-cli process run. Then a shard whose outputs were lost is run
# again and finishes only what it is missing.
set -euo pipefail

source "$(dirname "$0")/common.sh"
require parallel parallel
require "python3 (Debian's, /usr/bin/python3)" /usr/bin/python3

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vitrina-parallel.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

make_batch "$tmp"
run_whole "$tmp"
VITRINA_TASKS=4 VITRINA_JOBS=4 VITRINA_WORKERS=1 \
  "$deploy/parallel/vitrina-parallel.sh" "$tmp/in" "$tmp/sharded"
check_shards "$tmp"

# A lost output, and a re-run of its shard with the same arguments: only
# that photo is made again, the rest of the shard is skipped.
lost=$(cd "$tmp/sharded" && ls medium/*.jpg | head -n 1)
rm "$tmp/sharded/$lost"
photo=$(basename "$lost" .jpg)
shard=$(/usr/bin/python3 - "$tmp"/sharded/reports/shard-*.json "$photo" <<'PY'
import json, os, sys
*reports, photo = sys.argv[1:]
for r in reports:
    data = json.load(open(r))
    if any(os.path.basename(o["path"]) == photo + ".jpg" for i in data["inputs"] for o in i["outputs"]):
        print(data["shard"]["index"])
PY
)
"$cli" process "$tmp/in" -o "$tmp/sharded" --shard "$shard/4" --workers 1 --skip-existing --quiet \
  --report "$tmp/sharded/reports/shard-$shard.json" >/dev/null
done=$(/usr/bin/python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); print(r["done"], r["skipped"] > 0)' \
  "$tmp/sharded/reports/shard-$shard.json")
if [ "$done" != "1 True" ]; then
  echo "FAIL: the re-run of shard $shard made “$done” (done, any skipped), not only the lost photo" >&2
  exit 1
fi
cmp "$tmp/whole/$lost" "$tmp/sharded/$lost"
echo "re-run of shard $shard: only $lost made again: OK"
