#!/usr/bin/env bash
# Runs the README's walk-through blocks ("Walk-through with curl" and "Pushing to a registry") as
# written, against scripts/run.sh started on a free PORT with its own DATA_DIR: only the port of
# http://localhost:3001 is replaced. Fails when a command fails or an answer is not the one the
# README describes. ReadmeWalkthroughIntegrationTests runs it.
#   scripts/readme-check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
WORK="$(mktemp -d /tmp/daas-readme-XXXXXX)"
BASE="http://localhost:$PORT"
SERVICE_PID=""
log() { echo "readme-check.sh: $*" >&2; }
cleanup() {
  if [ -n "$SERVICE_PID" ]; then
    for id in $(curl -s "$BASE/api/docker/builds" | grep -o '"buildId":"[^"]*"' | cut -d'"' -f4); do
      /usr/bin/docker rmi -f "daas-app:$id" >/dev/null 2>&1 || true
    done
    kill "$SERVICE_PID" 2>/dev/null || true
    wait "$SERVICE_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# the bash blocks of the two sections, in order
awk '
  /^## / { section = ($0 ~ /^## (Walk-through with curl|Pushing to a registry)$/) }
  section && /^```bash$/ { block = 1; next }
  block && /^```$/ { block = 0; next }
  block { print }
' README.md | sed "s#http://localhost:3001#$BASE#g" >"$WORK/walkthrough.sh"
[ "$(grep -c 'curl' "$WORK/walkthrough.sh")" -ge 5 ] || { log "found no walk-through in README.md"; exit 1; }

PORT="$PORT" DATA_DIR="$WORK/data" scripts/run.sh >"$WORK/service.log" 2>&1 &
SERVICE_PID=$!
for _ in $(seq 240); do
  curl -fs "$BASE/health" >/dev/null 2>&1 && break
  kill -0 "$SERVICE_PID" 2>/dev/null || { cat "$WORK/service.log" >&2; log "scripts/run.sh ended"; exit 1; }
  sleep 0.5
done
curl -fs "$BASE/health" >/dev/null || { tail -50 "$WORK/service.log" >&2; log "the service did not start"; exit 1; }

log "running $(grep -cv '^\s*\(#\|$\)' "$WORK/walkthrough.sh") lines of README.md"
if ! (cd "$PWD" && bash -euo pipefail "$WORK/walkthrough.sh") >"$WORK/out.txt" 2>"$WORK/err.txt"; then
  cat "$WORK/out.txt" "$WORK/err.txt" >&2
  log "a README command failed"
  exit 1
fi
# every build the README started ends (the last one pushes when it is built)
for _ in $(seq 120); do
  curl -s "$BASE/api/docker/builds" | grep -q '"status":"\(pending\|building\)"' || break
  sleep 0.5
done
OUT="$(cat "$WORK/out.txt")"
BUILDS="$(curl -s "$BASE/api/docker/builds")"
failed=0
expect() { # $1 = what, $2 = text that must be in $3
  case "$3" in *"$2"*) ;; *) log "expected $1 ($2)"; failed=1 ;; esac
}
expect "the build to succeed" '"status":"success"' "$OUT"
expect "the image to greet" 'hello from daas' "$OUT"
expect "the push answer" '"registryTag":"127.0.0.1:5000/daas/daas-app:' "$OUT"
expect "the auto-push build to start" '"statusUrl":"/api/docker/build/' "$OUT"
expect "the auto-pushed build's push" '"registryTag":"127.0.0.1:5000/team/daas-app:' "$BUILDS"
case "$OUT$BUILDS" in *'"success":false'*|*'"status":"failed"'*) log "an answer was a failure"; failed=1 ;; esac
if [ $failed != 0 ]; then
  cat "$WORK/out.txt" >&2
  echo "$BUILDS" >&2
  exit 1
fi
log "every README command ran as written"
