#!/usr/bin/env bash
# Network-analysis benchmark: synthetic VPC estates (gen_estate.py: 1k, 10k and 50k network
# interfaces, 5,000 security groups, hundreds of route tables and NACLs, peering and transit
# gateways), each analysed by `palisade network analyze` (internet exposure of every resource and
# segment-to-segment flows) under GNU time; prints one Markdown table and whether the targets are
# met (analysis of 10k interfaces under 1 s, 50k under 5 s, on the 2-core reference machine).
#
#   benchmarks/network/run.sh
#
# Environment: SIZES (interfaces per estate, default "1000 10000 50000"), RUNS (default 5) runs
# per size, SEED (default 1), SECURITY_GROUPS (default 5000), TGW_FRACTION (share of application
# VPCs on a transit gateway, default 0.3: gen_estate.py's), PALISADE_BIN (default
# ${CARGO_TARGET_DIR:-target}/release/palisade, else ~/.cache/palisade/target/release/palisade
# where .ci/run builds; never built here).
#
# Each estate and its palisade.toml are cached by size and seed under
# ~/.cache/palisade/bench-network/ (made again when gen_estate.py is newer). Nothing touches the
# network or AWS.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

[[ $# -eq 0 ]] || { echo "usage: $0 (settings come from the environment: SIZES, RUNS, SEED, ...)" >&2; exit 2; }
SIZES="${SIZES:-1000 10000 50000}"
RUNS="${RUNS:-5}"
SEED="${SEED:-1}"
SECURITY_GROUPS="${SECURITY_GROUPS:-5000}"
TGW_FRACTION="${TGW_FRACTION:-0.3}"
# shellcheck source=benchmarks/common.sh
. "$repo/benchmarks/common.sh"
PALISADE_BIN="$(palisade_bin "$repo")"
cache="$HOME/.cache/palisade/bench-network"
# shellcheck source=benchmarks/network/estate.sh
. "$here/estate.sh"

# --- tools -------------------------------------------------------------------------------
need_palisade_and_gnu_time
"$PALISADE_BIN" network analyze --help >/dev/null 2>&1 ||
  { echo "$PALISADE_BIN has no \`network analyze\` command: rebuild it" >&2; exit 1; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$cache"


rows=()
declare -A analysis_ms
for size in $SIZES; do
  # --- the estate ------------------------------------------------------------------------
  estate "$size"
  read -r n_eni n_sg n_rt n_acl n_vpc n_subnet <"$counts"
  mb=$(stat -c %s "$file" | awk '{ printf "%.1f", $1 / 1e6 }')
  echo "    $mb MB: $n_eni interfaces, $n_sg security groups, $n_rt route tables, $n_acl NACLs, $n_vpc VPCs, $n_subnet subnets (seed $SEED)"

  # --- the runs ----------------------------------------------------------------------------
  echo "==> palisade network analyze, $size interfaces, $RUNS run(s)"
  : >"$tmp/runs"
  for i in $(seq "$RUNS"); do
    if ! /usr/bin/time -v -o "$tmp/time" "$PALISADE_BIN" network analyze --snapshot "$file" \
      --config "$config" --timings -o /dev/null >"$tmp/stdout" 2>"$tmp/stderr"; then
      echo "palisade failed on $file:" >&2; tail -20 "$tmp/stderr" >&2; exit 1
    fi
    # "palisade: load 6 ms, analysis 8 ms: 28 interfaces, 24 exposures (6 open to the internet), 32 segment flows"
    line=$(sed -nE 's/^palisade: load ([0-9]+) ms, analysis ([0-9]+) ms: ([0-9]+) interfaces, ([0-9]+) exposures \(([0-9]+) open to the internet\), ([0-9]+) segment flows$/\1 \2 \3 \4 \5 \6/p' "$tmp/stderr")
    [[ -n "$line" ]] ||
      { echo "no --timings line from palisade on $file:" >&2; tail -20 "$tmp/stderr" >&2; exit 1; }
    read -r load analysis _ exposures open flows <<<"$line"
    # "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.34", "Maximum resident set size (kbytes): N"
    read -r wall rss < <(awk -F': ' '
      /Elapsed \(wall clock\)/ { n = split($NF, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i] }
      /Maximum resident set size/ { rss = $NF }
      END { printf "%.2f %.0f\n", s, rss / 1024 }' "$tmp/time")
    echo "$load $analysis $wall $rss" >>"$tmp/runs"
    echo "    run $i: load $load ms, analysis $analysis ms, wall $wall s, peak RSS $rss MB"
  done
  col() { cut -d' ' -f"$1" "$tmp/runs" | median; }
  analysis_ms[$size]=$(col 2)
  rows+=("$(printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |' \
    "$n_eni" "$n_sg" "$n_rt" "$n_acl" "$mb" "$(col 1)" "$(col 2)" "$(col 3)" "$(col 4)" \
    "$exposures" "$open" "$flows")")
done

echo
echo "Estates: gen_estate.py, seed $SEED, $SECURITY_GROUPS security groups, transit-gateway fraction $TGW_FRACTION; $RUNS run(s) per size; $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo); $("$PALISADE_BIN" --version)."
echo
echo "| interfaces | security groups | route tables | NACLs | snapshot MB | load ms (median) | analysis ms (median) | wall s (median) | peak RSS MB (median) | exposures | open | flows |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
verdict() {
  local size="$1" limit_ms="$2" ms="${analysis_ms[$1]:-}"
  if [[ -z "$ms" ]]; then
    echo "not measured"
  elif awk -v m="$ms" -v l="$limit_ms" 'BEGIN { exit !(m < l) }'; then
    echo "$(awk -v m="$ms" 'BEGIN { printf "%.2f", m / 1000 }') s, met"
  else
    echo "$(awk -v m="$ms" 'BEGIN { printf "%.2f", m / 1000 }') s, NOT met"
  fi
}
echo "Targets (analysis time, the median of \`--timings\`' analysis ms): 10k interfaces under 1 s: $(verdict 10000 1000); 50k under 5 s: $(verdict 50000 5000)."
