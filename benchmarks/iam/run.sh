#!/usr/bin/env bash
# IAM-analysis benchmark: one synthetic `aws iam get-account-authorization-details` file
# (gen_auth_details.py: 10,000 users, 10,000 roles, 5,000 policies, 500 groups), analysed by
# Palisade and by Cloudsplaining, each timed with GNU time; prints one Markdown table, then
# compare.py's principal-by-principal comparison of what each flags for privilege escalation.
#
#   benchmarks/iam/run.sh [--palisade-only]
#
# Environment: RUNS (default 3) runs per tool, CLOUDSPLAINING_RUNS (default: RUNS), SEED
# (default 1), SIZE ("USERS ROLES POLICIES GROUPS", default "10000 10000 5000 500"),
# PALISADE_BIN (default ${CARGO_TARGET_DIR:-target}/release/palisade, else
# ~/.cache/palisade/target/release/palisade where .ci/run builds; never built here),
# CLOUDSPLAINING_VENV (default ~/.cache/palisade/cloudsplaining-venv, created here with
# `pip install cloudsplaining==0.9.1` if missing).
#
# The generated file is cached by size and seed under ~/.cache/palisade/bench-iam/ (made again
# when gen_auth_details.py is newer). Palisade reads it as generated (about 10% of the policy
# documents URL-encoded, as the raw API returns them); Cloudsplaining reads the same account
# with every document as a JSON object (the CLI's form): it fails on URL-encoded documents.
# Neither tool touches the network.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

palisade_only=false
case "${1:-}" in
  "") ;;
  --palisade-only) palisade_only=true ;;
  *) echo "usage: $0 [--palisade-only]" >&2; exit 2 ;;
esac
RUNS="${RUNS:-3}"
CLOUDSPLAINING_RUNS="${CLOUDSPLAINING_RUNS:-$RUNS}"
SEED="${SEED:-1}"
read -r users roles policies groups <<<"${SIZE:-10000 10000 5000 500}"
CLOUDSPLAINING_VERSION=0.9.1
CLOUDSPLAINING_VENV="${CLOUDSPLAINING_VENV:-$HOME/.cache/palisade/cloudsplaining-venv}"
# shellcheck source=benchmarks/common.sh
. "$repo/benchmarks/common.sh"
PALISADE_BIN="$(palisade_bin "$repo")"
cache="$HOME/.cache/palisade/bench-iam"

# --- tools -------------------------------------------------------------------------------
need_palisade_and_gnu_time
if ! $palisade_only && ! "$CLOUDSPLAINING_VENV/bin/python" -c \
  "import importlib.metadata as m, sys; sys.exit(m.version('cloudsplaining') != '$CLOUDSPLAINING_VERSION')" 2>/dev/null; then
  echo "==> installing cloudsplaining==$CLOUDSPLAINING_VERSION into $CLOUDSPLAINING_VENV"
  python3 -m venv "$CLOUDSPLAINING_VENV"
  "$CLOUDSPLAINING_VENV/bin/pip" install --quiet --disable-pip-version-check \
    "cloudsplaining==$CLOUDSPLAINING_VERSION"
fi

# --- the account ----------------------------------------------------------------------------
mkdir -p "$cache"
name="auth-$users-$roles-$policies-$groups-seed$SEED"
file="$cache/$name.json"
objects="$cache/$name.objects.json"
if [[ ! -s "$file" || ! -s "$objects" || "$here/gen_auth_details.py" -nt "$file" ]]; then
  echo "==> generating $file"
  python3 "$here/gen_auth_details.py" --users "$users" --roles "$roles" --policies "$policies" \
    --groups "$groups" --seed "$SEED" -o "$file.tmp" --objects-copy "$objects.tmp"
  mv "$objects.tmp" "$objects"
  mv "$file.tmp" "$file"
fi
echo "    $(du -m "$file" | cut -f1) MB: $users users, $roles roles, $policies policies, $groups groups, seed $SEED"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Runs one tool: measure NAME OUTPUT_DIR CMD...; appends "wall_s rss_mb" to $tmp/NAME.
measure() {
  local name="$1" out="$2"; shift 2
  /usr/bin/time -v -o "$out/time" "$@" >"$out/stdout" 2>"$out/stderr" ||
    { echo "$name failed:" >&2; tail -20 "$out/stderr" >&2; exit 1; }
  # "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.34", "Maximum resident set size (kbytes): N"
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($NF, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i] }
    /Maximum resident set size/ { rss = $NF }
    END { printf "%.2f %d\n", s, rss / 1024 }' "$out/time" >>"$tmp/$name"
}

# Median (or largest) of column COL (1 wall, 2 RSS) of one tool's runs.
field_median() { cut -d' ' -f"$2" "$tmp/$1" | median; }
largest() { cut -d' ' -f"$2" "$tmp/$1" | sort -n | tail -1; }

# --- Palisade ----------------------------------------------------------------------------
echo "==> palisade scan --iam-auth-details, $RUNS run(s)"
mkdir -p "$tmp/p"
for _ in $(seq "$RUNS"); do
  measure palisade "$tmp/p" "$PALISADE_BIN" scan --iam-auth-details "$file" --format json \
    --fail-on none
done
cp "$tmp/p/stdout" "$tmp/palisade.json"
analysis=()
if "$PALISADE_BIN" iam analyze --iam-auth-details "$file" >"$tmp/analysis.json" 2>"$tmp/analysis.err"; then
  analysis=(--palisade-analysis "$tmp/analysis.json")
else
  echo "    (palisade iam analyze failed, comparing without it: $(head -1 "$tmp/analysis.err"))" >&2
fi
p_flagged=$(python3 -c '
import json, sys
import re
ids = re.compile(r"^iam-(principal|user|role)-(privilege-escalation|escalation-path|admin-equivalent)$")
r = json.load(open(sys.argv[1]))
print(len({f["resource"]["arn"] for f in r["findings"] if ids.match(f["policy_id"]) and f["status"] == "fail"}))' \
  "$tmp/palisade.json")

# --- Cloudsplaining ------------------------------------------------------------------------
if ! $palisade_only; then
  echo "==> cloudsplaining scan, $CLOUDSPLAINING_RUNS run(s)"
  mkdir -p "$tmp/c"
  for _ in $(seq "$CLOUDSPLAINING_RUNS"); do
    rm -rf "$tmp/c/out" && mkdir "$tmp/c/out"
    # Default exclusions, as a user runs it; -s: no browser. It also writes the HTML report.
    measure cloudsplaining "$tmp/c" "$CLOUDSPLAINING_VENV/bin/cloudsplaining" scan \
      --input-file "$objects" --output "$tmp/c/out" --skip-open-report
  done
  # Its venv's python, so compare.py takes the method table from the installed package.
  "$CLOUDSPLAINING_VENV/bin/python" "$here/compare.py" --auth-details "$file" \
    --cloudsplaining "$tmp/c/out" --palisade "$tmp/palisade.json" ${analysis[@]+"${analysis[@]}"} \
    --json "$tmp/compare.json" >"$tmp/compare.md"
  c_flagged=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["counts"]["flagged by Cloudsplaining"])' "$tmp/compare.json")
  p_flagged=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["counts"]["flagged by Palisade"])' "$tmp/compare.json")
fi

echo
echo "Account: $users users, $roles roles, $policies customer-managed policies, $groups groups (gen_auth_details.py, seed $SEED); $(nproc) cores."
echo
echo "| tool | runs | wall s (median) | peak RSS MB (largest) | principals flagged for escalation |"
echo "|---|---:|---:|---:|---:|"
p_version=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["tool"]["version"])' "$tmp/palisade.json")
printf '| Palisade %s | %d | %.1f | %d | %s |\n' "$p_version" \
  "$RUNS" "$(field_median palisade 1)" "$(largest palisade 2)" "$p_flagged"
if ! $palisade_only; then
  printf '| Cloudsplaining %s | %d | %.1f | %d | %s |\n' "$CLOUDSPLAINING_VERSION" \
    "$CLOUDSPLAINING_RUNS" "$(field_median cloudsplaining 1)" "$(largest cloudsplaining 2)" "$c_flagged"
  echo
  runs() { awk '{ printf "%s%.1f s %d MB", (NR > 1 ? ", " : ""), $1, $2 }' "$tmp/$1"; }
  echo "Runs: Palisade $(runs palisade); Cloudsplaining $(runs cloudsplaining)."
  awk -v w="$(field_median cloudsplaining 1)/$(field_median palisade 1)" -v m="$(largest cloudsplaining 2)/$(largest palisade 2)" 'BEGIN {
      split(w, a, "/"); split(m, c, "/")
      if (a[2] > 0 && c[2] > 0)
        printf "Palisade vs Cloudsplaining: %.1fx less wall time (medians), %.1fx less peak memory\n", a[1] / a[2], c[1] / c[2] }'
  echo
  cat "$tmp/compare.md"
fi
