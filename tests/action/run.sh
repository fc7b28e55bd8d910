#!/usr/bin/env bash
# Tests of the GitHub Action (action.yml and scripts/action/*.sh), without GitHub and without
# the network: a loopback HTTP server plays the release host, and temp files play the runner.
#
#   PALISADE_BIN        the palisade binary to scan with. Unset: a fake `palisade` script
#                       stands in (it writes plausible reports and records its arguments).
#   PALISADE_TEST_VENV  a Python venv with check-jsonschema (tests/action/requirements.txt).
#                       Unset: one is made at ~/.cache/palisade/action-venv.
#
# Prints `ok - ...` per check and stops at the first failure with `FAIL: ...`.
# Checks marked [real] say something about palisade itself only when PALISADE_BIN is set;
# checks marked [fake] run only with the fake, since they inspect its recorded arguments or
# need a live AWS target.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SCRIPTS="$ROOT/scripts/action"
passed=0

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
ok() {
  passed=$((passed + 1))
  echo "ok - $*"
}

WORK="$(mktemp -d "${TMPDIR:-/tmp}/palisade-action-test.XXXXXX")"
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  [[ -n "${KEEP_WORK:-}" ]] || rm -rf "$WORK"
}
trap cleanup EXIT

# get KEY FILE: the last value written for KEY in a GITHUB_OUTPUT-style file.
get() { sed -n "s/^$1=//p" "$2" | tail -n 1; }

# A PATH for the scripts under test: the system's, without the caller's GitHub environment.
BASE_PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
PYTHON="$(python3 -c 'import sys; print(sys.executable)')" || fail "python3 is required"
mkdir -p "$WORK/pybin"
ln -s "$PYTHON" "$WORK/pybin/python3"
BASE_PATH="$WORK/pybin:$BASE_PATH"

# ---------------------------------------------------------------------------------------------
# 1. action.yml against GitHub's schema, and no `${{ }}` inside any run: script
# ---------------------------------------------------------------------------------------------
VENV="${PALISADE_TEST_VENV:-}"
if [[ -z "$VENV" ]]; then
  VENV="$HOME/.cache/palisade/action-venv"
  if [[ ! -x "$VENV/bin/check-jsonschema" ]]; then
    echo "# making $VENV from tests/action/requirements.txt"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$ROOT/tests/action/requirements.txt"
  fi
fi
[[ -x "$VENV/bin/check-jsonschema" ]] || fail "PALISADE_TEST_VENV=$VENV has no bin/check-jsonschema (pip install -r tests/action/requirements.txt)"

"$VENV/bin/check-jsonschema" --builtin-schema vendor.github-actions "$ROOT/action.yml" >"$WORK/schema.log" 2>&1 ||
  fail "action.yml does not match the GitHub Actions schema: $(cat "$WORK/schema.log")"
ok "action.yml matches check-jsonschema's vendor.github-actions schema"

# The workflow examples of docs/github-action.md and README.md: every ```yaml block with an
# `on:` key.
mkdir -p "$WORK/examples"
for doc in docs/github-action.md README.md; do
"$VENV/bin/python" - "$ROOT/action.yml" "$ROOT/$doc" "$WORK/examples" <<'PY' || fail "action.yml or the docs' workflows interpolate \${{ }} into a run: script (see above)"
import pathlib, re, sys
from ruamel.yaml import YAML

yaml = YAML(typ="safe")
action_path, doc_path, out = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
bad = []

def check_steps(where, steps):
    for i, step in enumerate(steps or []):
        if "run" in step and "${{" in str(step["run"]):
            bad.append(f"{where}: step {i} ({step.get('name', '?')}) has ${{{{ }}}} in run:")

action = yaml.load(open(action_path))
assert action["runs"]["using"] == "composite", "runs.using must be composite"
check_steps("action.yml", action["runs"]["steps"])
for name, spec in action["inputs"].items():
    assert "description" in spec, f"input {name} has no description"

blocks = re.findall(r"```ya?ml\n(.*?)```", doc_path.read_text(), re.S)
n = 0
for block in blocks:
    doc = yaml.load(block)
    if isinstance(doc, dict) and ("on" in doc or True in doc) and "jobs" in doc:
        n += 1
        (out / f"{doc_path.stem}-example{n}.yml").write_text(block)
        for job_name, job in doc["jobs"].items():
            check_steps(f"docs example {n}, job {job_name}", job.get("steps"))
if n < 2:
    bad.append(f"{doc_path.name} has {n} complete workflow examples; expected at least 2")
for b in bad:
    print(b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
done
ok "no \${{ }} expression inside a run: script of action.yml or of the docs' workflows"

"$VENV/bin/check-jsonschema" --builtin-schema vendor.github-workflows "$WORK"/examples/*.yml >"$WORK/schema.log" 2>&1 ||
  fail "a workflow example in docs/github-action.md or README.md does not match the workflow schema: $(cat "$WORK/schema.log")"
ok "the $(find "$WORK/examples" -name "*.yml" | wc -l) workflow examples in docs/github-action.md and README.md match the vendor.github-workflows schema"

# The repository's own workflows (.github/workflows: CI and release): the workflow schema, no
# `${{ }}` inside a run: script, and every action pinned to a full commit SHA.
"$VENV/bin/check-jsonschema" --builtin-schema vendor.github-workflows "$ROOT"/.github/workflows/*.yml >"$WORK/schema.log" 2>&1 ||
  fail ".github/workflows does not match the workflow schema: $(cat "$WORK/schema.log")"
"$VENV/bin/python" - "$ROOT"/.github/workflows/*.yml <<'PY' || fail "a workflow in .github/workflows breaks the rules above"
import re, sys
from ruamel.yaml import YAML

bad, pinned = [], 0
for path in sys.argv[1:]:
    wf = YAML(typ="safe").load(open(path))
    for job_name, job in wf["jobs"].items():
        for i, step in enumerate(job.get("steps") or []):
            where = f"{path.rsplit('/', 1)[-1]} job {job_name} step {i} ({step.get('name', step.get('uses', '?'))})"
            if "run" in step and "${{" in str(step["run"]):
                bad.append(f"{where}: ${{{{ }}}} in run:")
            uses = step.get("uses")
            if uses and not uses.startswith("./"):
                if re.fullmatch(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}", uses):
                    pinned += 1
                else:
                    bad.append(f"{where}: {uses} is not pinned to a commit SHA")
if pinned == 0:
    bad.append("no pinned action found: did the workflows move?")
for b in bad:
    print(b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
ok ".github/workflows: schema-valid, no \${{ }} in run: scripts, every action pinned by commit SHA"

# ---------------------------------------------------------------------------------------------
# 2. shellcheck
# ---------------------------------------------------------------------------------------------
if command -v shellcheck >/dev/null 2>&1; then
  shellcheck "$SCRIPTS"/*.sh "$ROOT/tests/action/run.sh" >"$WORK/sc.log" 2>&1 ||
    fail "shellcheck: $(cat "$WORK/sc.log")"
  ok "shellcheck scripts/action/*.sh tests/action/run.sh"
  # The run: scripts of the repository's workflows, as the runner runs them (bash -e).
  "$VENV/bin/python" - "$WORK/wf-scripts" "$ROOT"/.github/workflows/*.yml <<'PY' || fail "could not extract the workflows' run: scripts"
import pathlib, sys
from ruamel.yaml import YAML

out = pathlib.Path(sys.argv[1])
out.mkdir()
for path in sys.argv[2:]:
    wf = YAML(typ="safe").load(open(path))
    for job_name, job in wf["jobs"].items():
        for i, step in enumerate(job.get("steps") or []):
            if "run" in step:
                name = f"{pathlib.Path(path).stem}-{job_name}-{i}.sh"
                (out / name).write_text("#!/usr/bin/env bash\nset -eo pipefail\n" + step["run"])
PY
  shellcheck "$WORK"/wf-scripts/*.sh >"$WORK/sc.log" 2>&1 || fail "shellcheck of the workflows' run: scripts: $(cat "$WORK/sc.log")"
  ok "shellcheck of the $(find "$WORK/wf-scripts" -name '*.sh' | wc -l) run: scripts in .github/workflows"
else
  echo "skip - shellcheck is not installed (apt-get install -y shellcheck)"
fi

# ---------------------------------------------------------------------------------------------
# 3. install.sh against a fake release host on loopback
# ---------------------------------------------------------------------------------------------
SRV="$WORK/srv"
# make_release TAG TARGET VERSION-TEXT: an archive made by the release workflow's own packaging
# script (scripts/release/package.py) from a stand-in binary, and its SHA256SUMS line.
make_release() {
  local tag="$1" target="$2" dir="$SRV/download/$1" fake="$WORK/fake-$1-$2/palisade" archive
  mkdir -p "$dir" "${fake%/*}"
  # shellcheck disable=SC2016 # the $1 and $2 are the stand-in's own arguments
  printf '#!/bin/sh\ncase "$1" in\n  completions) echo "# $2 completion (fake)" ;;\n  man) mkdir -p "$3" && echo ".TH PALISADE 1" >"$3/palisade.1" ;;\n  *) echo "palisade %s (fake release)" ;;\nesac\n' "$3" >"$fake"
  chmod 0755 "$fake"
  archive="$(python3 "$ROOT/scripts/release/package.py" --tag "$tag" --target "$target" --binary "$fake" --out "$dir")" ||
    fail "package.py failed for $tag $target"
  (cd "$dir" && sha256sum "${archive##*/}" >>SHA256SUMS)
}
make_release v9.9.9 x86_64-unknown-linux-musl 9.9.9
make_release v9.9.9 aarch64-unknown-linux-musl 9.9.9
mkdir -p "$SRV/latest/download"
cp "$SRV/download/v9.9.9/"* "$SRV/latest/download/"
# v8.8.8: exactly the targets .github/workflows/release.yml builds, packaged as it packages them.
RELEASE_TARGETS="$(sed -n 's/^ *target: *\([A-Za-z0-9_-]*\) *$/\1/p' "$ROOT/.github/workflows/release.yml")"
[[ "$(wc -w <<<"$RELEASE_TARGETS")" -ge 6 ]] || fail "could not read the build matrix of release.yml: '$RELEASE_TARGETS'"
for t in $RELEASE_TARGETS; do make_release v8.8.8 "$t" 8.8.8; done
# cargo binstall's templates in Cargo.toml name the same archives, and the same binary inside.
python3 - "$ROOT" "$SRV/download/v8.8.8" "$RELEASE_TARGETS" <<'PY' || fail "Cargo.toml's [package.metadata.binstall] does not match the release archives"
import pathlib, sys, tarfile, tomllib, zipfile

root, release, targets = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3].split()
meta = tomllib.loads((root / "Cargo.toml").read_text())["package"]["metadata"]["binstall"]
bad = []
for target in targets:
    m = {**meta, **meta.get("overrides", {}).get(target, {})}
    fill = lambda t: (t.replace("{ repo }", "REPO").replace("{ version }", "8.8.8")
                      .replace("{ target }", target).replace("{ bin }", "palisade")
                      .replace("{ binary-ext }", ".exe" if "windows" in target else ""))
    url = fill(m["pkg-url"])
    name = url.rsplit("/", 1)[-1]
    if not url.startswith("REPO/releases/download/v8.8.8/") or not (release / name).is_file():
        bad.append(f"{target}: binstall would fetch {url}, which the release does not have")
        continue
    members = (zipfile.ZipFile(release / name).namelist() if m.get("pkg-fmt") == "zip"
               else tarfile.open(release / name).getnames())
    if fill(m["bin-dir"]) not in members:
        bad.append(f"{target}: {name} has no {fill(m['bin-dir'])}")
for b in bad:
    print(b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
ok "Cargo.toml's cargo-binstall templates name every release archive and the binary inside"
# [real] The packaging script on the real binary: completions and man pages come from it.
if [[ -n "${PALISADE_BIN:-}" ]]; then
  real="$(python3 "$ROOT/scripts/release/package.py" --tag v0.0.0-test --target x86_64-unknown-linux-musl \
    --binary "$PALISADE_BIN" --out "$WORK/real-release")" || fail "package.py on the real binary failed"
  mkdir -p "$WORK/real-unpacked"
  tar -xzf "$real" -C "$WORK/real-unpacked"
  top="$WORK/real-unpacked/palisade-v0.0.0-test-x86_64-unknown-linux-musl"
  for f in palisade README.md LICENSE CHANGELOG.md completions/palisade.bash completions/_palisade \
    completions/palisade.fish completions/_palisade.ps1 completions/palisade.elv man/palisade.1 man/palisade-scan.1; do
    [[ -s "$top/$f" ]] || fail "package.py [real]: the archive has no (or an empty) $f"
  done
  grep -q -- '--snapshot' "$top/completions/palisade.bash" || fail "package.py [real]: the bash completion does not know scan --snapshot"
  grep -q '^\.TH palisade-scan 1' "$top/man/palisade-scan.1" || fail "package.py [real]: palisade-scan.1 is not a man page: $(head -n 3 "$top/man/palisade-scan.1")"
  "$top/palisade" --version >/dev/null || fail "package.py [real]: the packaged binary does not run"
  ok "package.py [real]: the archive holds the binary, docs, five shell completions and a man page per command"
fi
# v6.6.6: SHA256SUMS does not match the archive (tampering).
make_release v6.6.6 x86_64-unknown-linux-musl 6.6.6
sed -i 's/^[0-9a-f]\{8\}/00000000/' "$SRV/download/v6.6.6/SHA256SUMS"
# v7.7.7: an archive without SHA256SUMS.
make_release v7.7.7 x86_64-unknown-linux-musl 7.7.7
rm "$SRV/download/v7.7.7/SHA256SUMS"

python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$SRV" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
PORT=""
for _ in $(seq 1 100); do
  PORT="$(sed -n 's/.* port \([0-9][0-9]*\).*/\1/p' "$WORK/server.log" | head -n 1)"
  [[ -n "$PORT" && "$PORT" != 0 ]] && break
  kill -0 "$SERVER_PID" 2>/dev/null || fail "the loopback HTTP server did not start: $(cat "$WORK/server.log")"
  sleep 0.1
done
[[ -n "$PORT" && "$PORT" != 0 ]] || fail "the loopback HTTP server did not report its port: $(cat "$WORK/server.log")"
BASE_URL="http://127.0.0.1:$PORT"

# run_install CASE VERSION [VAR=VALUE...]: install.sh in a fresh simulated runner; sets
# $sim and $rc, output in $sim/log. Dry-run fallback always, so cargo never runs here.
run_install() {
  local case="$1" version="$2"
  shift 2
  sim="$WORK/install-$case"
  mkdir -p "$sim/temp"
  : >"$sim/path"
  : >"$sim/output"
  rc=0
  env -i PATH="$BASE_PATH" HOME="$HOME" \
    RUNNER_TEMP="$sim/temp" RUNNER_OS=Linux RUNNER_ARCH=X64 \
    GITHUB_PATH="$sim/path" GITHUB_OUTPUT="$sim/output" GITHUB_ACTION_PATH="$ROOT" \
    PALISADE_RELEASE_BASE_URL="$BASE_URL" PALISADE_INSTALL_DIR="$sim/bin" \
    PALISADE_FALLBACK_DRY_RUN=1 INPUT_VERSION="$version" "$@" \
    bash "$SCRIPTS/install.sh" >"$sim/log" 2>&1 || rc=$?
}
expect_installed() { # expect_installed CASE TAG VERSION-TEXT
  [[ "$rc" == 0 ]] || fail "install ($1): exit $rc: $(cat "$sim/log")"
  [[ -x "$sim/bin/palisade" ]] || fail "install ($1): no $sim/bin/palisade"
  grep -qx "$sim/bin" "$sim/path" || fail "install ($1): $sim/bin is not in GITHUB_PATH: $(cat "$sim/path")"
  [[ "$(get bin "$sim/output")" == "$sim/bin/palisade" ]] || fail "install ($1): output bin is not $sim/bin/palisade"
  [[ "$(get version "$sim/output")" == "$2" ]] || fail "install ($1): output version is '$(get version "$sim/output")', not $2"
  [[ "$(get method "$sim/output")" == release ]] || fail "install ($1): method is not release"
  "$sim/bin/palisade" --version | grep -q "palisade $3" || fail "install ($1): the installed binary is not the release's"
  grep -q 'checksum verified' "$sim/log" || fail "install ($1): no 'checksum verified' in the log"
  ! grep -q 'dry-run' "$sim/log" || fail "install ($1): fell back although the release exists"
}
expect_refused() { # expect_refused CASE PATTERN
  [[ "$rc" != 0 ]] || fail "install ($1): exit 0, but it must refuse: $(cat "$sim/log")"
  grep -q "$2" "$sim/log" || fail "install ($1): no '$2' in: $(cat "$sim/log")"
  ! grep -q 'dry-run\|cargo install' "$sim/log" || fail "install ($1): it fell back to cargo after a refusal: $(cat "$sim/log")"
  [[ ! -e "$sim/bin/palisade" ]] || fail "install ($1): a binary was installed anyway"
  [[ ! -s "$sim/path" ]] || fail "install ($1): GITHUB_PATH was written anyway"
}
expect_fallback() { # expect_fallback CASE COMMAND
  [[ "$rc" == 0 ]] || fail "install ($1): exit $rc: $(cat "$sim/log")"
  grep -qF "dry-run: $2" "$sim/log" || fail "install ($1): expected the fallback 'dry-run: $2' in: $(cat "$sim/log")"
  [[ ! -e "$sim/bin/palisade" ]] || fail "install ($1): installed a binary although the release is absent"
}

run_install tag v9.9.9
expect_installed tag v9.9.9 9.9.9
ok "install.sh: release v9.9.9 downloaded, checksum verified, installed and on GITHUB_PATH"

run_install bare-version 9.9.9
expect_installed bare-version v9.9.9 9.9.9
ok "install.sh: version 9.9.9 means tag v9.9.9"

run_install latest latest
expect_installed latest v9.9.9 9.9.9
ok "install.sh: latest resolves through latest/download/SHA256SUMS to v9.9.9"

run_install arm64 v9.9.9 RUNNER_ARCH=ARM64
expect_installed arm64 v9.9.9 9.9.9
grep -q 'aarch64-unknown-linux-musl' "$sim/log" || fail "install (arm64): did not pick the aarch64 archive: $(cat "$sim/log")"
ok "install.sh: Linux ARM64 picks the aarch64-unknown-linux-musl archive"

# Every platform the installer knows must find its archive in a release as the workflow makes
# it: the names agree, or the action silently falls back to a 20-minute cargo build.
for platform in Linux/X64 Linux/ARM64 macOS/X64 macOS/ARM64; do
  run_install "workflow-${platform/\//-}" v8.8.8 RUNNER_OS="${platform%/*}" RUNNER_ARCH="${platform#*/}"
  expect_installed "workflow-$platform" v8.8.8 8.8.8
done
ok "install.sh: every platform it supports finds its archive among the ones release.yml builds ($(paste -sd' ' <<<"$RELEASE_TARGETS"))"

run_install tampered v6.6.6
expect_refused tampered 'checksum mismatch'
ok "install.sh: a SHA256SUMS mismatch is refused, with no fallback and nothing installed"

run_install no-sums v7.7.7
expect_refused no-sums 'refusing to install an unverified binary'
ok "install.sh: an archive without SHA256SUMS is refused, with no fallback"

run_install missing v0.0.404
expect_fallback missing "cargo install --locked --git https://github.com/palisade-security/palisade --tag v0.0.404"
ok "install.sh: a release that is not there (HTTP 404) falls back to cargo install --git --tag (dry run)"

run_install no-platform latest RUNNER_OS=macOS RUNNER_ARCH=ARM64
expect_fallback no-platform "cargo install --locked --path $ROOT"
ok "install.sh: latest without an archive for aarch64-apple-darwin falls back to cargo install --path (dry run)"

run_install source source
expect_fallback source "cargo install --locked --path $ROOT"
ok "install.sh: version source builds the action's checkout with cargo install --locked --path (dry run)"

run_install windows latest RUNNER_OS=Windows
{ [[ "$rc" != 0 ]] && grep -q 'Windows runners are not supported' "$sim/log"; } ||
  fail "install (windows): expected a clear refusal: $(cat "$sim/log")"
ok "install.sh: Windows is refused with a clear error"

run_install bad-version '../../etc'
{ [[ "$rc" != 0 ]] && grep -q "input 'version'" "$sim/log"; } ||
  fail "install (bad-version): expected a refusal: $(cat "$sim/log")"
ok "install.sh: a version that is not a tag is refused"

kill "$SERVER_PID" 2>/dev/null || true
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=""

# ---------------------------------------------------------------------------------------------
# 4. scan.sh and gate.sh in a simulated runner
# ---------------------------------------------------------------------------------------------
FAKE=0
if [[ -n "${PALISADE_BIN:-}" ]]; then
  [[ -x "$PALISADE_BIN" ]] || fail "PALISADE_BIN=$PALISADE_BIN is not an executable"
  BIN="$(cd "$(dirname "$PALISADE_BIN")" && pwd)/$(basename "$PALISADE_BIN")"
  help="$("$BIN" scan --help 2>&1)" || fail "$BIN scan --help failed"
  for flag in --markdown --framework --sarif --json --fail-on; do
    grep -q -- "$flag" <<<"$help" || fail "$BIN scan has no $flag option, which the action passes"
  done
  echo "# scanning with the real binary $BIN"
else
  FAKE=1
  BIN="$WORK/fakebin/palisade"
  mkdir -p "$WORK/fakebin"
  cat >"$BIN" <<'FAKE'
#!/usr/bin/env bash
# A stand-in for palisade: records its arguments and writes plausible reports.
set -euo pipefail
if [[ "${1:-}" == --version ]]; then echo "palisade 0.0.0 (fake)"; exit 0; fi
[[ "${1:-}" == scan ]] || { echo "fake palisade: only scan" >&2; exit 2; }
printf '%s\n' "$@" >"${FAKE_ARGV:-/dev/null}"
shift
sarif="" json="" md=""
while (($#)); do
  case "$1" in
    --sarif) sarif="$2"; shift ;;
    --json) json="$2"; shift ;;
    --markdown) md="$2"; shift ;;
    --snapshot)
      python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$2" 2>/dev/null ||
        { echo "palisade: error: $2: snapshot is not valid JSON" >&2; exit 2; }
      shift ;;
  esac
  shift
done
[[ -n "$sarif" ]] && printf '{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"palisade"}},"results":[]}]}\n' >"$sarif"
[[ -n "$json" ]] && printf '{"summary":{"fail":9,"pass":40,"suppressed":0,"not_evaluated":1,"failing_by_severity":{"critical":2,"high":3,"medium":0,"low":4,"info":0}}}\n' >"$json"
[[ -n "$md" ]] && printf '## Palisade\n\n9 failing findings (fake)\n' >"$md"
echo "fake palisade: 9 failing findings"
FAKE
  chmod 0755 "$BIN"
  echo "# PALISADE_BIN is unset: scanning with a fake palisade; checks marked [real] are not meaningful"
fi

# A PATH without jq, to exercise the python3 fallback of scan.sh.
mkdir -p "$WORK/nojq"
for d in /usr/local/bin /usr/bin /bin; do
  for f in "$d"/*; do
    name="${f##*/}"
    [[ "$name" == jq || -e "$WORK/nojq/$name" ]] && continue
    ln -s "$f" "$WORK/nojq/$name"
  done
done
NOJQ_PATH="$WORK/pybin:$WORK/nojq"

# run_scan CASE [VAR=VALUE...]: scan.sh in a fresh simulated runner (workspace as the working
# directory); sets $sim and $rc; log in $sim/log, outputs in $sim/output.
run_scan() {
  local case="$1"
  shift
  sim="$WORK/scan-$case"
  mkdir -p "$sim/workspace" "$sim/temp"
  : >"$sim/output"
  : >"$sim/summary"
  : >"$sim/path"
  rc=0
  (cd "$sim/workspace" && env -i PATH="$BASE_PATH" HOME="$HOME" \
    GITHUB_OUTPUT="$sim/output" GITHUB_STEP_SUMMARY="$sim/summary" GITHUB_PATH="$sim/path" \
    GITHUB_WORKSPACE="$sim/workspace" RUNNER_TEMP="$sim/temp" RUNNER_OS=Linux RUNNER_ARCH=X64 \
    PALISADE_BIN="$BIN" FAKE_ARGV="$sim/argv" \
    INPUT_TARGET=demo INPUT_REGIONS="" INPUT_FRAMEWORKS="" INPUT_POLICIES="" INPUT_CONFIG="" \
    INPUT_ARGS="" INPUT_FAIL_ON=high INPUT_SARIF_FILE=palisade.sarif "$@" \
    bash "$SCRIPTS/scan.sh") >"$sim/log" 2>&1 || rc=$?
}
# run_gate FAIL-ON OUTPUT-FILE: gate.sh on a scan's outputs; sets $rc, log in $WORK/gate.log.
run_gate() {
  rc=0
  env -i PATH="$BASE_PATH" INPUT_FAIL_ON="$1" \
    SCAN_EXIT_CODE="$(get exit-code "$2")" SCAN_CRITICAL="$(get critical "$2")" \
    SCAN_HIGH="$(get high "$2")" SCAN_MEDIUM="$(get medium "$2")" SCAN_LOW="$(get low "$2")" \
    SCAN_INFO="$(get info "$2")" bash "$SCRIPTS/gate.sh" >"$WORK/gate.log" 2>&1 || rc=$?
}
# check_outputs CASE: the scan's outputs are complete and agree with its JSON report.
check_outputs() {
  local case="$1" out="$sim/output" key
  [[ "$rc" == 0 ]] || fail "scan ($case): exit $rc: $(cat "$sim/log")"
  [[ "$(get sarif-file "$out")" == "$sim/workspace/palisade.sarif" ]] ||
    fail "scan ($case): sarif-file output is '$(get sarif-file "$out")'"
  [[ "$(get sarif-exists "$out")" == true ]] || fail "scan ($case): sarif-exists is not true"
  [[ "$(get exit-code "$out")" == 0 ]] || fail "scan ($case): exit-code output is not 0"
  for key in critical high medium low info failing; do
    [[ "$(get "$key" "$out")" =~ ^[0-9]+$ ]] || fail "scan ($case): output $key='$(get "$key" "$out")' is not a number"
  done
  local json md
  json="$(get json-file "$out")"
  md="$(get markdown-file "$out")"
  [[ -s "$json" ]] || fail "scan ($case): json-file '$json' is missing or empty"
  [[ -s "$md" ]] || fail "scan ($case): markdown-file '$md' is missing or empty"
  [[ -s "$sim/summary" ]] || fail "scan ($case): the step summary is empty"
  python3 - "$json" "$(get critical "$out")" "$(get high "$out")" "$(get medium "$out")" \
    "$(get low "$out")" "$(get info "$out")" "$(get failing "$out")" <<'PY' ||
import json, sys
f = json.load(open(sys.argv[1]))["summary"]["failing_by_severity"]
want = [f.get(k, 0) for k in ("critical", "high", "medium", "low", "info")]
got = [int(x) for x in sys.argv[2:7]]
assert got == want, f"outputs {got} != JSON {want}"
assert int(sys.argv[7]) == sum(want), f"failing {sys.argv[7]} != {sum(want)}"
PY
    fail "scan ($case): the count outputs disagree with the JSON report"
  python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); assert d["version"] == "2.1.0"' \
    "$sim/workspace/palisade.sarif" || fail "scan ($case): palisade.sarif is not SARIF 2.1.0"
}

run_scan demo INPUT_FRAMEWORKS=hipaa INPUT_FAIL_ON=critical
check_outputs demo
demo_out="$sim/output"
ok "scan.sh: demo with frameworks=hipaa writes sarif-file, json-file, markdown-file, exit-code and counts matching the JSON; step summary non-empty"
if ((FAKE)); then
  for want in --demo --framework hipaa --fail-on none --sarif --json --markdown; do
    grep -qx -- "$want" "$sim/argv" || fail "scan (demo) [fake]: palisade was not given '$want': $(cat "$sim/argv")"
  done
  ok "scan.sh [fake]: palisade got scan --demo --framework hipaa ... --fail-on none"
else
  python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); assert d["runs"][0]["results"], "no results"' \
    "$sim/workspace/palisade.sarif" || fail "scan (demo) [real]: the demo's SARIF has no results"
  ok "scan.sh [real]: the demo's SARIF has results"
fi

(($(get critical "$demo_out") > 0)) || fail "scan (demo): the demo has no critical failing finding to gate on"
run_gate critical "$demo_out"
[[ "$rc" == 1 ]] || fail "gate: fail-on=critical with critical=$(get critical "$demo_out") exited $rc, not 1: $(cat "$WORK/gate.log")"
grep -q '^::error' "$WORK/gate.log" || fail "gate: no ::error:: annotation: $(cat "$WORK/gate.log")"
ok "gate.sh: fail-on=critical fails on the demo (critical=$(get critical "$demo_out")) with an ::error:: line [real: the demo has critical findings]"
run_gate none "$demo_out"
[[ "$rc" == 0 ]] || fail "gate: fail-on=none exited $rc: $(cat "$WORK/gate.log")"
ok "gate.sh: fail-on=none passes whatever the findings"

[[ ! -e "$WORK/nojq/jq" ]] || fail "the PATH without jq has jq"
run_scan nojq INPUT_FRAMEWORKS="hipaa, pci-dss-4.0" PATH="$NOJQ_PATH"
check_outputs nojq
ok "scan.sh: without jq the counts come from python3 and match the JSON"

bad="$WORK/bad-snapshot.json"
printf '{not json' >"$bad"
run_scan error INPUT_TARGET="$bad"
[[ "$rc" == 2 ]] || fail "scan (error): an invalid snapshot gave exit $rc, not 2: $(cat "$sim/log")"
[[ "$(get exit-code "$sim/output")" == 2 ]] || fail "scan (error): exit-code output is not 2"
[[ "$(get sarif-exists "$sim/output")" == false ]] || fail "scan (error): sarif-exists is not false (the upload would run)"
[[ -s "$sim/summary" ]] || fail "scan (error): nothing in the step summary"
grep -q '^::error' "$sim/log" || fail "scan (error): no ::error:: annotation"
run_gate high "$sim/output"
[[ "$rc" != 0 ]] || fail "gate: passed after a failed scan"
ok "scan.sh: palisade's exit 2 fails the step, sets exit-code=2 and sarif-exists=false; the gate fails closed [real: palisade exits 2 on a bad snapshot]"

run_scan missing-snapshot INPUT_TARGET=no-such-file.json
{ [[ "$rc" == 2 ]] && grep -q 'not a file' "$sim/log"; } || fail "scan (missing-snapshot): $(cat "$sim/log")"
run_scan bad-fail-on INPUT_FAIL_ON=severe
{ [[ "$rc" == 2 ]] && grep -q "input 'fail-on'" "$sim/log"; } || fail "scan (bad-fail-on): $(cat "$sim/log")"
run_scan bad-framework INPUT_FRAMEWORKS='hipaa;id'
{ [[ "$rc" == 2 ]] && grep -q "input 'frameworks'" "$sim/log"; } || fail "scan (bad-framework): $(cat "$sim/log")"
ok "scan.sh: a missing snapshot, an unknown fail-on and a malformed framework id fail before the scan"

if ((FAKE)); then
  # Live target: regions become --region each; args are split like xargs and never evaluated.
  # shellcheck disable=SC2016 # the $(...) is meant literally: it must reach palisade as text
  run_scan args INPUT_TARGET=aws INPUT_REGIONS="us-east-1, eu-west-1" INPUT_FRAMEWORKS="hipaa pci-dss-4.0" \
    INPUT_ARGS='--unused-days 30 --role-arn "arn:aws:iam::111122223333:role/Audit Role" $(touch PWNED);id'
  check_outputs args
  expected="$WORK/expected-argv"
  # shellcheck disable=SC2016
  printf '%s\n' scan --region us-east-1 --region eu-west-1 --framework hipaa --framework pci-dss-4.0 \
    --unused-days 30 --role-arn "arn:aws:iam::111122223333:role/Audit Role" '$(touch' 'PWNED);id' \
    --sarif "$sim/workspace/palisade.sarif" >"$expected"
  head -n "$(wc -l <"$expected")" "$sim/argv" | diff "$expected" - >"$WORK/diff" ||
    fail "scan (args) [fake]: palisade's arguments differ from the expected: $(cat "$WORK/diff")"
  [[ ! -e "$sim/workspace/PWNED" && ! -e PWNED ]] || fail "scan (args) [fake]: text in 'args' was executed"
  ok "scan.sh [fake]: target=aws, regions, frameworks and quoted args become separate arguments; nothing is evaluated"

  run_scan policies INPUT_POLICIES="$ROOT/policies" INPUT_REGIONS=us-east-1
  { grep -qx -- --policies "$sim/argv" && ! grep -qx -- --region "$sim/argv"; } ||
    fail "scan (policies) [fake]: $(cat "$sim/argv") / $(cat "$sim/log")"
  grep -q 'applies to target' "$sim/log" || fail "scan (policies) [fake]: no warning that regions are ignored for the demo"
  ok "scan.sh [fake]: policies become --policies; regions are ignored (with a warning) for the demo"
fi

# gate.sh on its own: the order of the severities, and failing closed.
gate_case() { # gate_case EXPECTED-RC FAIL-ON EXIT CRITICAL HIGH MEDIUM LOW INFO
  rc=0
  env -i PATH="$BASE_PATH" INPUT_FAIL_ON="$2" SCAN_EXIT_CODE="$3" SCAN_CRITICAL="$4" \
    SCAN_HIGH="$5" SCAN_MEDIUM="$6" SCAN_LOW="$7" SCAN_INFO="$8" \
    bash "$SCRIPTS/gate.sh" >"$WORK/gate.log" 2>&1 || rc=$?
  [[ "$rc" == "$1" ]] || fail "gate ${*:2}: exit $rc, expected $1: $(cat "$WORK/gate.log")"
}
gate_case 0 high 0 0 0 5 5 5
gate_case 1 medium 0 0 0 5 0 0
gate_case 0 critical 0 0 9 9 9 9
gate_case 1 high 0 1 0 0 0 0
gate_case 1 info 0 0 0 0 0 1
gate_case 0 low 0 0 0 0 0 7
gate_case 1 HIGH 0 0 1 0 0 0
gate_case 0 none 0 9 9 9 9 9
gate_case 2 high 0 "" 0 0 0 0
gate_case 2 high 0 1x 0 0 0 0
gate_case 2 high 2 0 0 0 0 0
gate_case 2 high "" 0 0 0 0 0
gate_case 2 severe 0 0 0 0 0 0
ok "gate.sh: fails at or above the level only; none never fails; missing counts, a failed scan or an unknown level fail closed"

echo "$passed passed, 0 failed"
