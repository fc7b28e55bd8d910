# Sourced by the benchmark scripts: which release binary to measure, the tools every benchmark
# needs, and medians.
# shellcheck shell=bash

# The binary to measure: PALISADE_BIN, else the release build in CARGO_TARGET_DIR or REPO/target,
# else in ~/.cache/palisade/target (where .ci/run builds when CARGO_TARGET_DIR is unset).
palisade_bin() {
  local repo="$1"
  local target="${CARGO_TARGET_DIR:-$repo/target}"
  if [[ -z "${PALISADE_BIN:-}" && -z "${CARGO_TARGET_DIR:-}" && ! -x "$target/release/palisade" ]]; then
    target="$HOME/.cache/palisade/target"
  fi
  echo "${PALISADE_BIN:-$target/release/palisade}"
}

# Exits unless $PALISADE_BIN runs and GNU time (wall time and peak RSS of the whole child;
# bash's `time` has no memory) is there.
need_palisade_and_gnu_time() {
  [[ -x "$PALISADE_BIN" ]] ||
    { echo "no palisade binary at $PALISADE_BIN: build it (cargo build --release) or set PALISADE_BIN" >&2; exit 1; }
  [[ -x /usr/bin/time ]] ||
    { echo "GNU time is missing (/usr/bin/time): apt-get install time" >&2; exit 1; }
}

# Median of the numbers on stdin, one per line ("-" when there are none).
median() {
  sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
