# bench/cold-probe.sh - sourced by bench/run.sh and bench/ab.sh: the time from a FormGate process's start to its
# first 201, polled every 10 ms with a raw POST over bash's /dev/tcp (no fork inside the timed loop).
COLD_BODY='{"name":"Jane Doe","email":"jane.doe@example.com","message":"Hello! This is the cold start probe of the contact form."}'
first_201() { # -> 0 when a raw POST to 127.0.0.1:8080 answers 201
  local fd line
  { exec {fd}<>/dev/tcp/127.0.0.1/8080; } 2>/dev/null || return 1
  printf 'POST /api/v1/content/contact_form HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
    "${#COLD_BODY}" "$COLD_BODY" >&"$fd" 2>/dev/null
  read -r -t 5 -u "$fd" line 2>/dev/null
  exec {fd}>&-
  [[ ${line:-} == "HTTP/1.1 201"* ]]
}
time_first_201() { # pid t0 (EPOCHREALTIME without the dot) nap_fd (a fifo held open: read -t is the 10 ms sleep)
  # -> COLD_MS, milliseconds from t0 to the first 201, or FAIL when the process ended or 60 s passed
  local p=$1 t0=$2 nap=$3 t1 i
  COLD_MS=FAIL
  for (( i=0; i<6000; i++ )); do
    if first_201; then t1=${EPOCHREALTIME/./}; COLD_MS=$(awk -v d=$(( t1 - t0 )) 'BEGIN{printf "%.0f", d/1000}'); return 0; fi
    kill -0 "$p" 2>/dev/null || return 1
    read -r -t 0.01 -u "$nap" _ || true
  done
  return 1
}
