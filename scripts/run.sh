#!/usr/bin/env bash
# Starts the service in the foreground on PORT (default 3001), with the embedded H2 database and
# data under DATA_DIR (default ./data), after making sure a Docker engine and a registry answer.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/engine.sh up >/dev/null
eval "$(scripts/engine.sh env)"
# busybox for the README's walk-through; the language stand-ins too when BASE_IMAGES_ALL=1 (minutes)
eval "$(scripts/base-images.sh "$([ "${BASE_IMAGES_ALL:-0}" = 1 ] && echo all || echo busybox)" | tail -1)"
export DATA_DIR="${DATA_DIR:-$PWD/data}"
# the local registry of engine.sh is the default registry (allowed by the outbound policy as such),
# so the README's push works as written; REGISTRY_URL= (empty) runs without a default registry
export REGISTRY_URL="${REGISTRY_URL-${DAAS_REGISTRY_ADDR:-127.0.0.1:5000}}"
export DOCKER_BUILD_DIR="${DOCKER_BUILD_DIR:-$DATA_DIR/builds}"
mkdir -p "$DATA_DIR"
JAR=target/daas-builder.jar
if [ ! -f "$JAR" ] || [ -n "$(find src pom.xml -newer "$JAR" -print -quit)" ]; then
  echo "run.sh: building $JAR" >&2
  mvn -B -q package -DskipTests -Dspotless.check.skip=true
fi
echo "run.sh: DAAS Builder on port ${PORT:-3001}, engine $DOCKER_HOST, data in $DATA_DIR, registry ${REGISTRY_URL:-none}" >&2
exec java ${JAVA_OPTS:-} -jar "$JAR"
