#!/usr/bin/env bash
# Fails the job per `fail-on` for the GitHub Action (action.yml, step "gate").
#
# Reads:
#   INPUT_FAIL_ON    critical | high | medium | low | info | none (default high)
#   SCAN_EXIT_CODE   the scan step's `exit-code` output (2 or more: the scan failed)
#   SCAN_CRITICAL, SCAN_HIGH, SCAN_MEDIUM, SCAN_LOW, SCAN_INFO
#                    the scan step's counts of failing findings by severity
# Exits 1 (with one `::error::` line giving the reason) when any failing finding is at or above
# the level, 0 otherwise; `none` never fails on findings. Missing or malformed counts fail
# closed: a security gate that cannot read the result does not pass.
set -euo pipefail

fail_on="$(printf '%s' "${INPUT_FAIL_ON:-high}" | tr '[:upper:]' '[:lower:]' | tr -d '[:space:]')"
levels=(critical high medium low info)
case "$fail_on" in
  critical | high | medium | low | info | none) ;;
  *)
    echo "::error title=Palisade gate::input 'fail-on' must be one of critical, high, medium, low, info, none (got '${INPUT_FAIL_ON:-}')"
    exit 2
    ;;
esac

code="${SCAN_EXIT_CODE:-}"
if [[ ! "$code" =~ ^[0-9]+$ ]] || ((code > 1)); then
  echo "::error title=Palisade gate::the scan did not complete (exit code '${code:-none}'), so there is no result to gate on"
  exit 2
fi

if [[ "$fail_on" == none ]]; then
  echo "palisade-gate: fail-on is 'none'; not failing on findings"
  exit 0
fi

total=0
detail=""
above=1
for level in "${levels[@]}"; do
  case "$level" in
    critical) n="${SCAN_CRITICAL:-}" ;;
    high) n="${SCAN_HIGH:-}" ;;
    medium) n="${SCAN_MEDIUM:-}" ;;
    low) n="${SCAN_LOW:-}" ;;
    *) n="${SCAN_INFO:-}" ;;
  esac
  if [[ ! "$n" =~ ^[0-9]+$ ]]; then
    echo "::error title=Palisade gate::no count of $level findings from the scan (got '$n'); refusing to pass the gate"
    exit 2
  fi
  if ((above)); then
    total=$((total + n))
    detail+="${detail:+, }$level $n"
  fi
  [[ "$level" == "$fail_on" ]] && above=0
done

if ((total > 0)); then
  echo "::error title=Palisade gate::$total failing finding(s) at or above '$fail_on' ($detail); see the step summary or code scanning"
  exit 1
fi
echo "palisade-gate: no failing findings at or above '$fail_on' ($detail)"
