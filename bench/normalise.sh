#!/usr/bin/env bash
# Cost of buildOptions.reproducible on a ~200 MB image (issue 18), built with noCache in turns:
# plain, then reproducible. Two images:
#   worst: a busybox image plus one RUN step writing 2,000 files of 100 kB of random bytes (200 MB
#          in one layer the build made, so all of it is rewritten; the build itself does little);
#   node:  bench/fixtures/node-200mb, a Node app with a lockfile whose dependencies make ~200 MB of
#          node_modules, built from the generated Dockerfile (npm ci from the npm registry: the
#          service runs with BUILD_NETWORK=host).
# Prints per round the plain build's time, the reproducible build's time and its normalisation (the
# "Normalised the image in N ms" log line: save, rewrite, load), and the medians as a Markdown
# table; exits 1 when the median normalisation is above 20% of the median plain build (the target).
# Usage: bench/normalise.sh [rounds] [worst|node]   (default 3 worst)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-3}"
KIND="${2:-worst}"
case "$KIND" in worst) NETWORK=none ;; node) NETWORK=host ;; *) echo "kind: worst or node" >&2; exit 2 ;; esac
eval "$(scripts/engine.sh env)"
DOCKER=/usr/bin/docker
JAR="${JAR:-target/daas-builder.jar}"   # JAR=... to compare another build of the service
[ -f "$JAR" ] || mvn -B -q package -DskipTests -Dspotless.check.skip=true
BASE=127.0.0.1:5000/mirror/busybox:1.36
$DOCKER image inspect "$BASE" >/dev/null 2>&1 || BASE=daas-test/busybox:1

WORK="$(mktemp -d)"
PORT=$((20000 + RANDOM % 20000))
cleanup() { kill "$SVC" 2>/dev/null || true; wait "$SVC" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
PORT=$PORT DATA_DIR="$WORK/data" DOCKER_BUILD_DIR="$WORK/builds" BUILD_NETWORK=$NETWORK BUILD_CPU_LIMIT=0 \
  ALLOWED_BASE_REGISTRIES=127.0.0.1:5000,docker.io OUTBOUND_ALLOW_LOOPBACK=true BASE_IMAGE_MIRROR=127.0.0.1:5000/mirror \
  BUILD_MEMORY_LIMIT=2g BIND_ADDRESS=127.0.0.1 CLEANUP_INTERVAL=86400 MIN_FREE_DISK=0 \
  java -jar "$JAR" >"$WORK/service.log" 2>&1 &
SVC=$!
for _ in $(seq 1 120); do curl -fs "localhost:$PORT/health" >/dev/null 2>&1 && break; sleep 0.5; done
API="http://127.0.0.1:$PORT/api/docker"

mkdir -p "$WORK/ctx"
if [ "$KIND" = node ]; then
  cp bench/fixtures/node-200mb/* "$WORK/ctx/"
else
cat >"$WORK/ctx/Dockerfile" <<DOCKERFILE
FROM $BASE
RUN mkdir /data && i=0 && while [ \$i -lt 2000 ]; do head -c 100000 /dev/urandom > /data/f\$i; i=\$((i+1)); done
CMD ["ls", "/data"]
DOCKERFILE
fi
tar -C "$WORK/ctx" -czf "$WORK/bundle.tar.gz" .
BUNDLE=$(curl -fs -H 'Content-Type: application/gzip' --data-binary @"$WORK/bundle.tar.gz" "$API/bundles" | jq -r .bundleId)

seconds() { python3 -c "import sys,datetime as d; p=lambda s: d.datetime.fromisoformat(s.replace('Z','+00:00')); print('%.2f' % (p(sys.argv[2])-p(sys.argv[1])).total_seconds())" "$1" "$2"; }
build() { # $1 = buildOptions JSON; prints "seconds imageId size buildId"
  local id data
  id=$(curl -fs -H 'Content-Type: application/json' -d "{\"bundleId\":\"$BUNDLE\",\"buildOptions\":$1}" "$API/build" | jq -r .buildId)
  while :; do
    data=$(curl -fs "$API/build/$id" | jq -c .data)
    case "$(jq -r .status <<<"$data")" in success) break ;; failed|cancelled) echo "build failed: $data" >&2; exit 1 ;; esac
    sleep 0.2
  done
  echo "$(seconds "$(jq -r .startTime <<<"$data")" "$(jq -r .endTime <<<"$data")") $(jq -r .imageId <<<"$data") $(jq -r .size <<<"$data") $id"
}

printf '| round | plain build | reproducible build | normalisation (save / rewrite / load) | share of plain build | image |\n|---|---|---|---|---|---|\n'
PLAINS=(); NORMS=(); REPROS=()
for r in $(seq 1 "$ROUNDS"); do
  read -r plain _ _ pid < <(build '{"noCache":true}')
  read -r repro image size rid < <(build '{"noCache":true,"reproducible":true}')
  line=$(curl -fs "$API/build/$rid/logs?follow=false" | grep -m1 'Normalised the image in')
  norm_ms=$(sed -n 's/.*Normalised the image in \([0-9]*\) ms.*/\1/p' <<<"$line")
  parts=$(sed -n 's/.*(save \([0-9]*\) ms, rewrite \([0-9]*\) ms, load \([0-9]*\) ms).*/\1 \/ \2 \/ \3 ms/p' <<<"$line")
  norm=$(python3 -c "print('%.2f' % ($norm_ms/1000))")
  PLAINS+=("$plain"); REPROS+=("$repro"); NORMS+=("$norm")
  printf '| %s | %s s | %s s | %s s (%s) | %s%% | %s MB, %s |\n' "$r" "$plain" "$repro" "$norm" "$parts" \
    "$(python3 -c "print(round(100*$norm/$plain))")" "$((size / 1000000))" "${image:7:12}"
  $DOCKER rmi -f "daas-app:$pid" "daas-app:$rid" >/dev/null 2>&1 || true
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
MP=$(median "${PLAINS[@]}"); MR=$(median "${REPROS[@]}"); MN=$(median "${NORMS[@]}")
SHARE=$(python3 -c "print(round(100*$MN/$MP))")
printf '| **median** | **%s s** | **%s s** | **%s s** | **%s%%** (target < 20%%) | |\n' "$MP" "$MR" "$MN" "$SHARE"
[ "$SHARE" -lt 20 ]
