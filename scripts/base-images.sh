#!/usr/bin/env bash
# Makes the base images that builds here start from, since none can be pulled on these machines.
# An image that already exists is not made again. Needs a running engine (scripts/engine.sh up).
#   busybox:latest (also daas-test/busybox:1): busybox-static from Debian, imported in about 1 s.
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

make_busybox
