#!/usr/bin/env bash
# Builds real public example projects through the service with no Dockerfile, runs each image and
# checks what it shows (issue 14). The list is bench/realworld/corpus.tsv: id, repo, commit, path,
# expected language/framework, check, needs, note (tab-separated; see bench/realworld/README.md).
#
# Usage: bench/realworld.sh [-f REGEX] [-n LIMIT] [-o RESULTS.md] [-l LIST]
#   -f REGEX   only rows whose id matches (grep -E)
#   -n LIMIT   at most LIMIT rows (after the filter)
#   -o FILE    also write the table as Markdown to FILE (for docs/benchmarks.md); FILE.tsv gets the TSV
#   -l LIST    another corpus file
#   -p         plan only: upload each project and ask POST /api/docker/plan (no build, no run); the
#              reason column then holds the start command and the plan's notes. Cheap: use it for
#              the whole corpus on a busy machine
#   -R TSV     no build: count a saved run again (the RESULTS.md.tsv that -o wrote) with the needs
#              column of the list as it is now (after a row was found to need an unreachable host)
# Environment:
#   DAAS_URL           a running service (default http://127.0.0.1:3001). It must run with
#                      BUILD_NETWORK=host (dependency downloads) and BASE_IMAGE_MIRROR set on machines
#                      that cannot pull. When nothing answers there, the script starts its own
#                      ($DAAS_JAR, default target/daas-builder.jar, built if missing) on a free loopback port with
#                      BUILD_NETWORK=host and its own DATA_DIR, and stops it at the end.
#   REALWORLD_MIRRORS  where fetched repositories are: <dir>/<owner>+<name>/repo (a bare git dir, as the
#                      search tool's fetch leaves them; default /work/.mirror). Missing ones are named.
#   BUILD_WAIT         seconds to wait for one build (default 900)
#   RUN_WAIT           seconds to wait for a started app to answer or print (default 60)
#   KEEP_IMAGES=1      keep the built images (default: removed)
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
LIST="bench/realworld/corpus.tsv"
FILTER=""
LIMIT=0
RESULTS=""
PLAN_ONLY=0
RECOUNT=""
while getopts "f:n:o:l:R:ph" opt; do
  case "$opt" in
    f) FILTER="$OPTARG" ;;
    n) LIMIT="$OPTARG" ;;
    o) RESULTS="$OPTARG" ;;
    l) LIST="$OPTARG" ;;
    p) PLAN_ONLY=1 ;;
    R) RECOUNT="$OPTARG" ;;
    *) sed -n '2,/^set -uo/p' "$0" | sed '$d'; exit 2 ;;
  esac
done
# The table and pass rates of a results TSV ($1; no header), to stdout and $2 (and $2.tsv):
# projects needing an unreachable registry or download (needs unreachable-*) are counted apart.
report() { # results.tsv, results.md or "", plan-only (1/0)
python3 - "$1" "$2" "$3" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
out = sys.argv[2]
def esc(s): return s.replace("|", "\\|")
lines = ["| id | expected | detected | build | run | s | needs | reason |", "|---|---|---|---|---|---|---|---|"]
for r in rows:
    lines.append("| " + " | ".join(esc(c) for c in r) + " |")
here = [r for r in rows if not r[6].startswith("unreachable-") and not r[7].startswith("mirror missing")]
apart = [r for r in rows if r[6].startswith("unreachable-registry")]
machine = [r for r in rows if r[6].startswith("unreachable-download")]
missing = [r for r in rows if r[7].startswith("mirror missing")]
passed = [r for r in here if r[4] == "yes"]
if sys.argv[3] == "1":
    planned = [r for r in rows if r[3] == "plan:yes"]
    text = "\n".join(lines + ["", f"Plan only: {len(planned)}/{len(rows)} got a Dockerfile "
                               f"({sum(1 for r in here if r[3] == 'plan:yes')}/{len(here)} of those buildable here)."]
                      + ([f"Mirror missing (not planned): {len(missing)}."] if missing else []))
    print(text)
    if out:
        open(out, "w").write(text + "\n")
    sys.exit(0)
rate = 100.0 * len(passed) / len(here) if here else 0.0
summary = [
    "",
    f"Buildable here: {len(passed)}/{len(here)} passed ({rate:.0f}%).",
    f"Needing a registry these machines cannot reach (counted apart): {len(apart)}, "
    f"of which {sum(1 for r in apart if r[4] == 'yes')} passed anyway.",
    f"Needing a download from a host these machines cannot reach (counted apart): {len(machine)}, "
    f"of which {sum(1 for r in machine if r[4] == 'yes')} passed anyway.",
]
if missing:
    summary.append(f"Mirror missing (not run): {len(missing)}.")
text = "\n".join(lines + summary)
print(text)
if out:
    open(out, "w").write(text + "\n")
    open(out + ".tsv", "w").write("id\texpected\tdetected\tbuild\trun\tseconds\tneeds\treason\n" +
                                  "".join("\t".join(r) + "\n" for r in rows))
PY
}

# -R: count a saved run again (its RESULTS.md.tsv) with the needs column of the list as it is now.
if [ -n "$RECOUNT" ]; then
  WORK="$(mktemp -d /tmp/realworld.XXXXXX)"
  trap 'rm -rf "$WORK"' EXIT
  python3 - "$RECOUNT" "$LIST" >"$WORK/results.tsv" <<'PY'
import sys
needs = {}
for line in open(sys.argv[2]):
    cols = line.rstrip("\n").split("\t")
    if line.strip() and not line.startswith("#") and cols[0] != "id" and len(cols) > 6:
        needs[cols[0]] = cols[6]
for i, line in enumerate(open(sys.argv[1])):
    cols = line.rstrip("\n").split("\t")
    if len(cols) >= 8 and not (i == 0 and cols[0] == "id"):
        cols[6] = needs.get(cols[0], cols[6])
        print("\t".join(cols))
PY
  report "$WORK/results.tsv" "$RESULTS" 0
  exit 0
fi

MIRRORS="${REALWORLD_MIRRORS:-/work/.mirror}"
BUILD_WAIT="${BUILD_WAIT:-900}"
RUN_WAIT="${RUN_WAIT:-60}"
DOCKER=/usr/bin/docker
eval "$(scripts/engine.sh env)"
[ -f "$LIST" ] || { echo "realworld: no list at $LIST" >&2; exit 2; }

WORK="$(mktemp -d /tmp/realworld.XXXXXX)"
SVC=""
cleanup() {
  if [ -n "$SVC" ]; then kill "$SVC" 2>/dev/null; wait "$SVC" 2>/dev/null; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1" 2>/dev/null; }
jget() { # the first value of key $1 anywhere in the JSON on stdin
  python3 -c "
import json,sys
def find(o,k):
    if isinstance(o,dict):
        if k in o and o[k] is not None: return o[k]
        for v in o.values():
            r=find(v,k)
            if r is not None: return r
    if isinstance(o,list):
        for v in o:
            r=find(v,k)
            if r is not None: return r
print(find(json.load(sys.stdin),sys.argv[1]) or '')" "$1" 2>/dev/null; }


# Rows to run.
grep -v '^#' "$LIST" | awk -F'\t' 'NF >= 7 && $1 != "id"' >"$WORK/rows"
[ -n "$FILTER" ] && { awk -F'\t' -v re="$FILTER" '$1 ~ re' "$WORK/rows" >"$WORK/rows.f"; mv "$WORK/rows.f" "$WORK/rows"; }
[ "$LIMIT" -gt 0 ] 2>/dev/null && { head -n "$LIMIT" "$WORK/rows" >"$WORK/rows.f"; mv "$WORK/rows.f" "$WORK/rows"; }
TOTAL=$(wc -l <"$WORK/rows")
[ "$TOTAL" -gt 0 ] || { echo "realworld: no rows match" >&2; exit 2; }

# Missing mirrors are named before anything is built.
missing=0
while IFS=$'\t' read -r id repo commit path _; do
  dir="$MIRRORS/${repo/\//+}/repo"
  if [ ! -d "$dir" ]; then
    echo "realworld: missing mirror for $id: $repo (expected $dir; fetch it with the search tool: fetch github:$repo)" >&2
    missing=$((missing + 1))
  elif ! git --git-dir="$dir" cat-file -e "$commit^{commit}" 2>/dev/null; then
    echo "realworld: mirror $dir lacks commit $commit for $id (fetch a newer snapshot, or update the list)" >&2
    missing=$((missing + 1))
  fi
done <"$WORK/rows"

API=""
if [ "$missing" -ge "$TOTAL" ]; then
  echo "realworld: every selected project's mirror is missing; nothing to build" >&2
else
# The service: the one at DAAS_URL, else our own.
DAAS_URL="${DAAS_URL:-http://127.0.0.1:3001}"
if ! curl -fs -m 5 "$DAAS_URL/health" >/dev/null 2>&1; then
  echo "realworld: nothing answers at $DAAS_URL; starting a service of our own (BUILD_NETWORK=host)" >&2
  eval "$(scripts/base-images.sh all 2>/dev/null | tail -1)" || true
  JAR="${DAAS_JAR:-target/daas-builder.jar}"
  if [ ! -f "$JAR" ]; then
    echo "realworld: building target/daas-builder.jar" >&2
    mvn -B -q -o package -DskipTests -Dspotless.check.skip=true || { echo "realworld: build of the jar failed" >&2; exit 1; }
  fi
  SPORT="$(free_port)"
  mkdir -p "$WORK/data"
  PORT="$SPORT" DATA_DIR="$WORK/data" DOCKER_BUILD_DIR="$WORK/data/builds" BUILD_NETWORK=host \
    BIND_ADDRESS=127.0.0.1 REGISTRY_URL= BUILD_TIMEOUT="$BUILD_WAIT" \
    BASE_IMAGE_MIRROR="${BASE_IMAGE_MIRROR:-127.0.0.1:5000/mirror}" \
    java ${JAVA_OPTS:-} -jar "$JAR" >"$WORK/service.log" 2>&1 &
  SVC=$!
  DAAS_URL="http://127.0.0.1:$SPORT"
  for _ in $(seq 1 120); do curl -fs -m 2 "$DAAS_URL/health" >/dev/null 2>&1 && break; sleep 1; done
  curl -fs -m 5 "$DAAS_URL/health" >/dev/null 2>&1 || { echo "realworld: the service did not start; log:" >&2; tail -20 "$WORK/service.log" >&2; exit 1; }
  echo "realworld: service at $DAAS_URL (log $WORK/service.log, removed at exit)" >&2
fi
API="$DAAS_URL/api/docker"
fi

: >"$WORK/results.tsv"
record() { # id lang detected build run seconds needs reason
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$WORK/results.tsv"
  printf '%-28s %-22s %-14s build=%-4s run=%-4s %5ss  %s\n' "$1" "$2" "$3" "$4" "$5" "$6" "$8" >&2
}

check_http() { # port path status text -> 0 when it answers as expected; sets REASON
  local port="$1" path="$2" want="$3" text="$4" code body deadline
  deadline=$((SECONDS + RUN_WAIT))
  while [ $SECONDS -lt $deadline ]; do
    if ! $DOCKER inspect -f '{{.State.Running}}' "$CNAME" 2>/dev/null | grep -q true; then
      REASON="exited ($(docker_logs_tail))"; return 1
    fi
    code=$(curl -s -m 5 -o "$WORK/body" -w '%{http_code}' "http://127.0.0.1:$port$path" 2>/dev/null)
    if [ -n "$code" ] && [ "$code" != "000" ]; then
      if [ "$code" = "$want" ] && { [ -z "$text" ] || grep -qF -- "$text" "$WORK/body"; }; then REASON="ok"; return 0; fi
      # a server that answers something else may still be starting (503 from a proxy); wait a little
      REASON="GET $path answered $code$( [ "$code" = "$want" ] && echo " without \"$text\"")"
    fi
    sleep 2
  done
  [ -z "${REASON:-}" ] || [ "$REASON" = "ok" ] && REASON="no answer on port $port in ${RUN_WAIT}s ($(docker_logs_tail))"
  return 1
}
docker_logs_tail() { $DOCKER logs --tail 3 "$CNAME" 2>&1 | tr '\n\t' '  ' | cut -c1-200; }

n=0
while IFS=$'\t' read -r id repo commit path lang check needs note; do
  n=$((n + 1))
  echo "realworld: [$n/$TOTAL] $id ($repo $path)" >&2
  t0=$SECONDS
  dir="$MIRRORS/${repo/\//+}/repo"
  if [ ! -d "$dir" ] || ! git --git-dir="$dir" cat-file -e "$commit^{commit}" 2>/dev/null; then
    record "$id" "$lang" "-" "-" "-" 0 "$needs" "mirror missing ($repo)"; continue
  fi
  src="$WORK/src-$id"
  mkdir -p "$src"
  tree="$commit"
  [ "$path" != "." ] && tree="$commit:$path"
  if ! git --git-dir="$dir" archive --format=tar "$tree" | tar -x -C "$src"; then
    record "$id" "$lang" "-" "-" "-" 0 "$needs" "cannot extract $path at $commit"; continue
  fi
  removed=$(cd "$src" && find . -maxdepth 3 \( -name Dockerfile -o -name 'Dockerfile.*' -o -name '*.Dockerfile' \
    -o -name Containerfile -o -name 'docker-compose*.y*ml' -o -name 'compose.y*ml' \) -print | sed 's|^\./||' | tr '\n' ' ')
  [ -n "$removed" ] && (cd "$src" && find . -maxdepth 3 \( -name Dockerfile -o -name 'Dockerfile.*' -o -name '*.Dockerfile' \
    -o -name Containerfile -o -name 'docker-compose*.y*ml' -o -name 'compose.y*ml' \) -delete)
  tar -C "$src" -czf "$WORK/bundle.tgz" .
  rm -rf "$src"
  bundle=$(curl -s -m 120 --data-binary @"$WORK/bundle.tgz" -H 'Content-Type: application/gzip' "$API/bundles" | tee "$WORK/upload.json" | jget bundleId)
  if [ -z "$bundle" ]; then
    record "$id" "$lang" "-" "no" "-" $((SECONDS - t0)) "$needs" "upload refused ($(du -h "$WORK/bundle.tgz" | cut -f1)): $(head -c 200 "$WORK/upload.json" | tr '\n\t' '  ')"; continue
  fi
  plan=$(curl -s -m 60 -X POST "$API/plan" -H 'Content-Type: application/json' -d "{\"bundleId\":\"$bundle\"}")
  detected=$(echo "$plan" | json '(d["data"].get("language") or "?") + ("/" + d["data"]["framework"] if d["data"].get("framework") else "")')
  [ -n "$detected" ] || detected="?"
  if [ "$PLAN_ONLY" = 1 ]; then
    pinfo=$(echo "$plan" | json '"start: " + str(d["data"].get("startCommand") or "none") + ("; port " + str(d["data"]["port"]) if d["data"].get("port") else "") + " | " + " / ".join(d["data"].get("notes") or [])' | tr '\n\t' '  ' | cut -c1-400)
    [ -n "$removed" ] && pinfo="$pinfo (removed: $removed)"
    hasdf=$(echo "$plan" | json '"yes" if d["data"].get("dockerfile") else "no"')
    record "$id" "$lang" "$detected" "plan:${hasdf:-?}" "-" $((SECONDS - t0)) "$needs" "${pinfo:-no plan: $(echo "$plan" | head -c 200)}"
    continue
  fi
  build=$(curl -s -m 60 -X POST "$API/build" -H 'Content-Type: application/json' -d "{\"bundleId\":\"$bundle\"}" | tee "$WORK/build.json" | jget buildId)
  if [ -z "$build" ]; then
    record "$id" "$lang" "$detected" "no" "-" $((SECONDS - t0)) "$needs" "build refused: $(head -c 200 "$WORK/build.json") $(echo "$plan" | json '"; ".join(d["data"].get("notes",[]))' | cut -c1-200)"; continue
  fi
  status=""; deadline=$((SECONDS + BUILD_WAIT))
  while [ $SECONDS -lt $deadline ]; do
    curl -s -m 30 "$API/build/$build" >"$WORK/status.json"
    status=$(json 'd["data"]["status"]' <"$WORK/status.json")
    case "$status" in success|failed|cancelled) break ;; esac
    sleep 3
  done
  if [ "$status" != "success" ]; then
    [ "$status" = "failed" ] || curl -s -m 30 -X DELETE "$API/build/$build" >/dev/null
    err=$(json '(d["data"].get("error") or "") + " | " + " / ".join([l for l in d["data"].get("logs",[]) if l.strip()][-3:])' <"$WORK/status.json" | tr '\n\t' '  ' | cut -c1-400)
    [ -n "$err" ] || err="no result in ${BUILD_WAIT}s"
    [ -n "$removed" ] && err="$err (removed: $removed)"
    record "$id" "$lang" "$detected" "no" "-" $((SECONDS - t0)) "$needs" "${status:-timeout}: $err"; continue
  fi
  image=$(json 'd["data"].get("imageTag") or d["data"].get("imageId")' <"$WORK/status.json")
  CNAME="realworld-$id-$$"
  kind="${check%% *}"; rest="${check#* }"
  REASON=""
  if [ "$kind" = "stdout" ]; then
    timeout $((RUN_WAIT + 10)) $DOCKER run --name "$CNAME" --network none --memory 1g --pids-limit 512 \
      -e PORT=8080 "$image" >"$WORK/out" 2>&1 &
    rp=$!
    ok=no; dl=$((SECONDS + RUN_WAIT))
    while [ $SECONDS -lt $dl ]; do
      if grep -qF -- "$rest" "$WORK/out"; then ok=yes; break; fi
      kill -0 "$rp" 2>/dev/null || break
      sleep 1
    done
    grep -qF -- "$rest" "$WORK/out" && ok=yes
    if [ $ok = yes ]; then REASON="ok"; else REASON="stdout lacks \"$rest\": $(tail -c 200 "$WORK/out" | tr '\n\t' '  ')"; fi
    $DOCKER rm -f "$CNAME" >/dev/null 2>&1; wait "$rp" 2>/dev/null
  else
    read -r hpath hstatus htext <<<"$rest"
    port="$(free_port)"
    if [ "${hpath#:}" != "$hpath" ]; then # :8000/path: an app that listens on a fixed port
      port="${hpath%%/*}"; port="${port#:}"; hpath="/${hpath#*/}"
    fi
    if ! python3 -c 'import socket,sys; s=socket.socket(); s.bind(("127.0.0.1",int(sys.argv[1])))' "$port" 2>/dev/null; then
      ok=no; REASON="port $port is taken on this machine: not run"
    elif $DOCKER run -d --name "$CNAME" --network host --memory 1g --pids-limit 512 -e PORT="$port" \
        -e HOST=127.0.0.1 "$image" >/dev/null 2>"$WORK/runerr"; then
      check_http "$port" "$hpath" "$hstatus" "$htext" && ok=yes || ok=no
    else
      ok=no; REASON="docker run failed: $(head -c 200 "$WORK/runerr")"
    fi
    $DOCKER rm -f "$CNAME" >/dev/null 2>&1
  fi
  [ "${KEEP_IMAGES:-0}" = 1 ] || $DOCKER rmi -f "$image" >/dev/null 2>&1
  [ -n "$removed" ] && REASON="$REASON (removed: $removed)"
  record "$id" "$lang" "$detected" "yes" "$ok" $((SECONDS - t0)) "$needs" "$REASON"
done <"$WORK/rows"

report "$WORK/results.tsv" "$RESULTS" "$PLAN_ONLY"
