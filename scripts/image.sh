#!/usr/bin/env bash
# Builds the service's image (Dockerfile) on the engine of scripts/engine.sh, from the stand-in
# base images of scripts/base-images.sh, since this machine cannot pull the official ones.
#   scripts/image.sh [TAG]    default TAG: daas-docker-builder:<version> (also tagged :latest)
# On a machine that pulls from Docker Hub the same Dockerfile builds from the official images:
#   docker build -t daas-docker-builder .
# Maven downloads the dependencies inside the build (host network, a BuildKit cache mount keeps
# them for the next build). Prints the image's size; the last line is `export DAAS_IMAGE=<tag>`.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(scripts/engine.sh env)"
DOCKER_CLI=/usr/bin/docker
[ -x "$DOCKER_CLI" ] || DOCKER_CLI="$(command -v docker)"
log() { echo "image.sh: $*" >&2; }

# the project's version: the first <version> after its own artifactId
VERSION="$(sed -n '/<artifactId>daas-builder<\/artifactId>/,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)"
REVISION="$(git rev-parse HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git status --porcelain -- pom.xml src Dockerfile 2>/dev/null)" ]; then REVISION="$REVISION-dirty"; fi
# the repository: DAAS_SOURCE_URL, else the git remote `origin`, else "unknown"
SOURCE="${DAAS_SOURCE_URL:-$(git remote get-url origin 2>/dev/null || echo unknown)}"
TAG="${1:-daas-docker-builder:$VERSION}"

# The stand-ins, unless the official images are here (a machine that can pull them)
MIRROR="${BASE_IMAGE_MIRROR:-127.0.0.1:5000/mirror}"
BUILD_IMAGE="$MIRROR/maven:3.9-eclipse-temurin-17"
RUNTIME_IMAGE="$MIRROR/eclipse-temurin:17-jre"
if [ "${DAAS_OFFICIAL_BASE_IMAGES:-0}" = 1 ]; then
  BUILD_IMAGE=maven:3.9-eclipse-temurin-17
  RUNTIME_IMAGE=eclipse-temurin:17-jre
else
  scripts/base-images.sh language >/dev/null
fi

start=$SECONDS
log "building $TAG from $BUILD_IMAGE and $RUNTIME_IMAGE (version $VERSION, revision $REVISION)"
DOCKER_BUILDKIT=1 "$DOCKER_CLI" build --network host --progress plain \
  --build-arg BUILD_IMAGE="$BUILD_IMAGE" --build-arg RUNTIME_IMAGE="$RUNTIME_IMAGE" \
  --build-arg VERSION="$VERSION" --build-arg REVISION="$REVISION" --build-arg SOURCE="$SOURCE" \
  -t "$TAG" . >"${DAAS_IMAGE_LOG:-/tmp/daas-image-build.log}" 2>&1 \
  || { tail -40 "${DAAS_IMAGE_LOG:-/tmp/daas-image-build.log}" >&2; log "build failed"; exit 1; }
[ "$#" -gt 0 ] || "$DOCKER_CLI" tag "$TAG" daas-docker-builder:latest
size="$("$DOCKER_CLI" image inspect --format '{{.Size}}' "$TAG")"
log "built $TAG in $((SECONDS - start)) s: $((size / 1000000)) MB ($size bytes)"
echo "export DAAS_IMAGE=$TAG"
