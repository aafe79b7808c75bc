#!/usr/bin/env bash
# Plan speed: starts the service (target/daas-builder.jar) on a free port with its own DATA_DIR and
# DOCKER_BUILD_DIR, uploads a 5,000-file Node project (package.json, a lockfile, 5,000 source files
# of about 2 KB in 50 folders), then calls POST /api/docker/plan RUNS times and prints the first
# call, the median and the 90th percentile. Passes with a median under MAX_MEDIAN_MS (50). Then
# UNKEPT_RUNS calls with overrides of their own, which the service has not planned yet (unpack +
# detect each time), for the cost of a first plan.
#   bench/plan-speed.sh            (RUNS=50 UNKEPT_RUNS=10 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-50}"
UNKEPT_RUNS="${UNKEPT_RUNS:-10}"
MAX_MEDIAN_MS="${MAX_MEDIAN_MS:-50}"

JAR=target/daas-builder.jar
if [ ! -f "$JAR" ] || [ -n "$(find src pom.xml -newer "$JAR" -print -quit)" ]; then
  mvn -B -q package -DskipTests -Dspotless.check.skip=true
fi
eval "$(scripts/engine.sh env)"

WORK="$(mktemp -d /tmp/daas-bench-XXXXXX)"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"
SERVICE_PID=""
cleanup() {
  if [ -n "$SERVICE_PID" ]; then kill "$SERVICE_PID" 2>/dev/null || true; wait "$SERVICE_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

PLAN_RATE_LIMIT=0 PORT="$PORT" BIND_ADDRESS=127.0.0.1 DATA_DIR="$WORK/data" DOCKER_BUILD_DIR="$WORK/builds" LOG_FORMAT=text \
  java ${JAVA_OPTS:-} -jar "$JAR" >"$WORK/service.log" 2>&1 &
SERVICE_PID=$!
for _ in $(seq 1 360); do curl -fsS -o /dev/null "$BASE/health" 2>/dev/null && break; sleep 0.5; done
curl -fsS -o /dev/null "$BASE/health" || { echo "service did not start:" >&2; tail -30 "$WORK/service.log" >&2; exit 1; }

python3 - "$WORK/bundle" <<'PY'
import json, os, random, sys
root = sys.argv[1]
rnd = random.Random(7)
os.makedirs(root)
json.dump({"name": "big", "scripts": {"start": "node src/index.js"}, "dependencies": {"express": "^4.19.2"}},
          open(os.path.join(root, "package.json"), "w"))
json.dump({"name": "big", "lockfileVersion": 3, "packages": {"": {"dependencies": {"express": "^4.19.2"}}}},
          open(os.path.join(root, "package-lock.json"), "w"))
line = "export function compute(value, options) { return value * options.factor + 1; }\n"
for i in range(5000):
    d = os.path.join(root, "src", f"module{i % 50:02d}")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, f"file{i:04d}.js"), "w") as f:
        f.write(line * rnd.randint(15, 40))
open(os.path.join(root, "src", "index.js"), "w").write("console.log('big')\n")
PY
tar -C "$WORK/bundle" -czf "$WORK/bundle.tgz" .
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
BUNDLE="$(curl -fsS -X POST -H 'Content-Type: application/gzip' --data-binary @"$WORK/bundle.tgz" "$BASE/api/docker/bundles" | json '["bundleId"]')"
echo "plan-speed.sh: bundle $BUNDLE: $(tar -tzf "$WORK/bundle.tgz" | grep -vc '/$') files, $(du -k "$WORK/bundle.tgz" | cut -f1) KB gzipped; runs: $RUNS" >&2

for i in $(seq 1 "$RUNS"); do
  curl -fsS -o /dev/null -w '%{time_total}\n' -X POST -H 'Content-Type: application/json' \
    -d "{\"bundleId\":\"$BUNDLE\"}" "$BASE/api/docker/plan" >>"$WORK/times.txt"
done
# Not kept: each call with other overrides (a port of its own) unpacks and detects again.
for i in $(seq 1 "$UNKEPT_RUNS"); do
  curl -fsS -o /dev/null -w '%{time_total}\n' -X POST -H 'Content-Type: application/json' \
    -d "{\"bundleId\":\"$BUNDLE\",\"buildOptions\":{\"port\":$((9000 + i))}}" "$BASE/api/docker/plan" >>"$WORK/unkept.txt"
done
python3 - "$WORK/times.txt" "$WORK/unkept.txt" "$MAX_MEDIAN_MS" <<'PY'
import statistics, sys
times = [float(t) * 1000 for t in open(sys.argv[1]).read().split()]
unkept = [float(t) * 1000 for t in open(sys.argv[2]).read().split()]
limit = float(sys.argv[3])
ordered = sorted(times)
median = statistics.median(times)
p90 = ordered[int(len(ordered) * 0.9) - 1]
print(f"same request: first call {times[0]:.1f} ms; median {median:.1f} ms; p90 {p90:.1f} ms;"
      f" max {ordered[-1]:.1f} ms over {len(times)} calls (limit: median under {limit:.0f} ms)")
print(f"new overrides each call (unpack + detect): median {statistics.median(unkept):.1f} ms;"
      f" min {min(unkept):.1f} ms; max {max(unkept):.1f} ms over {len(unkept)} calls")
sys.exit(0 if median < limit else 1)
PY
