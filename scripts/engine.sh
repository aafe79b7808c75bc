#!/usr/bin/env bash
# Makes sure a Docker engine and a local registry answer; starts private ones when none does.
#   scripts/engine.sh up     reuse a reachable engine/registry, or install and start private ones
#   scripts/engine.sh down   stop the private engine and registry this script started
#   scripts/engine.sh env    print `export DOCKER_HOST=...` (and the registry address)
#   scripts/engine.sh status say what answers
#   scripts/engine.sh second [up|down|env]  a second private engine (own data root and socket,
#                            same registry) for tests of replicas that each have their own engine
# Private ones follow ../shared/docs/engine-recipe.md: dockerd with no bridge and no iptables
# (build steps use network mode none or host), the distribution registry on 127.0.0.1:5000.
set -euo pipefail

ENGINE_ROOT="${DAAS_ENGINE_ROOT:-/var/lib/daas-builder-engine}"
REGISTRY_ADDR="${DAAS_REGISTRY_ADDR:-127.0.0.1:5000}"
PRIVATE_HOST="unix://$ENGINE_ROOT/docker.sock"
DOCKER_CLI=/usr/bin/docker
[ -x "$DOCKER_CLI" ] || DOCKER_CLI="$(command -v docker || true)"

log() { echo "engine.sh: $*" >&2; }

engine_answers() { # $1 = DOCKER_HOST value
  [ -n "$DOCKER_CLI" ] || return 1
  DOCKER_HOST="$1" timeout 10 "$DOCKER_CLI" version --format '{{.Server.Version}}' >/dev/null 2>&1
}

registry_answers() {
  curl -fsS -o /dev/null --max-time 5 "http://$REGISTRY_ADDR/v2/" 2>/dev/null
}

# Prints the DOCKER_HOST to use, or nothing when no engine answers.
find_engine() {
  if [ -n "${DOCKER_HOST:-}" ] && engine_answers "$DOCKER_HOST"; then echo "$DOCKER_HOST"; return; fi
  if [ -S /var/run/docker.sock ] && engine_answers unix:///var/run/docker.sock; then
    echo unix:///var/run/docker.sock; return
  fi
  if [ -S "$ENGINE_ROOT/docker.sock" ] && engine_answers "$PRIVATE_HOST"; then echo "$PRIVATE_HOST"; return; fi
}

apt_ready=0
apt_install() { # installs the Debian packages that are missing
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    log "need the Debian packages ${missing[*]}: run as root on Debian, or set DOCKER_HOST to a running engine"
    exit 1
  fi
  if [ $apt_ready = 0 ]; then apt-get update -qq >/dev/null; apt_ready=1; fi
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

start_engine() {
  apt_install docker.io busybox-static
  DOCKER_CLI=/usr/bin/docker
  start_dockerd "$ENGINE_ROOT" "$PRIVATE_HOST"
}

start_dockerd() { # $1 = root folder, $2 = its DOCKER_HOST (a unix socket under the root)
  local ENGINE_ROOT="$1" PRIVATE_HOST="$2"
  mkdir -p "$ENGINE_ROOT"
  # dockerd gives up when its containerd is slow to start (seen on a loaded machine): try again.
  for attempt in 1 2 3; do
    if [ -f "$ENGINE_ROOT/docker.pid" ] && kill -0 "$(cat "$ENGINE_ROOT/docker.pid")" 2>/dev/null; then
      log "private dockerd is running but does not answer yet; waiting"
    else
      rm -f "$ENGINE_ROOT/docker.pid" "$ENGINE_ROOT/docker.sock"
      log "starting a private dockerd at $ENGINE_ROOT (attempt $attempt)"
      setsid dockerd --bridge=none --iptables=false --ip-forward=false --ip-masq=false \
        --data-root "$ENGINE_ROOT/data" --exec-root "$ENGINE_ROOT/exec" \
        --host "$PRIVATE_HOST" --pidfile "$ENGINE_ROOT/docker.pid" \
        >>"$ENGINE_ROOT/dockerd.log" 2>&1 </dev/null &
      echo $! >"$ENGINE_ROOT/dockerd.launcher"
    fi
    for _ in $(seq 1 120); do
      engine_answers "$PRIVATE_HOST" && return 0
      # dockerd exited (for example containerd timed out): start it again
      if ! kill -0 "$(cat "$ENGINE_ROOT/dockerd.launcher" 2>/dev/null || echo 0)" 2>/dev/null \
          && ! { [ -f "$ENGINE_ROOT/docker.pid" ] && kill -0 "$(cat "$ENGINE_ROOT/docker.pid")" 2>/dev/null; }; then
        break
      fi
      sleep 0.5
    done
  done
  log "dockerd did not answer; see $ENGINE_ROOT/dockerd.log"
  tail -20 "$ENGINE_ROOT/dockerd.log" >&2 || true
  exit 1
}

start_registry() {
  apt_install docker-registry apache2-utils
  local dir="$ENGINE_ROOT/registry"
  mkdir -p "$dir/storage"
  cat >"$dir/config.yml" <<YML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $dir/storage
  delete:
    enabled: true
http:
  addr: $REGISTRY_ADDR
YML
  if [ -f "$dir/registry.pid" ] && kill -0 "$(cat "$dir/registry.pid")" 2>/dev/null; then
    kill "$(cat "$dir/registry.pid")" 2>/dev/null || true
    sleep 0.5
  fi
  log "starting a private registry on $REGISTRY_ADDR"
  setsid docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 </dev/null &
  echo $! >"$dir/registry.pid"
  for _ in $(seq 1 40); do
    registry_answers && return 0
    sleep 0.25
  done
  log "registry did not answer on $REGISTRY_ADDR; see $dir/registry.log"
  exit 1
}

stop_pidfile() { # $1 = pid file, $2 = name
  local pidfile="$1"
  [ -f "$pidfile" ] || return 0
  local pid
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping $2 (pid $pid)"
    kill "$pid"
    for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

cmd="${1:-up}"
case "$cmd" in
  up)
    host="$(find_engine)"
    if [ -z "$host" ]; then start_engine; host="$PRIVATE_HOST"; fi
    registry_answers || start_registry
    # the push tests start registries of their own (htpasswd for basic auth): have the tools;
    # docker-compose checks compose.yaml, openssl makes the TLS engine's certificates
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      apt_install docker-registry apache2-utils docker-compose openssl
    fi
    mkdir -p "$ENGINE_ROOT"
    printf 'export DOCKER_HOST=%s\nexport DAAS_TEST_REGISTRY=%s\n' "$host" "$REGISTRY_ADDR" >"$ENGINE_ROOT/env"
    log "engine $host ($(DOCKER_HOST="$host" "$DOCKER_CLI" version --format '{{.Server.Version}}')), registry $REGISTRY_ADDR"
    cat "$ENGINE_ROOT/env"
    ;;
  env)
    host="$(find_engine)"
    if [ -z "$host" ]; then log "no engine answers; run: scripts/engine.sh up"; exit 1; fi
    printf 'export DOCKER_HOST=%s\nexport DAAS_TEST_REGISTRY=%s\n' "$host" "$REGISTRY_ADDR"
    ;;
  down)
    stop_pidfile "$ENGINE_ROOT/registry/registry.pid" registry
    stop_pidfile "$ENGINE_ROOT/docker.pid" dockerd
    ;;
  second)
    # a second engine that never takes the place of the first: its own root, socket and pid file
    root2="${DAAS_SECOND_ENGINE_ROOT:-$ENGINE_ROOT-2}"
    host2="unix://$root2/docker.sock"
    case "${2:-up}" in
      up)
        if ! engine_answers "$host2"; then
          apt_install docker.io busybox-static
          DOCKER_CLI=/usr/bin/docker
          start_dockerd "$root2" "$host2"
        fi
        log "second engine $host2 ($(DOCKER_HOST="$host2" "$DOCKER_CLI" version --format '{{.Server.Version}}'))"
        printf 'export DAAS_SECOND_DOCKER_HOST=%s\n' "$host2"
        ;;
      env)
        if ! engine_answers "$host2"; then log "no second engine answers; run: scripts/engine.sh second up"; exit 1; fi
        printf 'export DAAS_SECOND_DOCKER_HOST=%s\n' "$host2"
        ;;
      down) stop_pidfile "$root2/docker.pid" "second dockerd" ;;
      *) echo "usage: $0 second up|down|env" >&2; exit 2 ;;
    esac
    ;;
  status)
    host="$(find_engine)"
    echo "engine: ${host:-none}"
    if registry_answers; then echo "registry: $REGISTRY_ADDR"; else echo "registry: none"; fi
    ;;
  *)
    echo "usage: $0 up|down|env|status|second [up|down|env]" >&2
    exit 2
    ;;
esac
