#!/bin/bash
# Cold runs of the command line and the service, several ways of running Candor side by side,
# interleaved so that all see the same machine: --version, check of one campaign, check of
# examples/, rules test, and the service's start to healthy (GET /actuator/health 200). Each way is
# a jar (run as `java -jar JAR`) or a launcher script (run as `LAUNCHER ARGS`, e.g. ./candor).
# Prints a "what way seconds cpu-seconds" line per run and the load average after each round, then
# min / median / max per command and way (wall clock; CPU time is user + system of the process).
# A way may name the folder it runs in, for its rules and examples: JAR@DIR (an earlier jar may not
# build today's rules; give it a copy of its own: git archive COMMIT rules examples | tar -x -C DIR).
# The service listens on CANDOR_BENCH_PORT + round (default 18080 + round).
#   bench/cold-runs.sh WAY... [RUNS]      (run from the project folder; RUNS defaults to 5)
#   bench/cold-runs.sh /work/candor-base.jar@/tmp/candor-base-tree target/candor.jar ./candor 5
set -u
runs=5
ways=()
for a in "$@"; do
  if [[ $a =~ ^[0-9]+$ ]]; then runs=$a; else ways+=("$a"); fi
done
if [ ${#ways[@]} -eq 0 ]; then
  echo "usage: bench/cold-runs.sh JAR|LAUNCHER... [RUNS]" >&2
  exit 2
fi
export CANDOR_RULES_CACHE_DIR=${CANDOR_RULES_CACHE_DIR:-$(mktemp -d)/rule-sets}
results=$(mktemp)
port=${CANDOR_BENCH_PORT:-18080}

# The command that runs a way: java -jar for a jar, the launcher itself otherwise.
way() { if [[ $1 == *.jar ]]; then echo "java -jar $(readlink -f "$1")"; else readlink -f "$1"; fi; }

# Runs a command; prints "wall cpu" (seconds).
t() {
  local s e tf
  tf=$(mktemp)
  s=$(date +%s.%N)
  /usr/bin/time -o "$tf" -f "%U %S" "$@" >/dev/null 2>&1
  e=$(date +%s.%N)
  echo "$(echo "$e - $s" | bc) $(tail -1 "$tf" | awk '{print $1 + $2}')"
  rm -f "$tf"
}

start() {
  local port=$1 rules=$2/rules d s pid tries=0
  shift 2
  d=$(mktemp -d)
  s=$(date +%s.%N)
  # shellcheck disable=SC2068 # the way's command is split into words on purpose
  (cd "$d" && exec $@ --spring.profiles.active=demo --server.port="$port" \
      --candor.rules-dir="$rules" --candor.rules-watch.enabled=false >"$d/log" 2>&1) &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/actuator/health"; do
    sleep 0.1; tries=$((tries + 1))
    if [ "$tries" -gt 1200 ] || ! kill -0 "$pid" 2>/dev/null; then echo "failed"; kill "$pid" 2>/dev/null; return; fi
  done
  local e cpu
  e=$(date +%s.%N)
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$pid/stat")
  echo "$(echo "$e - $s" | bc) $cpu"
  kill "$pid"; wait "$pid" 2>/dev/null; rm -rf "$d"
}

for i in $(seq 1 "$runs"); do
  for w in "${ways[@]}"; do
    dir=$PWD
    if [[ $w == *@* ]]; then dir=$(readlink -f "${w#*@}"); fi
    run=$(way "${w%%@*}")
    (
      cd "$dir" || exit 1
      echo "version $w $(t $run --version)"
      echo "check-one $w $(t $run check examples/wayfarer-packs-us.json --out /tmp/candor-bench-reports)"
      echo "check-examples $w $(t $run check examples --out /tmp/candor-bench-reports)"
      echo "rules-test $w $(t $run rules test)"
      echo "start $w $(start $((port + i)) "$dir" $run)"
    ) | tee -a "$results"
    echo "# load $(cut -d' ' -f1-3 /proc/loadavg)"
  done
done

echo
echo "# seconds, wall clock min / median / max (CPU median), $runs runs, load now $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$results" <<'EOF'
import collections, statistics, sys
rows = collections.OrderedDict()
for line in open(sys.argv[1]):
    parts = line.split()
    if len(parts) < 4 or parts[2] == "failed":
        continue
    rows.setdefault((parts[0], parts[1]), []).append((float(parts[2]), float(parts[3])))
print("| command | way | min | median | max | CPU median | n |")
print("|---|---|---|---|---|---|---|")
for (what, way), v in rows.items():
    wall = sorted(x for x, _ in v)
    print(f"| {what} | {way} | {wall[0]:.2f} | {statistics.median(wall):.2f} | {wall[-1]:.2f}"
          f" | {statistics.median(c for _, c in v):.2f} | {len(v)} |")
EOF
rm -f "$results"
