#!/usr/bin/env bash
# Build speed against plain `docker build` of the same context, in the same run:
#   first   = a build whose steps all run (a fresh file busts the cache at COPY)
#   layer   = the same bundle again, other labels: every Dockerfile step comes from the layer cache
#   reuse   = the same bundle and options again: the identical earlier build's image is reused
# Both sides use the same limits (1 CPU, 2g per step, network none) and the classic builder.
# Usage: bench/rebuild.sh [rounds]   (default 5). Prints medians and ratios as a Markdown table.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-5}"
scripts/engine.sh up >/dev/null
eval "$(scripts/engine.sh env)"
scripts/base-images.sh busybox >/dev/null
DOCKER=/usr/bin/docker
[ -f target/daas-builder.jar ] || mvn -B -q package -DskipTests -Dspotless.check.skip=true

WORK="$(mktemp -d)"
PORT=$((20000 + RANDOM % 20000))
cleanup() { kill "$SVC" 2>/dev/null || true; wait "$SVC" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
PORT=$PORT DATA_DIR="$WORK/data" DOCKER_BUILD_DIR="$WORK/builds" BUILD_NETWORK=none BUILD_CPU_LIMIT=1 \
  BUILD_MEMORY_LIMIT=2g BIND_ADDRESS=127.0.0.1 java -jar target/daas-builder.jar >"$WORK/service.log" 2>&1 &
SVC=$!
for _ in $(seq 1 120); do curl -fs "localhost:$PORT/health" >/dev/null 2>&1 && break; sleep 0.5; done
API="http://127.0.0.1:$PORT/api/docker"

# A context of 1,000 small files (about 4 MB) and steps that read them and do some work.
CTX="$WORK/ctx"
mkdir -p "$CTX/src"
python3 - "$CTX/src" <<'PY'
import os, sys, random
random.seed(7)
for d in range(10):
    os.makedirs(f"{sys.argv[1]}/pkg{d}", exist_ok=True)
    for f in range(100):
        with open(f"{sys.argv[1]}/pkg{d}/file{f}.txt", "w") as out:
            out.write("".join(random.choice("abcdefgh \n") for _ in range(4000)))
PY
cat >"$CTX/Dockerfile" <<'DF'
FROM busybox
COPY nonce /nonce
COPY src /src
RUN find /src -type f | xargs cat | md5sum > /checksum
RUN for i in $(seq 1 2); do tar -cf - /src | gzip -1 | wc -c; done > /sizes
RUN sleep 1
CMD ["cat", "/checksum"]
DF

now() { date +%s.%N; }
service_build() { # $1 bundle id, $2 extra buildOptions JSON; prints seconds from request to success
  local t0 id status
  t0=$(now)
  id=$(curl -fs -X POST "$API/build" -H 'Content-Type: application/json' \
    -d "{\"bundleId\":\"$1\",\"buildOptions\":{$2}}" | sed 's/.*"buildId":"\([^"]*\)".*/\1/')
  while true; do
    status=$(curl -fs "$API/build/$id" | sed 's/.*"status":"\([a-z]*\)".*/\1/')
    case "$status" in success) break ;; failed|cancelled) echo "build $id $status" >&2; exit 1 ;; esac
    sleep 0.05
  done
  echo "$(now) - $t0" | bc
  echo "$id" >>"$WORK/ids"
}

: >"$WORK/results"
for round in $(seq 1 "$ROUNDS"); do
  # docker build, cold for this round
  echo "docker-$round-$RANDOM" >"$CTX/nonce"
  t0=$(now)
  DOCKER_BUILDKIT=0 $DOCKER build -q --network none --memory 2g --memory-swap 2g --cpu-period 100000 \
    --cpu-quota 100000 --force-rm -t "bench-docker:$round" "$CTX" >/dev/null
  docker_s=$(echo "$(now) - $t0" | bc)
  # the service, cold for this round
  echo "service-$round-$RANDOM" >"$CTX/nonce"
  tar -C "$CTX" -czf "$WORK/bundle.tgz" .
  bundle=$(curl -fs --data-binary @"$WORK/bundle.tgz" -H 'Content-Type: application/gzip' "$API/bundles" \
    | sed 's/.*"bundleId":"\([^"]*\)".*/\1/')
  first_s=$(service_build "$bundle" "")
  layer_s=$(service_build "$bundle" "\"labels\":{\"round\":\"$round\"}")
  reuse_s=$(service_build "$bundle" "")
  echo "$docker_s $first_s $layer_s $reuse_s" >>"$WORK/results"
  echo "round $round: docker build ${docker_s}s, service first ${first_s}s, layer-cached ${layer_s}s, reused ${reuse_s}s" >&2
  $DOCKER rmi -f "bench-docker:$round" >/dev/null
done
while read -r id; do $DOCKER rmi -f "daas-app:$id" >/dev/null 2>&1 || true; done <"$WORK/ids"

python3 - "$WORK/results" "$ROUNDS" <<'PY'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
med = [statistics.median(c) for c in zip(*rows)]
d, f, l, r = med
print(f"| measure ({sys.argv[2]} rounds, medians) | seconds | ratio |")
print("|---|---|---|")
print(f"| `docker build` (classic builder, same limits) | {d:.2f} | 1.00 |")
print(f"| service, first build (request to success) | {f:.2f} | {f/d:.3f} of docker build |")
print(f"| service, unchanged rebuild from the layer cache | {l:.2f} | {l/f:.3f} of its first build |")
print(f"| service, identical build reused | {r:.2f} | {r/f:.3f} of its first build |")
PY
