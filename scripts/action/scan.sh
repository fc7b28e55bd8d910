#!/usr/bin/env bash
# Runs `palisade scan` for the GitHub Action (action.yml, step "scan").
#
# Every input arrives as an environment variable (never as text inside the script):
#   INPUT_TARGET      `aws` (default; also `live`): the account of the AWS credential chain;
#                     `demo`: the embedded demo; anything else: a snapshot file path
#   INPUT_REGIONS     comma/space separated regions (`--region R` each), or `all` (`--regions all`)
#   INPUT_FRAMEWORKS  comma/space separated framework ids (`--framework ID` each)
#   INPUT_POLICIES    space separated policy directories (`--policies DIR` each)
#   INPUT_CONFIG      a palisade config file (`--config FILE`)
#   INPUT_ARGS        extra arguments; split like xargs does (quotes group words), never evaluated
#   INPUT_FAIL_ON     checked here so that a typo fails before the scan; the gate step applies it
#   INPUT_SARIF_FILE  where to write SARIF (default palisade.sarif, relative to the working dir)
#   PALISADE_BIN      the palisade binary (default: `palisade` on PATH)
#   RUNNER_TEMP, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY   set by the runner
#
# Writes these step outputs: sarif-file, json-file, markdown-file, sarif-exists, exit-code,
# critical, high, medium, low, info, failing, new-since-baseline.
# Exit status: 0 when palisade ran (whatever it found: the gate step judges findings), 2 when
# it could not run or exited with an error (after writing the outputs and summary it has).
set -euo pipefail

die() {
  echo "::error title=Palisade scan::$*" >&2
  exit 2
}

# Unset and empty mean the same (for runs outside the action).
: "${INPUT_REGIONS:=}" "${INPUT_FRAMEWORKS:=}" "${INPUT_POLICIES:=}" "${INPUT_CONFIG:=}" "${INPUT_ARGS:=}"

bin="${PALISADE_BIN:-palisade}"
if [[ "${RUNNER_OS:-}" == Windows ]]; then
  die "Windows runners are not supported; use ubuntu-* or macos-*"
fi
command -v "$bin" >/dev/null 2>&1 || die "palisade is not installed ('$bin' not found); the install step should have put it on PATH"

fail_on="$(printf '%s' "${INPUT_FAIL_ON:-high}" | tr '[:upper:]' '[:lower:]' | tr -d '[:space:]')"
case "$fail_on" in
  critical | high | medium | low | info | none) ;;
  *) die "input 'fail-on' must be one of critical, high, medium, low, info, none (got '${INPUT_FAIL_ON:-}')" ;;
esac

sarif="${INPUT_SARIF_FILE:-palisade.sarif}"
[[ -n "$sarif" ]] || sarif=palisade.sarif
case "$sarif" in
  *$'\n'* | *$'\r'*) die "input 'sarif-file' must not contain a line break" ;;
esac
[[ "$sarif" == /* ]] || sarif="$PWD/$sarif"
mkdir -p "$(dirname "$sarif")"

out_dir="$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/palisade-scan.XXXXXX")"
json="$out_dir/palisade.json"
md="$out_dir/palisade.md"
# A SARIF file left from an earlier run must not be uploaded as this run's result.
rm -f "$sarif"

cmd=("$bin" scan)

# --- source ----------------------------------------------------------------------------------
target="${INPUT_TARGET:-aws}"
[[ -n "${target//[[:space:]]/}" ]] || target=aws
live=0
case "$target" in
  aws | live) live=1 ;;
  demo) cmd+=(--demo) ;;
  *)
    [[ -f "$target" ]] || die "input 'target' is neither 'aws' nor 'demo', so it is read as a snapshot path, and '$target' is not a file"
    cmd+=(--snapshot "$target")
    ;;
esac

# --- convenience inputs ----------------------------------------------------------------------
# split_list TEXT: words separated by commas and/or whitespace, one per line.
split_list() { printf '%s\n' "$1" | tr ', \t\r' '\n' | sed '/^$/d'; }

if [[ -n "${INPUT_REGIONS//[[:space:],]/}" ]]; then
  if ((live)); then
    while IFS= read -r region; do
      if [[ "$region" == all ]]; then
        cmd+=(--regions all)
      else
        [[ "$region" =~ ^[a-z0-9-]+$ ]] || die "input 'regions': '$region' is not a region name"
        cmd+=(--region "$region")
      fi
    done < <(split_list "$INPUT_REGIONS")
  else
    echo "::warning title=Palisade scan::input 'regions' applies to target 'aws' only; ignored for target '$target'"
  fi
fi

if [[ -n "${INPUT_FRAMEWORKS//[[:space:],]/}" ]]; then
  while IFS= read -r fw; do
    [[ "$fw" =~ ^[A-Za-z0-9._-]+$ ]] || die "input 'frameworks': '$fw' is not a framework id (e.g. hipaa, pci-dss-4.0, cis-aws-3.0)"
    cmd+=(--framework "$fw")
  done < <(split_list "$INPUT_FRAMEWORKS")
fi

if [[ -n "${INPUT_POLICIES//[[:space:]]/}" ]]; then
  while IFS= read -r dir; do
    [[ -d "$dir" ]] || die "input 'policies': '$dir' is not a directory"
    cmd+=(--policies "$dir")
  done < <(printf '%s\n' "$INPUT_POLICIES" | tr ' \t\r' '\n' | sed '/^$/d')
fi

if [[ -n "${INPUT_CONFIG//[[:space:]]/}" ]]; then
  [[ -f "$INPUT_CONFIG" ]] || die "input 'config': '$INPUT_CONFIG' is not a file"
  cmd+=(--config "$INPUT_CONFIG")
fi

# Free-text arguments: xargs splits them (honouring quotes and backslashes) and printf hands
# each back on a line of its own (so a backslash-escaped line break splits an argument). Nothing
# is evaluated by a shell, so `$(...)`, `;` or `*` stay literal text.
if [[ -n "${INPUT_ARGS//[[:space:]]/}" ]]; then
  split="$out_dir/args"
  printf '%s\n' "$INPUT_ARGS" | xargs printf '%s\n' >"$split" ||
    die "input 'args' could not be split into arguments (an unmatched quote?): $INPUT_ARGS"
  while IFS= read -r arg; do
    cmd+=("$arg")
  done <"$split"
fi

cmd+=(--sarif "$sarif" --json "$json" --markdown "$md" --fail-on none)

# --- run -------------------------------------------------------------------------------------
printf 'palisade-scan: running:'
printf ' %q' "${cmd[@]}"
printf '\n'
rc=0
"${cmd[@]}" || rc=$?

# --- outputs ---------------------------------------------------------------------------------
# count KEY: an integer from the JSON report; prints nothing when the report or the field is
# missing (the gate then fails closed).
counts=""
if [[ -s "$json" ]]; then
  if command -v jq >/dev/null 2>&1; then
    counts="$(jq -r '
      .summary as $s
      | if ($s.failing_by_severity | type) != "object" then error("no summary.failing_by_severity")
        else $s.failing_by_severity as $f
        | [($f.critical // 0), ($f.high // 0), ($f.medium // 0), ($f.low // 0), ($f.info // 0),
           ($s.new_since_baseline // "")]
        | map(tostring) | join(" ") end' "$json" 2>/dev/null)" || counts=""
  elif command -v python3 >/dev/null 2>&1; then
    counts="$(python3 - "$json" <<'PY' 2>/dev/null
import json, sys
s = json.load(open(sys.argv[1]))["summary"]
f = s["failing_by_severity"]
assert isinstance(f, dict)
vals = [f.get(k, 0) for k in ("critical", "high", "medium", "low", "info")]
nsb = s.get("new_since_baseline")
print(" ".join(str(v) for v in vals) + " " + ("" if nsb is None else str(nsb)))
PY
    )" || counts=""
  else
    echo "::warning title=Palisade scan::neither jq nor python3 is available to read the finding counts"
  fi
fi
critical="" high="" medium="" low="" info="" failing="" new_since=""
if [[ -n "$counts" ]]; then
  read -r critical high medium low info new_since <<<"$counts" || true
  for v in "$critical" "$high" "$medium" "$low" "$info"; do
    if [[ ! "$v" =~ ^[0-9]+$ ]]; then
      echo "::warning title=Palisade scan::the JSON report has a non-integer finding count ('$v')"
      critical="" high="" medium="" low="" info=""
      break
    fi
  done
  if [[ -n "$critical" ]]; then
    failing=$((critical + high + medium + low + info))
  fi
  [[ "$new_since" =~ ^[0-9]+$ ]] || new_since=""
elif [[ -e "$json" ]]; then
  echo "::warning title=Palisade scan::could not read summary.failing_by_severity from $json"
fi

sarif_exists=false
[[ -s "$sarif" ]] && sarif_exists=true

if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
  {
    printf 'sarif-file=%s\n' "$sarif"
    printf 'sarif-exists=%s\n' "$sarif_exists"
    printf 'json-file=%s\n' "$json"
    printf 'markdown-file=%s\n' "$md"
    printf 'exit-code=%s\n' "$rc"
    printf 'critical=%s\n' "$critical"
    printf 'high=%s\n' "$high"
    printf 'medium=%s\n' "$medium"
    printf 'low=%s\n' "$low"
    printf 'info=%s\n' "$info"
    printf 'failing=%s\n' "$failing"
    printf 'new-since-baseline=%s\n' "$new_since"
  } >>"$GITHUB_OUTPUT"
fi

# --- step summary ----------------------------------------------------------------------------
if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
  if [[ -s "$md" ]]; then
    # palisade keeps the markdown within the 1 MiB step-summary limit itself.
    cat "$md" >>"$GITHUB_STEP_SUMMARY"
  elif ((rc > 1)); then
    printf '## Palisade\n\nThe scan failed (exit code %s) before it wrote a report; see the step log.\n' "$rc" >>"$GITHUB_STEP_SUMMARY"
  else
    printf '## Palisade\n\nThe scan wrote no markdown summary. Failing findings: %s (critical %s, high %s, medium %s, low %s, info %s).\n' \
      "${failing:-?}" "${critical:-?}" "${high:-?}" "${medium:-?}" "${low:-?}" "${info:-?}" >>"$GITHUB_STEP_SUMMARY"
  fi
fi

if ((rc > 1)); then
  die "palisade scan exited with code $rc (an error, not findings)"
fi
if [[ -z "$critical" ]]; then
  die "palisade scan exited with code $rc but its JSON report ($json) has no readable summary.failing_by_severity"
fi
echo "palisade-scan: failing findings: $failing (critical $critical, high $high, medium $medium, low $low, info $info)"
