#!/usr/bin/env bash
# bench/ab.sh - alternating starts of FormGate variants (jars or flags), each measured the same way, for the
# before/after rows of bench/README.md. Each variant runs as bench/formgate.sh runs it (the image's runtime and flags).
#
#   bench/ab.sh load ROUNDS KIND URL VARIANT...   per start: warm up, then req/s, CPU-µs per request (utime + stime of
#                                                 the JVM over the measured window / requests), p99 and peak RSS,
#                                                 then that CPU per request by thread name (the committer, the carriers)
#   bench/ab.sh cold ROUNDS VARIANT...            per start: ms from the process's start to its first 201
#
# KIND: json | form | invalid (bench/wrk/post.lua). URL: e.g. http://127.0.0.1:8080/api/v1/content/contact_form.
# VARIANT: 'label|jar|aot|flags': aot is an AOT cache file, "auto" (made for that jar by bench/aot-cache.sh, in
#   $WORK/ab/label.aot) or empty (none); flags are JVM flags added after bench/jvm.opts. Rounds alternate the
#   variants: A B A B ..., so a slow spell of a shared machine hits them alike.
# env: WARM (15, seconds of load before measuring), DUR (10), CONNS (32), THREADS (2), ORIGIN (an Origin header),
#   WORK (/tmp/formgate-bench). Needs wrk and nginx (the fake CMS of ../shared/bench-peers, started on 127.0.0.1:9000
#   if nothing listens there; copied to /tmp/bench-peers by bench/run.sh), and JDK 25 for the image's runtime.
#
# example (the fourteenth landing's rows):
#   bench/ab.sh load 2 json http://127.0.0.1:8080/api/v1/content/contact_form \
#     'm8|target/formgate.jar|auto|-XX:CompileCommand=MemLimit,*.*,8m' 'm24|target/formgate.jar|auto|'
set -uo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$REPO/bench
WORK=${WORK:-/tmp/formgate-bench}
RUNTIME=$WORK/runtime
WARM=${WARM:-15} DUR=${DUR:-10} CONNS=${CONNS:-32} THREADS=${THREADS:-2}
MODE=${1:-}; ROUNDS=${2:-}
usage() { sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[[ $MODE == load || $MODE == cold ]] && [[ $ROUNDS =~ ^[0-9]+$ ]] || usage
shift 2
if [ "$MODE" = load ]; then KIND=${1:-}; URL=${2:-}; shift 2 || usage; fi
[ $# -ge 1 ] || usage
mkdir -p "$WORK/ab" "$WORK/logs"
STARTED=()
cleanup() { local p; for p in "${STARTED[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; }
trap cleanup EXIT

"$BENCH/image-runtime.sh" "$RUNTIME" >/dev/null || exit 1
if ! ss -Hltn "sport = :9000" | grep -q .; then
  [ -f /tmp/bench-peers/peers/nginx/fake-cms.conf ] \
    || { echo "no fake CMS on 127.0.0.1:9000 and no /tmp/bench-peers (run bench/run.sh once, or copy ../shared/bench-peers there)" >&2; exit 1; }
  mkdir -p "$WORK/fake-cms/logs"
  nginx -e stderr -p "$WORK/fake-cms/" -c /tmp/bench-peers/peers/nginx/fake-cms.conf -g "daemon off; worker_processes 1;" \
    >>"$WORK/logs/fake-cms.log" 2>&1 &
  STARTED+=("$!"); sleep 0.5
fi
declare -A JAR AOT FLAGS
LABELS=()
for v in "$@"; do
  IFS='|' read -r label jar aot flags <<<"$v"
  [ -f "$jar" ] || { echo "no jar $jar (variant $label)" >&2; exit 1; }
  if [ "$aot" = auto ]; then
    aot=$WORK/ab/$label.aot
    "$BENCH/aot-cache.sh" "$jar" "$aot" || exit 1
  fi
  LABELS+=("$label"); JAR[$label]=$jar; AOT[$label]=$aot; FLAGS[$label]=$flags
done

start() { # label -> PID
  FG_JAR=${JAR[$1]} JAVA=$RUNTIME/bin/java JAVA_EXTRA="${AOT[$1]:+-XX:AOTCache=${AOT[$1]}} ${FLAGS[$1]}" \
    "$BENCH/formgate.sh" >"$WORK/logs/ab-$1.log" 2>&1 &
  PID=$!; STARTED+=("$PID")
}
stop() { kill "$1" 2>/dev/null; wait "$1" 2>/dev/null; sleep 1; }
CLK=$(getconf CLK_TCK)
cpu_s() { awk -v c="$CLK" '{printf "%.2f", ($14 + $15) / c}' "/proc/$1/stat"; }
# pid -> "name ticks" per thread name (spaces made _), summed over the threads of that name (the carrier threads)
thread_ticks() {
  local t
  for t in /proc/"$1"/task/*; do echo "$(tr ' ' _ <"$t/comm" 2>/dev/null) $(awk '{print $14 + $15}' "$t/stat" 2>/dev/null)"; done |
    awk 'NF == 2 { a[$1] += $2 } END { for (k in a) print k, a[k] }' | sort
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

if [ "$MODE" = cold ]; then
  # shellcheck source=bench/cold-probe.sh
  . "$BENCH/cold-probe.sh"
  rm -f "$WORK/ab/nap.fifo"; mkfifo "$WORK/ab/nap.fifo"; exec {NAP}<>"$WORK/ab/nap.fifo"
  declare -A ALL
  for (( r=1; r<=ROUNDS; r++ )); do
    for l in "${LABELS[@]}"; do
      t0=${EPOCHREALTIME/./}; start "$l"
      time_first_201 "$PID" "$t0" "$NAP" || true
      stop "$PID"
      printf '%-12s round %d: %s ms\n' "$l" "$r" "$COLD_MS"; ALL[$l]="${ALL[$l]:-} $COLD_MS"
    done
  done
  for l in "${LABELS[@]}"; do
    printf '%-12s median %s ms of%s\n' "$l" "$(tr ' ' '\n' <<<"${ALL[$l]}" | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')" "${ALL[$l]}"
  done
  exit 0
fi

for (( r=1; r<=ROUNDS; r++ )); do
  for l in "${LABELS[@]}"; do
    start "$l"
    for (( i=0; i<600; i++ )); do curl -s -o /dev/null --max-time 1 http://127.0.0.1:8080/health && break; sleep 0.1; done
    load=(wrk -t"$THREADS" -c"$CONNS" --latency -s "$BENCH/wrk/post.lua" "$URL")
    WRK_KIND=$KIND WRK_ORIGIN=${ORIGIN:-} "${load[@]}" -d"${WARM}s" >/dev/null 2>&1
    c0=$(cpu_s "$PID"); thread_ticks "$PID" >"$WORK/ab/threads0"
    res=$(WRK_KIND=$KIND WRK_ORIGIN=${ORIGIN:-} "${load[@]}" -d"${DUR}s" 2>&1 | grep '^RESULT ')
    c1=$(cpu_s "$PID"); thread_ticks "$PID" >"$WORK/ab/threads1"
    rss=$(awk '/^VmHWM:/ {printf "%.0f", $2 / 1024}' "/proc/$PID/status")
    stop "$PID"
    [ -n "$res" ] || { echo "$l round $r: no wrk result (see $WORK/logs/ab-$l.log)"; continue; }
    awk -v l="$l" -v r="$r" -v c0="$c0" -v c1="$c1" -v n="$(field requests "$res")" -v rps="$(field rps "$res")" \
        -v p99="$(field p99_us "$res")" -v bad="$(field non2xx "$res")" -v rss="$rss" \
      'BEGIN { printf "%-12s round %d: %8.0f req/s %7.1f CPU-us/req  p99 %5.1f ms  peak RSS %s MiB  status >= 400: %d\n",
               l, r, rps, (c1 - c0) * 1e6 / n, p99 / 1000, rss, bad }'
    # where that CPU went, by thread name (threads of one name summed): the ones above 1 CPU-µs per request
    join "$WORK/ab/threads0" "$WORK/ab/threads1" | awk -v c="$CLK" -v n="$(field requests "$res")" \
      '{ us = ($3 - $2) / c * 1e6 / n; if (us >= 1) printf "  %-24s %6.1f CPU-us/req\n", $1, us }' | sort -k2 -rn
  done
done
