#!/usr/bin/env bash
# Many-account estate benchmark: the demo's two accounts replicated COPIES times (make.py), then
# `palisade scan --snapshot ESTATE --format json --timings` PALISADE_RUNS times. Prints a
# Markdown table: accounts, resources, findings, the median of each phase, the median wall time
# and the largest peak RSS. The synthetic benchmark (`cargo bench --bench evaluate`) has one
# account per 100,000 resources; this one has hundreds, each with IAM principals and policies,
# VPCs, segments and monitoring, which is where per-account work shows.
#
#   benchmarks/estate/run.sh
#
# Environment: COPIES (290: about 100,000 resources in 580 accounts), PALISADE_RUNS (3),
# PALISADE_BIN (see benchmarks/common.sh), KEEP (a path: keep the estate there).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
# shellcheck source=benchmarks/common.sh
. "$repo/benchmarks/common.sh"
[[ $# -eq 0 ]] || { echo "usage: $0 (settings by environment, see the header)" >&2; exit 2; }
COPIES="${COPIES:-290}"
PALISADE_RUNS="${PALISADE_RUNS:-3}"
PALISADE_BIN="$(palisade_bin "$repo")"
need_palisade_and_gnu_time

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
estate="${KEEP:-$tmp/estate.json}"
echo "==> $COPIES copies of the demo's two accounts into $estate" >&2
(cd "$repo" && python3 "$here/make.py" "$COPIES" "$estate")

for run in $(seq "$PALISADE_RUNS"); do
  # Exit 1 means failing findings, which the estate has; anything else is a failure.
  code=0
  /usr/bin/time -f '%e %M' -o "$tmp/time-$run" "$PALISADE_BIN" scan --snapshot "$estate" \
    --format json --timings >/dev/null 2>"$tmp/stderr-$run" || code=$?
  if ((code > 1)); then
    echo "palisade scan exited $code:" >&2; tail -20 "$tmp/stderr-$run" >&2; exit 1
  fi
  grep '^{"phases"' "$tmp/stderr-$run" >"$tmp/timings-$run"
  # GNU time says "Command exited with non-zero status 1" first: the figures are the last line.
  echo "    run $run: $(tail -1 "$tmp/time-$run" | cut -d' ' -f1) s" >&2
done

python3 - "$tmp" "$PALISADE_RUNS" "$COPIES" "$(nproc)" <<'PY'
import json, statistics, sys
tmp, runs, copies, cores = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
timings = [json.load(open(f"{tmp}/timings-{r}")) for r in range(1, runs + 1)]
times = [open(f"{tmp}/time-{r}").read().splitlines()[-1].split() for r in range(1, runs + 1)]
names = [p["name"] for p in timings[0]["phases"]]
phase = {n: statistics.median(p["ms"] for t in timings for p in t["phases"] if p["name"] == n) for n in names}
wall = statistics.median(float(t[0]) for t in times)
peak = max(int(t[1]) for t in times) / 1024
t = timings[0]
print(f"\n{copies} copies of the demo ({2 * copies} accounts), {cores} cores, median of {runs} run(s); "
      f"peak RSS is the largest run's.\n")
print("| accounts | resources | findings | " + " | ".join(f"{n} ms" for n in names) + " | wall s | peak RSS MB | fallbacks |")
print("|---:|---:|---:|" + "---:|" * len(names) + "---:|---:|---:|")
print(f"| {2 * copies} | {t['resources']} | {t['findings']} | " + " | ".join(f"{phase[n]:.0f}" for n in names)
      + f" | {wall:.2f} | {peak:.0f} | {t.get('fallbacks', '-')} |")
print("\nThe ten policies that cost the most (first run; evaluation summed over threads):\n")
print("| policy | evaluate ms |\n|---|---:|")
for p in t["slowest_policies"]:
    print(f"| {p['policy']} | {p['evaluate_ms']:.0f} |")
PY
