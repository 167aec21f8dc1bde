#!/usr/bin/env python3
"""Baseline: Python jsonschema (Draft 2020-12, format checking on) with
schemas/gett.status.schema.json, whose if/then carries the conditional rule
(a paused store needs a reason). JSON Schema cannot say "resumeAt after
pausedAt", so this baseline checks slightly less than avail.

Usage: baseline_jsonschema.py SCHEMA FILE [--limit N]
"""
import argparse
import itertools
import json
import sys

from jsonschema import Draft202012Validator


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("schema")
    ap.add_argument("file")
    ap.add_argument("--limit", type=int, default=0)
    a = ap.parse_args()
    validator = Draft202012Validator(json.load(open(a.schema)), format_checker=Draft202012Validator.FORMAT_CHECKER)
    invalid = 0
    count = 0
    with open(a.file, "rb") as f:
        lines = (l for l in f if l.strip())
        if a.limit:
            lines = itertools.islice(lines, a.limit)
        for line in lines:
            count += 1
            try:
                ok = validator.is_valid(json.loads(line))
            except ValueError:
                ok = False
            invalid += 0 if ok else 1
    print(f"jsonschema: {count} records, {invalid} invalid", file=sys.stderr)


if __name__ == "__main__":
    main()
