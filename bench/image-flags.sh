#!/usr/bin/env bash
# Prints the image's JVM flags (bench/jvm.opts, or the file named by JVM_OPTS_FILE), one per line, as they apply
# on this machine: /app/native becomes a directory holding SQLite's native library taken out of the jar, as the
# image's build does (Dockerfile, stage 1). Used by bench/formgate.sh and by bench/run.sh's AOT training run.
#
# usage: bench/image-flags.sh [JAR]   (JAR defaults to target/formgate.jar; env FG_NATIVE: where the library goes,
#                                      default /tmp/formgate-bench/native)
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAR=${1:-$REPO/target/formgate.jar}
OPTS_FILE=${JVM_OPTS_FILE:-$REPO/bench/jvm.opts}
NATIVE=${FG_NATIVE:-/tmp/formgate-bench/native}
LIB="org/sqlite/native/Linux/$(uname -m)/libsqlitejdbc.so"
if [ ! -s "$NATIVE/libsqlitejdbc.so" ] || [ "$JAR" -nt "$NATIVE/libsqlitejdbc.so" ]; then
  mkdir -p "$NATIVE"
  python3 - "$JAR" "$LIB" "$NATIVE/libsqlitejdbc.so" <<'PY'
import shutil, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as jar, jar.open(sys.argv[2]) as src, open(sys.argv[3] + ".tmp", "wb") as dst:
    shutil.copyfileobj(src, dst)
PY
  mv "$NATIVE/libsqlitejdbc.so.tmp" "$NATIVE/libsqlitejdbc.so"
fi
grep -v '^#' "$OPTS_FILE" | grep . | sed "s|^-Dorg.sqlite.lib.path=/app/native\$|-Dorg.sqlite.lib.path=$NATIVE|"
