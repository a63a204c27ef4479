#!/usr/bin/env python3
"""Summarises the execution samples of a JFR recording: top frames (self time) and the share of
samples whose stack contains a frame of each class (total time). Usage:
  bench/jfr-summary.py recording.jfr [top-n] [filter-substring]
A filter keeps only samples whose stack contains that substring (e.g. org.candor)."""
import collections, json, subprocess, sys

path = sys.argv[1]
top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
keep = sys.argv[3] if len(sys.argv) > 3 else None
out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "96", "--events", "jdk.ExecutionSample", path],
                     capture_output=True, text=True, check=True).stdout
events = json.loads(out)["recording"]["events"]
self_m, total_c, total_m = collections.Counter(), collections.Counter(), collections.Counter()
n = 0
for e in events:
    frames = e["values"]["stackTrace"]["frames"] if e["values"].get("stackTrace") else []
    names = [f["method"]["type"]["name"] + "." + f["method"]["name"] for f in frames]
    if keep and not any(keep in x for x in names):
        continue
    n += 1
    if names:
        self_m[names[0]] += 1
    for x in set(x.rsplit(".", 1)[0] for x in names):
        total_c[x] += 1
    for x in set(names):
        total_m[x] += 1
print(f"{n} samples")
print("\n-- self (top frame) --")
for k, v in self_m.most_common(top):
    print(f"{100*v/n:5.1f}%  {k}")
print("\n-- total, by method (stack contains) --")
for k, v in total_m.most_common(top * 2):
    print(f"{100*v/n:5.1f}%  {k}")
