#!/usr/bin/env bash
# What an officer waits for when checking a rule change, and what a page costs to render: starts
# each jar in turn in a fresh working folder (demo users, the default rule pack, no cache of built
# rule sets) and times, over the API, N checks of a change no one has built before (a new file
# with a fresh comment each time, so every request builds the whole pack): POST
# /api/v1/rules/validate (build), POST /api/v1/rules/test (build and the 273 rule test cases);
# then, signed in on the pages, the officer's catalog (GET /officer) 20 × N times on one connection.
# Median, min and max in ms, after 3 unmeasured checks and 100 unmeasured renders.
# Usage: bench/rule-change.sh N jar [jar ...]   e.g. bench/rule-change.sh 15 /tmp/before.jar target/candor.jar
# Extra service arguments for every jar: CANDOR_SERVICE_ARGS="--spring.web.resources.chain.enabled=true"
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
n="$1"
shift
port="${CANDOR_BENCH_PORT:-18081}"
base="http://127.0.0.1:$port"

stats() { # label: reads seconds, one per line
  sort -n | awk -v label="$1" '{a[NR] = $1} END {printf "  %-24s median %6.0f ms, min %6.0f, max %6.0f (%d)\n", label, a[int((NR + 1) / 2)] * 1000, a[1] * 1000, a[NR] * 1000, NR}'
}

change() { # endpoint count: POSTs count changes, prints each one's time
  for i in $(seq 1 "$2"); do
    out=$(curl -s -u officer:officer-demo -H 'Content-Type: application/json' -w '\n%{http_code} %{time_total}' \
      -d "{\"files\": {\"extra.drl\": \"package candor.extra;\\n// $$ $RANDOM $i\\n\"}, \"delete\": []}" "$base$1")
    code=$(tail -n 1 <<<"$out" | cut -d' ' -f1)
    if [ "$code" != 200 ] || ! head -n 1 <<<"$out" | grep -q '"ok":true'; then
      echo "  $1 answered $code: $(head -c 300 <<<"$out")" >&2
      exit 1
    fi
    tail -n 1 <<<"$out" | cut -d' ' -f2
  done
}

echo "machine: $(nproc) cores, $(uptime | sed 's/.*load/load/'), $(java -version 2>&1 | head -n 1)"
for jar in "$@"; do
  jar="$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")"
  work="$(mktemp -d)"
  cp -r "$here/rules" "$work/rules"
  (cd "$work" && exec java -jar "$jar" --server.port="$port" --spring.profiles.active=demo \
    --candor.rules-cache.enabled=false ${CANDOR_SERVICE_ARGS:-} >"$work/log.txt" 2>&1) &
  pid=$!
  for _ in $(seq 1 600); do
    curl -fs "$base/actuator/health" 2>/dev/null | grep -q '"status":"UP"' && break
    sleep 0.1
  done
  echo "$jar ${CANDOR_SERVICE_ARGS:-}"
  for endpoint in /api/v1/rules/validate /api/v1/rules/test; do
    change "$endpoint" 3 >/dev/null
    change "$endpoint" "$n" | stats "$endpoint"
  done
  cookies="$work/cookies"
  token=$(curl -s -c "$cookies" -b "$cookies" "$base/login" | grep -o 'name="_csrf" value="[^"]*"' | sed 's/.*value="//;s/"$//')
  curl -s -o /dev/null -c "$cookies" -b "$cookies" -d "username=officer&password=officer-demo&_csrf=$token" "$base/login"
  curl -s -o /dev/null -b "$cookies" "$base/officer?w=[1-100]"
  curl -s -o /dev/null -b "$cookies" -w '%{time_total}\n' "$base/officer?w=[1-$((n * 20))]" | stats "GET /officer"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  rm -rf "$work"
done
