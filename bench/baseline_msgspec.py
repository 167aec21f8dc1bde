#!/usr/bin/env python3
"""Baseline: msgspec 0.2x, the fastest validating decoder a Python user could
pick. One `msgspec.Struct` per format with the same error rules as
`avail validate --format gett.status` (types, enums, RFC 3339 times with an
offset, a pause needs a reason, a pause ends after it starts, no unknown
fields), and for convert a second Struct for the Tokopedia request, encoded
by msgspec the way `avail convert --to tokopedia --compact` writes it.

The offset requirement is msgspec's own (`Meta(tz=True)`), and the card's
rules run in `__post_init__` on the decoded values: what a msgspec user would
write, with no extra Python work per record. `--jobs N` splits the file into
N parts of whole lines and runs one process each, for a comparison at equal
cores with `avail --jobs N`.

Usage: baseline_msgspec.py validate|convert FILE [--verdicts OUT] [--now UNIX] [--shop-id N] [--jobs N]
"""
import argparse
import os
import sys
from datetime import datetime
from multiprocessing import Pool
from typing import Annotated, Literal, Optional

import msgspec

Reason = Literal["operational_issues", "staff_shortage", "too_busy", "maintenance", "other"]


Aware = Annotated[datetime, msgspec.Meta(tz=True)]


class GettStatus(msgspec.Struct, forbid_unknown_fields=True):
    status: Literal["online", "paused"]
    reason: Optional[Reason] = None
    pausedAt: Optional[Aware] = None
    resumeAt: Optional[Aware] = None

    def __post_init__(self):
        if self.status == "paused" and self.reason is None:
            raise ValueError("a paused store needs a reason")
        if self.status == "paused" and self.pausedAt and self.resumeAt and not self.resumeAt > self.pausedAt:
            raise ValueError("end is not after start")


class TokopediaRequest(msgspec.Struct, omit_defaults=True):
    shop_id: int
    action: Literal["open", "close"]
    start_date: Optional[int] = None
    end_date: Optional[int] = None
    close_now: Optional[bool] = None


def run(mode, path, start, end, first_number, now, shop_id):
    """Checks (and converts) the whole lines that start in [start, end); returns the invalid record numbers and the output."""
    decode = msgspec.json.Decoder(GettStatus).decode
    encode = msgspec.json.Encoder().encode
    invalid = []
    out = bytearray()
    number = first_number
    with open(path, "rb") as f:
        f.seek(start)
        if start > 0:
            f.readline()  # the line that started before this part belongs to the part before
        while f.tell() <= end:
            line = f.readline()
            if not line:
                break
            if not line.strip():
                continue
            number += 1
            try:
                record = decode(line)
            except (msgspec.ValidationError, msgspec.DecodeError, ValueError):
                invalid.append(number)
                continue
            if mode == "convert":
                if record.status == "online":
                    body = TokopediaRequest(shop_id=shop_id, action="open")
                elif record.resumeAt is None:
                    invalid.append(number)
                    continue
                else:
                    body = TokopediaRequest(shop_id=shop_id, action="close", start_date=now,
                                            end_date=int(record.resumeAt.timestamp()), close_now=True)
                out += encode(body)
                out += b"\n"
    return invalid, bytes(out)


def part(args):
    return run(*args)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["validate", "convert"])
    ap.add_argument("file")
    ap.add_argument("--verdicts")
    ap.add_argument("--now", type=int, default=1_796_083_200)
    ap.add_argument("--shop-id", type=int, default=1707045)
    ap.add_argument("--jobs", type=int, default=1)
    a = ap.parse_args()
    if a.jobs == 1:
        invalid, out = run(a.mode, a.file, 0, os.path.getsize(a.file), 0, a.now, a.shop_id)
        results = [(invalid, out)]
    else:
        # Record numbers of later parts are fixed up below: each part counts from 0.
        size = os.path.getsize(a.file)
        bounds = [size * i // a.jobs for i in range(a.jobs + 1)]
        with Pool(a.jobs) as pool:
            results = pool.map(part, [(a.mode, a.file, bounds[i], bounds[i + 1] - 1 if i + 1 < a.jobs else size, 0, a.now, a.shop_id)
                                      for i in range(a.jobs)])
    if a.verdicts and a.jobs > 1:
        sys.exit("--verdicts numbers records across the whole file: use it with --jobs 1")
    count = 0
    for numbers, out in results:
        sys.stdout.buffer.write(out)
        count += len(numbers)
    if a.verdicts:
        with open(a.verdicts, "w") as v:
            v.write("\n".join(map(str, results[0][0])) + "\n")
    print(f"msgspec {a.mode}: {count} invalid records", file=sys.stderr)


if __name__ == "__main__":
    main()
