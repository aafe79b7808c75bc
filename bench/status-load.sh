#!/usr/bin/env bash
# Status endpoint under load: starts the service (target/daas-builder.jar) on a free port with its
# own DATA_DIR and DOCKER_BUILD_DIR, starts 3 builds that print 50 lines a second for about a minute,
# and while they run lets wrk hit GET /api/docker/build/{id} (the 3 ids in turn) for DURATION
# seconds. Passes with at least 2,000 requests/s and p99 under 50 ms.
# A WARMUP-second wrk run comes first and is not counted (the JIT compiles the request path).
#   bench/status-load.sh            (DURATION=30 WARMUP=10 THREADS=2 CONNECTIONS=32 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${DURATION:-30}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
WARMUP="${WARMUP:-10}"
MIN_RPS="${MIN_RPS:-2000}"
MAX_P99_MS="${MAX_P99_MS:-50}"

scripts/engine.sh up >/dev/null
eval "$(scripts/engine.sh env)"
scripts/base-images.sh busybox >/dev/null
. bench/common.sh
need_wrk status-load.sh
fresh_jar

WORK="$(mktemp -d /tmp/daas-bench-XXXXXX)"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"
IDS=()
SERVICE_PID=""
cleanup() {
  for id in "${IDS[@]}"; do /usr/bin/docker rmi -f "daas-app:$id" >/dev/null 2>&1 || true; done
  if [ -n "$SERVICE_PID" ]; then kill "$SERVICE_PID" 2>/dev/null || true; wait "$SERVICE_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

PORT="$PORT" BIND_ADDRESS=127.0.0.1 DATA_DIR="$WORK/data" DOCKER_BUILD_DIR="$WORK/builds" LOG_FORMAT=text \
  java ${JAVA_OPTS:-} -jar "$JAR" >"$WORK/service.log" 2>&1 &
SERVICE_PID=$!
for _ in $(seq 1 360); do curl -fsS -o /dev/null "$BASE/health" 2>/dev/null && break; sleep 0.5; done
curl -fsS -o /dev/null "$BASE/health" || { echo "service did not start:" >&2; tail -30 "$WORK/service.log" >&2; exit 1; }

mkdir -p "$WORK/bundle"
cat >"$WORK/bundle/Dockerfile" <<'DOCKERFILE'
FROM daas-test/busybox:1
RUN i=0; while [ $i -lt 90 ]; do seq 1 50; sleep 1; i=$((i+1)); done
DOCKERFILE
tar -C "$WORK/bundle" -czf "$WORK/bundle.tgz" Dockerfile
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
BUNDLE="$(curl -fsS -X POST -H 'Content-Type: application/gzip' --data-binary @"$WORK/bundle.tgz" "$BASE/api/docker/bundles" | json '["bundleId"]')"
for _ in 1 2 3; do
  IDS+=("$(curl -fsS -X POST -H 'Content-Type: application/json' \
    -d "{\"bundleId\":\"$BUNDLE\",\"buildOptions\":{\"noCache\":true}}" "$BASE/api/docker/build" | json '["buildId"]')")
done
for id in "${IDS[@]}"; do
  for _ in $(seq 1 60); do
    [ "$(curl -fsS "$BASE/api/docker/build/$id" | json '["data"]["status"]')" = building ] && break
    sleep 0.5
  done
done
sleep 12 # let each build fill its status tail (STATUS_LOG_LINES, 100 by default)
echo "status-load.sh: 3 builds running (${IDS[*]}); status tail: $(curl -fsS "$BASE/api/docker/build/${IDS[0]}" | json '["data"]["logs"].__len__()') lines" >&2

cat >"$WORK/paths.lua" <<LUA
local paths = {"/api/docker/build/${IDS[0]}", "/api/docker/build/${IDS[1]}", "/api/docker/build/${IDS[2]}"}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % 3) + 1])
end
LUA
# the service is long-running: JIT compilation of the request path is not what is measured
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$WORK/paths.lua" "$BASE" >"$WORK/warmup.txt"
echo "status-load.sh: warm-up ${WARMUP} s: $(awk '/^Requests\/sec:/ {print $2}' "$WORK/warmup.txt") req/s (not counted)" >&2
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$WORK/paths.lua" "$BASE" | tee "$WORK/wrk.txt"

running=0
for id in "${IDS[@]}"; do
  [ "$(curl -fsS "$BASE/api/docker/build/$id" | json '["data"]["status"]')" = building ] && running=$((running + 1))
done
rps="$(awk '/^Requests\/sec:/ {print $2}' "$WORK/wrk.txt")"
p99="$(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt")"
p99_ms="$(python3 -c "
v='$p99'
for unit, f in (('us', 0.001), ('ms', 1), ('s', 1000)):
    if v.endswith(unit):
        print(float(v[:-len(unit)]) * f); break")"
errors="$(grep -c 'Non-2xx\|Socket errors' "$WORK/wrk.txt" || true)"
echo "status-load.sh: ${rps} req/s, p99 ${p99_ms} ms, builds still running at the end: ${running}/3, error lines: ${errors}"
python3 -c "import sys; sys.exit(0 if float('$rps') >= $MIN_RPS and float('$p99_ms') < $MAX_P99_MS and $running == 3 and $errors == 0 else 1)" \
  && echo "status-load.sh: PASS (>= $MIN_RPS req/s, p99 < $MAX_P99_MS ms)" \
  || { echo "status-load.sh: FAIL (want >= $MIN_RPS req/s, p99 < $MAX_P99_MS ms, 3 builds running)"; exit 1; }
