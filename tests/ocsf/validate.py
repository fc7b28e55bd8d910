#!/usr/bin/env python3
"""Validate Palisade's OCSF JSON Lines output against the official OCSF JSON schema.

usage: validate.py [--ocsf-version 1.6.0] [--schema-only] FILE.jsonl

Every line must be one JSON object of class 2004 (Detection Finding) or 2003 (Compliance
Finding). It is checked against the JSON Schema (draft 2020-12) that the pinned PyPI package
`ocsf-json-schema` generates, offline, from its bundled OCSF export for that version, with the
profiles the event declares in `metadata.profiles` applied (a profile's attributes are allowed
only when it is declared, and the ones it requires become required). `additionalProperties` is
exactly as the schema defines it: false on every object that has defined attributes.

Unless --schema-only is given, these checks follow as well (each error is tagged):
  [ocsf]     rules of the OCSF spec that its JSON schema cannot express: metadata.version is
             the version validated against; type_uid is
             class_uid * 100 + activity_id; a string sibling (severity, status, activity_name,
             compliance.status, ...) equals the caption of its *_id, unless the id is 99 (Other);
             every declared profile is one the class supports; timestamps are epoch ms.
  [palisade] Palisade's own contract: events carry the cloud profile with cloud.provider "AWS",
             cloud.account.uid and cloud.region; finding_info.uid is a 32-hex fingerprint.

One line per error: FILE:LINE: JSON-PATH: message [tag]. Then a summary line
"N events valid (X detection, Y compliance)". Exit 0 if all lines are valid, 1 on any
error, 2 on a usage error (bad arguments, unknown version, unreadable or empty file).
"""

import argparse
import json
import re
import sys

from jsonschema import Draft202012Validator
from ocsf_json_schema import OcsfJsonSchemaEmbedded, get_ocsf_schema, get_packaged_versions

CLASSES = {2004: "detection", 2003: "compliance"}
FINGERPRINT = re.compile(r"^[0-9a-f]{32}$")
# Epoch milliseconds between 2001-09-09 and 2286-11-20: catches seconds and microseconds.
MS_MIN, MS_MAX = 10**12, 10**13
MAX_MSG = 300


class UsageError(Exception):
    pass


class DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs):
    obj = {}
    for k, v in pairs:
        if k in obj:
            raise DuplicateKey(f"duplicate key {k!r}")
        obj[k] = v
    return obj


def _no_constants(name):
    raise ValueError(f"{name} is not valid JSON")


def parse_line(text):
    return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)


def jpath(parts):
    out = "$"
    for p in parts:
        if isinstance(p, int):
            out += f"[{p}]"
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", p):
            out += f".{p}"
        else:
            out += f"[{json.dumps(p)}]"
    return out


def short(value):
    text = json.dumps(value) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


class Ocsf:
    """One OCSF version: schemas per (class, profiles), and the raw export for the extra checks."""

    def __init__(self, version):
        if version not in get_packaged_versions():
            raise UsageError(
                f"OCSF version {version} is not packaged by ocsf-json-schema "
                f"(have: {', '.join(sorted(get_packaged_versions()))})"
            )
        self.version = version
        self.export = get_ocsf_schema(version=version)
        if "dictionary" in self.export:
            raise UsageError(f"OCSF {version} uses the v2 export format, which this script does not read")
        self.gen = OcsfJsonSchemaEmbedded(self.export)
        self.validators = {}
        self.class_by_uid = {c["uid"]: c for c in self.export["classes"].values()}

    def validator(self, class_uid, profiles):
        key = (class_uid, profiles)
        if key not in self.validators:
            name = self.gen.lookup_class_name_from_uid(class_uid)
            schema = self.gen.get_class_schema(class_name=name, profiles=list(profiles))
            Draft202012Validator.check_schema(schema)
            self.validators[key] = Draft202012Validator(schema)
        return self.validators[key]

    def profile_of(self, class_uid, attr):
        a = self.class_by_uid[class_uid]["attributes"].get(attr)
        return a.get("profile") if a else None


def describe(err, ocsf, class_uid, profiles):
    """(path, message) for one jsonschema error, worded for a person."""
    path = list(err.absolute_path)
    v = err.validator
    if v == "required":
        missing = [p for p in err.validator_value if isinstance(err.instance, dict) and p not in err.instance]
        msgs = []
        for m in missing or err.validator_value:
            msgs.append((jpath(path + [m]), "required property is missing"))
        return msgs
    if v in ("anyOf", "oneOf") and all(set(s) == {"required"} for s in err.validator_value):
        fields = [s["required"][0] for s in err.validator_value]
        how = "at least one" if v == "anyOf" else "exactly one"
        return [(jpath(path), f"{how} of {', '.join(fields)} is required")]
    if v == "additionalProperties" and isinstance(err.instance, dict):
        allowed = set(err.schema.get("properties", {}))
        out = []
        for extra in sorted(k for k in err.instance if k not in allowed):
            msg = "property is not allowed here"
            prof = ocsf.profile_of(class_uid, extra) if not path else None
            if prof and prof not in profiles:
                msg += f" (it belongs to the '{prof}' profile: declare it in metadata.profiles)"
            out.append((jpath(path + [extra]), msg))
        return out
    if v == "type":
        want = err.validator_value
        want = " or ".join(want) if isinstance(want, list) else want
        return [(jpath(path), f"{short(err.instance)} is not of type {want}")]
    if v == "enum":
        return [(jpath(path), f"{short(err.instance)} is not one of {sorted(err.validator_value, key=str)}")]
    msg = err.message
    if len(msg) > MAX_MSG:
        msg = msg[: MAX_MSG - 3] + "..."
    return [(jpath(path), msg)]


def semantic_checks(event, ocsf, class_uid, profiles):
    """[ocsf] checks the JSON schema cannot express. Assumes nothing about validity."""
    errs = []
    cls = ocsf.class_by_uid[class_uid]

    for p in profiles:
        if p not in cls.get("profiles", []):
            errs.append((jpath(["metadata", "profiles"]), f"profile {p!r} is not defined for class {class_uid}"))

    md = event.get("metadata")
    if isinstance(md, dict) and isinstance(md.get("version"), str) and md["version"] != ocsf.version:
        errs.append((jpath(["metadata", "version"]), f"{md['version']!r} but validated against OCSF {ocsf.version}"))

    act, tuid = event.get("activity_id"), event.get("type_uid")
    if _is_int(act) and _is_int(tuid) and tuid != class_uid * 100 + act:
        errs.append((jpath(["type_uid"]), f"{tuid} != class_uid * 100 + activity_id = {class_uid * 100 + act}"))

    def walk(inst, attrs, path):
        if not isinstance(inst, dict):
            return
        for name, spec in attrs.items():
            if name not in inst:
                continue
            val = inst[name]
            sib = spec.get("sibling")
            if sib and spec.get("enum") and _is_int(val) and str(val) in spec["enum"]:
                caption = spec["enum"][str(val)]["caption"]
                if val == 99:
                    if sib not in inst:
                        errs.append((jpath(path + [sib]), f"{name} is 99 (Other): the source's own value must be given here"))
                elif sib in inst and inst[sib] != caption:
                    errs.append((jpath(path + [sib]), f"{short(inst[sib])} must be {caption!r}, the caption of {name} {val}"))
            if spec.get("type") == "timestamp_t":
                for i, t in _items(val, spec, path + [name]):
                    if _is_int(t) and not MS_MIN <= t < MS_MAX:
                        errs.append((jpath(i), f"{t} is not a timestamp in epoch milliseconds"))
            if spec.get("type") == "object_t":
                obj = ocsf.export["objects"].get(spec.get("object_type"), {})
                for i, sub in _items(val, spec, path + [name]):
                    walk(sub, obj.get("attributes", {}), i)

    walk(event, cls["attributes"], [])
    return [(p, m + " [ocsf]") for p, m in errs]


def palisade_checks(event):
    """[palisade] Palisade's output contract on top of OCSF."""
    errs = []
    md = event.get("metadata")
    profiles = md.get("profiles") if isinstance(md, dict) else None
    if not (isinstance(profiles, list) and "cloud" in profiles):
        errs.append(("$.metadata.profiles", "must include 'cloud'"))
    cloud = event.get("cloud")
    if not isinstance(cloud, dict):
        errs.append(("$.cloud", "required property is missing"))
    else:
        if cloud.get("provider") != "AWS":
            errs.append(("$.cloud.provider", "must be 'AWS'"))
        for key in ("region",):
            if not (isinstance(cloud.get(key), str) and cloud[key]):
                errs.append((f"$.cloud.{key}", "required property is missing or empty"))
        acct = cloud.get("account")
        if not (isinstance(acct, dict) and isinstance(acct.get("uid"), str) and acct["uid"]):
            errs.append(("$.cloud.account.uid", "required property is missing or empty"))
    fi = event.get("finding_info")
    if isinstance(fi, dict) and isinstance(fi.get("uid"), str) and not FINGERPRINT.match(fi["uid"]):
        errs.append(("$.finding_info.uid", "must be a 32-hex-digit lowercase fingerprint"))
    return [(p, m + " [palisade]") for p, m in errs]


def _is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def _items(val, spec, path):
    if spec.get("is_array"):
        if isinstance(val, list):
            return [(path + [i], x) for i, x in enumerate(val)]
        return []
    return [(path, val)]


def check_event(event, ocsf, schema_only):
    """Errors for one parsed line; returns (class_uid or None, [(path, message)])."""
    if not isinstance(event, dict):
        return None, [("$", f"line is a JSON {type(event).__name__}, not an object")]
    if "class_uid" not in event:
        return None, [("$.class_uid", "required property is missing")]
    class_uid = event["class_uid"]
    if not _is_int(class_uid) or class_uid not in CLASSES:
        return None, [("$.class_uid", f"{short(class_uid)} is not a Palisade class (2003 or 2004)")]

    md = event.get("metadata")
    declared = md.get("profiles") if isinstance(md, dict) else None
    profiles = ()
    if isinstance(declared, list):
        profiles = tuple(sorted({p for p in declared if isinstance(p, str)}))

    errs = []
    validator = ocsf.validator(class_uid, profiles)
    for err in sorted(validator.iter_errors(event), key=lambda e: [str(x) for x in e.absolute_path]):
        errs.extend(describe(err, ocsf, class_uid, profiles))
    if not schema_only:
        errs.extend(semantic_checks(event, ocsf, class_uid, profiles))
        errs.extend(palisade_checks(event))
    # One report per path and problem, in path order: a wrong type hides the enum miss that
    # follows from it, and a check that repeats a schema error is dropped.
    typed = {p for p, m in errs if " is not of type " in m}
    seen, out = set(), []
    for path, msg in sorted(errs):
        base = re.sub(r" \[(ocsf|palisade)\]$", "", msg)
        if (path, base) in seen or (path in typed and " is not one of " in msg):
            continue
        seen.add((path, base))
        out.append((path, msg))
    return class_uid, out


def main(argv=None):
    ap = argparse.ArgumentParser(description="Validate OCSF JSON Lines (classes 2003, 2004).")
    ap.add_argument("--ocsf-version", default="1.6.0", help="OCSF schema version (default 1.6.0)")
    ap.add_argument("--schema-only", action="store_true", help="only the JSON schema, no [ocsf]/[palisade] checks")
    ap.add_argument("file", metavar="FILE.jsonl")
    args = ap.parse_args(argv)  # exits 2 on a usage error

    try:
        ocsf = Ocsf(args.ocsf_version)
        try:
            with open(args.file, "r", encoding="utf-8") as f:
                lines = f.read().split("\n")
        except (OSError, UnicodeDecodeError) as e:
            raise UsageError(f"cannot read {args.file}: {e}")
        if lines and lines[-1] == "":
            lines.pop()  # the newline that ends the last line
        if not any(line.strip() for line in lines):
            raise UsageError(f"{args.file}: no events (empty file)")
    except UsageError as e:
        print(f"validate.py: error: {e}", file=sys.stderr)
        return 2

    counts = {"detection": 0, "compliance": 0}
    n_errors = 0
    for lineno, text in enumerate(lines, start=1):
        if not text.strip():
            errs, cls = [("$", "empty line")], None
        else:
            try:
                event = parse_line(text)
            except ValueError as e:  # includes JSONDecodeError and DuplicateKey
                errs, cls = [("$", f"not valid JSON: {e}")], None
            else:
                cls, errs = check_event(event, ocsf, args.schema_only)
        for path, msg in errs:
            print(f"{args.file}:{lineno}: {path}: {msg}")
        n_errors += len(errs)
        if not errs:
            counts[CLASSES[cls]] += 1

    valid = counts["detection"] + counts["compliance"]
    total = len(lines)
    summary = f"{valid} events valid ({counts['detection']} detection, {counts['compliance']} compliance)"
    if n_errors:
        summary += f"; {total - valid} of {total} lines invalid, {n_errors} errors"
    print(summary)
    return 1 if n_errors else 0


if __name__ == "__main__":
    sys.exit(main())
