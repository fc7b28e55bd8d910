#!/usr/bin/env bash
# Report-writing benchmark: what the extra outputs of `palisade scan` cost. The network
# benchmark's synthetic VPC estates (benchmarks/network/gen_estate.py, 10k and 50k network
# interfaces: 59k and 211k results) are scanned, each under GNU time, as
#   A  --format json to /dev/null (the plain scan),
#   B  A + --sarif + --json (the files that existed before),
#   C  B + --markdown + --html + --ocsf + --framework hipaa/pci-dss-4.0/cis-aws-3.0 (every report),
#   D  C + --baseline (B's SARIF of the same estate),
# all with --fail-on none; prints one Markdown table and whether the targets are met (every
# report together adds at most 20% to B's wall time, the baseline at most 5% more to C's, at
# each size, on the 2-core reference machine).
#
#   benchmarks/reports/run.sh
#
# Environment: SIZES (interfaces per estate, default "10000 50000"), RUNS (default 5) runs per
# size and variant, LONG_RUN_S and LONG_RUNS (default 30 and 3: a size whose first plain scan
# takes over LONG_RUN_S seconds gets at most LONG_RUNS runs), BREAKDOWN (default 0; 1 also
# runs B plus each extra output alone: rows B+md, B+html, B+ocsf, B+fw), VALIDATE (default 1:
# time tests/ocsf/validate.py once on the smallest size's OCSF, stopped after VALIDATE_TIMEOUT
# s, default 120; VALIDATE_PYTHON, default ~/.cache/palisade/tools-venv/bin/python, needs
# tests/ocsf/requirements.txt), PALISADE_BIN (default ${CARGO_TARGET_DIR:-target}/release/
# palisade, else ~/.cache/palisade/target/release/palisade where .ci/run builds; never built
# here); SEED, SECURITY_GROUPS, TGW_FRACTION as in benchmarks/network/run.sh (1, 5000, 0.3).
#
# Estates and their palisade.toml are the network benchmark's, cached by size and seed under
# ~/.cache/palisade/bench-network/ with the same names (made here too when missing, or when
# gen_estate.py is newer). Reports go to a temporary directory, removed at the end. Nothing
# touches the network or AWS.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
network="$repo/benchmarks/network"

[[ $# -eq 0 ]] || { echo "usage: $0 (settings come from the environment: SIZES, RUNS, ...)" >&2; exit 2; }
SIZES="${SIZES:-10000 50000}"
RUNS="${RUNS:-5}"
LONG_RUN_S="${LONG_RUN_S:-30}"
LONG_RUNS="${LONG_RUNS:-3}"
BREAKDOWN="${BREAKDOWN:-0}"
VALIDATE="${VALIDATE:-1}"
VALIDATE_TIMEOUT="${VALIDATE_TIMEOUT:-120}"
VALIDATE_PYTHON="${VALIDATE_PYTHON:-$HOME/.cache/palisade/tools-venv/bin/python}"
SEED="${SEED:-1}"
SECURITY_GROUPS="${SECURITY_GROUPS:-5000}"
TGW_FRACTION="${TGW_FRACTION:-0.3}"
# shellcheck source=benchmarks/common.sh
. "$repo/benchmarks/common.sh"
PALISADE_BIN="$(palisade_bin "$repo")"
cache="$HOME/.cache/palisade/bench-network"
# shellcheck source=benchmarks/network/estate.sh
. "$network/estate.sh"

# --- tools -------------------------------------------------------------------------------
need_palisade_and_gnu_time
for flag in --markdown --html --ocsf --framework --baseline; do
  "$PALISADE_BIN" scan --help 2>/dev/null | grep -q -- "$flag" ||
    { echo "$PALISADE_BIN scan has no $flag option: rebuild it" >&2; exit 1; }
done
command -v jq >/dev/null || { echo "jq is missing: apt-get install jq" >&2; exit 1; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$cache"

mb() { stat -c %s "$1" | awk '{ printf ($1 < 1e6 ? "%.2f" : "%.1f"), $1 / 1e6 }'; }

frameworks=(--framework hipaa --framework pci-dss-4.0 --framework cis-aws-3.0)
# The scan's arguments for variant $1, writing into directory $2; $3 is the baseline SARIF.
variant_args() {
  local v="$1" d="$2" baseline="$3"
  local b=(--sarif "$d/s.sarif" --json "$d/r.json")
  case "$v" in
    A) ;;
    B) printf '%s\n' "${b[@]}" ;;
    C) printf '%s\n' "${b[@]}" --markdown "$d/s.md" --html "$d/r.html" --ocsf "$d/o.jsonl" "${frameworks[@]}" ;;
    D) printf '%s\n' "${b[@]}" --markdown "$d/s.md" --html "$d/r.html" --ocsf "$d/o.jsonl" "${frameworks[@]}" --baseline "$baseline" ;;
    B+md) printf '%s\n' "${b[@]}" --markdown "$d/s.md" ;;
    B+html) printf '%s\n' "${b[@]}" --html "$d/r.html" ;;
    B+ocsf) printf '%s\n' "${b[@]}" --ocsf "$d/o.jsonl" ;;
    B+fw) printf '%s\n' "${b[@]}" "${frameworks[@]}" ;;
  esac
}
variants=(A B C D)
[[ "$BREAKDOWN" == 1 ]] && variants+=(B+md B+html B+ocsf B+fw)

rows=()
verdicts=()
validated=""
for size in $SIZES; do
  # --- the estate (as benchmarks/network/run.sh makes and names it) -----------------------
  estate "$size"
  read -r n_eni n_sg _ <"$counts"
  snap_mb=$(mb "$file")
  echo "    $snap_mb MB: $n_eni interfaces, $n_sg security groups (seed $SEED)"

  # --- the runs ----------------------------------------------------------------------------
  dir="$tmp/$size"
  baseline="$dir/baseline.sarif"
  runs="$RUNS"
  echo "==> palisade scan, $size interfaces, variants ${variants[*]}, $runs run(s) each"
  for v in "${variants[@]}"; do mkdir -p "$dir/$v"; : >"$dir/$v.runs"; done
  i=0
  while ((i < runs)); do
    i=$((i + 1))
    # One run of every variant per round, so drift of the machine spreads over all of them.
    for v in "${variants[@]}"; do
      mapfile -t extra < <(variant_args "$v" "$dir/$v" "$baseline")
      if ! /usr/bin/time -v -o "$dir/time" "$PALISADE_BIN" scan --snapshot "$file" --config "$config" \
        --fail-on none --format json --timings "${extra[@]}" >/dev/null 2>"$dir/stderr"; then
        echo "palisade failed on $file (variant $v):" >&2; tail -20 "$dir/stderr" >&2; exit 1
      fi
      # --timings: {"phases":[{"name":"load","ms":..,"rss_mb":..},...,{"name":"report",...}],"resources":N,"findings":N}
      read -r report_ms policies_ms resources findings < <(grep '^{"phases"' "$dir/stderr" | tail -1 |
        jq -r '[(.phases[] | select(.name == "report", .name == "policies") | .ms), .resources, .findings] | "\(.[1]) \(.[0]) \(.[2]) \(.[3])"' 2>/dev/null) ||
        { echo "no --timings line from palisade on $file:" >&2; tail -20 "$dir/stderr" >&2; exit 1; }
      read -r wall rss < <(awk -F': ' '
        /Elapsed \(wall clock\)/ { n = split($NF, t, ":"); s = 0; for (k = 1; k <= n; k++) s = s * 60 + t[k] }
        /Maximum resident set size/ { rss = $NF }
        END { printf "%.2f %.0f\n", s, rss / 1024 }' "$dir/time")
      echo "$wall $rss $report_ms $policies_ms" >>"$dir/$v.runs"
      echo "    run $i $v: wall $wall s, peak RSS $rss MB, report phase $report_ms ms"
      grep -v '^{"phases"' "$dir/stderr" | sed 's/^/      /' || true
      # D compares with B's SARIF of the first round (same estate: every failing result unchanged).
      [[ "$v" == B && ! -s "$baseline" ]] && cp "$dir/B/s.sarif" "$baseline"
      if ((i == 1)) && [[ "$v" == A ]] && awk -v w="$wall" -v l="$LONG_RUN_S" 'BEGIN { exit !(w > l) }' &&
        ((runs > LONG_RUNS)); then
        runs="$LONG_RUNS"
        echo "    (the plain scan took over $LONG_RUN_S s: $runs run(s) at this size)"
      fi
    done
  done

  # --- the table rows ----------------------------------------------------------------------
  col() { cut -d' ' -f"$2" "$dir/$1.runs" | median; }
  a_wall=$(col A 1)
  declare -A wall_of=() phases_of=()
  for v in "${variants[@]}"; do
    w=$(col "$v" 1)
    wall_of[$v]=$w
    # The phases where the variants differ: `policies` (loading the baseline) and `report`.
    phases_of[$v]=$(awk '{ print $3 + $4 }' "$dir/$v.runs" | median)
    d="$dir/$v"
    files=()
    for f in sarif:s.sarif json:r.json md:s.md html:r.html ocsf:o.jsonl; do
      [[ -s "$d/${f#*:}" ]] && files+=("${f%%:*} $(mb "$d/${f#*:}")")
    done
    failing="-"; new="" ; lines="-"; html_note=""
    if [[ -s "$d/r.json" ]]; then
      # The summary comes before the (long) findings array: no need to parse the whole report.
      failing=$(head -c 200000 "$d/r.json" | sed -nE 's/^    "fail": ([0-9]+),?$/\1/p' | head -1)
      n=$(head -c 200000 "$d/r.json" | sed -nE 's/^    "new_since_baseline": ([0-9]+),?$/\1/p' | head -1)
      [[ -n "$n" ]] && new=" ($n new)"
    fi
    [[ -s "$d/o.jsonl" ]] && lines=$(wc -l <"$d/o.jsonl")
    if [[ -s "$d/r.html" ]]; then
      html_note=$(grep -o 'Showing the first [0-9]* of [0-9]* results' "$d/r.html" | head -1 |
        sed -E 's/Showing the first ([0-9]+) of ([0-9]+) results/; html rows \1 of \2/' || true)
    fi
    if [[ "$v" == A ]]; then
      over="-"; pct="-"
    else
      over=$(awk -v x="$w" -v a="$a_wall" 'BEGIN { printf "%+.2f", x - a }')
      pct=$(awk -v x="$w" -v a="$a_wall" 'BEGIN { printf "%+.0f%%", 100 * (x - a) / a }')
    fi
    filecol=$(IFS=,; echo "${files[*]:-}")
    filecol=${filecol//,/, }
    rows+=("$(printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s%s | %s |' \
      "$n_eni" "$v" "$(wc -l <"$dir/$v.runs")" "$w" "$(col "$v" 2)" "$(col "$v" 3)" "$over" "$pct" \
      "${filecol:--}${html_note}" "$failing" "$new" "$lines")")
  done
  rows+=("| | | | | | | | | $findings results, $resources resources, snapshot $snap_mb MB | | |")
  cb=$(awk -v c="${wall_of[C]}" -v b="${wall_of[B]}" 'BEGIN { printf "%+.2f s (%+.1f%%)", c - b, 100 * (c - b) / b }')
  dc=$(awk -v d="${wall_of[D]}" -v c="${wall_of[C]}" 'BEGIN { printf "%+.2f s (%+.1f%%)", d - c, 100 * (d - c) / c }')
  ok_cb=$(awk -v c="${wall_of[C]}" -v b="${wall_of[B]}" 'BEGIN { print (c - b <= 0.20 * b) ? "met" : "NOT met" }')
  ok_dc=$(awk -v d="${wall_of[D]}" -v c="${wall_of[C]}" 'BEGIN { print (d - c <= 0.05 * c) ? "met" : "NOT met" }')
  pcb=$(awk -v c="${phases_of[C]}" -v b="${phases_of[B]}" -v w="${wall_of[B]}" 'BEGIN { printf "%+.0f ms, %+.1f%% of B", c - b, (c - b) / (10 * w) }')
  pdc=$(awk -v d="${phases_of[D]}" -v c="${phases_of[C]}" -v w="${wall_of[C]}" 'BEGIN { printf "%+.0f ms, %+.1f%% of C", d - c, (d - c) / (10 * w) }')
  verdicts+=("$n_eni interfaces: every report (C − B) $cb, $ok_cb; baseline (D − C) $dc, $ok_dc. Policies + report phases (--timings medians): C − B $pcb; D − C $pdc")

  # --- the OCSF validator, once, on the smallest size (informational) ------------------------
  if [[ "$VALIDATE" == 1 && -z "$validated" ]]; then
    if [[ -x "$VALIDATE_PYTHON" ]]; then
      echo "==> tests/ocsf/validate.py on C's OCSF ($(wc -l <"$dir/C/o.jsonl") lines), at most $VALIDATE_TIMEOUT s"
      start=$(date +%s.%N)
      set +e
      timeout "$VALIDATE_TIMEOUT" "$VALIDATE_PYTHON" "$repo/tests/ocsf/validate.py" "$dir/C/o.jsonl" \
        >"$dir/validate.out" 2>&1
      rc=$?
      set -e
      secs=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
      tail -5 "$dir/validate.out" | sed 's/^/    /'
      case $rc in
        0) validated="OCSF validator (tests/ocsf/validate.py, not part of the scan) on the $n_eni-interface OCSF: valid, $secs s." ;;
        124) validated="OCSF validator on the $n_eni-interface OCSF: stopped after $VALIDATE_TIMEOUT s." ;;
        *) validated="OCSF validator on the $n_eni-interface OCSF: exit $rc after $secs s ($(tail -1 "$dir/validate.out"))." ;;
      esac
    else
      validated="OCSF validator not run: no $VALIDATE_PYTHON (python3 -m venv; pip install -r tests/ocsf/requirements.txt)."
    fi
  fi
  rm -rf "$dir"
done

echo
echo "Estates: benchmarks/network/gen_estate.py, seed $SEED, $SECURITY_GROUPS security groups, transit-gateway fraction $TGW_FRACTION; $RUNS run(s) per size and variant (at most $LONG_RUNS when a plain scan takes over $LONG_RUN_S s); $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo); $("$PALISADE_BIN" --version)."
echo "A: --format json >/dev/null; B: A + --sarif --json; C: B + --markdown --html --ocsf + 3 --framework; D: C + --baseline (B's SARIF)."
echo
echo "| interfaces | variant | runs | wall s (median) | peak RSS MB (median) | report phase ms (median) | over A s | over A % | files MB | failing | OCSF lines |"
echo "|---:|---|---:|---:|---:|---:|---:|---:|---|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
echo "Targets (wall medians; every report adds at most 20% to B, the baseline at most 5% to C):"
printf -- '- %s\n' "${verdicts[@]}"
[[ -n "$validated" ]] && echo "$validated"
exit 0
