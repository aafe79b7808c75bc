# Shared by the benchmarks that load the packaged service (source it from the project's root).

# need_wrk NAME: wrk on PATH; Debian's package installed when running as root, else a message naming the script.
need_wrk() {
  command -v wrk >/dev/null && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "$1: wrk is missing; install it (apt-get install wrk) or run this as root on Debian" >&2
    exit 1
  fi
  echo "$1: installing wrk (apt-get)" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
}

# fresh_jar: target/daas-builder.jar, packaged again when src or pom.xml is newer.
fresh_jar() {
  JAR=target/daas-builder.jar
  if [ ! -f "$JAR" ] || [ -n "$(find src pom.xml -newer "$JAR" -print -quit)" ]; then
    mvn -B -q package -DskipTests -Dspotless.check.skip=true
  fi
}
