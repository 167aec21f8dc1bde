#!/usr/bin/env python3
"""Baseline: pydantic v2 models with the same error rules as `avail validate
--format gett.status` (types, enums, RFC 3339 times with an offset, a pause
needs a reason, a pause ends after it starts), and the same conversion to a
Tokopedia request as `avail convert --to tokopedia`.

Usage: baseline_pydantic.py validate|convert FILE [--verdicts OUT] [--now UNIX] [--shop-id N]
"""
import argparse
import json
import sys
from typing import Literal, Optional

from pydantic import AwareDatetime, BaseModel, ConfigDict, ValidationError, model_validator

Reason = Literal["operational_issues", "staff_shortage", "too_busy", "maintenance", "other"]


class GettStatus(BaseModel):
    model_config = ConfigDict(extra="allow", strict=False)
    status: Literal["online", "paused"]
    reason: Optional[Reason] = None
    pausedAt: Optional[AwareDatetime] = None
    resumeAt: Optional[AwareDatetime] = None

    @model_validator(mode="after")
    def rules(self):
        if self.status == "paused" and self.reason is None:
            raise ValueError("a paused store needs a reason")
        if self.status == "paused" and self.pausedAt and self.resumeAt and not self.resumeAt > self.pausedAt:
            raise ValueError("end is not after start")
        return self


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["validate", "convert"])
    ap.add_argument("file")
    ap.add_argument("--verdicts")
    ap.add_argument("--now", type=int, default=1_796_083_200)
    ap.add_argument("--shop-id", type=int, default=1707045)
    a = ap.parse_args()
    invalid = []
    out = sys.stdout
    dumps = json.dumps
    with open(a.file, "rb") as f:
        for number, line in enumerate((l for l in f if l.strip()), start=1):
            try:
                record = GettStatus.model_validate(json.loads(line))
            except (ValueError, ValidationError):
                invalid.append(number)
                continue
            if a.mode == "convert":
                if record.status == "online":
                    body = {"shop_id": a.shop_id, "action": "open"}
                elif record.resumeAt is None:
                    invalid.append(number)
                    continue
                else:
                    body = {"shop_id": a.shop_id, "action": "close", "start_date": a.now,
                            "end_date": int(record.resumeAt.timestamp()), "close_now": True}
                out.write(dumps(body, separators=(",", ":")) + "\n")
    if a.verdicts:
        with open(a.verdicts, "w") as v:
            v.write("\n".join(map(str, invalid)) + "\n")
    print(f"pydantic {a.mode}: {len(invalid)} invalid records", file=sys.stderr)


if __name__ == "__main__":
    main()
