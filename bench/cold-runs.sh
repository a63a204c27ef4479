#!/bin/bash
# Cold runs of the command line and the service, two jars side by side, interleaved so that both
# see the same machine: --version, check of one campaign, check of examples/, rules test, and the
# service's start to healthy (GET /actuator/health 200). Prints "what jar seconds" lines and the
# load average after each round.
#   bench/cold-runs.sh BEFORE.jar AFTER.jar [RUNS]      (run from the project folder)
set -u
before=$1 after=$2 runs=${3:-5}
export CANDOR_RULES_CACHE_DIR=${CANDOR_RULES_CACHE_DIR:-$(mktemp -d)/rule-sets}
t() { local s=$(date +%s.%N); "$@" >/dev/null 2>&1; echo "$(date +%s.%N) - $s" | bc; }
start() {
  local jar=$1 port=$2 d rules="$PWD/rules"
  d=$(mktemp -d)
  local s=$(date +%s.%N)
  (cd "$d" && exec java -jar "$jar" --spring.profiles.active=demo --server.port="$port" \
      --candor.rules-dir="$rules" --candor.rules-watch.enabled=false >"$d/log" 2>&1) &
  local pid=$!
  local tries=0
  until curl -sf -o /dev/null "http://127.0.0.1:$port/actuator/health"; do
    sleep 0.2; tries=$((tries + 1))
    if [ "$tries" -gt 600 ] || ! kill -0 "$pid" 2>/dev/null; then echo "failed"; kill "$pid" 2>/dev/null; return; fi
  done
  echo "$(date +%s.%N) - $s" | bc
  kill "$pid"; wait "$pid" 2>/dev/null; rm -rf "$d"
}
for i in $(seq 1 "$runs"); do
  for jar in "$before" "$after"; do
    echo "version $jar $(t java -jar "$jar" --version)"
    echo "check-one $jar $(t java -jar "$jar" check examples/wayfarer-packs-us.json --out /tmp/candor-bench-reports)"
    echo "check-examples $jar $(t java -jar "$jar" check examples --out /tmp/candor-bench-reports)"
    echo "rules-test $jar $(t java -jar "$jar" rules test)"
    echo "start $jar $(start "$jar" $((18080 + i)))"
    echo "# load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
