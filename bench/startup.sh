#!/usr/bin/env bash
# Startup to healthy: starts the packaged jar in a fresh working folder (new embedded database,
# the default rule pack, the demo profile's users: a service with no users refuses to start) and
# times it until GET /actuator/health answers {"status":"UP"}; a run that does not come up prints
# the end of its log.
# Usage: bench/startup.sh [jar or launcher] [runs]   (default: target/candor.jar, 5 runs)
# The launcher (./candor) runs the jar on the build's class data archive or AOT cache, with the Java
# of JAVA_HOME: JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/startup.sh ./candor 8
# JVM options: CANDOR_JAVA_OPTS="-XX:TieredStopAtLevel=1" bench/startup.sh ...
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
jar="$(cd "$(dirname "${1:-$here/target/candor.jar}")" && pwd)/$(basename "${1:-$here/target/candor.jar}")"
runs="${2:-5}"
port="${CANDOR_BENCH_PORT:-18080}"
for run in $(seq 1 "$runs"); do
  work="$(mktemp -d)"
  cp -r "$here/rules" "$work/rules"
  start=$(date +%s%N)
  if [ "${jar%.jar}" != "$jar" ]; then
    launch=(java ${CANDOR_JAVA_OPTS:-} -jar "$jar")
  else
    launch=("$jar") # the launcher reads CANDOR_JAVA_OPTS itself
  fi
  (cd "$work" && exec "${launch[@]}" --server.port="$port" \
    --spring.profiles.active=demo >"$work/log.txt" 2>&1) &
  pid=$!
  status=""
  for _ in $(seq 1 600); do
    if curl -fs "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then
      status=UP
      break
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      break
    fi
    sleep 0.05
  done
  end=$(date +%s%N)
  started=$(grep -o 'Started CandorApplication in [0-9.]* seconds (process running for [0-9.]*)' "$work/log.txt" || true)
  printf 'run %d: %s in %d ms (%s)\n' "$run" "${status:-NOT UP}" $(((end - start) / 1000000)) "$started"
  if [ -z "$status" ]; then
    tail -30 "$work/log.txt" >&2
  fi
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$work"
done
