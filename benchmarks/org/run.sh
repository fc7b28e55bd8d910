#!/usr/bin/env bash
# Organization benchmark: a fresh moto server seeded with an Organization of ACCOUNTS member
# accounts (seed.py), read through a proxy that holds every request LATENCY_MS (latency_proxy.py)
# so that concurrency matters as against AWS. Measures `palisade collect --org` as one process
# (--concurrency 32, then 128) and as SHARDS shards (--concurrency 32 each), run at once on this
# machine and then one at a time (as each would on a runner of its own), then `palisade merge`;
# the peak memory of one process as its accounts grow; and the API calls per account and per
# organization, which the paper estimate in README.md uses. Prints Markdown.
#
#   benchmarks/org/run.sh
#
# Environment: ACCOUNTS (member accounts, default 200), SHARDS (4), LATENCY_MS (40), CONCURRENCY
# (per process, 32), PALISADE_RUNS (runs of each configuration, median reported; 3), REPLAY
# (1: the proxy answers repeated requests from memory so that moto's one-request-at-a-time
# speed does not cap the measurement; 0: every request goes to moto; see latency_proxy.py),
# MEMORY_ACCOUNTS (accounts per process for the memory check; "25 50 100 200"),
# MEMORY_CONCURRENCY (--concurrency of the memory check, 4: a window of 16 accounts at a time,
# so every size there is past the window),
# PALISADE_BIN (default: the release binary, see benchmarks/common.sh), PALISADE_MOTO_VENV
# (default ~/.cache/palisade/moto-venv, which .ci/run creates).
#
# Nothing leaves the machine: palisade talks to the proxy (or moto) on 127.0.0.1 only
# (AWS_ENDPOINT_URL), with dummy credentials, no config files, and an HTTP(S) proxy on a dead
# loopback port for anything else, so a stray call to a real endpoint fails locally.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
# shellcheck source=benchmarks/common.sh
. "$repo/benchmarks/common.sh"

[[ $# -eq 0 ]] || { echo "usage: $0 (settings by environment, see the header)" >&2; exit 2; }
ACCOUNTS="${ACCOUNTS:-200}"
SHARDS="${SHARDS:-4}"
LATENCY_MS="${LATENCY_MS:-40}"
CONCURRENCY="${CONCURRENCY:-32}"
PALISADE_RUNS="${PALISADE_RUNS:-3}"
MEMORY_ACCOUNTS="${MEMORY_ACCOUNTS:-25 50 100 200}"
MEMORY_CONCURRENCY="${MEMORY_CONCURRENCY:-4}"
REPLAY="${REPLAY:-1}"
MOTO_VENV="${PALISADE_MOTO_VENV:-$HOME/.cache/palisade/moto-venv}"
PY="$MOTO_VENV/bin/python"
ROLE=OrganizationAccountAccessRole
PALISADE_BIN="$(palisade_bin "$repo")"
wide=$((CONCURRENCY * SHARDS))  # one process with the in-flight calls of all the shards

# --- tools -------------------------------------------------------------------------------
need_palisade_and_gnu_time
if ! "$PY" -c 'import moto, boto3' 2>/dev/null; then
  echo "no moto at $MOTO_VENV: run .ci/run once (it creates the venv), or set PALISADE_MOTO_VENV" >&2; exit 1
fi
help="$("$PALISADE_BIN" collect --help 2>&1 || true)"
if [[ "$help" != *--shard* ]] || ! "$PALISADE_BIN" merge --help >/dev/null 2>&1; then
  echo "$PALISADE_BIN has no \`collect --shard\` or \`merge\`: build this branch (cargo build --release)" >&2; exit 1
fi
if [[ -n "$(cd "$repo" && find src policies Cargo.toml Cargo.lock -newer "$PALISADE_BIN" -print -quit 2>/dev/null)" ]]; then
  echo "warning: $PALISADE_BIN is older than the sources (cargo build --release to refresh)" >&2
fi

tmp="$(mktemp -d)"
moto_pid="" proxy_pid=""
cleanup() {
  local pid
  for pid in "$proxy_pid" "$moto_pid"; do
    if [[ -n "$pid" ]]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  done
  rm -rf "$tmp"
}
trap cleanup EXIT
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() {  # PORT PID LOG: until PORT accepts connections (PID must stay alive)
  local _
  for _ in $(seq 600); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    kill -0 "$2" 2>/dev/null || { cat "$3" >&2; exit 1; }
    sleep 0.1
  done
  echo "nothing listens on 127.0.0.1:$1" >&2; exit 1
}

# --- moto, seeded --------------------------------------------------------------------------
# Through tests/support/moto_server.py (moto plus the CBOR protocol aws-sdk-cloudwatch speaks).
# AWS managed policies are not loaded: moto would copy its ~1,500 into every account (and
# every partition of it), which costs seconds and tens of MB per account in moto, and return
# them all from every account's GetAccountAuthorizationDetails.
moto_port="$(free_port)"
moto="http://127.0.0.1:$moto_port"
MOTO_IAM_LOAD_MANAGED_POLICIES="${MOTO_IAM_LOAD_MANAGED_POLICIES:-false}" MOTO_EC2_LOAD_DEFAULT_AMIS=false \
  MOTO_ACM_VALIDATION_WAIT=0 "$PY" "$repo/tests/support/moto_server.py" -H 127.0.0.1 -p "$moto_port" \
  >"$tmp/moto.log" 2>&1 &
moto_pid=$!
wait_port "$moto_port" "$moto_pid" "$tmp/moto.log"
echo "==> seeding moto at $moto: $ACCOUNTS member accounts"
"$PY" "$here/seed.py" "$moto" --accounts "$ACCOUNTS" --ids "$tmp/members.txt" | tee "$tmp/seed.log"

# --- the latency proxy ---------------------------------------------------------------------
replay=()
[[ "$REPLAY" == 0 ]] || replay=(--replay)
"$PY" "$here/latency_proxy.py" "$moto" --latency-ms "$LATENCY_MS" "${replay[@]}" \
  --port-file "$tmp/proxy.port" >"$tmp/proxy.log" 2>&1 &
proxy_pid=$!
for _ in $(seq 100); do [[ -s "$tmp/proxy.port" ]] && break; sleep 0.1; done
proxy_port="$(cat "$tmp/proxy.port")"
proxy="http://127.0.0.1:$proxy_port"
wait_port "$proxy_port" "$proxy_pid" "$tmp/proxy.log"

# GET PATH from the proxy itself (its counters), the body on stdout.
proxy_get() {
  local fd
  exec {fd}<>"/dev/tcp/127.0.0.1/$proxy_port"
  printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$1" >&"$fd"
  sed '1,/^\r$/d' <&"$fd"
  exec {fd}>&-
}

# --- measuring -----------------------------------------------------------------------------
# Every collection runs in a clean environment: no real profile, token or per-service endpoint
# can leak in. The caller is moto's default account, the organization's management account.
# shellcheck disable=SC2054 # the comma is NO_PROXY's
clean_env=(env -i PATH="/usr/bin:/bin" HOME="$HOME" LANG=C.UTF-8 NO_COLOR=1
  AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
  AWS_ACCESS_KEY_ID=AKIAPALISADETEST0001 AWS_SECRET_ACCESS_KEY=moto-secret
  AWS_EC2_METADATA_DISABLED=true AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
  HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 NO_PROXY=127.0.0.1,localhost)

# collect DIR ENDPOINT ARGS...: one `palisade collect --org` under GNU time, its snapshot,
# output and "wall peak_kb" in DIR.
collect() {
  local dir="$1" endpoint="$2"; shift 2
  mkdir -p "$dir"
  if ! "${clean_env[@]}" AWS_ENDPOINT_URL="$endpoint" /usr/bin/time -f '%e %M' -o "$dir/time" \
    "$PALISADE_BIN" collect --org --role-name "$ROLE" --region us-east-1 "$@" \
    -o "$dir/snapshot.json.gz" >"$dir/stdout" 2>"$dir/stderr"; then
    echo "palisade collect $* failed:" >&2; tail -20 "$dir/stderr" >&2; return 1
  fi
}

# record CONFIG RUN DIR [WALL]: appends a row to runs.tsv from DIR's time and stderr:
# config run wall rss_mb accounts api_calls retries gaps.
record() {
  local config="$1" run="$2" dir="$3" wall rss_kb accounts calls
  read -r wall rss_kb <"$dir/time"
  wall="${4:-$wall}"
  accounts=$(sed -n 's/^collected \([0-9]*\) account.*/\1/p' "$dir/stderr")
  calls=$(sed -n 's/^\([0-9]*\) API calls, \([0-9]*\) retries, \([0-9]*\) gap.*/\1 \2 \3/p' "$dir/stderr")
  printf '%s %s %s %s %s %s\n' "$config" "$run" "$wall" "$((rss_kb / 1024))" "${accounts:--}" \
    "${calls:-- - -}" >>"$tmp/runs.tsv"
}

# measured CONFIG RUN CMD...: runs CMD between two reads of the proxy's counters; the requests
# it sent, by operation, and the most in flight at once go to ops/CONFIG-RUN.json.
measured() {
  local config="$1" run="$2"; shift 2
  mkdir -p "$tmp/ops"
  proxy_get /__stats >"$tmp/ops/before.json"
  "$@"
  proxy_get /__stats >"$tmp/ops/after.json"
  "$PY" - "$tmp/ops/before.json" "$tmp/ops/after.json" >"$tmp/ops/$config-$run.json" <<'EOF'
import json, sys
before, after = (json.load(open(p)) for p in sys.argv[1:])
ops = {k: v - before["operations"].get(k, 0) for k, v in after["operations"].items()}
print(json.dumps({"requests": after["total"] - before["total"], "peak_in_flight":
                  after["peak_in_flight"], "to_moto": after["forwarded"] - before["forwarded"],
                  "operations": {k: v for k, v in ops.items() if v}}))
EOF
}

single() {  # single CONFIG RUN ENDPOINT CONCURRENCY [ARGS...]
  local config="$1" run="$2" endpoint="$3" concurrency="$4"; shift 4
  collect "$tmp/$config/$run" "$endpoint" --concurrency "$concurrency" "$@"
  record "$config" "$run" "$tmp/$config/$run"
}

# shards RUN: SHARDS processes started at once on this machine, then merge.
shards() {
  local run="$1" k pids=() started ended failed=0 dir="$tmp/shards/$1"
  started=$(date +%s.%N)
  for k in $(seq 0 $((SHARDS - 1))); do
    collect "$dir/$k" "$proxy" --shard "$k/$SHARDS" --concurrency "$CONCURRENCY" &
    pids+=($!)
  done
  for k in "${!pids[@]}"; do wait "${pids[$k]}" || failed=1; done
  ended=$(date +%s.%N)
  ((failed == 0)) || exit 1
  for k in $(seq 0 $((SHARDS - 1))); do record "shard-$k" "$run" "$dir/$k"; done
  # The whole: first start to last end.
  whole shards "$run" shard- "$(awk -v a="$started" -v b="$ended" 'BEGIN { printf "%.2f", b - a }')"
  merge "$run" "$dir"
}

# alone RUN: the same SHARDS processes one after another, each with the machine to itself, as
# each would have its own runner in a matrix or its own pod: the sharded run's wall is then the
# slowest shard's.
alone() {
  local run="$1" k slowest=0 wall _ dir="$tmp/alone/$1"
  for k in $(seq 0 $((SHARDS - 1))); do
    collect "$dir/$k" "$proxy" --shard "$k/$SHARDS" --concurrency "$CONCURRENCY"
    record "alone-$k" "$run" "$dir/$k"
    read -r wall _ <"$dir/$k/time"
    slowest=$(awk -v a="$slowest" -v b="$wall" 'BEGIN { print (b > a ? b : a) }')
  done
  whole alone "$run" alone- "$slowest"
}

# whole CONFIG RUN PREFIX WALL: a row for the shards (rows PREFIX<k> of RUN) together: WALL,
# the largest shard's peak memory, the sums of accounts, calls, retries and gaps.
whole() {
  local row
  row=$(awk -v c="$1" -v r="$2" -v p="$3" -v w="$4" '
    index($1, p) == 1 && $2 == r { m = $4 > m ? $4 : m; n += $5; calls += $6; retries += $7; gaps += $8 }
    END { print c, r, w, m, n, calls, retries, gaps }' "$tmp/runs.tsv")
  echo "$row" >>"$tmp/runs.tsv"
}

merge() {  # merge RUN DIR: palisade merge of DIR's shard snapshots
  local run="$1" dir="$2" wall rss_kb
  mkdir -p "$dir/merge"
  if ! /usr/bin/time -f '%e %M' -o "$dir/merge/time" "$PALISADE_BIN" merge "$dir"/*/snapshot.json.gz \
    -o "$dir/merged.json.gz" >"$dir/merge/stdout" 2>"$dir/merge/stderr"; then
    echo "palisade merge failed:" >&2; tail -20 "$dir/merge/stderr" >&2; exit 1
  fi
  read -r wall rss_kb <"$dir/merge/time"
  echo "merge $run $wall $((rss_kb / 1024)) - - - -" >>"$tmp/runs.tsv"
}

# Number of accounts in a snapshot: one document, or a stream of them (collect --org).
accounts_in() {
  "$PY" -c '
import gzip, json, sys
text, decoder, at, ids = gzip.open(sys.argv[1], "rt").read(), json.JSONDecoder(), 0, set()
while at < len(text):
    if text[at].isspace():
        at += 1
        continue
    document, at = decoder.raw_decode(text, at)
    ids.update(a["id"] for a in document.get("accounts", []))
print(len(ids))' "$1"
}

# --- the runs ------------------------------------------------------------------------------
: >"$tmp/runs.tsv"
# The warm-up goes through the proxy without delay: moto creates each account's service backends
# on first use, and a replaying proxy learns every answer.
echo "==> warm-up: 1 x $wide, no added latency (not counted)"
proxy_get "/__latency?ms=0" >/dev/null
measured warmup 1 single warmup 1 "$proxy" "$wide"
proxy_get "/__latency?ms=$LATENCY_MS" >/dev/null
echo "==> organization structure only (--org-only)"
measured org-only 1 single org-only 1 "$proxy" "$CONCURRENCY" --org-only
echo "==> $PALISADE_RUNS round(s) of: 1 x $CONCURRENCY, 1 x $wide, $SHARDS shards x $CONCURRENCY at once + merge, the same one at a time"
for run in $(seq "$PALISADE_RUNS"); do
  measured "single-$CONCURRENCY" "$run" single "single-$CONCURRENCY" "$run" "$proxy" "$CONCURRENCY"
  measured "single-$wide" "$run" single "single-$wide" "$run" "$proxy" "$wide"
  measured shards "$run" shards "$run"
  measured alone "$run" alone "$run"
  echo "    round $run done"
done
# Memory past the window: at --concurrency C a process collects at most 4 x C accounts at once,
# so with a small C every size below is past it and peak memory should not grow with the
# accounts. To keep it short: no added latency and no retries (--max-attempts 1; moto answers
# the operations it lacks with HTTP 500, and at a small C their backoff would hold every
# permit), which change the time, not what is held.
echo "==> memory: one process at --concurrency $MEMORY_CONCURRENCY (window $((4 * MEMORY_CONCURRENCY)) accounts), the first N member accounts, N in: $MEMORY_ACCOUNTS"
proxy_get "/__latency?ms=0" >/dev/null
for n in $MEMORY_ACCOUNTS; do
  ((n <= ACCOUNTS)) || continue
  head -n "$n" "$tmp/members.txt" >"$tmp/first-$n.txt"
  measured "memory-$n" 1 single "memory-$n" 1 "$proxy" "$MEMORY_CONCURRENCY" --max-attempts 1 \
    --accounts "$tmp/first-$n.txt"
done
echo "==> no added latency: 1 x $wide (what this machine can serve at all)"
proxy_get "/__latency?ms=0" >/dev/null
measured ceiling 1 single ceiling 1 "$proxy" "$wide"
proxy_get "/__latency?ms=$LATENCY_MS" >/dev/null

# --- correctness ---------------------------------------------------------------------------
expected=$((ACCOUNTS + 1))
for snapshot in "$tmp/single-$CONCURRENCY/1/snapshot.json.gz" "$tmp/shards/1/merged.json.gz"; do
  got=$(accounts_in "$snapshot")
  [[ "$got" == "$expected" ]] ||
    { echo "FAIL: $snapshot holds $got accounts, expected $expected" >&2; exit 1; }
done
echo "==> correctness: the single-process and the merged snapshot hold $expected accounts each"

# --- report --------------------------------------------------------------------------------
"$PY" - "$tmp" "$ACCOUNTS" "$SHARDS" "$CONCURRENCY" "$wide" "$LATENCY_MS" "$(nproc)" "$REPLAY" "$MEMORY_CONCURRENCY" <<'EOF'
import json, statistics, sys
from collections import defaultdict
tmp, accounts, shards, conc, wide, latency_ms, cores, replay, mem_conc = sys.argv[1], *map(int, sys.argv[2:])
everyone = accounts + 1
rows = defaultdict(list)
for line in open(f"{tmp}/runs.tsv"):
    config, run, *values = line.split()
    rows[config].append([None if v == "-" else float(v) for v in values])
ops = lambda config, run: json.load(open(f"{tmp}/ops/{config}-{run}.json"))

def med(config, column):  # wall 0, rss 1, accounts 2, calls 3, retries 4, gaps 5
    values = [r[column] for r in rows[config] if r[column] is not None]
    return statistics.median(values) if values else None

def requests(config):
    runs = [ops(config, i + 1) for i in range(len(rows[config]))]
    return statistics.median(r["requests"] for r in runs), max(r["peak_in_flight"] for r in runs)

single, many = f"single-{conc}", f"single-{wide}"
base = med(single, 0)
measured_runs = [ops(c, i + 1) for c in (single, many, "alone", "shards") for i in range(len(rows[c]))]
to_moto = sum(r["to_moto"] for r in measured_runs)
sent = sum(r["requests"] for r in measured_runs)
print(f"\n{accounts} member accounts + the management account, {latency_ms} ms added to every "
      f"request, us-east-1; {cores} cores; medians of {len(rows[single])} run(s). "
      + (f"Replayed: {sent - to_moto} of the {sent} requests of these runs came from the proxy's "
         f"memory, {to_moto} went to moto." if replay else "Every request went to moto.") + "\n")
print("| configuration | processes x concurrency | wall s | speed-up vs 1 x %d | peak RSS MB (largest process) | requests | requests/s | most in flight | retries | gaps |" % conc)
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for config, label, shape in [(single, "one process", f"1 x {conc}"),
                             (many, "one process, as many in flight as the shards", f"1 x {wide}"),
                             ("alone", f"{shards} shards, each on a runner of its own (one at a time here; wall = the slowest)", f"{shards} x {conc}"),
                             ("shards", f"{shards} shards at once on this machine (first start to last end)", f"{shards} x {conc}")]:
    wall, (reqs, peak) = med(config, 0), requests(config)
    print(f"| {label} | {shape} | {wall:.1f} | {base / wall:.2f}x | {med(config, 1):.0f} | {reqs:.0f} | "
          f"{reqs / wall:.0f} | {peak} | {med(config, 4):.0f} | {med(config, 5):.0f} |")
print(f"| `palisade merge` of the {shards} shards | 1 | {med('merge', 0):.1f} | | {med('merge', 1):.0f} | | | | | |")
wall, (reqs, peak) = med("ceiling", 0), requests("ceiling")
print(f"| no added latency (this machine's ceiling) | 1 x {wide} | {wall:.1f} | | "
      f"{med('ceiling', 1):.0f} | {reqs:.0f} | {reqs / wall:.0f} | {peak} | {med('ceiling', 4):.0f} | {med('ceiling', 5):.0f} |")

print(f"\n| shard (of {shards}) | accounts | wall s, alone | wall s, at once | peak RSS MB | API calls |")
print("|---|---:|---:|---:|---:|---:|")
for k in range(shards):
    c, a = f"shard-{k}", f"alone-{k}"
    print(f"| {k}/{shards}{' (reads the organization)' if k == 0 else ''} | {med(c, 2):.0f} | {med(a, 0):.1f} | {med(c, 0):.1f} | {med(c, 1):.0f} | {med(c, 3):.0f} |")

print(f"\n| accounts in the process | how | window (accounts at once) | peak RSS MB | wall s |")
print("|---:|---|---:|---:|---:|")
points = []
for config in sorted((c for c in rows if c.startswith("memory-")), key=lambda c: int(c.split("-")[1])):
    points.append((med(config, 2), med(config, 1)))
    print(f"| {med(config, 2):.0f} | `--accounts` (the first {config.split('-')[1]} members), "
          f"`--concurrency {mem_conc} --max-attempts 1`, no added latency | {4 * mem_conc} | {med(config, 1):.0f} | {med(config, 0):.1f} |")
for k in range(shards):
    c = f"shard-{k}"
    print(f"| {med(c, 2):.0f} | `--shard {k}/{shards}` | {min(4 * conc, med(c, 2)):.0f} | {med(c, 1):.0f} | {med(c, 0):.1f} |")
for c, n in ((single, conc), (many, wide)):
    print(f"| {med(c, 2):.0f} | the whole organization, `--concurrency {n}` | {min(4 * n, med(c, 2)):.0f} | {med(c, 1):.0f} | {med(c, 0):.1f} |")
if len(points) > 2:
    slope, intercept = statistics.linear_regression([p[0] for p in points], [p[1] for p in points])
    print(f"\nPast the window (the `--accounts` rows, {4 * mem_conc} accounts at once): peak RSS ~ "
          f"{intercept:.0f} MB + {slope:.3f} MB per account in the process (least squares).")

# Calls: the org-only run is the organization-level part; the rest of a whole run is per account.
org_only, whole = ops("org-only", 1), ops(single, 1)
per_account = (whole["requests"] - org_only["requests"]) / everyone
print(f"\nRequests (proxy count): organization level (`--org-only`) {org_only['requests']}; "
      f"whole organization {whole['requests']}; per account {per_account:.1f} "
      f"(({whole['requests']} - {org_only['requests']}) / {everyone}).")
by_service = defaultdict(int)
for op, n in whole["operations"].items():
    by_service[op.split()[0]] += n
for op, n in org_only["operations"].items():
    by_service[op.split()[0]] -= n
print("\n| service (signing name) | requests per account |\n|---|---:|")
for service, n in sorted(by_service.items(), key=lambda kv: -kv[1]):
    if n:
        print(f"| {service} | {n / everyone:.2f} |")
print("\n| organization-level operation (`--org-only`) | requests |\n|---|---:|")
for op, n in sorted(org_only["operations"].items(), key=lambda kv: -kv[1]):
    print(f"| {op} | {n} |")
shard_ops = ops("shards", 1)["operations"]
print(f"\nAcross the {shards} shards: " + ", ".join(
    f"{op} {n}" for op, n in sorted(shard_ops.items()) if op.split()[0] in ("organizations", "sts")))
EOF
