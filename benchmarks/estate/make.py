#!/usr/bin/env python3
"""Writes a many-account estate: the demo's two accounts replicated COPIES times.

Usage: make.py COPIES OUT.json

Each copy gets fresh account ids (5000000000xx...), fresh resource ids (every `prefix-<hex>`
id gets the copy number appended) and fresh S3 bucket names, so no two copies share an ARN,
an interface or a VPC. What the demo points at outside itself (its four external account ids:
trust policies, peering) stays as it is in every copy, as a real organization's trusted
vendors would. The demo has IAM principals with policies, VPCs with reachability and segments,
and about 345 resources per copy, so 290 copies make about 100,000 resources in 580 accounts.
"""

import json
import re
import sys

DEMO = "src/demo/snapshot.json"
OWN = ["111122223333", "444455556666"]
HEX_ID = re.compile(r"\b([a-z]+(?:-[a-z]+)?)-([0-9a-f]{8,17})\b")


def main():
    copies, out = int(sys.argv[1]), sys.argv[2]
    base = open(DEMO, encoding="utf-8").read()
    doc = json.loads(base)
    buckets = sorted({b["name"] for b in doc["storage"]["s3_buckets"]}, key=len, reverse=True)
    bucket = re.compile(r"(?<![\w.-])(" + "|".join(map(re.escape, buckets)) + r")(?![\w.-])")
    whole = None
    for k in range(copies):
        text = base
        for j, account in enumerate(OWN):
            text = text.replace(account, f"{500000000000 + 2 * k + j:012d}")
        text = HEX_ID.sub(lambda m: f"{m.group(1)}-{m.group(2)}{k:05x}", text)
        text = bucket.sub(lambda m: f"{m.group(1)}-c{k}", text)
        part = json.loads(text)
        if whole is None:
            whole = part
            continue
        for key, value in part.items():
            if isinstance(value, list):
                whole[key].extend(value)
            elif isinstance(value, dict):
                for name, items in value.items():
                    if isinstance(items, list):
                        whole[key].setdefault(name, []).extend(items)
    with open(out, "w", encoding="utf-8") as f:
        json.dump(whole, f)


if __name__ == "__main__":
    main()
