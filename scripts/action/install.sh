#!/usr/bin/env bash
# Installs the palisade binary for the GitHub Action (action.yml, step "install").
#
# Reads (all optional):
#   INPUT_VERSION               `latest` (default), a release tag such as `v0.2.0` (a bare
#                               `0.2.0` gets the `v`), or `source` (build this action's checkout)
#   INPUT_GITHUB_TOKEN          sent as a bearer token to github.com only (rate limits)
#   PALISADE_RELEASE_BASE_URL   default https://github.com/palisade-security/palisade/releases;
#                               files are fetched from BASE/download/TAG/ and BASE/latest/download/
#   PALISADE_INSTALL_DIR        default $RUNNER_TEMP/palisade-bin
#   PALISADE_FALLBACK_DRY_RUN   `1`: print the cargo fallback command instead of running it
#   RUNNER_OS, RUNNER_ARCH      set by the runner; `uname` is used when they are not
#   GITHUB_ACTION_PATH          this action's checkout (for version `source` and the fallback of `latest`)
#   GITHUB_PATH, GITHUB_OUTPUT  set by the runner; the install dir is appended to GITHUB_PATH,
#                               and `bin`, `version`, `method` are written to GITHUB_OUTPUT
#
# A release is `palisade-TAG-TARGET.tar.gz` beside `SHA256SUMS` in the release TAG. The archive's
# SHA-256 must match its SHA256SUMS line: a mismatch, or an archive without a checksum, is refused
# and never falls back to another install method. Only an absent release (HTTP 404, or no archive
# for this platform) falls back to `cargo install --locked`.
set -euo pipefail

REPO_URL="https://github.com/palisade-security/palisade"
DEFAULT_BASE="$REPO_URL/releases"

die() {
  echo "::error title=Palisade install::$*" >&2
  exit 1
}
log() { echo "palisade-install: $*" >&2; }

version="${INPUT_VERSION:-latest}"
version="${version#"${version%%[![:space:]]*}"}"
version="${version%"${version##*[![:space:]]}"}"
[[ -n "$version" ]] || version=latest
if [[ ! "$version" =~ ^[A-Za-z0-9][A-Za-z0-9._+-]*$ ]]; then
  die "input 'version' must be 'latest', 'source' or a release tag like v0.2.0 (got '$version')"
fi
if [[ "$version" =~ ^[0-9] ]]; then
  version="v$version"
fi

base="${PALISADE_RELEASE_BASE_URL:-$DEFAULT_BASE}"
base="${base%/}"
install_dir="${PALISADE_INSTALL_DIR:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}/palisade-bin}"
dry_run="${PALISADE_FALLBACK_DRY_RUN:-}"

# --- platform --------------------------------------------------------------------------------
os="${RUNNER_OS:-}"
if [[ -z "$os" ]]; then
  case "$(uname -s)" in
    Linux) os=Linux ;;
    Darwin) os=macOS ;;
    MINGW* | MSYS* | CYGWIN* | Windows_NT) os=Windows ;;
    *) os="$(uname -s)" ;;
  esac
fi
arch="${RUNNER_ARCH:-}"
if [[ -z "$arch" ]]; then
  case "$(uname -m)" in
    x86_64 | amd64) arch=X64 ;;
    aarch64 | arm64) arch=ARM64 ;;
    *) arch="$(uname -m)" ;;
  esac
fi
if [[ "$os" == Windows ]]; then
  die "Windows runners are not supported; run this action on ubuntu-* or macos-* (palisade scans AWS over the network, so the runner OS does not matter for the result)"
fi
target=""
case "$os/$arch" in
  Linux/X64) target=x86_64-unknown-linux-musl ;;
  Linux/ARM64) target=aarch64-unknown-linux-musl ;;
  macOS/X64) target=x86_64-apple-darwin ;;
  macOS/ARM64) target=aarch64-apple-darwin ;;
esac

# --- helpers ---------------------------------------------------------------------------------
command -v curl >/dev/null 2>&1 || die "curl is required to download palisade"
command -v tar >/dev/null 2>&1 || die "tar is required to unpack palisade"

work="$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/palisade-install.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# fetch URL FILE: prints the HTTP status; curl's own failures (DNS, TLS, timeouts) are fatal.
fetch() {
  local url="$1" out="$2" code auth=()
  # The token goes to github.com only, never to an overridden base URL, and through a config
  # on stdin so that it is not on the command line. curl does not send it on to the asset
  # host that github.com redirects to.
  if [[ -n "${INPUT_GITHUB_TOKEN:-}" && "$url" == https://github.com/* ]]; then
    auth=(--config -)
  fi
  if ((${#auth[@]})); then
    code="$(printf 'header = "Authorization: Bearer %s"\n' "$INPUT_GITHUB_TOKEN" |
      curl --silent --show-error --location --proto '=https' --retry 3 --retry-delay 2 \
        --connect-timeout 20 --max-time 600 "${auth[@]}" --output "$out" \
        --write-out '%{http_code}' "$url")" || die "download failed: $url"
    if [[ "$code" == 401 || "$code" == 403 ]]; then
      log "github.com refused the token ($code); retrying without it"
      auth=()
    fi
  fi
  if ((${#auth[@]} == 0)); then
    code="$(curl --silent --show-error --location --proto '=https,http' --retry 3 --retry-delay 2 \
      --connect-timeout 20 --max-time 600 --output "$out" \
      --write-out '%{http_code}' "$url")" || die "download failed: $url"
  fi
  printf '%s' "$code"
}

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | awk '{print $1}'
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 "$1" | awk '{print $1}'
  else
    die "neither sha256sum nor shasum is available to verify the download"
  fi
}

# The SHA256SUMS line for FILE ("HASH  FILE" or "HASH *FILE"): prints HASH, or nothing.
sum_for() {
  awk -v f="$2" '{ n = $2; sub(/^\*/, "", n); if (n == f) { print tolower($1); exit } }' "$1"
}

finish() { # finish BIN VERSION METHOD
  local bin="$1"
  "$bin" --version >/dev/null 2>&1 || die "the installed $bin does not run ('$bin --version' failed)"
  log "installed $("$bin" --version 2>/dev/null | head -n 1) at $bin ($3)"
  if [[ -n "${GITHUB_PATH:-}" ]]; then
    printf '%s\n' "$install_dir" >>"$GITHUB_PATH"
  fi
  if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
    {
      printf 'bin=%s\n' "$bin"
      printf 'version=%s\n' "$2"
      printf 'method=%s\n' "$3"
    } >>"$GITHUB_OUTPUT"
  fi
  exit 0
}

# cargo_fallback TAG|"" WHY: build with cargo (the tag from git, or this action's checkout).
cargo_fallback() {
  local tag="$1" why="$2" src=()
  if [[ "$version" == source || -z "$tag" ]]; then
    [[ -n "${GITHUB_ACTION_PATH:-}" ]] || die "$why, and GITHUB_ACTION_PATH is not set to build from this action's checkout"
    src=(--path "$GITHUB_ACTION_PATH")
  else
    src=(--git "$REPO_URL" --tag "$tag")
  fi
  local root="$work/cargo-root"
  local cmd=(cargo install --locked "${src[@]}" --root "$root" palisade)
  log "$why; building with: ${cmd[*]}"
  if [[ "$dry_run" == 1 ]]; then
    echo "dry-run: ${cmd[*]}"
    exit 0
  fi
  command -v cargo >/dev/null 2>&1 || die "$why, and cargo is not installed to build palisade from source (add a Rust toolchain step, e.g. dtolnay/rust-toolchain, before this action)"
  "${cmd[@]}" || die "cargo install failed (${cmd[*]})"
  mkdir -p "$install_dir"
  cp "$root/bin/palisade" "$install_dir/palisade"
  chmod 0755 "$install_dir/palisade"
  finish "$install_dir/palisade" "${tag:-source}" cargo
}

# --- install ---------------------------------------------------------------------------------
if [[ "$version" == source ]]; then
  cargo_fallback "" "version 'source' requested"
fi
if [[ -z "$target" ]]; then
  if [[ "$version" == latest ]]; then
    cargo_fallback "" "no release build for $os/$arch"
  fi
  cargo_fallback "$version" "no release build for $os/$arch"
fi

sums="$work/SHA256SUMS"
if [[ "$version" == latest ]]; then
  # The archive's name carries the tag, so read it from the latest release's SHA256SUMS and
  # then fetch the archive from that tag (not from latest/ again, which could have moved on).
  code="$(fetch "$base/latest/download/SHA256SUMS" "$sums")"
  case "$code" in
    200) ;;
    404) cargo_fallback "" "no latest release found at $base/latest (HTTP 404)" ;;
    *) die "downloading $base/latest/download/SHA256SUMS failed with HTTP $code" ;;
  esac
  archive_name="$(awk -v t="-$target.tar.gz" '{ n = $2; sub(/^\*/, "", n); if (n ~ /^palisade-/ && substr(n, length(n) - length(t) + 1) == t) { print n; exit } }' "$sums")"
  if [[ -z "$archive_name" ]]; then
    cargo_fallback "" "the latest release has no archive for $target"
  fi
  tag="${archive_name#palisade-}"
  tag="${tag%"-$target.tar.gz"}"
  [[ "$tag" =~ ^[A-Za-z0-9][A-Za-z0-9._+-]*$ ]] || die "unexpected archive name in the latest SHA256SUMS: $archive_name"
  archive="$work/$archive_name"
  code="$(fetch "$base/download/$tag/$archive_name" "$archive")"
  case "$code" in
    200) ;;
    404) cargo_fallback "$tag" "$archive_name is listed in SHA256SUMS but not published (HTTP 404)" ;;
    *) die "downloading $base/download/$tag/$archive_name failed with HTTP $code" ;;
  esac
else
  tag="$version"
  archive_name="palisade-$tag-$target.tar.gz"
  archive="$work/$archive_name"
  code="$(fetch "$base/download/$tag/$archive_name" "$archive")"
  case "$code" in
    200) ;;
    404) cargo_fallback "$tag" "no release archive $archive_name for $tag (HTTP 404)" ;;
    *) die "downloading $base/download/$tag/$archive_name failed with HTTP $code" ;;
  esac
  code="$(fetch "$base/download/$tag/SHA256SUMS" "$sums")"
  [[ "$code" == 200 ]] || die "release $tag has $archive_name but its SHA256SUMS could not be downloaded (HTTP $code); refusing to install an unverified binary"
fi

expected="$(sum_for "$sums" "$archive_name")"
[[ "$expected" =~ ^[0-9a-f]{64}$ ]] || die "SHA256SUMS of release $tag has no valid checksum for $archive_name; refusing to install an unverified binary"
actual="$(sha256_of "$archive")"
if [[ "$actual" != "$expected" ]]; then
  die "checksum mismatch for $archive_name: SHA256SUMS says $expected, the download is $actual. Refusing to install (this is not a missing release, so there is no fallback)"
fi
log "checksum verified: $archive_name sha256 $actual"

unpack="$work/unpack"
mkdir -p "$unpack"
tar -xzf "$archive" -C "$unpack" || die "could not unpack $archive_name"
found="$(find "$unpack" -type f -name palisade | head -n 1)"
[[ -n "$found" ]] || die "$archive_name has no 'palisade' binary"
mkdir -p "$install_dir"
cp "$found" "$install_dir/palisade"
chmod 0755 "$install_dir/palisade"
finish "$install_dir/palisade" "$tag" release
