#!/usr/bin/env bash
# Collection benchmark: a fresh moto server seeded with a large account (seed.py), scanned by
# Palisade and then by Prowler (the same services), each timed with /usr/bin/time and its API
# requests counted from moto's request log. Prints one Markdown table per tool.
#
#   benchmarks/collect/run.sh [--palisade-only]
#
# Environment: PALISADE_RUNS (default 3), PROWLER_RUNS (default 1), PROWLER_SERVICES (default:
# the services Palisade collects, by Prowler's names), PALISADE_BIN (default: the
# release binary in $CARGO_TARGET_DIR, built if missing), PALISADE_MOTO_VENV (default
# ~/.cache/palisade/moto-venv, which .ci/run creates), PROWLER_VENV (default
# ~/.cache/palisade/prowler-venv, created here with `pip install prowler==5.46.0` if missing).
#
# Nothing leaves the machine: both tools talk to moto on 127.0.0.1 only (AWS_ENDPOINT_URL), with
# dummy credentials, no config files, and an HTTP(S) proxy on a dead loopback port for anything
# else, so a stray call to a real endpoint fails locally instead of going out.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

palisade_only=false
case "${1:-}" in
  "") ;;
  --palisade-only) palisade_only=true ;;
  *) echo "usage: $0 [--palisade-only]" >&2; exit 2 ;;
esac
PALISADE_RUNS="${PALISADE_RUNS:-3}"
PROWLER_RUNS="${PROWLER_RUNS:-1}"
PROWLER_VERSION=5.46.0
# Prowler's names for the services Palisade collects, so both tools read the same account.
PROWLER_SERVICES="${PROWLER_SERVICES:-iam ec2 vpc s3 kms rds cloudtrail guardduty config cloudwatch \
account securityhub accessanalyzer macie inspector2 awslambda ecr eks ecs dynamodb secretsmanager \
acm sns sqs efs elbv2 redshift elasticache opensearch cloudfront wafv2 apigateway}"
MOTO_VENV="${PALISADE_MOTO_VENV:-$HOME/.cache/palisade/moto-venv}"
PROWLER_VENV="${PROWLER_VENV:-$HOME/.cache/palisade/prowler-venv}"
target="${CARGO_TARGET_DIR:-$HOME/.cache/palisade/target}"
PALISADE_BIN="${PALISADE_BIN:-$target/release/palisade}"

# --- tools -------------------------------------------------------------------------------
[[ -x "$MOTO_VENV/bin/moto_server" ]] ||
  { echo "no moto at $MOTO_VENV: run .ci/run once (it creates the venv), or set PALISADE_MOTO_VENV" >&2; exit 1; }
if [[ ! -x "$PALISADE_BIN" ]]; then
  echo "==> building palisade (release)"
  (cd "$repo" && CARGO_TARGET_DIR="$target" cargo build --release --locked --quiet)
elif [[ -n "$(cd "$repo" && find src policies Cargo.toml Cargo.lock -newer "$PALISADE_BIN" -print -quit)" ]]; then
  echo "warning: $PALISADE_BIN is older than the sources (cargo build --release to refresh)" >&2
fi
# GNU time gives wall time and peak RSS of the whole child (bash's `time` has no memory).
if [[ ! -x /usr/bin/time ]]; then
  echo "==> installing GNU time"
  apt-get update -qq && apt-get install -y -qq time >/dev/null
fi
# (Not `prowler --version`: that asks api.github.com for the latest release.)
if ! $palisade_only && ! "$PROWLER_VENV/bin/python" -c \
  "import importlib.metadata as m, sys; sys.exit(m.version('prowler') != '$PROWLER_VERSION')" 2>/dev/null; then
  echo "==> installing prowler==$PROWLER_VERSION into $PROWLER_VENV"
  python3 -m venv "$PROWLER_VENV"
  "$PROWLER_VENV/bin/pip" install --quiet --disable-pip-version-check "prowler==$PROWLER_VERSION"
fi

# --- moto ----------------------------------------------------------------------------------
tmp="$(mktemp -d)"
moto_pid=""
cleanup() {
  if [[ -n "$moto_pid" ]]; then kill "$moto_pid" 2>/dev/null || true; wait "$moto_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
port="$("$MOTO_VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
endpoint="http://127.0.0.1:$port"
moto_log="$tmp/moto.log"
# werkzeug writes one line per request to stderr: that log is the request counter.
MOTO_IAM_LOAD_MANAGED_POLICIES=true MOTO_EC2_LOAD_DEFAULT_AMIS=false \
  "$MOTO_VENV/bin/moto_server" -H 127.0.0.1 -p "$port" >"$moto_log" 2>&1 &
moto_pid=$!
for _ in $(seq 600); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  kill -0 "$moto_pid" 2>/dev/null || { cat "$moto_log" >&2; exit 1; }
  sleep 0.1
done

echo "==> seeding moto at $endpoint"
"$MOTO_VENV/bin/python" "$here/seed.py" "$endpoint"

# werkzeug's access-log lines only ('127.0.0.1 - - [date] "POST / HTTP/1.1" 200 -', colored
# when the status is an error): moto also logs tracebacks for actions it does not implement.
request_line='^127\.0\.0\.1 - - \[[^]]*\] "'

# Runs one tool: measure NAME OUTPUT_DIR CMD...; appends "wall requests rss_mb" to $tmp/NAME.
measure() {
  local name="$1" out="$2"; shift 2
  local from
  from=$(($(stat -c %s "$moto_log") + 1))
  # A clean environment: no real profile, token or per-service endpoint can leak in.
  env -i PATH="/usr/bin:/bin" HOME="$HOME" LANG=C.UTF-8 \
    AWS_ENDPOINT_URL="$endpoint" AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 \
    AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_EC2_METADATA_DISABLED=true \
    AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null \
    HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 NO_PROXY=127.0.0.1,localhost \
    /usr/bin/time -f '%e %M' -o "$out/time" "$@" >"$out/stdout" 2>"$out/stderr" ||
    { echo "$name failed:" >&2; tail -20 "$out/stderr" >&2; exit 1; }
  sleep 1  # werkzeug logs a request after answering it
  local requests
  requests=$(tail -c "+$from" "$moto_log" | grep -cE "$request_line" || true)
  read -r wall rss_kb <"$out/time"
  echo "$wall $requests $((rss_kb / 1024))" >>"$tmp/$name"
}

# Median of column COL (1 wall, 2 requests, 3 RSS) of one tool's runs.
# shellcheck source=benchmarks/common.sh
. "$repo/benchmarks/common.sh"
field_median() { cut -d' ' -f"$2" "$tmp/$1" | median; }

# Prints a Markdown table of one tool's runs, then the medians.
table() {
  local name="$1" findings="$2"
  echo
  echo "| $name | wall s | requests | peak RSS MB | findings (fail / total) |"
  echo "|---|---:|---:|---:|---:|"
  awk -v f="$findings" '{ printf "| run %d | %.1f | %d | %d | %s |\n", NR, $1, $2, $3, f }' "$tmp/$name"
  printf '| **median** | **%.1f** | **%d** | **%d** | %s |\n' \
    "$(field_median "$name" 1)" "$(field_median "$name" 2)" "$(field_median "$name" 3)" "$findings"
}

# --- Palisade ----------------------------------------------------------------------------
echo "==> palisade scan, $PALISADE_RUNS run(s)"
mkdir -p "$tmp/p"
for _ in $(seq "$PALISADE_RUNS"); do
  # The report goes to a file (not /dev/null) only to count its findings afterwards.
  measure palisade "$tmp/p" "$PALISADE_BIN" scan --region us-east-1 --format json --fail-on none
done
# fail / total from the summary counts of the last run's report.
p_findings=$("$MOTO_VENV/bin/python" -c '
import json, sys
s = json.load(open(sys.argv[1]))["summary"]
print(s["fail"], "/", sum(s[k] for k in ("fail", "pass", "not_evaluated", "error", "suppressed")))' "$tmp/p/stdout")
grep -E "^collected|API calls" "$tmp/p/stderr" | sed 's/^/    /'

# --- Prowler -----------------------------------------------------------------------------
if ! $palisade_only; then
  echo "==> prowler aws --service $PROWLER_SERVICES, $PROWLER_RUNS run(s)"
  mkdir -p "$tmp/w"
  for _ in $(seq "$PROWLER_RUNS"); do
    rm -rf "$tmp/w/out"
    # One output format (OCSF JSON), like Palisade's one report; exit code 3 (failed checks)
    # is not an error here.
    # shellcheck disable=SC2086 # one argument per service
    measure prowler "$tmp/w" "$PROWLER_VENV/bin/prowler" aws --service $PROWLER_SERVICES --region us-east-1 \
      --output-formats json-ocsf --output-directory "$tmp/w/out" --no-banner --no-color \
      --ignore-exit-code-3
  done
  report=$(ls "$tmp"/w/out/*.ocsf.json)
  w_findings="$(grep -c '"status_code": "FAIL"' "$report") / $(grep -c '"status_code":' "$report")"
fi

echo
echo "Account: 2,000 users, 2,000 roles, 2,000 security groups, hundreds of Lambda functions, repositories, tables, secrets, queues and topics and the usual mix (seed.py), us-east-1; $(nproc) cores."
table palisade "$p_findings"
if ! $palisade_only; then
  table prowler "$w_findings"
  echo
  awk -v w="$(field_median prowler 1)/$(field_median palisade 1)" -v r="$(field_median prowler 2)/$(field_median palisade 2)" \
    -v m="$(field_median prowler 3)/$(field_median palisade 3)" 'BEGIN {
      split(w, a, "/"); split(r, b, "/"); split(m, c, "/")
      printf "Palisade vs Prowler (medians): %.1fx less wall time, %.1fx fewer requests, %.1fx less peak memory\n",
        a[1] / a[2], b[1] / b[2], c[1] / c[2] }'
fi
