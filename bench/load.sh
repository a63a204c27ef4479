#!/usr/bin/env bash
# Load test of the running service on loopback: builds the jar, starts it (H2 in a fresh working
# folder, then PostgreSQL in a fresh database), waits for health UP, sends 10-post campaigns to
# POST /api/v1/evaluations at a fixed rate from an open-loop Java generator (latency from each
# request's intended start), stops the service. Results: bench/results/load-h2.txt, load-postgres.txt.
# Usage: bench/load.sh [h2|postgres|both] [rate/s] [seconds] [warm-up seconds]
# Environment: CANDOR_JAVA_OPTS (service JVM options), CANDOR_BENCH_PORT (default 18081),
# CANDOR_SERVICE_ARGS (more service arguments, e.g. --candor.reports-copy=false),
# PGHOST/PGUSER (default 127.0.0.1/postgres, trust auth), CANDOR_SKIP_BUILD=1 to reuse the jar,
# CANDOR_SERVICE_CPUS / CANDOR_GENERATOR_CPUS (taskset CPU lists, e.g. 0 and 1: the service and the
# generator each on its own core), CANDOR_BENCH_TAG (suffix of the result file, e.g. -200rps).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
which="${1:-both}"
rate="${2:-200}"
seconds="${3:-60}"
warmup="${4:-15}"
port="${CANDOR_BENCH_PORT:-18081}"
pghost="${PGHOST:-127.0.0.1}"
pguser="${PGUSER:-postgres}"
cd "$here"
if [ "${CANDOR_SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -q -DskipTests package
  ./mvnw -q -Pbench -DskipTests test-compile
fi
./mvnw -q -Pbench dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
cp="$here/target/test-classes:$here/target/classes:$(cat target/bench-classpath.txt)"
mkdir -p bench/results
# The demo AGENCY user of the demo profile, Northwind Media; its bcrypt hash for the postgres run.
hash="$(grep '^candor.users\[0\].password=' src/main/resources/application-demo.properties | cut -d= -f2-)"

run() {
  local db="$1"
  shift
  local work
  work="$(mktemp -d)"
  cp -r "$here/rules" "$work/rules"
  local pin_service="" pin_generator=""
  if [ -n "${CANDOR_SERVICE_CPUS:-}" ]; then pin_service="taskset -c $CANDOR_SERVICE_CPUS"; fi
  if [ -n "${CANDOR_GENERATOR_CPUS:-}" ]; then pin_generator="taskset -c $CANDOR_GENERATOR_CPUS"; fi
  (cd "$work" && exec $pin_service java ${CANDOR_JAVA_OPTS:-} -jar "$here/target/candor.jar" --server.port="$port" ${CANDOR_SERVICE_ARGS:-} "$@" >"$work/service.log" 2>&1) &
  local pid=$!
  local up=""
  for _ in $(seq 1 600); do
    if curl -fs "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then
      up=1
      break
    fi
    sleep 0.1
  done
  if [ -z "$up" ]; then
    echo "service did not come up; log: $work/service.log" >&2
    kill "$pid" 2>/dev/null || true
    return 1
  fi
  local result="bench/results/load-$db${CANDOR_BENCH_TAG:-}.txt"
  {
    echo "machine: $(nproc) cores, $(uptime | sed 's/.*load/load/'), $(java -version 2>&1 | head -1)"
    echo "service: $pin_service java ${CANDOR_JAVA_OPTS:-} -jar target/candor.jar ${CANDOR_SERVICE_ARGS:-} ($db)"
    echo "generator: $pin_generator java org.candor.bench.load.LoadGenerator ($rate req/s, ${seconds} s, warm-up ${warmup} s)"
  } >"$result.head"
  trap "kill $pid 2>/dev/null || true" EXIT
  $pin_generator java -cp "$cp" org.candor.bench.load.LoadGenerator "http://127.0.0.1:$port" northwind northwind-demo \
    "$rate" "$seconds" "$warmup" 10 "$result.body"
  echo "machine after: $(uptime | sed 's/.*load/load/')" >>"$result.body"
  cat "$result.head" "$result.body" >"$result"
  rm -f "$result.head" "$result.body"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  rm -rf "$work"
  echo "written: $result"
}

if [ "$which" = h2 ] || [ "$which" = both ]; then
  run h2 --spring.profiles.active=demo
fi
if [ "$which" = postgres ] || [ "$which" = both ]; then
  db="candor_load_$(date +%s)"
  psql -h "$pghost" -U "$pguser" -qc "create database $db"
  run postgres --spring.profiles.active=postgres \
    --spring.datasource.url="jdbc:postgresql://$pghost:5432/$db" --spring.datasource.username="$pguser" \
    --candor.users[0].username=northwind --candor.users[0].password="$hash" \
    --candor.users[0].role=AGENCY --candor.users[0].agency="Northwind Media"
  psql -h "$pghost" -U "$pguser" -qc "drop database $db"
fi
