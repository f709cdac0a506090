#!/usr/bin/env bash
# Makes FormGate's AOT cache the way the Dockerfile makes it: the image's Java runtime (bench/image-runtime.sh), the
# image's flags (bench/image-flags.sh), a training run of `check --exercise` on the repo's and the bench's schemas.
# A cache belongs to one jar: rebuilding or copying the jar makes the JVM refuse it.
#
# usage: bench/aot-cache.sh JAR OUT.aot   (env RUNTIME, default /tmp/formgate-bench/runtime; WORK, default
#                                          /tmp/formgate-bench; the training run's output goes to $WORK/logs/aot-train.log)
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAR=${1:?usage: bench/aot-cache.sh JAR OUT.aot}
OUT=${2:?usage: bench/aot-cache.sh JAR OUT.aot}
WORK=${WORK:-/tmp/formgate-bench}
RUNTIME=${RUNTIME:-$WORK/runtime}
mkdir -p "$WORK/logs" "$WORK/schemas"
cp "$REPO"/schemas/*.schema.json "$REPO"/bench/schemas/*.schema.json "$WORK/schemas/"
DATA=$(mktemp -d "$WORK/aot-data.XXXXXX")
trap 'rm -rf "$DATA"' EXIT
rm -f "$OUT"
read -r -d '' -a IMAGE_OPTS < <("$REPO/bench/image-flags.sh" "$JAR") || true
MALLOC_ARENA_MAX=2 FORMGATE_DATA=$DATA FORMGATE_SCHEMAS=$WORK/schemas FORMGATE_ALLOWED_ORIGINS=https://www.example.com \
  "$RUNTIME/bin/java" "${IMAGE_OPTS[@]}" -XX:AOTCacheOutput="$OUT" -jar "$JAR" check --exercise >"$WORK/logs/aot-train.log" 2>&1 \
  || { echo "check --exercise failed (see $WORK/logs/aot-train.log)" >&2; exit 1; }
