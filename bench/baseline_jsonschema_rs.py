#!/usr/bin/env python3
"""Baseline: jsonschema-rs (Rust, Draft 2020-12) with
schemas/gett.status.schema.json, whose if/then carries the conditional rule
(a paused store needs a reason). JSON Schema cannot say "resumeAt after
pausedAt", so this baseline checks slightly less than avail.

Usage: baseline_jsonschema_rs.py SCHEMA FILE [--verdicts OUT]
"""
import argparse
import json
import sys

import jsonschema_rs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("schema")
    ap.add_argument("file")
    ap.add_argument("--verdicts")
    a = ap.parse_args()
    is_valid = jsonschema_rs.Draft202012Validator(json.load(open(a.schema)), validate_formats=True).is_valid
    loads = json.loads
    invalid = []
    with open(a.file, "rb") as f:
        for number, line in enumerate((l for l in f if l.strip()), start=1):
            try:
                ok = is_valid(loads(line))
            except ValueError:
                ok = False
            if not ok:
                invalid.append(number)
    if a.verdicts:
        with open(a.verdicts, "w") as v:
            v.write("\n".join(map(str, invalid)) + "\n")
    print(f"jsonschema-rs: {len(invalid)} invalid records", file=sys.stderr)


if __name__ == "__main__":
    main()
