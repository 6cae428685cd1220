"""What a day's `remind` costs at scale (issue 13): builds a register (benchmarks/register.py),
gives every unit a mailbox and ten accounts a contact, then times the dry run, the real run's
planning and queueing (no server configured, so nothing is sent) and a second run the same day.

    .venv/bin/python -m benchmarks.mail_bench [--items 100000] [--as-of YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks.register import build_database
from tracker import accounts, clock
from tracker.mail import directory, remind
from tracker.permissions import SYSTEM
from tracker.service import Tracker


def _timed(work):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--as-of", default=None)
    args = parser.parse_args(argv)
    as_of = date.fromisoformat(args.as_of) if args.as_of else clock.today()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.duckdb"
        built = build_database(path, args.items)
        print(f"built {built.items:,} items, {built.events:,} events in {built.seconds:.1f} s")
        tracker = Tracker.open(path)
        try:
            codes = [u.code for u in tracker.reference.units]
            for n, code in enumerate(codes):
                directory.set_unit_mailboxes(tracker.db, SYSTEM, code, [f"donvi{n}@moha.gov.vn"], codes)
            for n in range(10):
                name = f"nguoinhan{n}"
                role = "viewer" if n < 3 else "liaison" if n < 5 else "unit_officer"
                unit = codes[n % len(codes)] if role == "unit_officer" else None
                accounts.add_user(tracker, SYSTEM, name, "mat-khau-rat-dai-1", role, unit=unit)
                directory.save_contact(tracker.db, SYSTEM, name, f"{name}@moha.gov.vn", "vi")
            ref = tracker.reference
            dry_s, dry = _timed(lambda: remind.run(tracker.db, ref, SYSTEM, as_of, dry_run=True))
            run_s, real = _timed(lambda: remind.run(tracker.db, ref, SYSTEM, as_of))
            again_s, again = _timed(lambda: remind.run(tracker.db, ref, SYSTEM, as_of))
            items = sum(len(m.items) for m in real.messages)
        finally:
            tracker.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"as of {as_of.isoformat()}: {len(dry.messages)} messages planned ({items:,} item mentions)")
    print(f"remind --dry-run: {dry_s:.2f} s; remind (plan + queue + keys): {run_s:.2f} s; ")
    print(f"second run the same day: {again_s:.2f} s, {len(again.messages)} new messages; peak RSS {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
