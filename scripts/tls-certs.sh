#!/usr/bin/env bash
# Makes the certificates for a Docker engine that listens on TCP with TLS (mutual: the engine
# accepts only clients with a certificate from the same CA), with openssl.
#   scripts/tls-certs.sh DIR [NAME|IP ...]
# DIR/ca/      ca.pem, ca-key.pem      the certificate authority (keep ca-key.pem offline)
# DIR/server/  ca.pem, cert.pem, key.pem  for dockerd --tlsverify (names: localhost, 127.0.0.1
#                                       and the NAMEs/IPs given, e.g. `engine` in compose.yaml)
# DIR/client/  ca.pem, cert.pem, key.pem  for the service: DOCKER_CERT_PATH=DIR/client
# Files that exist are kept. DIR itself is private (0700); client/key.pem is readable by all so
# that the service's non-root user (uid 10001) can read it when client/ is mounted read-only.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 DIR [NAME|IP ...]" >&2; exit 2; }
DIR="$1"
shift
DAYS="${DAAS_CERT_DAYS:-825}"
command -v openssl >/dev/null || { echo "tls-certs.sh: needs openssl (apt-get install openssl)" >&2; exit 1; }

mkdir -p "$DIR/ca" "$DIR/server" "$DIR/client"
chmod 0700 "$DIR" "$DIR/ca"
chmod 0755 "$DIR/server" "$DIR/client"
log() { echo "tls-certs.sh: $*" >&2; }

key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

if [ ! -f "$DIR/ca/ca.pem" ]; then
  key "$DIR/ca/ca-key.pem"
  openssl req -x509 -new -key "$DIR/ca/ca-key.pem" -sha256 -days "$DAYS" -subj "/CN=DAAS Builder engine CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out "$DIR/ca/ca.pem"
  chmod 0600 "$DIR/ca/ca-key.pem"
  log "made the CA in $DIR/ca"
fi

sign() { # $1 = folder, $2 = subject CN, $3 = extensions file
  local out="$DIR/$1"
  [ -f "$out/cert.pem" ] && return
  key "$out/key.pem"
  openssl req -new -key "$out/key.pem" -subj "/CN=$2" -out "$out/csr.pem"
  openssl x509 -req -in "$out/csr.pem" -CA "$DIR/ca/ca.pem" -CAkey "$DIR/ca/ca-key.pem" -CAcreateserial \
    -days "$DAYS" -sha256 -extfile "$3" -out "$out/cert.pem" 2>/dev/null
  rm -f "$out/csr.pem"
  cp "$DIR/ca/ca.pem" "$out/ca.pem"
  log "made the $1 certificate in $out"
}

san="DNS:localhost,IP:127.0.0.1"
for name in "$@"; do
  if [[ "$name" =~ ^[0-9.]+$ || "$name" == *:* ]]; then san="$san,IP:$name"; else san="$san,DNS:$name"; fi
done
ext="$(mktemp)"
trap 'rm -f "$ext"' EXIT
printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=%s\n' "$san" >"$ext"
sign server "DAAS Builder engine" "$ext"
chmod 0600 "$DIR/server/key.pem"
printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n' >"$ext"
sign client "DAAS Builder service" "$ext"
chmod 0644 "$DIR/client/key.pem"
