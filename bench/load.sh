#!/usr/bin/env bash
# Load test of the running service on loopback: builds the jar, starts it (H2 in a fresh working
# folder, then PostgreSQL in a fresh database), waits for health UP, sends 10-post campaigns to
# POST /api/v1/evaluations at a fixed rate from an open-loop Java generator (latency from each
# request's intended start), stops the service. Each result file also states the CPU the service
# and the generator used over the measured phase, and how busy the machine was.
#
# Usage:
#   bench/load.sh table [seconds] [warm-up seconds]
#       the whole table: H2 and PostgreSQL, each started once and sent 100, 200 and 400 req/s in
#       turn (default 30 s each after 10 s of warm-up; about 8 minutes after the build). Results:
#       bench/results/load-<db>-<rate>rps<tag>.txt and the markdown table load-table<tag>.md.
#   bench/load.sh [h2|postgres|both] [rate/s] [seconds] [warm-up seconds]
#       one rate (default both, 200 req/s, 60 s, 15 s). Results: bench/results/load-<db><tag>.txt.
# Environment: CANDOR_BENCH_JAR (the service's jar, default target/candor.jar; e.g. the extracted
# target/candor/candor.jar with CANDOR_JAVA_OPTS=-XX:AOTCache=target/candor/service.aot),
# CANDOR_JAVA_OPTS (service JVM options), CANDOR_GENERATOR_OPTS (the generator's, e.g.
# -Dcandor.bench.timeline=/tmp/t.csv for its answers second by second), CANDOR_BENCH_PORT (default 18081),
# CANDOR_SERVICE_ARGS (more service arguments, e.g. --candor.reports-copy=false),
# PGHOST/PGUSER (default 127.0.0.1/postgres, trust auth), CANDOR_SKIP_BUILD=1 to reuse the jar,
# CANDOR_SERVICE_CPUS / CANDOR_GENERATOR_CPUS (taskset CPU lists, e.g. 0 and 1: the service and the
# generator each on its own core; unset, they share the machine), CANDOR_BENCH_TAG (suffix of the
# result files), CANDOR_BENCH_RATES (the table's rates, default "100 200 400"), CANDOR_BENCH_DATABASES
# (the table's databases, default "h2 postgres").
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
which="${1:-both}"
if [ "$which" = table ]; then
  rates="${CANDOR_BENCH_RATES:-100 200 400}"
  seconds="${2:-30}"
  warmup="${3:-10}"
else
  rates="${2:-200}"
  seconds="${3:-60}"
  warmup="${4:-15}"
fi
port="${CANDOR_BENCH_PORT:-18081}"
pghost="${PGHOST:-127.0.0.1}"
pguser="${PGUSER:-postgres}"
tag="${CANDOR_BENCH_TAG:-}"
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
pin_service=""
pin_generator=""
if [ -n "${CANDOR_SERVICE_CPUS:-}" ]; then pin_service="taskset -c $CANDOR_SERVICE_CPUS"; fi
if [ -n "${CANDOR_GENERATOR_CPUS:-}" ]; then pin_generator="taskset -c $CANDOR_GENERATOR_CPUS"; fi

pid=""
work=""
stop_service() {
  if [ -n "$pid" ]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    pid=""
  fi
  if [ -n "$work" ]; then
    rm -rf "$work"
    work=""
  fi
}
db=""
drop_database() {
  if [ -n "$db" ]; then
    psql -h "$pghost" -U "$pguser" -qc "drop database if exists $db" || true
    db=""
  fi
}
trap 'stop_service; drop_database' EXIT

# start_service <service arguments...>: a fresh working folder with the project's rules.
start_service() {
  work="$(mktemp -d)"
  cp -r "$here/rules" "$work/rules"
  (cd "$work" && exec $pin_service java ${CANDOR_JAVA_OPTS:-} -jar "${CANDOR_BENCH_JAR:-$here/target/candor.jar}" --server.port="$port" \
    ${CANDOR_SERVICE_ARGS:-} "$@" >"$work/service.log" 2>&1) &
  pid=$!
  for _ in $(seq 1 600); do
    if curl -fs "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      break
    fi
    sleep 0.1
  done
  echo "service did not come up; log:" >&2
  tail -40 "$work/service.log" >&2
  return 1
}

# measure <database name> <rate> <result file>: one generator run against the running service.
measure() {
  local name="$1" rate="$2" result="$3"
  {
    echo "machine: $(nproc) cores, $(uptime | sed 's/.*load/load/'), $(java -version 2>&1 | head -1)"
    echo "service: ${pin_service:-unpinned} java ${CANDOR_JAVA_OPTS:-} -jar ${CANDOR_BENCH_JAR:-target/candor.jar} ${CANDOR_SERVICE_ARGS:-} ($name)"
    echo "generator: ${pin_generator:-unpinned} java org.candor.bench.load.LoadGenerator ($rate req/s, ${seconds} s, warm-up ${warmup} s)"
  } >"$result.head"
  $pin_generator java ${CANDOR_GENERATOR_OPTS:-} -cp "$cp" org.candor.bench.load.LoadGenerator "http://127.0.0.1:$port" northwind northwind-demo \
    "$rate" "$seconds" "$warmup" 10 "$result.body" "$pid" >/dev/null
  echo "machine after: $(uptime | sed 's/.*load/load/')" >>"$result.body"
  echo "report copies in the folder at the end: $(ls "$work/reports" 2>/dev/null | grep -c '^[^.].*\.xlsx$' || true) (all of this service's submissions so far, warm-up included)" >>"$result.body"
  if [ -f "$work/data/candor.mv.db" ]; then
    echo "embedded database file at the end: $(( $(stat -c %s "$work/data/candor.mv.db") / 1048576 )) MiB" >>"$result.body"
  fi
  cat "$result.head" "$result.body" >"$result"
  rm -f "$result.head" "$result.body"
  echo "written: $result"
}

# run <name> <service arguments...>: one service, every rate in turn.
run() {
  local name="$1"
  shift
  start_service "$@"
  for rate in $rates; do
    local result="bench/results/load-$name$tag.txt"
    if [ "$which" = table ]; then
      result="bench/results/load-$name-${rate}rps$tag.txt"
    fi
    measure "$name" "$rate" "$result"
    sleep 2
  done
  stop_service
}

with_postgres() {
  db="candor_load_$(date +%s)"
  psql -h "$pghost" -U "$pguser" -qc "create database $db"
  run postgres --spring.profiles.active=postgres \
    --spring.datasource.url="jdbc:postgresql://$pghost:5432/$db" --spring.datasource.username="$pguser" \
    --candor.users[0].username=northwind --candor.users[0].password="$hash" \
    --candor.users[0].role=AGENCY --candor.users[0].agency="Northwind Media"
  drop_database
}

databases="${CANDOR_BENCH_DATABASES:-h2 postgres}"
if [ "$which" = h2 ] || [ "$which" = both ] || { [ "$which" = table ] && [[ " $databases " == *" h2 "* ]]; }; then
  run h2 --spring.profiles.active=demo
fi
if [ "$which" = postgres ] || [ "$which" = both ] || { [ "$which" = table ] && [[ " $databases " == *" postgres "* ]]; }; then
  with_postgres
fi

# The markdown table of the runs just made.
if [ "$which" = table ]; then
  table="bench/results/load-table$tag.md"
  {
    echo "| database | rate | answered 201 / sent | throughput | p50 | p95 | p99 | max | service CPU per 201 | service / generator cores | machine busy | load average before |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
    for name in h2 postgres; do
      for rate in $rates; do
        f="bench/results/load-$name-${rate}rps$tag.txt"
        [ -f "$f" ] || continue
        answered="$(sed -n 's/^sent \([0-9]*\), answered 201: \([0-9]*\).*/\2 \/ \1/p' "$f")"
        throughput="$(sed -n 's/^throughput: \([0-9.]*\) .*/\1 req\/s/p' "$f")"
        read -r p50 p95 p99 max < <(sed -n 's/.*p50 \([0-9.]*\)  p95 \([0-9.]*\)  p99 \([0-9.]*\)  p99.9 [0-9.]*  max \([0-9.]*\).*/\1 \2 \3 \4/p' "$f")
        per="$(sed -n 's/.*(\([0-9.]*\) ms of CPU per 201,.*/\1 ms/p' "$f")"
        cores="$(sed -n 's/.*generator \([0-9.]*\) cores, service \([0-9.]*\) cores.*/\2 \/ \1/p' "$f")"
        busy="$(sed -n 's/.*machine \([0-9]*\) % busy.*/\1 %/p' "$f")"
        load="$(sed -n 's/^machine: .*load average: \([0-9.]*\),.*/\1/p' "$f")"
        echo "| $name | $rate req/s | $answered | $throughput | $p50 ms | $p95 ms | $p99 ms | $max ms | $per | $cores | $busy | $load |"
      done
    done
  } >"$table"
  cat "$table"
  echo "written: $table"
fi
