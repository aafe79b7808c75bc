#!/usr/bin/env bash
# Unpacks a ~50 MB, 5,000-file tar.gz with the service's BundleExtractor and with `tar -xzf`, runs
# alternating in the same process, and prints both medians and their ratio (limit 1.5: exits 1
# above it). RUNS (default 7) and BENCH_DIR (default a new folder under /tmp) may be set.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-7}"
WORK="${BENCH_DIR:-$(mktemp -d /tmp/daas-bench-XXXXXX)}"
MVN=mvn
[ -x ./mvnw ] && MVN=./mvnw

if [ ! -f target/test-classes/io/daas/builder/bundle/ExtractBench.class ]; then
  "$MVN" -B -q test-compile
fi
if [ ! -s target/cp.txt ]; then
  "$MVN" -B -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt
fi

ARCHIVE="$WORK/bench.tar.gz"
if [ ! -f "$ARCHIVE" ]; then
  # 5,000 files in 50 folders, 2.5 to 22.5 KB each: 80% random bytes, 20% source-like text
  python3 - "$WORK/src" <<'PY'
import os, random, sys
root = sys.argv[1]
rnd = random.Random(42)
line = b"    return compute(value, options); // a line of ordinary source code\n"
for i in range(5000):
    d = os.path.join(root, "project", f"module{i % 50:02d}")
    os.makedirs(d, exist_ok=True)
    size = rnd.randint(2500, 22500)
    data = os.urandom(size) if i % 5 else (line * (size // len(line) + 1))[:size]
    with open(os.path.join(d, f"file{i:04d}.dat"), "wb") as f:
        f.write(data)
PY
  tar -czf "$ARCHIVE" -C "$WORK/src" project
  rm -rf "$WORK/src"
fi
echo "archive: $(du -m "$ARCHIVE" | cut -f1) MB, $(tar -tzf "$ARCHIVE" | wc -l) entries; runs: $RUNS"
java -cp "target/classes:target/test-classes:$(cat target/cp.txt)" io.daas.builder.bundle.ExtractBench "$ARCHIVE" "$WORK/out" "$RUNS"
rm -rf "$WORK"
