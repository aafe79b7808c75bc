#!/usr/bin/env bash
# Issue 18's network case: a Node project with a lockfile (fixtures/node-lockfile-network, two npm
# packages), built with reproducible: true and BUILD_NETWORK=host (npm ci reaches the npm
# registry), then reproduced (POST /build/{id}/reproduce: a fresh no-cache rebuild). Prints the
# reproduction's answer: match, both image ids, and the first difference when there is one.
# Usage: bench/reproduce-network.sh
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(scripts/engine.sh env)"
[ -f target/daas-builder.jar ] || mvn -B -q package -DskipTests -Dspotless.check.skip=true
WORK="$(mktemp -d)"
PORT=$((20000 + RANDOM % 20000))
cleanup() { kill "$SVC" 2>/dev/null || true; wait "$SVC" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
PORT=$PORT DATA_DIR="$WORK/data" DOCKER_BUILD_DIR="$WORK/builds" BUILD_NETWORK=host BUILD_CPU_LIMIT=0 \
  BASE_IMAGE_MIRROR="${BASE_IMAGE_MIRROR:-127.0.0.1:5000/mirror}" BIND_ADDRESS=127.0.0.1 CLEANUP_INTERVAL=86400 \
  MIN_FREE_DISK=0 java -jar target/daas-builder.jar >"$WORK/service.log" 2>&1 &
SVC=$!
for _ in $(seq 1 120); do curl -fs "localhost:$PORT/health" >/dev/null 2>&1 && break; sleep 0.5; done
API="http://127.0.0.1:$PORT/api/docker"
tar -C src/test/resources/fixtures/node-lockfile-network -czf "$WORK/bundle.tar.gz" .
BUNDLE=$(curl -fs -H 'Content-Type: application/gzip' --data-binary @"$WORK/bundle.tar.gz" "$API/bundles" | jq -r .bundleId)
ID=$(curl -fs -H 'Content-Type: application/json' -d "{\"bundleId\":\"$BUNDLE\",\"buildOptions\":{\"reproducible\":true}}" "$API/build" | jq -r .buildId)
until curl -fs "$API/build/$ID" | jq -e '.data.status | test("success|failed|cancelled")' >/dev/null; do sleep 0.5; done
curl -fs "$API/build/$ID" | jq -c '.data | {status, imageId, error}'
curl -fs -X POST "$API/build/$ID/reproduce" | jq -c .data
until curl -fs "$API/build/$ID/reproduce" | jq -e '.data.match != null' >/dev/null; do sleep 1; done
curl -fs "$API/build/$ID/reproduce" | jq .data
IDS=$(curl -fs "$API/build/$ID/reproduce" | jq -r '.data.buildId, .data.rebuildId')
for b in $IDS; do /usr/bin/docker rmi -f "daas-app:$b" >/dev/null 2>&1 || true; done
