#!/usr/bin/env python3
"""CPU of a running JVM by thread, over an interval, from /proc (Linux): threads grouped by name
with their numbers taken out (the request threads, the compilers, the GC threads each one line),
user and system time together and system time apart. Unlike a JFR recording it sees the threads
that run no Java code (the JIT compilers, the collector) and time spent in the kernel. Usage:
  bench/thread-cpu.py PID [seconds, default 30]
e.g. during the measured phase of bench/load.sh: bench/thread-cpu.py $(pgrep -f 'jar --server.port=18081') 30"""
import collections
import os
import re
import sys
import time

pid = sys.argv[1]
seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 30.0
ticks = os.sysconf("SC_CLK_TCK")


def snapshot():
    threads = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
        except OSError:
            continue  # ended meanwhile
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        threads[tid] = (name, int(fields[11]), int(fields[12]))  # utime, stime
    return threads


before = snapshot()
time.sleep(seconds)
after = snapshot()
user, system = collections.Counter(), collections.Counter()
for tid, (name, u, s) in after.items():
    _, u0, s0 = before.get(tid, (name, 0, 0))
    group = re.sub(r"\d+", "N", name)
    user[group] += u - u0
    system[group] += s - s0
total = sum(user.values()) + sum(system.values())
print(f"{total / ticks / seconds:.2f} cores over {seconds:g} s (system {sum(system.values()) / ticks / seconds:.2f})")
for group in sorted(user, key=lambda g: -(user[g] + system[g]))[:16]:
    both = user[group] + system[group]
    print(f"{both / ticks / seconds:6.3f} cores (system {system[group] / ticks / seconds:5.3f}) "
          f"{100 * both / max(total, 1):5.1f} %  {group}")
