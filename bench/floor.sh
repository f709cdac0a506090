#!/usr/bin/env bash
# Starts the stack's floor (src/test/java/dev/formgate/delivery/StackFloor.java) the way bench/run.sh measures it:
# Javalin 7 on Jetty with FormGate's server settings and its CMS client; as in FormGate, a Jetty handler in front of
# Javalin serves /api/v1/content/*, forwarding POST /api/v1/content/contact_form to the peers' fake Flotiq on
# 127.0.0.1:9000 with key "secret" and answering 404 to every other content type (Javalin answers other paths); same JVM and flags as bench/formgate.sh (no AOT cache: only steady state is measured).
# Needs `mvn package` (target/formgate.jar and target/test-classes). Execs java, so the PID is the JVM's.
#
# env: JAVA (java on PATH), JVM_OPTS_FILE (bench/jvm.opts), FLOOR_PORT (8081)
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OPTS=()
read -r -d '' -a OPTS < <("$REPO/bench/image-flags.sh" "$REPO/target/formgate.jar") || true
exec env MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" "${JAVA:-java}" "${OPTS[@]}" \
  -cp "$REPO/target/test-classes:$REPO/target/formgate.jar" dev.formgate.delivery.StackFloor \
  "${FLOOR_PORT:-8081}" http://127.0.0.1:9000 secret
