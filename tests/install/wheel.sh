#!/usr/bin/env bash
# The pip-installable wheel (pyproject.toml, maturin `bindings = "bin"`): build it, install it
# into a fresh virtualenv with no index (nothing but the wheel), and run the demo scan with the
# `palisade` that pip put on the venv's PATH.
#
#   PALISADE_TEST_VENV  a venv with maturin (tests/install/requirements.txt); .ci/run makes it
#   CARGO_TARGET_DIR    reused: the wheel is built with the dev profile, so after `cargo test`
#                       only the binary is relinked (the release workflow builds with --release)
#
# Run by .ci/run after `cargo test` (not from inside it: cargo would wait for its own lock on
# the target directory). Prints `ok - ...` lines; stops at the first failure with `FAIL: ...`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="${PALISADE_TEST_VENV:?PALISADE_TEST_VENV must name a venv with maturin (tests/install/requirements.txt)}"
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
[[ -x "$VENV/bin/maturin" ]] || fail "$VENV has no bin/maturin (pip install -r tests/install/requirements.txt)"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/palisade-wheel-test.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$ROOT/Cargo.toml" | head -n 1)"
"$VENV/bin/maturin" build --locked --profile dev --manifest-path "$ROOT/Cargo.toml" \
  --out "$WORK/wheels" >"$WORK/build.log" 2>&1 || fail "maturin build: $(tail -n 30 "$WORK/build.log")"
shopt -s nullglob
wheels=("$WORK"/wheels/*.whl)
((${#wheels[@]} == 1)) || fail "expected one wheel, got: ${wheels[*]:-none}"
wheel="${wheels[0]}"
[[ "${wheel##*/}" == "palisade_aws-$version-py3-none-"*.whl ]] ||
  fail "unexpected wheel name ${wheel##*/} (want palisade_aws-$version-py3-none-PLATFORM.whl)"
echo "ok - maturin built ${wheel##*/}"

python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install --quiet --disable-pip-version-check --no-index --no-deps "$wheel" ||
  fail "pip install of the wheel failed"
bin="$WORK/venv/bin/palisade"
[[ -x "$bin" ]] || fail "the wheel did not install $bin"
got="$(PATH="$WORK/venv/bin:/usr/bin:/bin" palisade --version)"
[[ "$got" == "palisade $version" ]] || fail "palisade --version says '$got', want 'palisade $version'"
echo "ok - pip installed the wheel into a fresh venv; palisade on its PATH is version $version"

PATH="$WORK/venv/bin:/usr/bin:/bin" palisade scan --demo --format json --fail-on none >"$WORK/demo.json" ||
  fail "palisade scan --demo from the wheel failed"
python3 - "$WORK/demo.json" <<'PY' || fail "the demo scan from the wheel did not report findings"
import json, sys
report = json.load(open(sys.argv[1]))
failing = sum(report["summary"]["failing_by_severity"].values())
assert failing > 0 and report["findings"], "no failing findings"
print(f"ok - palisade scan --demo from the wheel: {len(report['findings'])} findings, {failing} failing")
PY
"$WORK/venv/bin/pip" uninstall --quiet --yes palisade-aws || fail "pip uninstall failed"
[[ ! -e "$bin" ]] || fail "pip uninstall left $bin behind"
echo "ok - pip uninstall removes it"
