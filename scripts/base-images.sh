#!/usr/bin/env bash
# Makes the base images that builds here start from, since none can be pulled on these machines.
# An image that already exists is not made again. Needs a running engine (scripts/engine.sh up).
#   scripts/base-images.sh [all]      busybox, then the language stand-ins (first run: a few minutes)
#   scripts/base-images.sh busybox    busybox only (about 1 s)
#   scripts/base-images.sh language   the language stand-ins only
# busybox:latest (also daas-test/busybox:1): busybox-static from Debian, imported in about 1 s.
# Language stand-ins: images named like the official ones that generated Dockerfiles start from
# (see docs/detection.md), made from a debootstrap'd Debian bookworm with Debian's toolchains
# (Node 18, Python 3.11, Go 1.19, Rust 1.63, Java 17: older than the tags say), trusting the
# host's egress-proxy CA, pushed to the local registry under $MIRROR.
# The last line printed is `export BASE_IMAGE_MIRROR=...` for people and other scripts.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(scripts/engine.sh env)"
DOCKER_CLI=/usr/bin/docker
[ -x "$DOCKER_CLI" ] || DOCKER_CLI="$(command -v docker)"

log() { echo "base-images.sh: $*" >&2; }
has_image() { "$DOCKER_CLI" image inspect "$1" >/dev/null 2>&1; }

make_busybox() {
  if has_image daas-test/busybox:1 && has_image busybox:latest; then return; fi
  [ -x /bin/busybox ] || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq busybox-static >/dev/null; }
  local dir
  dir="$(mktemp -d)"
  mkdir -p "$dir/bin" "$dir/tmp" "$dir/etc"
  cp /bin/busybox "$dir/bin/busybox"
  for applet in $(/bin/busybox --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$dir/bin/$applet"
  done
  echo 'root:x:0:0:root:/root:/bin/sh' >"$dir/etc/passwd"
  echo 'nobody:x:65534:65534:nobody:/:/bin/sh' >>"$dir/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$dir/etc/group"
  tar -C "$dir" -c . | "$DOCKER_CLI" import -c 'ENV PATH=/bin' -c 'CMD ["sh"]' - daas-test/busybox:1 >/dev/null
  "$DOCKER_CLI" tag daas-test/busybox:1 busybox:latest
  rm -rf "$dir"
  log "made busybox:latest and daas-test/busybox:1"
}

REGISTRY="${DAAS_REGISTRY_ADDR:-127.0.0.1:5000}"
MIRROR="$REGISTRY/mirror"
DEBIAN=local/debian:bookworm
WORK=""
cleanup() { [ -z "$WORK" ] || rm -rf "$WORK"; }
trap cleanup EXIT

in_registry() { # $1 = repository under the registry, $2 = tag
  curl -fsS -o /dev/null --max-time 5 \
    -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    "http://$REGISTRY/v2/$1/manifests/$2" 2>/dev/null
}

# Makes sure $MIRROR/$1 is in the registry: pushed if only local, built from stdin's Dockerfile if
# neither. The build context holds the host's extra CA certificates as certs/ (never committed).
standin() { # $1 = name:tag under the mirror; Dockerfile on stdin
  local name="${1%:*}" tag="${1##*:}" ref="$MIRROR/$1" dockerfile
  dockerfile="$(cat)"
  if in_registry "mirror/$name" "$tag"; then return; fi
  if ! has_image "$ref"; then
    local ctx="$WORK/ctx-${name//\//_}-$tag" start=$SECONDS
    mkdir -p "$ctx/certs"
    cp /usr/local/share/ca-certificates/*.crt "$ctx/certs/" 2>/dev/null || true
    printf '%s\n' "$dockerfile" >"$ctx/Dockerfile"
    "$DOCKER_CLI" build --network host -q -t "$ref" "$ctx" >/dev/null
    log "made $ref in $((SECONDS - start)) s"
  fi
  "$DOCKER_CLI" push -q "$ref" >/dev/null
  log "pushed $ref"
}

make_debian() {
  if has_image "$DEBIAN"; then return; fi
  command -v debootstrap >/dev/null || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }
  log "debootstrap bookworm (about 25 s)"
  debootstrap --variant=minbase bookworm "$WORK/rootfs" http://deb.debian.org/debian >"$WORK/debootstrap.log" 2>&1 \
    || { tail -20 "$WORK/debootstrap.log" >&2; exit 1; }
  tar -C "$WORK/rootfs" -c . | "$DOCKER_CLI" import -c 'CMD ["bash"]' - "$DEBIAN" >/dev/null
  rm -rf "$WORK/rootfs"
  log "made $DEBIAN"
}

# Lines every Debian-based stand-in starts with: trust the host's CA, then the given packages.
debian_with() { # $@ = Debian packages
  cat <<DOCKERFILE
FROM $DEBIAN
ENV LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive
COPY certs/ /usr/local/share/ca-certificates/
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates $* \\
 && update-ca-certificates && rm -rf /var/lib/apt/lists/*
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
DOCKERFILE
}

make_language() {
  make_debian
  # Rust's runtime; generated Dockerfiles make their own non-root user on it.
  debian_with | standin debian:bookworm-slim
  { debian_with nodejs npm; cat <<'DOCKERFILE'
# The official image has a `node` user (uid 1000) that generated Dockerfiles run as.
RUN groupadd --gid 1000 node && useradd --uid 1000 --gid node --create-home --shell /bin/bash node
CMD ["node"]
DOCKERFILE
  } | standin node:22-slim
  { debian_with python3 python3-venv python3-pip python-is-python3; cat <<'DOCKERFILE'
# The official image lets pip install outside a venv (no PEP 668 marker).
RUN rm -f /usr/lib/python3*/EXTERNALLY-MANAGED
CMD ["python3"]
DOCKERFILE
  } | standin python:3.12-slim
  { debian_with golang-go git; cat <<'DOCKERFILE'
ENV GOPATH=/go PATH=/go/bin:/usr/lib/go/bin:$PATH
WORKDIR /go
DOCKERFILE
  } | standin golang:1.25
  # distroless/static: no shell, CA certificates, tzdata, a nonroot user (65532).
  cat <<DOCKERFILE | standin gcr.io/distroless/static-debian12:nonroot
FROM $DEBIAN AS src
COPY certs/ /usr/local/share/ca-certificates/
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates tzdata && update-ca-certificates \\
 && mkdir -p /out/etc/ssl/certs /out/usr/share /out/tmp /out/home/nonroot \\
 && cp /etc/ssl/certs/ca-certificates.crt /out/etc/ssl/certs/ && cp -r /usr/share/zoneinfo /out/usr/share/ \\
 && printf 'root:x:0:0:root:/root:/sbin/nologin\\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\\n' >/out/etc/passwd \\
 && printf 'root:x:0:\\nnobody:x:65534:\\nnonroot:x:65532:\\n' >/out/etc/group \\
 && chmod 1777 /out/tmp && chown 65532:65532 /out/home/nonroot
FROM scratch
COPY --from=src /out/ /
ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
USER 65532:65532
WORKDIR /home/nonroot
DOCKERFILE
  { debian_with cargo rustc libc6-dev; echo 'ENV CARGO_HOME=/usr/local/cargo PATH=/usr/local/cargo/bin:$PATH'; } \
    | standin rust:1.88-slim-bookworm
  { debian_with openjdk-17-jdk-headless maven; cat <<'DOCKERFILE'
ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 MAVEN_HOME=/usr/share/maven
CMD ["mvn", "--version"]
DOCKERFILE
  } | standin maven:3.9-eclipse-temurin-17
  { debian_with openjdk-17-jre-headless; echo 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64'; } \
    | standin eclipse-temurin:17-jre
  # The official busybox image has the httpd and wget applets and a nobody user; so has ours.
  if ! in_registry mirror/busybox 1.36; then
    "$DOCKER_CLI" tag daas-test/busybox:1 "$MIRROR/busybox:1.36"
    "$DOCKER_CLI" push -q "$MIRROR/busybox:1.36" >/dev/null
    log "pushed $MIRROR/busybox:1.36"
  fi
}

mode="${1:-all}"
case "$mode" in
  busybox) make_busybox ;;
  language) WORK="$(mktemp -d)"; make_busybox; make_language ;;
  all) WORK="$(mktemp -d)"; make_busybox; make_language ;;
  *) echo "usage: $0 [all|busybox|language]" >&2; exit 2 ;;
esac
echo "export BASE_IMAGE_MIRROR=$MIRROR"
