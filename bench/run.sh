#!/usr/bin/env bash
# bench/run.sh - FormGate beside an nginx key-injecting proxy and a Cloudflare Worker (workerd), one run.
#
#   bench/run.sh                 # everything below, then the results table in bench/README.md
#
# 1. build    mvn -q -DskipTests package (SKIP_BUILD=1 skips it)
#    aot      the container's Java runtime and AOT cache, made as the Dockerfile makes them: jlink from JDK 25
#             with the Dockerfile's module list (bench/image-runtime.sh), bench/jvm.opts, `check --exercise` as
#             the training run. FormGate then runs as in the image (that runtime, jvm.opts, the cache) in every
#             phase below; without JDK 25 it runs on the java on the PATH.
# 2. peers    ../shared/bench-peers copied to /tmp/bench-peers; its run-peers.sh measures the fake CMS,
#             the nginx proxy, the workerd Worker and FormGate (--extra-cmd bench/formgate.sh) in one run:
#             JSON and urlencoded contact form to /api/v1/content/contact_form, cold start, peak RSS.
# 3. gate     the scenarios run-peers.sh has no notion of, again beside the nginx proxy and the Worker
#             in the same run: browser form post to /forms/contact-form, 404 unknown form, 403 foreign
#             Origin, 422 invalid, 429 rate-limited, against the peers' own 404s; FormGate's peak RSS. Beside them
#             the stack's floor (bench/floor.sh: Javalin and Jetty with FormGate's settings and CMS client, the submit
#             paths on a Jetty handler in front of Javalin as in FormGate, forwarding or answering 404 and nothing
#             else), the most any FormGate on this stack could answer.
#             Each scenario also records the CPU of the target's JIT compiler threads (report: "of it JIT"),
#             wrk's and the fake CMS's CPU and the cores busy (report: what each target leaves FormGate).
# 4. cold     process start to the first 201 (delivered) for FormGate: JDK 17 plain `java -jar`,
#             JDK 17 / the full JDK 25 / the image's runtime with bench/jvm.opts, the image's runtime with its
#             AOT cache (the aot phase).
# 5. report   bench/report.py writes bench/results/latest.md and the table between the markers in
#             bench/README.md.
#
# env knobs (defaults): PHASES="build aot peers gate cold report" DURATION=10s WARMUP=15s (per target and body:
#   the JVM compiles for ~30 s of load on 2 busy cores) REPS=2 (peers)
#   GATE_REPS=1 ONLY=<regex of gate scenario names, e.g. 'nginx-json|formgate-json'> THREADS=2 CONNS=32 COLD_REPS=3 JDK25=/usr/lib/jvm/temurin-25-jdk-amd64
#   PEERS_SRC=<repo>/../shared/bench-peers WORK=/tmp/formgate-bench
# Everything listens on 127.0.0.1 only; every process started here is stopped by PID on exit.
set -uo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$REPO/bench
PHASES=${PHASES:-"build aot peers gate cold report"}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-15s}
REPS=${REPS:-2}
GATE_REPS=${GATE_REPS:-1}
THREADS=${THREADS:-2}
CONNS=${CONNS:-32}
COLD_REPS=${COLD_REPS:-3}
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
PEERS_SRC=${PEERS_SRC:-$REPO/../shared/bench-peers}
PEERS=/tmp/bench-peers
WORK=${WORK:-/tmp/formgate-bench}
RES=$WORK/results
export DURATION WARMUP REPS THREADS CONNS COLD_REPS

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
has() { [[ " $PHASES " == *" $1 "* ]]; }

STARTED=()
stop_pid() { # pid: TERM, wait up to 10 s, then KILL (only processes started here)
  local p=$1 i
  [ -n "$p" ] && kill -0 "$p" 2>/dev/null || return 0
  kill -TERM "$p" 2>/dev/null
  for i in $(seq 1 200); do kill -0 "$p" 2>/dev/null || break; sleep 0.05; done
  kill -0 "$p" 2>/dev/null && kill -KILL "$p" 2>/dev/null
  wait "$p" 2>/dev/null
  return 0
}
cleanup() { local i; for (( i=${#STARTED[@]}-1; i>=0; i-- )); do stop_pid "${STARTED[$i]}"; done; STARTED=(); }
trap cleanup EXIT
trap 'log interrupted; exit 130' INT TERM

mkdir -p "$WORK"
has peers || has gate || has cold || has report || true

# ---------------------------------------------------------------- 1. build
if has build && [ "${SKIP_BUILD:-0}" != 1 ]; then
  log "building the jar"
  (cd "$REPO" && mvn -q -DskipTests package) || die "maven build failed"
fi
[ -f "$REPO/target/formgate.jar" ] || die "target/formgate.jar missing (run with the build phase)"

# ---------------------------------------------------------------- aot: the image's cache, the image's way
AOT=$WORK/formgate.aot
RUNTIME=$WORK/runtime # the image's Java runtime: jlink from JDK 25 with the Dockerfile's module list
if has aot; then
  rm -f "$AOT"
  if [ -x "$JDK25/bin/java" ]; then
    JDK25=$JDK25 "$BENCH/image-runtime.sh" "$RUNTIME" >/dev/null || die "jlink of the image's runtime failed"
    log "AOT cache: the image's runtime (JDK 25, jlink), bench/jvm.opts, training run \`check --exercise\` (as the Dockerfile)"
    WORK=$WORK RUNTIME=$RUNTIME "$BENCH/aot-cache.sh" "$REPO/target/formgate.jar" "$AOT" || die "AOT cache training failed"
  else
    log "no JDK 25 at $JDK25: FormGate runs on $(java -version 2>&1 | head -1) without an AOT cache"
  fi
fi
if [ -s "$AOT" ]; then # FormGate as in the image, for every phase below (bench/formgate.sh reads these)
  export JAVA=$RUNTIME/bin/java JAVA_EXTRA="-XX:AOTCache=$AOT"
fi

# ---------------------------------------------------------------- peers' tools
if has peers || has gate || has cold; then
  [ -d "$PEERS_SRC" ] || die "peers not found at $PEERS_SRC (set PEERS_SRC)"
  if [ ! -x "$PEERS/peers/workerd/node_modules/@cloudflare/workerd-linux-64/bin/workerd" ]; then
    rm -rf "$PEERS" && cp -r "$PEERS_SRC" "$PEERS"
  else # keep the installed workerd, refresh everything else
    (cd "$PEERS_SRC" && find . -path ./peers/workerd/node_modules -prune -o -type f -print) |
      while read -r f; do mkdir -p "$PEERS/$(dirname "$f")"; cp "$PEERS_SRC/$f" "$PEERS/$f"; done
  fi
fi

# ---------------------------------------------------------------- 2. peers (run-peers.sh, FormGate as extra)
if has peers; then
  rm -rf "$RES/peers" && mkdir -p "$RES/peers"
  log "peers phase: run-peers.sh with FormGate as the extra target (REPS=$REPS x $DURATION)"
  RUN_DIR=$WORK/peers-run OUT=$RES/peers/report.md EXTRA_COLD_TIMEOUT=60 \
    "$PEERS/run-peers.sh" --extra-url http://127.0.0.1:8080/api/v1/content/contact_form \
      --extra-cmd "$BENCH/formgate.sh" --extra-name formgate >"$RES/peers/stdout.md" 2>"$RES/peers/stderr.log" \
    || die "run-peers.sh failed (see $RES/peers/stderr.log)"
  cp "$WORK"/peers-run/{results,targets,cold,smoke}.tsv "$RES/peers/"
  log "peers phase done: $RES/peers/report.md"
fi

# ---------------------------------------------------------------- helpers for gate/cold
WORKERD=$PEERS/peers/workerd/node_modules/@cloudflare/workerd-linux-64/bin/workerd
start_bg() { # tag cmd... -> LAST_PID
  "$@" >>"$WORK/logs/$TAG.log" 2>&1 &
  LAST_PID=$!; STARTED+=("$LAST_PID")
}
start_fake_cms() {
  mkdir -p "$WORK/fake-cms" "$WORK/logs"; TAG=fake-cms
  start_bg nginx -e stderr -p "$WORK/fake-cms/" -c "$PEERS/peers/nginx/fake-cms.conf" -g "daemon off; worker_processes 1;"
  PID_CMS=$LAST_PID; wait_code http://127.0.0.1:9000/api/v1/content/contact_form 200 10 -H 'X-AUTH-TOKEN: secret' || die "fake CMS down"
}
JSON_BODY='{"name":"Jane Doe","email":"jane.doe@example.com","message":"Hello! This is the benchmark smoke check of the contact form."}'
code_of() { # url [curl args] -> status
  local u=$1; shift
  curl -s -o /dev/null -w '%{http_code}' --max-time 5 -X POST -H 'Content-Type: application/json' \
       -H 'Accept: application/json' --data-binary "$JSON_BODY" "$@" "$u" 2>/dev/null || true
}
wait_code() { # url code timeout_s [curl args]
  local u=$1 c=$2 t=$3 i; shift 3
  for (( i=0; i<t*20; i++ )); do [ "$(code_of "$u" "$@")" = "$c" ] && return 0; sleep 0.05; done
  return 1
}
hwm_kb() { # pid -> VmHWM of it and its children, kB (nginx master + worker, like run-peers.sh)
  local t=0 p v
  for p in "$1" $(pgrep -P "$1"); do v=$(awk '/^VmHWM:/{print $2}' "/proc/$p/status" 2>/dev/null); t=$(( t + ${v:-0} )); done
  echo "$t"
}
cpu_ticks() { # pid -> utime+stime of it and its children (nginx master + worker)
  local t=0 p v
  for p in "$1" $(pgrep -P "$1"); do v=$(awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null); t=$(( t + ${v:-0} )); done
  echo "$t"
}
jit_ticks() { # pid -> utime+stime of its JIT compiler threads (C1, C2; 0 for a process without them)
  local t=0 d v
  for d in /proc/"$1"/task/*; do
    case $(cat "$d/comm" 2>/dev/null) in C1\ Compi*|C2\ Compi*)
      v=$(awk '{print $14+$15}' "$d/stat" 2>/dev/null); t=$(( t + ${v:-0} )) ;; esac
  done
  echo "$t"
}
CLK=$(getconf CLK_TCK)

# ---------------------------------------------------------------- 3. gate scenarios
# name|pid var|url|WRK_KIND|WRK_ACCEPT|WRK_ORIGIN|expected status
BROWSER_ACCEPT='text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'
SCENARIOS=(
  "nginx-json|PID_NGINX|http://127.0.0.1:9001/api/v1/content/contact_form|json|application/json||200"
  "worker-json|PID_WORKER|http://127.0.0.1:9002/api/v1/content/contact_form|json|application/json||200"
  "formgate-json|PID_FG|http://127.0.0.1:8080/api/v1/content/contact_form|json|application/json||201"
  "nginx-form|PID_NGINX|http://127.0.0.1:9001/api/v1/content/contact_form|form|application/json||200"
  "worker-form|PID_WORKER|http://127.0.0.1:9002/api/v1/content/contact_form|form|application/json||200"
  "formgate-form-html|PID_FG|http://127.0.0.1:8080/forms/contact-form|form|$BROWSER_ACCEPT||200"
  "nginx-404|PID_NGINX|http://127.0.0.1:9001/api/v1/content/secret_stuff|json|application/json||404"
  "worker-404|PID_WORKER|http://127.0.0.1:9002/api/v1/content/secret_stuff|json|application/json||404"
  "formgate-404|PID_FG|http://127.0.0.1:8080/forms/no-such-form|json|application/json||404"
  "formgate-403|PID_FG|http://127.0.0.1:8080/api/v1/content/contact_form|json|application/json|https://evil.example|403"
  "formgate-422|PID_FG|http://127.0.0.1:8080/api/v1/content/contact_form|invalid|application/json||422"
  "formgate-429|PID_FG|http://127.0.0.1:8080/forms/rate-limited|json|application/json||429"
  "floor-json|PID_FLOOR|http://127.0.0.1:8081/api/v1/content/contact_form|json|application/json||200"
  "floor-404|PID_FLOOR|http://127.0.0.1:8081/api/v1/content/secret_stuff|json|application/json||404"
)
scenario_smoke() { # url kind accept origin -> status of one request shaped like the scenario
  local u=$1 kind=$2 accept=$3 origin=$4 ct=application/json body=$JSON_BODY
  case $kind in
    form) ct=application/x-www-form-urlencoded; body='name=Jane+Doe&email=jane.doe%40example.com&message=Hello%21+This+is+the+smoke+check.' ;;
    invalid) body='{"name":"J","email":"jane.doe(at)example.com","message":"Hi"}' ;;
  esac
  curl -s -o /dev/null -w '%{http_code}' --max-time 5 -X POST -H "Content-Type: $ct" -H "Accept: $accept" \
       ${origin:+-H "Origin: $origin"} --data-binary "$body" "$u" 2>/dev/null || true
}
children_cpu_s() { # bash's `times` output in file $1 -> user + system seconds of the reaped children
  awk 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) { split($i, m, /[ms]/); t += m[1] * 60 + m[2] } printf "%.2f", t }' "$1"
}
run_scenario() { # line rep warm(0/1) -> appends to gate.tsv
  local name pidvar url kind accept origin expect
  IFS='|' read -r name pidvar url kind accept origin expect <<<"$1"
  local pid=${!pidvar} d=$DURATION tag="$name-rep$2"
  [ "$3" = 1 ] && { d=$WARMUP; tag="warm-$name"; }
  local before after jit0 jit1 cms0 cms1 cpu jit cmd=(wrk -t"$THREADS" -c"$CONNS" -d"$d" --latency -s "$BENCH/wrk/post.lua" "$url")
  local -a sys0 sys1
  before=$(cpu_ticks "$pid"); jit0=$(jit_ticks "$pid"); cms0=$(cpu_ticks "$PID_CMS")
  # what else the run costs the machine, for the budget in the report: wrk's own CPU (the only child reaped between
  # the two `times`), the fake CMS's, and how busy the machine's cores were (/proc/stat)
  read -r -a sys0 </proc/stat; times >"$WORK/wrk/times0"
  WRK_KIND=$kind WRK_ACCEPT=$accept WRK_ORIGIN=$origin "${cmd[@]}" >"$WORK/wrk/$tag.txt" 2>&1
  times >"$WORK/wrk/times1"; read -r -a sys1 </proc/stat
  after=$(cpu_ticks "$pid"); jit1=$(jit_ticks "$pid"); cms1=$(cpu_ticks "$PID_CMS")
  [ "$3" = 1 ] && return 0
  local res; res=$(grep '^RESULT ' "$WORK/wrk/$tag.txt" | head -1)
  [ -n "$res" ] || { log "no wrk result for $tag"; return 0; }
  local got; got=$(scenario_smoke "$url" "$kind" "$accept" "$origin")
  cpu=$(awk -v a="$after" -v b="$before" -v c="$CLK" 'BEGIN{printf "%.2f",(a-b)/c}')
  jit=$(awk -v a="$jit1" -v b="$jit0" -v c="$CLK" 'BEGIN{printf "%.2f",(a-b)/c}')
  local load cms busy
  load=$(awk -v a="$(children_cpu_s "$WORK/wrk/times1")" -v b="$(children_cpu_s "$WORK/wrk/times0")" 'BEGIN{printf "%.2f",a-b}')
  cms=$(awk -v a="$cms1" -v b="$cms0" -v c="$CLK" 'BEGIN{printf "%.2f",(a-b)/c}')
  # cores busy on average: all but idle and iowait, of user..steal (guest time is already in user), times the cores
  busy=$(awk -v n="$(nproc)" -v a="${sys0[*]:1}" -v b="${sys1[*]:1}" 'BEGIN { split(a, x, " "); split(b, y, " ");
    for (i = 1; i <= 8; i++) { d = y[i] - x[i]; t += d; if (i == 4 || i == 5) idle += d } printf "%.2f", t ? (t - idle) / t * n : 0 }')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$2" "$expect" "$got" "$cpu" "$jit" "$load" "$cms" \
    "$busy" "${res#RESULT }" "WRK_KIND=$kind WRK_ACCEPT='$accept'${origin:+ WRK_ORIGIN=$origin} ${cmd[*]}" \
    >>"$RES/gate/gate.tsv"
  log "$name rep $2: $(sed 's/.* rps=\([^ ]*\).* p99_us=\([^ ]*\).*/\1 req\/s p99 \2 us/' <<<"$res"), status now $got (want $expect)"
}

if has gate; then
  rm -rf "$RES/gate" "$WORK/wrk" "$WORK/logs" && mkdir -p "$RES/gate" "$WORK/wrk" "$WORK/logs" "$WORK/peer-a"
  for p in 8080 8081 9000 9001 9002; do ss -Hltn "sport = :$p" | grep -q . && die "port $p is busy"; done
  start_fake_cms
  TAG=peer-a; start_bg nginx -e stderr -p "$WORK/peer-a/" -c "$PEERS/peers/nginx/peer-a-proxy.conf" -g "daemon off; worker_processes 1;"
  PID_NGINX=$LAST_PID
  TAG=peer-b; FLOTIQ_API_KEY=secret start_bg "$WORKERD" serve "$PEERS/peers/workerd/config.capnp"
  PID_WORKER=$LAST_PID
  TAG=formgate; start_bg "$BENCH/formgate.sh"
  PID_FG=$LAST_PID
  TAG=floor; start_bg "$BENCH/floor.sh"
  PID_FLOOR=$LAST_PID
  wait_code http://127.0.0.1:9001/api/v1/content/contact_form 200 10 || die "nginx proxy down"
  wait_code http://127.0.0.1:9002/api/v1/content/contact_form 200 10 || die "worker down"
  wait_code http://127.0.0.1:8080/api/v1/content/contact_form 201 60 || die "FormGate down (see $WORK/logs/formgate.log)"
  wait_code http://127.0.0.1:8081/api/v1/content/contact_form 200 60 || die "stack floor down (see $WORK/logs/floor.log)"
  log "gate phase: nginx $PID_NGINX, worker $PID_WORKER, formgate $PID_FG; $GATE_REPS x $DURATION per scenario"
  printf 'scenario\trep\texpected\tstatus_after\ttarget_cpu_s\tjit_cpu_s\tload_cpu_s\tcms_cpu_s\tbusy_cores\tresult\tcommand\n' >"$RES/gate/gate.tsv"
  PICKED=(); for s in "${SCENARIOS[@]}"; do [[ ${s%%|*} =~ ^(${ONLY:-.*})$ ]] && PICKED+=("$s"); done
  for s in "${PICKED[@]}"; do run_scenario "$s" 0 1; done
  for (( r=1; r<=GATE_REPS; r++ )); do for s in "${PICKED[@]}"; do run_scenario "$s" "$r" 0; done; done
  printf 'target\tpid\thwm_kb\tthreads\n' >"$RES/gate/memory.tsv"
  for t in nginx:$PID_NGINX worker:$PID_WORKER formgate:$PID_FG floor:$PID_FLOOR; do
    printf '%s\t%s\t%s\t%s\n' "${t%%:*}" "${t#*:}" "$(hwm_kb "${t#*:}")" "$(cat /proc/${t#*:}/task/*/comm 2>/dev/null | wc -l)" >>"$RES/gate/memory.tsv"
  done
  cleanup
  log "gate phase done"
fi

# ---------------------------------------------------------------- 4. cold start
# shellcheck source=bench/cold-probe.sh
. "$BENCH/cold-probe.sh"
cold_once() { # -> COLD_MS (env of formgate.sh decides the JVM)
  local t0=${EPOCHREALTIME/./}
  "$BENCH/formgate.sh" >>"$WORK/logs/cold.log" 2>&1 &
  local p=$!; STARTED+=("$p")
  time_first_201 "$p" "$t0" "$NAP_FD" || true
  stop_pid "$p"
}
if has cold; then
  rm -rf "$RES/cold" && mkdir -p "$RES/cold" "$WORK/logs"
  for p in 8080 9000; do ss -Hltn "sport = :$p" | grep -q . && die "port $p is busy"; done
  start_fake_cms
  rm -f "$WORK/nap.fifo"; mkfifo "$WORK/nap.fifo"; exec {NAP_FD}<>"$WORK/nap.fifo"
  VARIANTS=("jdk17-plain|java|none|" "jdk17-image|java||-XX:+IgnoreUnrecognizedVMOptions")
  if [ -x "$JDK25/bin/java" ]; then
    VARIANTS+=("jdk25|$JDK25/bin/java||")
    [ -x "$RUNTIME/bin/java" ] && VARIANTS+=("jdk25-image|$RUNTIME/bin/java||")
    [ -s "$AOT" ] && VARIANTS+=("jdk25-image-aot|$RUNTIME/bin/java||-XX:AOTCache=$AOT")
  fi
  printf 'variant\trep\tms\tjava\tflags\n' >"$RES/cold/cold.tsv"
  for (( r=1; r<=COLD_REPS; r++ )); do
    for v in "${VARIANTS[@]}"; do
      IFS='|' read -r name java opts extra <<<"$v"
      JAVA=$java JVM_OPTS_FILE=${opts:-$BENCH/jvm.opts} JAVA_EXTRA=$extra cold_once
      flags=$([ "$opts" = none ] && echo "(none)" || echo "bench/jvm.opts")${extra:+ $extra}
      printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$r" "$COLD_MS" "$("$java" -version 2>&1 | head -1)" "$flags" >>"$RES/cold/cold.tsv"
      log "cold $name #$r: $COLD_MS ms"
    done
  done
  cleanup
fi

# ---------------------------------------------------------------- 5. report
if has report; then
  python3 "$BENCH/report.py" "$RES" "$BENCH/README.md" >"$RES/latest.md" || die "report failed"
  mkdir -p "$BENCH/results" && cp "$RES/latest.md" "$BENCH/results/latest.md"
  log "report: bench/results/latest.md (and the table in bench/README.md)"
fi
