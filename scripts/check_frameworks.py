#!/usr/bin/env python3
"""Check the compliance framework files in policies/frameworks/ against the built-in policies.

Usage
    python3 scripts/check_frameworks.py [REPO_ROOT]

Needs PyYAML. REPO_ROOT defaults to the parent of this script's directory.

What it checks
    For each policies/frameworks/<id>.yaml:
      - it parses, has exactly the keys Palisade's loader accepts (the loader
        uses serde's deny_unknown_fields), and its `id` equals the file name;
      - ids, titles and other text fields are strings (an unquoted `1.2` or
        `4.0` would be read as a number and rejected by the loader);
      - control ids are unique within the file;
      - every control has a non-empty `policies` list or a non-blank `manual`,
        and lists no policy twice;
      - every policy id it names is a built-in policy.
    Across all files:
      - every built-in policy is referenced by at least one control;
      - no built-in policy still declares a `frameworks:` map in its METADATA
        (the framework files are the single source of truth).

Built-in policies are the policies/<service>/*.rego files other than
*_test.rego and policies/lib/; a policy's id is `custom.id` in its METADATA.

Prints a summary (controls per framework, automated vs manual) and exits 1 if
anything is wrong.
"""

import re
import sys
from pathlib import Path

import yaml

FRAMEWORK_KEYS = {"id", "title", "version", "url", "description", "controls"}
FRAMEWORK_REQUIRED = {"id", "title", "version", "description", "controls"}
CONTROL_KEYS = {"id", "title", "section", "description", "policies", "manual"}
CONTROL_REQUIRED = {"id", "title", "description"}
FRAMEWORK_ID = re.compile(r"^[a-z0-9.-]+$")


def metadata_block(text):
    """The leading `# METADATA` comment block of a Rego file, as a list of lines."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.strip() == "# METADATA":
            block = []
            for l in lines[i + 1:]:
                if not l.startswith("#"):
                    break
                block.append(l)
            return block
    return None


def builtin_policies(root, problems):
    """Policy id -> path of every built-in policy; notes policies that still declare frameworks."""
    policies = {}
    for path in sorted((root / "policies").glob("*/*.rego")):
        if path.parent.name in ("lib", "frameworks") or path.name.endswith("_test.rego"):
            continue
        rel = path.relative_to(root)
        block = metadata_block(path.read_text(encoding="utf-8"))
        if block is None:
            problems.append(f"{rel}: no METADATA block")
            continue
        ids = [m.group(1) for l in block if (m := re.match(r"^#\s+id:\s*(\S+)\s*$", l))]
        if len(ids) != 1:
            problems.append(f"{rel}: expected one `id:` in METADATA, found {len(ids)}")
            continue
        pid = ids[0]
        if pid in policies:
            problems.append(f"{rel}: policy id `{pid}` already used by {policies[pid]}")
            continue
        policies[pid] = rel
        if any(re.match(r"^#\s+frameworks:", l) for l in block):
            problems.append(f"{rel}: METADATA still declares `frameworks:`; map the policy in policies/frameworks/*.yaml instead")
    return policies


def check_framework(path, known, problems):
    """Checks one framework file; returns (id, controls, automated, referenced policy ids)."""
    rel = path.name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        problems.append(f"{rel}: does not parse: {e}")
        return None
    if not isinstance(data, dict):
        problems.append(f"{rel}: top level is not a mapping")
        return None
    for k in sorted(set(data) - FRAMEWORK_KEYS):
        problems.append(f"{rel}: unknown key `{k}`")
    for k in sorted(FRAMEWORK_REQUIRED - set(data)):
        problems.append(f"{rel}: missing key `{k}`")
    for k in ("id", "title", "version", "url", "description"):
        if k in data and not isinstance(data[k], str):
            problems.append(f"{rel}: `{k}` must be a string (quote it), got {data[k]!r}")
    fw_id = data.get("id")
    if isinstance(fw_id, str):
        if not FRAMEWORK_ID.match(fw_id):
            problems.append(f"{rel}: id `{fw_id}` must be lowercase letters, digits, `-` and `.`")
        if fw_id != path.stem:
            problems.append(f"{rel}: id `{fw_id}` does not match the file name")
    controls = data.get("controls")
    if not isinstance(controls, list) or not controls:
        problems.append(f"{rel}: `controls` must be a non-empty list")
        return None

    seen = set()
    referenced = set()
    automated = 0
    for n, c in enumerate(controls, 1):
        where = f"{rel}: control #{n}"
        if not isinstance(c, dict):
            problems.append(f"{where}: not a mapping")
            continue
        cid = c.get("id")
        if isinstance(cid, str):
            where = f"{rel}: control {cid}"
        for k in sorted(set(c) - CONTROL_KEYS):
            problems.append(f"{where}: unknown key `{k}`")
        for k in sorted(CONTROL_REQUIRED - set(c)):
            problems.append(f"{where}: missing key `{k}`")
        for k in ("id", "title", "section", "description", "manual"):
            if k in c and not isinstance(c[k], str):
                problems.append(f"{where}: `{k}` must be a string (quote it), got {c[k]!r}")
        for k in ("id", "title", "description"):
            if isinstance(c.get(k), str) and not c[k].strip():
                problems.append(f"{where}: `{k}` is empty")
        if isinstance(cid, str):
            if cid in seen:
                problems.append(f"{where}: id listed twice")
            seen.add(cid)
        policies = c.get("policies", [])
        if policies is None or not isinstance(policies, list):
            problems.append(f"{where}: `policies` must be a list")
            policies = []
        manual = c.get("manual")
        has_manual = isinstance(manual, str) and bool(manual.strip())
        if not policies and not has_manual:
            problems.append(f"{where}: has neither `policies` nor `manual`")
        if policies and has_manual:
            print(f"note: {where}: has both `policies` and `manual` (counted as automated)")
        if policies:
            automated += 1
        dup = set()
        for p in policies:
            if not isinstance(p, str):
                problems.append(f"{where}: policy {p!r} is not a string")
                continue
            if p in dup:
                problems.append(f"{where}: lists policy `{p}` twice")
            dup.add(p)
            if p not in known:
                problems.append(f"{where}: there is no built-in policy `{p}`")
            referenced.add(p)
    return fw_id, len(controls), automated, referenced


def main():
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent
    problems = []
    known = builtin_policies(root, problems)
    files = sorted((root / "policies" / "frameworks").glob("*.yaml"))
    if not files:
        problems.append("no framework files in policies/frameworks/")

    referenced = set()
    rows = []
    for path in files:
        result = check_framework(path, known, problems)
        if result is None:
            continue
        fw_id, total, automated, refs = result
        referenced |= refs
        rows.append((fw_id, total, automated, len(refs & set(known))))

    for pid in sorted(set(known) - referenced):
        problems.append(f"built-in policy `{pid}` ({known[pid]}) is not referenced by any framework control")

    print(f"{len(known)} built-in policies, {len(referenced & set(known))} referenced by framework controls")
    print(f"{'framework':<14} {'controls':>8} {'automated':>9} {'manual':>6} {'policies':>8}")
    for fw_id, total, automated, npol in rows:
        print(f"{fw_id:<14} {total:>8} {automated:>9} {total - automated:>6} {npol:>8}")

    if problems:
        print(f"\n{len(problems)} problem(s):", file=sys.stderr)
        for p in problems:
            print(f"  {p}", file=sys.stderr)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
