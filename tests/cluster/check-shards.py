#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Checks a sharded batch against one run of the same batch: the shards'
# outputs are byte for byte the single run's, each photo is in exactly one
# shard, and the merged report's counts are the single run's.
#   check-shards.py WHOLE_DIR WHOLE_REPORT SHARDED_DIR MERGED_REPORT SHARD_REPORT…
import filecmp
import json
import os
import sys


def files_under(root, skip):
    out = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if os.path.join(folder, d) not in skip]
        for name in files:
            path = os.path.join(folder, name)
            if path not in skip:
                out[os.path.relpath(path, root)] = path
    return out


def main():
    whole_dir, whole_report, sharded_dir, merged_report, *shard_reports = sys.argv[1:]
    failures = []
    skip = {os.path.join(sharded_dir, "reports"), merged_report, whole_report}
    whole = files_under(whole_dir, skip)
    sharded = files_under(sharded_dir, skip)
    if not whole:
        failures.append("the single run wrote nothing")
    for name in sorted(set(whole) - set(sharded)):
        failures.append(f"missing from the shards: {name}")
    for name in sorted(set(sharded) - set(whole)):
        failures.append(f"only in the shards: {name}")
    for name in sorted(set(whole) & set(sharded)):
        if not filecmp.cmp(whole[name], sharded[name], shallow=False):
            failures.append(f"differs from the single run: {name}")

    single = json.load(open(whole_report))
    seen = {}
    for report in shard_reports:
        for item in json.load(open(report))["inputs"]:
            if item["input"] in seen:
                failures.append(f"done twice: {item['input']} in {seen[item['input']]} and {report}")
            seen[item["input"]] = report
    expected = {i["input"] for i in single["inputs"]}
    for name in sorted(expected - set(seen)):
        failures.append(f"no shard did {name}")
    for name in sorted(set(seen) - expected):
        failures.append(f"not in the batch: {name}")

    merged = json.load(open(merged_report))
    for key in ("photos", "done", "failed", "skipped", "cancelled", "bytes_written"):
        if merged[key] != single[key]:
            failures.append(f"merged {key} is {merged[key]}, the single run's {single[key]}")
    if merged["recipe"] != single["recipe"]:
        failures.append("the merged report's recipe is not the single run's")

    for f in failures:
        print(f"FAIL: {f}")
    print(f"{len(whole)} files, {len(seen)} photos in {len(shard_reports)} shards: "
          f"{'OK' if not failures else 'FAILED'}")
    return 1 if failures else 0


sys.exit(main())
