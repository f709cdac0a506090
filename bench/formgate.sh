#!/usr/bin/env bash
# Starts FormGate the way the benchmark measures it: packaged jar, the container's JVM settings
# (bench/jvm.opts), durability on (the real SQLite outbox in a fresh data directory), delivering to the
# peers' fake Flotiq on 127.0.0.1:9000 with key "secret". Execs java, so the PID is the JVM's.
#
# env: JAVA (java on PATH), JAVA_EXTRA (more JVM flags, e.g. an AOT cache), JVM_OPTS_FILE (bench/jvm.opts, applied
#   by bench/image-flags.sh; "none" for plain `java -jar`), FG_PORT (8080), FG_DATA (/tmp/formgate-bench/data), FG_SCHEMAS (repo
#   schemas plus bench/schemas, assembled under /tmp/formgate-bench/schemas), FG_PER_CLIENT / FG_PER_FORM
#   (generous: 100000000/1s), FG_KEEP_DATA=1 keeps the data directory, FG_JAR (target/formgate.jar).
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
JAVA=${JAVA:-java}
OPTS_FILE=${JVM_OPTS_FILE:-$REPO/bench/jvm.opts}
DATA=${FG_DATA:-/tmp/formgate-bench/data}
SCHEMAS=${FG_SCHEMAS:-/tmp/formgate-bench/schemas}
if [ -z "${FG_SCHEMAS:-}" ]; then
  mkdir -p "$SCHEMAS"
  cp "$REPO"/schemas/*.schema.json "$REPO"/bench/schemas/*.schema.json "$SCHEMAS"/
fi
[ "${FG_KEEP_DATA:-0}" = 1 ] || rm -rf "$DATA"
OPTS=()
[ "$OPTS_FILE" = none ] || read -r -d '' -a OPTS < <(JVM_OPTS_FILE=$OPTS_FILE "$REPO/bench/image-flags.sh" "${FG_JAR:-$REPO/target/formgate.jar}") || true
# MALLOC_ARENA_MAX as the image's ENV (Dockerfile)
# shellcheck disable=SC2086
exec env MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" PORT="${FG_PORT:-8080}" FORMGATE_HOST=127.0.0.1 FORMGATE_DATA="$DATA" FORMGATE_SCHEMAS="$SCHEMAS" \
  FLOTIQ_API_URL=http://127.0.0.1:9000 FLOTIQ_API_KEY=secret \
  FORMGATE_ALLOWED_ORIGINS=https://www.example.com \
  FORMGATE_RATE_LIMIT_PER_CLIENT="${FG_PER_CLIENT:-100000000/1s}" \
  FORMGATE_RATE_LIMIT_PER_FORM="${FG_PER_FORM:-100000000/1s}" \
  FORMGATE_DOUBLE_SUBMIT_WINDOW=0s \
  "$JAVA" "${OPTS[@]}" ${JAVA_EXTRA:-} -jar "${FG_JAR:-$REPO/target/formgate.jar}"
