#!/usr/bin/env python3
"""Baseline: msgspec 0.2x, the fastest validating decoder a Python user could
pick. One `msgspec.Struct` per format with the same error rules as
`avail validate --format gett.status` (types, enums, RFC 3339 times with an
offset, a pause needs a reason, a pause ends after it starts, no unknown
fields), and for convert a second Struct for the Tokopedia request, encoded
by msgspec the way `avail convert --to tokopedia --compact` writes it.

Usage: baseline_msgspec.py validate|convert FILE [--verdicts OUT] [--now UNIX] [--shop-id N]
"""
import argparse
import sys
from datetime import datetime
from typing import Literal, Optional

import msgspec

Reason = Literal["operational_issues", "staff_shortage", "too_busy", "maintenance", "other"]


class GettStatus(msgspec.Struct, forbid_unknown_fields=True):
    status: Literal["online", "paused"]
    reason: Optional[Reason] = None
    pausedAt: Optional[datetime] = None
    resumeAt: Optional[datetime] = None

    def __post_init__(self):
        for t in (self.pausedAt, self.resumeAt):
            if t is not None and t.tzinfo is None:
                raise ValueError("a time needs a UTC offset")
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["validate", "convert"])
    ap.add_argument("file")
    ap.add_argument("--verdicts")
    ap.add_argument("--now", type=int, default=1_796_083_200)
    ap.add_argument("--shop-id", type=int, default=1707045)
    a = ap.parse_args()
    decode = msgspec.json.Decoder(GettStatus).decode
    encode = msgspec.json.Encoder().encode
    invalid = []
    out = sys.stdout.buffer
    with open(a.file, "rb") as f:
        for number, line in enumerate((l for l in f if l.strip()), start=1):
            try:
                record = decode(line)
            except (msgspec.ValidationError, msgspec.DecodeError, ValueError):
                invalid.append(number)
                continue
            if a.mode == "convert":
                if record.status == "online":
                    body = TokopediaRequest(shop_id=a.shop_id, action="open")
                elif record.resumeAt is None:
                    invalid.append(number)
                    continue
                else:
                    body = TokopediaRequest(shop_id=a.shop_id, action="close", start_date=a.now,
                                            end_date=int(record.resumeAt.timestamp()), close_now=True)
                out.write(encode(body) + b"\n")
    if a.verdicts:
        with open(a.verdicts, "w") as v:
            v.write("\n".join(map(str, invalid)) + "\n")
    print(f"msgspec {a.mode}: {len(invalid)} invalid records", file=sys.stderr)


if __name__ == "__main__":
    main()
