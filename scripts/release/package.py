#!/usr/bin/env python3
"""Packages a built palisade binary as a release archive.

    package.py --tag v0.2.0 --target x86_64-unknown-linux-musl \
        --binary target/x86_64-unknown-linux-musl/release/palisade --out dist

writes dist/palisade-v0.2.0-x86_64-unknown-linux-musl.tar.gz (a .zip for Windows targets)
holding one directory of the same name with the binary, README.md, LICENSE, CHANGELOG.md, shell
completions (completions/) and man pages (man/palisade.1, man/palisade-scan.1, ...). Both come
from the binary itself (`palisade completions SHELL`, `palisade man --dir`), so it must run on
the machine that packages it (every release job builds for its own platform, or one its runner
emulates). Prints the archive's path.

The archive name is what scripts/action/install.sh downloads (`palisade-TAG-TARGET.tar.gz`,
checked by tests/action/run.sh); the release workflow writes SHA256SUMS beside the archives.
Standard library only: it runs on every release runner, Windows included.
"""

import argparse
import gzip
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ["README.md", "LICENSE", "CHANGELOG.md"]
COMPLETIONS = {
    "bash": "palisade.bash",
    "zsh": "_palisade",
    "fish": "palisade.fish",
    "powershell": "_palisade.ps1",
    "elvish": "palisade.elv",
}
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+-]*$")


def archive_name(tag: str, target: str) -> str:
    ext = "zip" if "windows" in target else "tar.gz"
    return f"palisade-{tag}-{target}.{ext}"


def run(binary: Path, *args: str, allow_empty: bool = False) -> bytes:
    out = subprocess.run([str(binary), *args], check=False, capture_output=True)
    if out.returncode != 0:
        sys.exit(f"package.py: `{binary} {' '.join(args)}` failed ({out.returncode}): "
                 f"{out.stderr.decode(errors='replace').strip()}")
    if not out.stdout and not allow_empty:
        sys.exit(f"package.py: `{binary} {' '.join(args)}` printed nothing")
    return out.stdout


def stage(tag: str, target: str, binary: Path, into: Path) -> Path:
    top = into / f"palisade-{tag}-{target}"
    (top / "completions").mkdir(parents=True)
    exe = "palisade.exe" if "windows" in target else "palisade"
    shutil.copyfile(binary, top / exe)
    os.chmod(top / exe, 0o755)
    for doc in DOCS:
        shutil.copyfile(ROOT / doc, top / doc)
    for shell, file in COMPLETIONS.items():
        (top / "completions" / file).write_bytes(run(binary, "completions", shell))
    run(binary, "man", "--dir", str(top / "man"), allow_empty=True)
    if not (top / "man" / "palisade.1").is_file():
        sys.exit(f"package.py: `{binary} man --dir` wrote no palisade.1")
    return top


def write_tar_gz(top: Path, out: Path) -> None:
    # Reproducible: sorted entries, fixed owner and mtime, no gzip timestamp.
    def clean(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        info.mtime = 0
        info.mode = 0o755 if info.isdir() or info.name.endswith("/palisade") else 0o644
        return info

    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path in sorted([top, *top.rglob("*")]):
            tar.add(path, arcname=path.relative_to(top.parent).as_posix(), recursive=False,
                    filter=clean)
    with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0,
                                               filename="") as gz:
        gz.write(buf.getvalue())


def write_zip(top: Path, out: Path) -> None:
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(top.rglob("*")):
            if path.is_file():
                info = zipfile.ZipInfo(path.relative_to(top.parent).as_posix(),
                                       date_time=(1980, 1, 1, 0, 0, 0))
                info.external_attr = (0o755 if path.suffix == ".exe" else 0o644) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, path.read_bytes())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tag", required=True, help="release tag, e.g. v0.2.0")
    ap.add_argument("--target", required=True, help="Rust target triple of the binary")
    ap.add_argument("--binary", required=True, type=Path, help="the built palisade binary")
    ap.add_argument("--out", required=True, type=Path, help="directory for the archive")
    args = ap.parse_args()
    for what, value in (("tag", args.tag), ("target", args.target)):
        if not NAME.match(value):
            sys.exit(f"package.py: --{what} {value!r} is not a plain name")
    if not args.binary.is_file():
        sys.exit(f"package.py: no binary at {args.binary}")
    args.out.mkdir(parents=True, exist_ok=True)
    out = args.out / archive_name(args.tag, args.target)
    with tempfile.TemporaryDirectory() as tmp:
        top = stage(args.tag, args.target, args.binary, Path(tmp))
        (write_zip if out.suffix == ".zip" else write_tar_gz)(top, out)
    print(out)


if __name__ == "__main__":
    main()
