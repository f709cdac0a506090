#!/usr/bin/env python3
"""Turns bench/run.sh's TSV files into markdown tables (stdout) and puts them into bench/README.md.

usage: report.py RESULTS_DIR [README]
RESULTS_DIR holds peers/{results,targets,cold}.tsv (run-peers.sh), gate/{gate,memory}.tsv and cold/cold.tsv.
With README, the text between '<!-- results:start -->' and '<!-- results:end -->' is replaced.
"""
import csv
import os
import platform
import re
import statistics
import subprocess
import sys
from datetime import datetime, timezone

res = sys.argv[1]
readme = sys.argv[2] if len(sys.argv) > 2 else None


def rows(*parts):
    path = os.path.join(res, *parts)
    if not os.path.exists(path):
        return []
    with open(path, newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def num(x, nd=0):
    return "n/a" if x is None else f"{x:,.{nd}f}"


def ratio(a, b, nd=2):
    return "n/a" if a is None or not b else f"{a / b:.{nd}f}x"


def kv(s):
    return dict(p.split("=", 1) for p in s.split() if "=" in p)


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=20).stdout.strip()
    except Exception:
        return "n/a"


OPTS = [l.strip() for l in open(os.path.join(os.path.dirname(__file__), 'jvm.opts')) if l.strip() and not l.startswith('#')]
out = []
cpu = sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").strip()
out.append(f"Generated {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC by `bench/run.sh` on {sh('nproc')} vCPU "
           f"({cpu}), {sh('uname -r')}; JDK for load: `{sh(os.environ.get('JAVA', 'java') + ' -version 2>&1 | head -1')}` (`{os.environ.get('JAVA', 'java')}`{', the image runtime: jlink with the Dockerfile modules' if '/runtime/' in os.environ.get('JAVA', '') else ''}); "
           f"JVM flags (`bench/jvm.opts`, the image's): `{' '.join(OPTS)}`"
           f"{'; with the AOT cache made by `check --exercise` (`' + os.environ['JAVA_EXTRA'] + '`)' if os.environ.get('JAVA_EXTRA') else ''}.")
out.append("")

# ---------------------------------------------------------------- peers phase
peers = rows("peers", "results.tsv")
targets = {t["target"]: t for t in rows("peers", "targets.tsv")}
pcold = rows("peers", "cold.tsv")
names = {"direct": "fake CMS direct (upper bound)", "peer-a": "nginx proxy", "peer-b": "workerd Worker",
         "extra": "**FormGate**"}
stat = {}
for t in ["direct", "peer-a", "peer-b", "extra"]:
    for b in ["json", "form"]:
        rs = [r for r in peers if r["target"] == t and r["body"] == b]
        if not rs:
            continue
        n = sum(int(r["requests"]) for r in rs)
        cpu_s = [float(r["target_cpu_s"]) for r in rs if r["target_cpu_s"] not in ("NA", "")]
        stat[(t, b)] = dict(
            rps=med([float(r["rps"]) for r in rs]),
            p50=med([int(r["p50_us"]) / 1000 for r in rs]),
            p99=med([int(r["p99_us"]) / 1000 for r in rs]),
            bad=sum(int(r["non2xx"]) + int(r["sockerr"]) for r in rs),
            cpu_us=(sum(cpu_s) * 1e6 / n) if cpu_s and n else None,
            reps=len(rs))
if stat:
    out.append("### 1. Contact form through each target (run-peers.sh, FormGate as its extra target)")
    out.append("")
    out.append("Both bodies go to `/api/v1/content/contact_form` (the peers' path), `Accept: application/json`. "
               "Median of the repetitions; ratios are FormGate / peer from this same run.")
    out.append("")
    out.append("| target | body | req/s | p50 ms | p99 ms | errors | CPU µs/req | peak RSS MiB | cold start ms |")
    out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for (t, b), s in stat.items():
        hwm = targets.get(t, {}).get("hwm_kb")
        cs = med([float(c["ms"]) for c in pcold if c["target"] == t and c["ms"] not in ("FAIL", "")])
        out.append(f"| {names[t]} | {b} | {num(s['rps'])} | {num(s['p50'], 2)} | {num(s['p99'], 2)} | {s['bad']} | "
                   f"{num(s['cpu_us'])} | {num(int(hwm) / 1024 if hwm and hwm != 'NA' else None, 1)} | "
                   f"{num(cs) if cs is not None else '-'} |")
    out.append("")
    for b in ["json", "form"]:
        fg, ng, wk = stat.get(("extra", b)), stat.get(("peer-a", b)), stat.get(("peer-b", b))
        if fg and ng and wk:
            out.append(f"- {b}: FormGate req/s = **{ratio(fg['rps'], ng['rps'])} nginx**, {ratio(fg['rps'], wk['rps'])} Worker; "
                       f"p99 {num(fg['p99'], 1)} ms (nginx {num(ng['p99'], 1)}, Worker {num(wk['p99'], 1)}); "
                       f"p50 {num(fg['p50'], 2)} ms (Worker {num(wk['p50'], 2)})")
    out.append("")

# ---------------------------------------------------------------- gate phase
gate = rows("gate", "gate.tsv")
gstat = {}
for r in gate:
    gstat.setdefault(r["scenario"], []).append(r)
if gstat:
    def jit_share(rs):  # the JIT compiler threads' share of the target's CPU while measured; blank without them
        jit = sum(float(r.get("jit_cpu_s") or 0) for r in rs)
        cpu = sum(float(r["target_cpu_s"]) for r in rs)
        return f"{jit / cpu * 100:.0f} %" if jit and cpu else ""

    def opt(r, col):  # a column older results lack
        v = r.get(col)
        return float(v) if v not in (None, "", "NA") else None

    def others_us(rs, n):  # wrk's and the fake CMS's CPU per request while measured
        parts = [(opt(r, "load_cpu_s"), opt(r, "cms_cpu_s")) for r in rs]
        if not n or any(a is None or b is None for a, b in parts):
            return None
        return sum(a + b for a, b in parts) * 1e6 / n

    def g(name):
        rs = gstat.get(name)
        if not rs:
            return None
        k = [kv(r["result"]) for r in rs]
        n = sum(int(x["requests"]) for x in k)
        return dict(rps=med([float(x["rps"]) for x in k]), p50=med([int(x["p50_us"]) / 1000 for x in k]),
                    p99=med([int(x["p99_us"]) / 1000 for x in k]),
                    non2xx=sum(int(x["non2xx"]) for x in k), sockerr=sum(int(x["sockerr"]) for x in k), n=n,
                    cpu_us=sum(float(r["target_cpu_s"]) for r in rs) * 1e6 / n if n else None,
                    jit=jit_share(rs), others_us=others_us(rs, n), busy=med([opt(r, "busy_cores") for r in rs]),
                    ok=all(r["status_after"] == r["expected"] for r in rs), expected=rs[0]["expected"],
                    got=rs[-1]["status_after"], cmd=rs[0]["command"])
    out.append("### 2. FormGate's own scenarios beside the peers (same run, one process each)")
    out.append("")
    out.append("| scenario | answer | req/s | p50 ms | p99 ms | CPU µs/req | of it JIT | wrk + CMS µs/req | cores busy | ratio vs nginx | ratio vs Worker |")
    out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    ref = {"formgate-json": ("nginx-json", "worker-json"), "formgate-form-html": ("nginx-form", "worker-form"),
           "floor-json": ("nginx-json", "worker-json")}
    ours = ("formgate", "floor")
    for name in gstat:
        s = g(name)
        rejection = name.startswith(("formgate-4", "floor-4"))
        nref, wref = ref.get(name, ("nginx-404", "worker-404") if rejection else (None, None))
        n, w = g(nref) if nref else None, g(wref) if wref else None
        ans = s["expected"] + ("" if s["ok"] else f" (got {s['got']})")
        bad = s["sockerr"] + (s["non2xx"] if s["expected"].startswith("2") else s["n"] - s["non2xx"])
        if bad:
            ans += f", {bad} unexpected"
        out.append(f"| {name} | {ans} | {num(s['rps'])} | {num(s['p50'], 2)} | {num(s['p99'], 2)} | {num(s['cpu_us'])} | {s['jit']} | "
                   f"{num(s['others_us'])} | {num(s['busy'], 2)} | "
                   f"{ratio(s['rps'], n['rps']) if n and name.startswith(ours) else ''} | "
                   f"{ratio(s['rps'], w['rps']) if w and name.startswith(ours) else ''} |")
    out.append("")
    out.append("Rejections are compared with the rate at which the peer answers its own 404 (a path it does not forward). "
               "The browser form post sends `Accept: text/html` and gets the built-in thank-you page (200). "
               "`floor-*` is the stack's floor (`bench/floor.sh`): Javalin 7 and Jetty with FormGate's server settings "
               "and its CMS client, the submit paths served by a Jetty handler in front of Javalin as in FormGate, "
               "forwarding the body with the key added or answering 404, and nothing else. "
               "*Of it JIT*: the share of that CPU spent by the JVM's JIT compiler threads (C1, C2) while measured, "
               "after the warm-up; where it is large, the JVM was still compiling. "
               "*wrk + CMS*: the load generator's CPU and the fake CMS's (nginx) per request while measured; "
               "*cores busy*: the machine's cores in use on average (all but idle and I/O wait, from `/proc/stat`).")
    out.append("")
    # What each target leaves FormGate: at the target's rate, all processes together can use at most every core's
    # time, and wrk and the fake CMS take their share per request; the rest is the most FormGate may spend.
    cores = int(sh("nproc") or 0)
    budget = [("submissions, JSON", "formgate-json", "nginx-json", 0.5, "floor-json"),
              ("submissions, browser post", "formgate-form-html", "nginx-form", 0.5, "floor-json")]
    budget += [(f"refusal {x}", f"formgate-{x}", "nginx-404", 0.6, "floor-404") for x in ("404", "403", "422", "429")]
    lines = []
    for label, mine, peer, target, bare in budget:
        s, p = g(mine), g(peer)
        if not s or not p or s["others_us"] is None or p["others_us"] is None or not cores:
            continue
        floor = g(bare)
        at = target * p["rps"]
        others = min(s["others_us"], p["others_us"])
        room = cores * 1e6 / at - others
        lines.append(f"| {label} | {target}x {peer}: {num(at)} req/s | {num(cores * 1e6 / at)} | {num(others)} | "
                     f"**{num(room)}** | {num(s['cpu_us'])} | {num(floor['cpu_us']) if floor else 'n/a'} |")
    if lines:
        out.append("What each target leaves FormGate, from this run: at the target's rate, every process together may use "
                   f"at most all {cores} cores' time per request; wrk and the fake CMS take theirs (the lower of their "
                   "per-request cost in the peer's scenario and in FormGate's); the rest is the most FormGate may spend "
                   "per request, even with no core ever idle. The floor (`bench/floor.sh`) is the bare stack doing no "
                   "work of FormGate's.")
        out.append("")
        out.append("| target | rate to reach | all cores, µs/req | wrk + CMS µs/req | FormGate may spend µs/req | FormGate spent | the floor spent |")
        out.append("|---|---:|---:|---:|---:|---:|---:|")
        out.extend(lines)
        out.append("")
    mem = rows("gate", "memory.tsv")
    if mem:
        out.append("Peak RSS after all of section 2 (VmHWM): " + ", ".join(
            f"{m['target']} {int(m['hwm_kb']) / 1024:.1f} MiB ({m['threads']} threads)" for m in mem if m["hwm_kb"] not in ("NA", "")) + ".")
        out.append("")

# ---------------------------------------------------------------- cold start
cold = rows("cold", "cold.tsv")
if cold:
    out.append("### 3. Cold start: process start to the first 201 (delivered to the fake CMS)")
    out.append("")
    out.append("| variant | JVM | flags | runs ms | median ms |")
    out.append("|---|---|---|---|---:|")
    seen = []
    for c in cold:
        if c["variant"] not in seen:
            seen.append(c["variant"])
    for v in seen:
        cs = [c for c in cold if c["variant"] == v]
        ms = [float(c["ms"]) for c in cs if c["ms"] not in ("FAIL", "")]
        out.append(f"| {v} | {cs[0]['java']} | `{cs[0]['flags']}` | {', '.join(c['ms'] for c in cs)} | {num(med(ms))} |")
    out.append("")

text = "\n".join(out) + "\n"
print(text)
if readme and os.path.exists(readme):
    body = open(readme).read()
    start, end = "<!-- results:start -->", "<!-- results:end -->"
    if start in body and end in body:
        body = body[:body.index(start) + len(start)] + "\n" + text + body[body.index(end):]
        open(readme, "w").write(body)
