#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# deploy/kubernetes cannot run here (no cluster), so its structure is
# checked: the manifest parses as an Indexed Job whose pods take their
# shard from JOB_COMPLETION_INDEX with the Job's own count, read and write
# on a mounted volume; the image installs every library vitrina-cli links.
#   check-kubernetes.py DEPLOY_DIR VITRINA_CLI
import os
import re
import subprocess
import sys

import yaml

failures = []


def check(ok, message):
    if not ok:
        failures.append(message)


def check_job(path):
    docs = [d for d in yaml.safe_load_all(open(path)) if d]
    jobs = [d for d in docs if d.get("kind") == "Job"]
    check(len(jobs) == 1, f"{path}: expected one Job, found {len(jobs)}")
    if not jobs:
        return
    job = jobs[0]
    spec = job["spec"]
    check(job.get("apiVersion") == "batch/v1", "the Job is not batch/v1")
    check(spec.get("completionMode") == "Indexed", "completionMode is not Indexed")
    pod = spec["template"]["spec"]
    check(pod.get("restartPolicy") in ("Never", "OnFailure"), "restartPolicy must be Never or OnFailure")
    containers = pod["containers"]
    check(len(containers) == 1, "expected one container")
    c = containers[0]
    args = " ".join(c.get("args", []))
    count = re.search(r"--shard-from-env=(\d+)", args)
    check(count is not None, "the container does not run with --shard-from-env=N")
    if count:
        check(int(count.group(1)) == spec.get("completions"),
              f"--shard-from-env={count.group(1)} but completions is {spec.get('completions')}")
    check("$(JOB_COMPLETION_INDEX)" in args, "the report is not named after JOB_COMPLETION_INDEX")
    check(any(e.get("name") == "JOB_COMPLETION_INDEX" for e in c.get("env", [])),
          "JOB_COMPLETION_INDEX is not in the container's environment")
    volumes = {v["name"] for v in pod.get("volumes", [])}
    mounts = {m["name"]: m["mountPath"] for m in c.get("volumeMounts", [])}
    check(mounts and set(mounts) <= volumes, "a volume mount names no volume of the pod")
    for option in ("--files-from", "--output", "--report"):
        value = re.search(option + r"=(\S+)", args)
        check(value is not None, f"no {option}= in the container's arguments")
        if value:
            check(any(value.group(1).startswith(m.rstrip("/") + "/") for m in mounts.values()),
                  f"{option} {value.group(1)} is not on a mounted volume")


def linked_packages(cli):
    """The Debian packages of the libraries vitrina-cli links directly."""
    needed = re.findall(r"NEEDED.*\[(.*)\]", subprocess.run(["readelf", "-d", cli], capture_output=True,
                                                           text=True, check=True).stdout)
    paths = dict(re.findall(r"^\s*(\S+) => (\S+)", subprocess.run(["ldd", cli], capture_output=True,
                                                                  text=True, check=True).stdout, re.M))
    packages = set()
    for lib in needed:
        if re.match(r"lib(c|m|pthread|dl|rt)\.so", lib) or lib not in paths:
            continue
        owner = subprocess.run(["dpkg", "-S", os.path.realpath(paths[lib])], capture_output=True, text=True)
        if owner.returncode == 0:
            packages.add(owner.stdout.split(":")[0])
    return packages


def check_image(path, cli):
    text = open(path).read()
    stages = re.split(r"^FROM ", text, flags=re.M)
    check(len(stages) == 3, "the Containerfile should build in one stage and run in another")
    runtime = stages[-1]
    check("vitrina-cli" in runtime and "ENTRYPOINT" in runtime, "the image does not run vitrina-cli")
    check("meson setup" in stages[1] and "COPY . " in stages[1], "the image is not built from this tree")
    for package in sorted(linked_packages(cli)):
        check(re.search(r"\b" + re.escape(package) + r"\b", runtime) is not None,
              f"vitrina-cli links a library of {package}, which the image does not install")


deploy, cli = sys.argv[1:]
check_job(os.path.join(deploy, "kubernetes", "vitrina-job.yaml"))
check_image(os.path.join(deploy, "kubernetes", "Containerfile"), cli)
for f in failures:
    print(f"FAIL: {f}")
print("deploy/kubernetes: " + ("OK" if not failures else "FAILED"))
sys.exit(1 if failures else 0)
