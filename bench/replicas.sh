#!/usr/bin/env bash
# Two replicas (issue 17): starts the service (target/daas-builder.jar) twice on free loopback ports,
# each with its own DATA_DIR and DOCKER_BUILD_DIR, on a fresh schema of the PostgreSQL of
# scripts/database.sh (dropped at the end), BUNDLE_STORE=database, BUILD_QUEUE=shared,
# MAX_CONCURRENT_BUILDS=1, replica-1 on the first engine and replica-2 on the second private one
# (scripts/engine.sh second). Then measures:
#   status   GET /api/docker/build/{id} of 3 finished builds under bench/status-load.sh's wrk load
#            (THREADS=2 CONNECTIONS=32), all of it to replica-1 ("1") or one wrk thread per replica
#            ("2"), runs alternated 1,2,1,2,...: req/s, p50, p99, wrk's socket errors and the CPU
#            of each replica, PostgreSQL and wrk per run; medians, ratio 2 over 1. Fails on any
#            answer other than 2xx.
#   handoff  one replica (S) keeps its only slot busy with a long build (RUN sleep 600, cancelled at
#            the end); SAMPLES tiny builds (FROM $BASE_IMAGE_MIRROR/busybox:1.36, RUN echo <uuid>)
#            are sent to S one after another, each when the one before has ended and the other
#            replica (I) is idle again, and I must take each. Latency: the record's buildStartTime -
#            startTime (both stamped by the service, one clock), and the client's time from sending
#            the POST to the first status that is no longer pending (polled every 10 ms).
#   bench/replicas.sh [all|status|handoff]   (SAMPLES=50 WARMUP_BUILDS=2 RUNS=3 DURATION=20 WARMUP=10)
#   PIN_CPUS=1: replica-1 runs on CPU 0 only and replica-2 on CPU 1 only (taskset), as if each had a
#   core of its own; PostgreSQL and wrk stay unpinned.
set -euo pipefail
cd "$(dirname "$0")/.."
PART="${1:-all}"
case "$PART" in all | status | handoff) ;; *) echo "usage: bench/replicas.sh [all|status|handoff]" >&2; exit 2 ;; esac
SAMPLES="${SAMPLES:-50}"
WARMUP_BUILDS="${WARMUP_BUILDS:-2}"
RUNS="${RUNS:-3}"
DURATION="${DURATION:-20}"
WARMUP="${WARMUP:-10}"
THREADS=2 # one wrk thread per replica in the split runs
CONNECTIONS="${CONNECTIONS:-32}"

scripts/engine.sh up >/dev/null
eval "$(scripts/engine.sh env)"
FIRST_DOCKER_HOST="$DOCKER_HOST"
scripts/engine.sh second up >/dev/null
eval "$(scripts/engine.sh second env)"
scripts/database.sh up
eval "$(scripts/database.sh env)"
eval "$(scripts/base-images.sh all | tail -1)" # only checks the images when they exist
MIRROR="${BASE_IMAGE_MIRROR:-127.0.0.1:5000/mirror}"
. bench/common.sh
need_wrk replicas.sh
fresh_jar

WORK="$(mktemp -d /tmp/daas-bench-XXXXXX)"
SCHEMA="bench_replicas_$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')"
PG_URI="${DAAS_TEST_POSTGRES_URL#jdbc:}"
psql_run() { PGOPTIONS="--client-min-messages=warning" PGUSER="$DAAS_TEST_POSTGRES_USER" PGPASSWORD="$DAAS_TEST_POSTGRES_PASSWORD" psql -qAt "${PG_URI%%\?*}" -c "$1"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PORT1="$(free_port)"
PORT2="$(free_port)"
BASE1="http://127.0.0.1:$PORT1"
BASE2="http://127.0.0.1:$PORT2"
PIDS=()
SCHEMA_MADE=0
cleanup() {
  # a long build still running is cancelled first, so that no replica waits DRAIN_TIMEOUT for it
  if [ -f "$WORK/long-build" ]; then
    curl -fsS -o /dev/null -X DELETE "$BASE1/api/docker/build/$(cat "$WORK/long-build")" 2>/dev/null || true
  fi
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [ -f "$WORK/ids" ]; then
    while read -r id; do
      for host in "$FIRST_DOCKER_HOST" "$DAAS_SECOND_DOCKER_HOST"; do
        DOCKER_HOST="$host" /usr/bin/docker rmi -f "daas-app:$id" >/dev/null 2>&1 || true
      done
    done <"$WORK/ids"
  fi
  [ "$SCHEMA_MADE" = 0 ] || psql_run "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" || true
  rm -rf "$WORK"
}
trap cleanup EXIT

psql_run "CREATE SCHEMA $SCHEMA"
SCHEMA_MADE=1
case "$DAAS_TEST_POSTGRES_URL" in *\?*) DB_URL="$DAAS_TEST_POSTGRES_URL&currentSchema=$SCHEMA" ;; *) DB_URL="$DAAS_TEST_POSTGRES_URL?currentSchema=$SCHEMA" ;; esac

start_replica() { # $1 name, $2 port, $3 DOCKER_HOST, $4 CPU to pin it to (PIN_CPUS=1)
  mkdir -p "$WORK/$1"
  local pin=()
  if [ "${PIN_CPUS:-0}" = 1 ]; then pin=(taskset -c "$4"); fi
  PORT="$2" BIND_ADDRESS=127.0.0.1 DATA_DIR="$WORK/$1/data" DOCKER_BUILD_DIR="$WORK/$1/builds" LOG_FORMAT=text \
    DATABASE_URL="$DB_URL" DATABASE_USERNAME="$DAAS_TEST_POSTGRES_USER" DATABASE_PASSWORD="$DAAS_TEST_POSTGRES_PASSWORD" \
    BUNDLE_STORE=database BUILD_QUEUE=shared MAX_CONCURRENT_BUILDS=1 DRAIN_TIMEOUT=5 \
    REPLICA_NAME="$1" REPLICA_URL="http://127.0.0.1:$2" DOCKER_HOST="$3" BASE_IMAGE_MIRROR="$MIRROR" \
    ${pin[@]+"${pin[@]}"} java ${JAVA_OPTS:-} -jar "$JAR" >"$WORK/$1/service.log" 2>&1 &
  PIDS+=($!)
  echo $! >"$WORK/$1/pid"
  for _ in $(seq 1 360); do curl -fsS -o /dev/null "http://127.0.0.1:$2/health" 2>/dev/null && break; sleep 0.5; done
  curl -fsS -o /dev/null "http://127.0.0.1:$2/health" || { echo "$1 did not start:" >&2; tail -30 "$WORK/$1/service.log" >&2; exit 1; }
}
# one after the other: the first one migrates the schema
start_replica replica-1 "$PORT1" "$FIRST_DOCKER_HOST" 0
start_replica replica-2 "$PORT2" "$DAAS_SECOND_DOCKER_HOST" 1
echo "replicas.sh: replica-1 on $BASE1 ($FIRST_DOCKER_HOST), replica-2 on $BASE2 ($DAAS_SECOND_DOCKER_HOST), schema $SCHEMA" >&2

# The client of both parts: python3's http.client on kept-alive connections.
cat >"$WORK/client.py" <<'PY'
import calendar, http.client, io, json, re, statistics, sys, tarfile, time, urllib.parse, uuid
from decimal import Decimal

class Replica:
    def __init__(self, base):
        u = urllib.parse.urlparse(base)
        self.base, self.host, self.port = base, u.hostname, u.port
        self.conn = None

    def call(self, method, path, body=None, headers=None):
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            try:
                self.conn.request(method, path, body=body, headers=headers or {})
                r = self.conn.getresponse()
                data = r.read()
                return r.status, json.loads(data) if data else None
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise

    def upload(self, dockerfile):
        out = io.BytesIO()
        with tarfile.open(fileobj=out, mode="w:gz") as tar:
            data = dockerfile.encode()
            info = tarfile.TarInfo("Dockerfile")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
        status, answer = self.call("POST", "/api/docker/bundles", out.getvalue(), {"Content-Type": "application/gzip"})
        if status != 201:
            sys.exit(f"upload to {self.base} answered {status}: {answer}")
        return answer["bundleId"]

    def submit(self, bundle):
        status, answer = self.call("POST", "/api/docker/build", json.dumps({"bundleId": bundle}),
                                   {"Content-Type": "application/json"})
        if status != 202:
            sys.exit(f"build on {self.base} answered {status}: {answer}")
        return answer["buildId"]

    def build(self, build_id):
        status, answer = self.call("GET", "/api/docker/build/" + build_id)
        if status != 200:
            sys.exit(f"status of {build_id} on {self.base} answered {status}: {answer}")
        return answer["data"]

    def await_end(self, build_id, timeout=300):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            b = self.build(build_id)
            if b["status"] in ("success", "failed", "cancelled"):
                return b
            time.sleep(0.1)
        sys.exit(f"build {build_id} did not end in {timeout} s")

def instant(text):
    """Seconds since the epoch of an ISO-8601 UTC instant (any number of fraction digits), exactly."""
    m = re.fullmatch(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?Z", text)
    if not m:
        sys.exit(f"not an instant: {text}")
    whole = calendar.timegm(time.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S"))
    return Decimal(int(whole)) + Decimal(m.group(2) or "0")

def tiny(mirror):
    return f"FROM {mirror}/busybox:1.36\nRUN echo {uuid.uuid4()}\n"

def finished(args):
    """status part: makes N tiny builds (sent in turn to each replica), prints their ids."""
    mirror, n, bases = args[0], int(args[1]), args[2:]
    replicas = [Replica(b) for b in bases]
    ids = []
    for i in range(n):
        r = replicas[i % len(replicas)]
        ids.append(r.submit(r.upload(tiny(mirror))))
    for i, build_id in enumerate(ids):
        b = replicas[i % len(replicas)].await_end(build_id)
        if b["status"] != "success":
            sys.exit(f"build {build_id} ended {b['status']}: {b.get('error')}")
    print(" ".join(ids))

def handoff(args):
    mirror, samples, warmups, base1, base2, ids_file, long_file = args[0], int(args[1]), int(args[2]), *args[3:]
    first = Replica(base1)
    long_dockerfile = f"FROM {mirror}/busybox:1.36\nRUN sleep 600 # {uuid.uuid4()}\n"
    long_id = first.submit(first.upload(long_dockerfile))
    open(long_file, "w").write(long_id)
    open(ids_file, "a").write(long_id + "\n")
    deadline = time.monotonic() + 120
    while (b := first.build(long_id))["status"] == "pending":
        if time.monotonic() > deadline:
            sys.exit(f"the long build {long_id} did not start in 120 s")
        time.sleep(0.1)
    if b["status"] != "building":
        sys.exit(f"the long build {long_id} ended {b['status']}: {b.get('error')}")
    busy = b.get("replica")
    by_name = {"replica-1": base1, "replica-2": base2}
    if busy not in by_name:
        sys.exit(f"the long build runs on {busy!r}, not on replica-1 or replica-2: does the jar have the shared queue?")
    idle = "replica-2" if busy == "replica-1" else "replica-1"
    s = Replica(by_name[busy])
    print(f"replicas.sh: {busy} (S) runs the long build {long_id}; {idle} (I) is idle", file=sys.stderr)
    service, client, wrong, ended_first = [], [], [], []
    for i in range(warmups + samples):
        bundle = s.upload(tiny(mirror))
        time.sleep(0.2)  # I is idle: the previous build ended, its slot is free
        sent = time.monotonic()
        build_id = s.submit(bundle)
        open(ids_file, "a").write(build_id + "\n")
        while True:
            b = s.build(build_id)
            if b["status"] != "pending":
                seen = time.monotonic()
                first_seen = b["status"]
                break
            if time.monotonic() - sent > 60:
                sys.exit(f"build {build_id} still pending after 60 s: S's slot is busy, and I did not take it"
                         " (is BUILD_QUEUE=shared in this jar?)")
            time.sleep(0.01)
        b = s.await_end(build_id)
        if b["status"] != "success":
            sys.exit(f"build {build_id} ended {b['status']}: {b.get('error')}")
        if b.get("replica") != idle:
            wrong.append(build_id)
        stamped = float(instant(b["buildStartTime"]) - instant(b["startTime"])) * 1000
        observed = (seen - sent) * 1000
        label = "warm-up" if i < warmups else f"{i - warmups + 1}/{samples}"
        print(f"replicas.sh: {label} {build_id} on {b.get('replica')}: buildStartTime - startTime "
              f"{stamped:.1f} ms, client {observed:.1f} ms", file=sys.stderr)
        if i >= warmups:
            service.append(stamped)
            client.append(observed)
            if first_seen != "building":
                ended_first.append(build_id)
    status, answer = s.call("DELETE", "/api/docker/build/" + long_id)
    ended = s.await_end(long_id, 60)
    if wrong:
        sys.exit(f"{len(wrong)} builds did not run on the idle replica {idle}: {wrong}")

    def p99(values):  # nearest rank: of 50 samples, the largest
        ranked = sorted(values)
        return ranked[max(0, -(-99 * len(ranked) // 100) - 1)]

    print(f"| measure ({samples} builds handed from {busy} to {idle}) | median | p99 | min | max |")
    print("|---|---|---|---|---|")
    for name, values in (("buildStartTime - startTime (service's clock)", service),
                         ("client: POST sent to first status not pending", client)):
        print(f"| {name} | {statistics.median(values):.1f} ms | {p99(values):.1f} ms "
              f"| {min(values):.1f} ms | {max(values):.1f} ms |")
    print(f"\nThe client saw `building` first in {samples - len(ended_first)} of {samples} builds (else the"
          " build had already ended at its first poll after pending).")
    print(f"replicas.sh: long build {long_id} {ended['status']} after cancel", file=sys.stderr)

{"finished": finished, "handoff": handoff}[sys.argv[1]](sys.argv[2:])
PY

cpu_ticks() { # user+system clock ticks of the given pids, summed
  local total=0 pid
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] || continue
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$total"
}
machine_busy() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8, $5 + $6}' /proc/stat; } # busy, idle+iowait ticks

status_part() {
  local ids
  ids="$(python3 "$WORK/client.py" finished "$MIRROR" 3 "$BASE1" "$BASE2")"
  printf '%s\n' $ids >>"$WORK/ids"
  read -r -a IDS <<<"$ids"
  echo "replicas.sh: 3 finished builds: ${IDS[*]}" >&2
  # bench/status-load.sh's load (wrk, the ids in turn); setup() sends each thread to the next port
  local ports
  for ports in "$PORT1" "$PORT1, $PORT2"; do
    cat >"$WORK/paths-$( [ "$ports" = "$PORT1" ] && echo 1 || echo 2 ).lua" <<LUA
local ports = {$ports}
local made = 0
function setup(thread)
  made = made + 1
  thread.addr = wrk.lookup("127.0.0.1", tostring(ports[((made - 1) % #ports) + 1]))[1]
end
local paths = {"/api/docker/build/${IDS[0]}", "/api/docker/build/${IDS[1]}", "/api/docker/build/${IDS[2]}"}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % 3) + 1])
end
LUA
  done
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$WORK/paths-2.lua" "$BASE1" >"$WORK/warmup.txt"
  echo "replicas.sh: warm-up ${WARMUP} s on both replicas: $(awk '/^Requests\/sec:/ {print $2}' "$WORK/warmup.txt") req/s (not counted)" >&2
  : >"$WORK/status-results"
  local run replicas before_busy before_idle after_busy after_idle j1 j2 pg wrk_cpu out
  local hz
  hz="$(getconf CLK_TCK)"
  for run in $(seq 1 "$RUNS"); do
    for replicas in 1 2; do
      out="$WORK/wrk-$run-$replicas.txt"
      read -r before_busy before_idle < <(machine_busy)
      j1="$(cpu_ticks "$(cat "$WORK/replica-1/pid")")"
      j2="$(cpu_ticks "$(cat "$WORK/replica-2/pid")")"
      pg="$(cpu_ticks $(pgrep -u postgres || true))"
      TIMEFORMAT='%U %S'
      { time wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$WORK/paths-$replicas.lua" "$BASE1" >"$out"; } 2>"$WORK/wrk-time"
      read -r after_busy after_idle < <(machine_busy)
      j1=$(($(cpu_ticks "$(cat "$WORK/replica-1/pid")") - j1))
      j2=$(($(cpu_ticks "$(cat "$WORK/replica-2/pid")") - j2))
      pg=$(($(cpu_ticks $(pgrep -u postgres || true)) - pg))
      wrk_cpu="$(awk '{print $1 + $2}' "$WORK/wrk-time")"
      if grep -q 'Non-2xx' "$out"; then
        echo "replicas.sh: answers other than 2xx in run $run with $replicas replica(s):" >&2
        cat "$out" >&2
        exit 1
      fi
      python3 - "$out" "$run" "$replicas" "$DURATION" "$hz" "$j1" "$j2" "$pg" "$wrk_cpu" \
        "$((after_busy - before_busy))" "$((after_idle - before_idle))" >>"$WORK/status-results" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
out, run, replicas, duration, hz = sys.argv[1:6]
j1, j2, pg = (int(v) / int(hz) / int(duration) for v in sys.argv[6:9])
wrk_cpu = float(sys.argv[9]) / int(duration)
busy, idle = int(sys.argv[10]), int(sys.argv[11])
def ms(v):
    for unit, f in (("us", 0.001), ("ms", 1), ("s", 1000)):
        if v.endswith(unit):
            return float(v[: -len(unit)]) * f
rps = float(re.search(r"^Requests/sec:\s+(\S+)", text, re.M).group(1))
p50 = ms(re.search(r"^\s+50%\s+(\S+)", text, re.M).group(1))
p99 = ms(re.search(r"^\s+99%\s+(\S+)", text, re.M).group(1))
# socket errors (wrk's 2 s timeout on a loaded machine): counted, shown with the run
errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
errors = sum(int(g) for g in errors.groups()) if errors else 0
# cores: CPU seconds per second of the run
print(run, replicas, rps, p50, p99, f"{j1:.2f}", f"{j2:.2f}", f"{pg:.2f}", f"{wrk_cpu:.2f}", f"{busy / (busy + idle) * 100:.0f}", errors)
PY
      tail -1 "$WORK/status-results" | awk '{printf "replicas.sh: run %s, %s replica(s): %s req/s, p50 %s ms, p99 %s ms; cores used: replica-1 %s, replica-2 %s, postgres %s, wrk %s; machine busy %s%%; socket errors %s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11}' >&2
    done
  done
  python3 - "$WORK/status-results" "$RUNS" "$DURATION" "$CONNECTIONS" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
print(f"| run (wrk -t2 -c{sys.argv[4]} -d{sys.argv[3]}s) | replicas | req/s | p50 | p99 | cores: replica-1 / replica-2 / postgres / wrk | machine busy | socket errors |")
print("|---|---|---|---|---|---|---|---|")
for r in rows:
    print(f"| {r[0]} | {r[1]} | {float(r[2]):,.0f} | {float(r[3]):.2f} ms | {float(r[4]):.2f} ms | {r[5]} / {r[6]} / {r[7]} / {r[8]} | {r[9]}% | {r[10]} |")
med = {}
for n in ("1", "2"):
    sel = [r for r in rows if r[1] == n]
    med[n] = statistics.median(float(r[2]) for r in sel)
    p99 = statistics.median(float(r[4]) for r in sel)
    print(f"| **median of {len(sel)}** | {n} | **{med[n]:,.0f}** | | {p99:.2f} ms | | | |")
print(f"\nratio 2 replicas / 1 replica (medians): {med['2'] / med['1']:.2f}")
PY
}

if [ "$PART" = all ] || [ "$PART" = status ]; then status_part; fi
if [ "$PART" = all ] || [ "$PART" = handoff ]; then
  python3 "$WORK/client.py" handoff "$MIRROR" "$SAMPLES" "$WARMUP_BUILDS" "$BASE1" "$BASE2" "$WORK/ids" "$WORK/long-build"
fi
