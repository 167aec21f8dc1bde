#!/usr/bin/env python3
"""Deterministic (seeded) benchmark data: gett.status and Tokopedia NDJSON with
about 10% invalid records of several kinds, and a store config with N stores.

Usage: gen.py OUTDIR [--records N] [--stores N] [--seed S]
Every invalid record is invalid for AvailKit and for the pydantic baseline alike
(an error both check), so their verdicts can be compared record by record.
"""
import argparse
import json
import pathlib
import random

REASONS = ["operational_issues", "staff_shortage", "too_busy", "maintenance", "other"]
ZONES = [("-07:00", "America/Denver"), ("+07:00", "Asia/Jakarta"), ("Z", "UTC"), ("+01:00", "Europe/Paris")]


def ts(rng, day_offset=0):
    # Instants in 2027, so time-relative rules pass with --now 2026-12-01.
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    hour = rng.randint(0, 21)
    offset = rng.choice(ZONES)[0]
    return f"2027-{month:02d}-{day:02d}T{hour:02d}:{rng.randint(0, 59):02d}:00{offset}", (month, day, hour)


def gett_record(rng):
    kind = rng.random()
    if kind < 0.35:
        return {"status": "online"}
    if kind < 0.40:
        return {"status": "online", "reason": rng.choice(REASONS)}  # a warning, not an error
    start, (m, d, h) = ts(rng)
    end = start.replace(f"T{h:02d}:", f"T{h + 2:02d}:", 1)
    return {"status": "paused", "reason": rng.choice(REASONS), "pausedAt": start, "resumeAt": end}


def gett_invalid(rng, good):
    kind = rng.randrange(7)
    if kind == 0:
        return json.dumps(good, separators=(",", ":"))[:-7]  # truncated JSON
    bad = dict(good)
    if kind == 1:
        bad["status"] = True  # wrong type
    elif kind == 2:
        bad["status"] = "Paused"  # enum near miss
    elif kind == 3:
        bad.pop("status")  # missing required field
    elif kind == 4:
        bad = {"status": "paused", "reason": "other", "resumeAt": "2027-13-02T10:00:00Z"}  # no month 13
    elif kind == 5:
        bad = {"status": "paused", "resumeAt": "2027-02-02T10:00:00Z"}  # paused without a reason
    else:
        bad = {"status": "paused", "reason": "too_busy", "pausedAt": "2027-03-03T12:00:00Z", "resumeAt": "2027-03-03T11:00:00Z"}
    return json.dumps(bad, separators=(",", ":"))


def tokopedia_record(rng, i):
    if rng.random() < 0.3:
        return {"shop_id": 1000000 + i, "action": "open"}
    start = 1_798_761_600 + rng.randrange(0, 300) * 86_400  # 2027 onwards
    return {"shop_id": 1000000 + i, "action": "close", "start_date": start, "end_date": start + 86_400 * rng.randint(1, 5),
            "close_note": "Toko Ditutup Sementara", "close_now": False}


def tokopedia_invalid(rng, good):
    kind = rng.randrange(5)
    if kind == 0:
        return json.dumps(good, separators=(",", ":"))[:-5]
    bad = dict(good)
    if kind == 1:
        bad = {"shop_id": good["shop_id"], "action": "close", "start_date": 1_798_761_600_000, "end_date": 1_798_848_000}  # milliseconds
    elif kind == 2:
        bad = {"shop_id": good["shop_id"], "action": "close", "close_now": True}  # close without dates
    elif kind == 3:
        bad["shop_id"] = str(good["shop_id"])  # string, not integer
    else:
        bad["action"] = "closed"  # enum near miss
    return json.dumps(bad, separators=(",", ":"))


def write_ndjson(path, n, rng, make, make_invalid, invalid_ratio=0.10):
    invalid = 0
    with open(path, "w") as f:
        for i in range(n):
            good = make(rng, i) if make is tokopedia_record else make(rng)
            if rng.random() < invalid_ratio:
                f.write(make_invalid(rng, good) + "\n")
                invalid += 1
            else:
                f.write(json.dumps(good, separators=(",", ":")) + "\n")
    return invalid


def write_config(path, n, rng):
    lines = ["version: 1", "stores:"]
    for i in range(n):
        zone_offset, zone = rng.choice(ZONES[:2] + ZONES[3:])
        lines += [f"  - id: store-{i}", f"    name: Store {i}", f"    timezone: {zone}", "    providers:"]
        lines.append(f"      gett: {{ store_id: {rng.getrandbits(32):08x}-0000-4000-8000-{i:012x} }}")
        lines.append(f"      tokopedia: {{ fs_id: 13004, shop_id: {2000000 + i} }}")
        if rng.random() < 0.5:
            lines += ["    availability:", "      state: open"]
        else:
            lines += ["    availability:", f"      state: paused", f"      reason: {rng.choice(REASONS)}",
                      f"      until: 2027-01-{rng.randint(10, 28):02d}T14:00:00{zone_offset}"]
        lines.append("    closures:")
        lines.append(f"      - {{ from: 2027-12-24T00:00:00{zone_offset}, until: 2027-12-26T00:00:00{zone_offset}, note: Holiday }}")
    path.write_text("\n".join(lines) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--records", type=int, default=1_000_000)
    ap.add_argument("--stores", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=20261123)
    a = ap.parse_args()
    out = pathlib.Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(a.seed)
    g = write_ndjson(out / "gett.ndjson", a.records, rng, gett_record, gett_invalid)
    t = write_ndjson(out / "tokopedia.ndjson", a.records, rng, tokopedia_record, tokopedia_invalid)
    write_config(out / "stores.yaml", a.stores, rng)
    print(f"generated {a.records} gett.status records ({g} invalid), {a.records} tokopedia records ({t} invalid), {a.stores} stores")


if __name__ == "__main__":
    main()
