#!/usr/bin/env bash
# Starts the service in the foreground on PORT (default 3001), with the embedded H2 database and
# data under DATA_DIR (default ./data), after making sure a Docker engine and a registry answer.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/engine.sh up >/dev/null
eval "$(scripts/engine.sh env)"
scripts/base-images.sh
export DATA_DIR="${DATA_DIR:-$PWD/data}"
export DOCKER_BUILD_DIR="${DOCKER_BUILD_DIR:-$DATA_DIR/builds}"
mkdir -p "$DATA_DIR"
JAR=target/daas-builder.jar
if [ ! -f "$JAR" ] || [ -n "$(find src pom.xml -newer "$JAR" -print -quit)" ]; then
  echo "run.sh: building $JAR" >&2
  mvn -B -q package -DskipTests -Dspotless.check.skip=true
fi
echo "run.sh: DAAS Builder on port ${PORT:-3001}, engine $DOCKER_HOST, data in $DATA_DIR" >&2
exec java ${JAVA_OPTS:-} -jar "$JAR"
