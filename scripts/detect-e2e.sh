#!/usr/bin/env bash
# Builds and runs the e2e fixtures with the Dockerfiles the detector generates, on the engine:
# for each kind, copies src/test/resources/fixtures/e2e-<kind> to a temp folder, writes the
# generated Dockerfile there (test-only EmitDockerfile), `docker build --network host`, runs the
# image with --network host on a random high port and checks GET / says "hello from <kind>".
#   scripts/detect-e2e.sh [kind ...]    kinds: node python go rust java-maven static (default: these six),
#                                       node20 node22-pnpm bun deno ruby php java21-maven
#   NO_CACHE=1 scripts/detect-e2e.sh    builds without the layer cache (cold build times)
#   FIXTURES_DIR=/tmp/more scripts/detect-e2e.sh express   takes /tmp/more/e2e-express instead
# Needs the engine (scripts/engine.sh up) and the stand-ins (scripts/base-images.sh). Cleans up
# the images and containers it made.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(scripts/engine.sh env)"
export BASE_IMAGE_MIRROR="${BASE_IMAGE_MIRROR:-127.0.0.1:5000/mirror}"
DOCKER_CLI=/usr/bin/docker
[ -x "$DOCKER_CLI" ] || DOCKER_CLI="$(command -v docker)"
kinds=("$@")
[ ${#kinds[@]} -gt 0 ] || kinds=(node python go rust java-maven static)

mvn -B -q -o test-compile >/dev/null 2>&1 || mvn -B -q test-compile
cp_file=target/detect-e2e.classpath
[ -s "$cp_file" ] || mvn -B -q dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
classpath="target/classes:target/test-classes:$(cat "$cp_file")"

work="$(mktemp -d)"
failed=0
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

for kind in "${kinds[@]}"; do
  dir="$work/$kind"
  cp -r "${FIXTURES_DIR:-src/test/resources/fixtures}/e2e-$kind" "$dir"
  java -cp "$classpath" io.daas.builder.detect.EmitDockerfile "$dir" >"$work/$kind.plan"
  tag="daas-detect-e2e/$kind:latest"
  start=$(date +%s.%N)
  if ! "$DOCKER_CLI" build --network host ${NO_CACHE:+--no-cache} -t "$tag" "$dir" >"$work/$kind.build.log" 2>&1; then
    echo "FAIL $kind: build failed"; tail -30 "$work/$kind.build.log"; failed=1; continue
  fi
  build_s=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
  port=$((20000 + RANDOM % 20000))
  name="daas-detect-e2e-$kind-$$"
  "$DOCKER_CLI" run -d --rm --name "$name" --network host -e PORT="$port" "$tag" >/dev/null
  body=""
  for _ in $(seq 1 60); do
    body="$(curl -fsS --max-time 2 "http://127.0.0.1:$port/" 2>/dev/null || true)"
    [ -n "$body" ] && break
    sleep 0.5
  done
  size=$("$DOCKER_CLI" image inspect -f '{{.Size}}' "$tag")
  user=$("$DOCKER_CLI" image inspect -f '{{.Config.User}}' "$tag")
  # The HEALTHCHECK, run now rather than waiting for its interval: its tool must be in the image.
  health=none
  hc="$("$DOCKER_CLI" image inspect -f '{{if .Config.Healthcheck}}{{index .Config.Healthcheck.Test 1}}{{end}}' "$tag")"
  if [ -n "$hc" ]; then
    if "$DOCKER_CLI" exec "$name" sh -c "$hc" >/dev/null 2>&1; then health=ok; else health=FAILED; fi
  fi
  if [[ "$body" == *"hello from $kind"* ]] && [ "$health" != FAILED ]; then
    printf 'PASS %-10s build %5.1f s  image %4d MB  user %-16s healthcheck %-4s body: %s\n' \
      "$kind" "$build_s" $((size / 1000000)) "$user" "$health" "$(echo "$body" | tr -d '\n' | sed 's/<[^>]*>//g' | tr -s ' ')"
  else
    echo "FAIL $kind: GET / on port $port said: ${body:-nothing}; healthcheck $health"; "$DOCKER_CLI" logs "$name" 2>&1 | tail -20; failed=1
  fi
  "$DOCKER_CLI" rm -f "$name" >/dev/null 2>&1 || true
  "$DOCKER_CLI" rmi -f "$tag" >/dev/null 2>&1 || true
done
exit $failed
