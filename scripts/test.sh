#!/usr/bin/env bash
# Runs every test against a real engine, registry and PostgreSQL: starts them when none answers, makes the
# base images the tests build from, then `mvn -B verify` (unit tests, integration tests, format
# check, architecture rules). Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/engine.sh up >/dev/null
eval "$(scripts/engine.sh env)"
# a second private engine (same registry) for the tests of replicas with an engine each
# (ReplicaIntegrationTests, ReplicaClusterIntegrationTests); it needs root to start dockerd, without
# it only those tests fail
if second="$(scripts/engine.sh second up | tail -1)"; then
  eval "$second"
else
  echo "test.sh: no second engine (see above): the Replica*IntegrationTests will fail" >&2
fi
# PostgreSQL on loopback for the test that runs the service on it (H2 stays the default)
scripts/database.sh up
eval "$(scripts/database.sh env)"
# busybox and the language stand-ins that generated Dockerfiles start from (first run: minutes)
eval "$(scripts/base-images.sh all | tail -1)"
export BUILD_NETWORK="${BUILD_NETWORK:-none}"
MVN=mvn
[ -x ./mvnw ] && MVN=./mvnw
exec "$MVN" -B verify "$@"
