#!/usr/bin/env bash
# Impact preview over a stored portfolio, worked by one instance of the service and then by two,
# each its own process (java -jar target/candor.jar, postgres and demo profiles) on one fresh
# PostgreSQL database: org.candor.bench.impact.ImpactProcesses (BENCHMARKS.md, "Impact preview
# in two processes"). Builds the jar and the bench classes, then runs the bench; it fails unless
# both instances claimed jobs and both runs found the same flips and findings.
#
# Usage: bench/impact.sh [campaigns]   (default 10000; 13 minutes, build included, on 2 busy cores)
# Result: bench/results/impact-processes<tag>.txt
# Environment: PGHOST/PGUSER (default 127.0.0.1/postgres, trust auth), CANDOR_BENCH_PORT (the first
# instance's port, the second takes the next; default 18091), CANDOR_JAVA_OPTS (both instances'
# JVM options), CANDOR_SKIP_BUILD=1 to reuse the jar and classes, CANDOR_BENCH_TAG (suffix of the
# result file).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
campaigns="${1:-10000}"
cd "$here"
if [ "${CANDOR_SKIP_BUILD:-0}" != 1 ]; then
  ./mvnw -q -o -DskipTests -Dcandor.fast-start.skip package
  ./mvnw -q -o -Pbench -DskipTests test-compile
fi
mkdir -p bench/results
./mvnw -q -o -Pbench exec:exec -Dbench.main=org.candor.bench.impact.ImpactProcesses \
  -Dbench.args="target/candor.jar bench/results/impact-processes${CANDOR_BENCH_TAG:-}.txt $campaigns"
