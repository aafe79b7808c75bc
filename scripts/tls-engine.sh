#!/usr/bin/env bash
# A second, private Docker engine that listens only on loopback TCP with mutual TLS, the way a
# Docker-in-Docker sidecar serves the service in compose.yaml and deploy/kubernetes/.
#   scripts/tls-engine.sh up         make certificates (scripts/tls-certs.sh) and start it
#   scripts/tls-engine.sh env        print DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH for it
#   scripts/tls-engine.sh load IMG.. copy images from the engine of scripts/engine.sh into it
#   scripts/tls-engine.sh status     say whether it answers
#   scripts/tls-engine.sh down       stop it (by its pid file); `purge` also deletes its folder
# DAAS_TLS_ENGINE_ROOT (default /var/lib/daas-builder-tls-engine) holds its data, certs/ and log;
# DAAS_TLS_ENGINE_PORT (default 2376) is its port on 127.0.0.1. Like scripts/engine.sh: no bridge,
# no iptables changes (containers use network none or host); run as root on Debian.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="${DAAS_TLS_ENGINE_ROOT:-/var/lib/daas-builder-tls-engine}"
PORT="${DAAS_TLS_ENGINE_PORT:-2376}"
CERTS="$ROOT/certs"
DOCKER_CLI=/usr/bin/docker
[ -x "$DOCKER_CLI" ] || DOCKER_CLI="$(command -v docker)"
log() { echo "tls-engine.sh: $*" >&2; }

tls_env() { printf 'export DOCKER_HOST=tcp://127.0.0.1:%s\nexport DOCKER_TLS_VERIFY=1\nexport DOCKER_CERT_PATH=%s\n' "$PORT" "$CERTS/client"; }
tls_docker() {
  DOCKER_HOST="tcp://127.0.0.1:$PORT" DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH="$CERTS/client" "$DOCKER_CLI" "$@"
}
answers() {
  DOCKER_HOST="tcp://127.0.0.1:$PORT" DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH="$CERTS/client" \
    timeout 10 "$DOCKER_CLI" version --format '{{.Server.Version}}' >/dev/null 2>&1
}
running() { [ -f "$ROOT/docker.pid" ] && kill -0 "$(cat "$ROOT/docker.pid")" 2>/dev/null; }

up() {
  if answers; then log "answers on 127.0.0.1:$PORT"; return; fi
  if ! command -v dockerd >/dev/null; then
    [ "$(id -u)" = 0 ] || { log "needs dockerd: run as root on Debian (apt-get install docker.io)"; exit 1; }
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null
  fi
  mkdir -p "$ROOT"
  scripts/tls-certs.sh "$CERTS" 2>/dev/null
  # its own (empty) config: /etc/docker/daemon.json may name hosts that clash with --host
  echo '{}' >"$ROOT/daemon.json"
  for attempt in 1 2 3; do
    if ! running; then
      rm -f "$ROOT/docker.pid"
      log "starting dockerd with TLS on 127.0.0.1:$PORT in $ROOT (attempt $attempt)"
      setsid dockerd --config-file "$ROOT/daemon.json" \
        --bridge=none --iptables=false --ip-forward=false --ip-masq=false \
        --data-root "$ROOT/data" --exec-root "$ROOT/exec" --pidfile "$ROOT/docker.pid" \
        --host "tcp://127.0.0.1:$PORT" --tlsverify --tlscacert "$CERTS/server/ca.pem" \
        --tlscert "$CERTS/server/cert.pem" --tlskey "$CERTS/server/key.pem" \
        >>"$ROOT/dockerd.log" 2>&1 </dev/null &
      echo $! >"$ROOT/dockerd.launcher"
    fi
    for _ in $(seq 1 120); do
      answers && { log "answers on 127.0.0.1:$PORT"; return; }
      if ! kill -0 "$(cat "$ROOT/dockerd.launcher")" 2>/dev/null && ! running; then break; fi
      sleep 0.5
    done
  done
  log "dockerd did not answer; see $ROOT/dockerd.log"
  tail -20 "$ROOT/dockerd.log" >&2 || true
  exit 1
}

down() {
  [ -f "$ROOT/docker.pid" ] || return 0
  local pid
  pid="$(cat "$ROOT/docker.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping dockerd (pid $pid)"
    kill "$pid"
    for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$ROOT/docker.pid"
}

cmd="${1:-up}"
case "$cmd" in
  up) up; tls_env ;;
  env) tls_env ;;
  load)
    shift
    # the engine of scripts/engine.sh has the images; this one cannot pull them either
    # (without this engine's TLS settings, which would make engine.sh pick this one)
    main_host="$(env -u DOCKER_TLS_VERIFY -u DOCKER_CERT_PATH scripts/engine.sh env | sed -n 's/^export DOCKER_HOST=//p')"
    for image in "$@"; do
      env -u DOCKER_TLS_VERIFY -u DOCKER_CERT_PATH DOCKER_HOST="$main_host" "$DOCKER_CLI" save "$image" | tls_docker load -q >/dev/null
      log "loaded $image"
    done
    ;;
  status) if answers; then echo "tls engine: tcp://127.0.0.1:$PORT"; else echo "tls engine: none"; fi ;;
  down) down ;;
  purge)
    down
    # dockerd unmounts its layers when it stops; only then is the folder safe to delete
    if [ -d "$ROOT" ] && ! grep -q " $ROOT/" /proc/mounts; then rm -rf "$ROOT"; log "deleted $ROOT"; fi
    ;;
  *) echo "usage: $0 up|env|load IMAGE...|status|down|purge" >&2; exit 2 ;;
esac
