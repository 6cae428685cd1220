"""Run by tests/system/test_crash.py in a child process that the test kills with SIGKILL mid-work.

Usage: python tests/crash_worker.py DB MARKER {bulk|edits|import}
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from tracker.items import Kind, Phase, Reply, Result
from tracker.permissions import SYSTEM
from tracker.service import ItemDraft, Tracker


def mark(marker: Path, text: str) -> None:
    """Write the marker atomically (temp file + rename): the parent reads it at any moment and may
    kill this process mid-write, and a half-written marker once read as empty and failed CI."""
    temp = marker.with_name(marker.name + ".tmp")
    temp.write_text(text)
    temp.replace(marker)


def bulk(tracker: Tracker, marker: Path, rows: int = 400_000) -> None:
    """One huge transaction (like a large import): killed part-way, it must leave nothing."""
    session_id = tracker.reference.sessions[0].id
    frame = pd.DataFrame(
        {
            "kind": ["voter_recommendation"] * rows,
            "session_id": [session_id] * rows,
            "phase": ["after"] * rows,
            "ref_no": [f"BULK-{n}" for n in range(rows)],
            "received_on": [date(2025, 8, 4)] * rows,
            "summary": [f"Kiến nghị số {n} về chế độ tiền lương của cán bộ cấp xã sau sắp xếp" for n in range(rows)],
            "due_on": [date(2025, 10, 3)] * rows,
            "search_text": [f"kien nghi so {n}" for n in range(rows)],
        }
    )

    def work(cur) -> None:
        mark(marker, "started")
        for _ in range(50):  # keep the transaction open long enough to be killed inside it
            cur.insert_frame("items", frame, list(frame.columns))

    tracker.db.write(work)
    mark(marker, "committed")


def edits(tracker: Tracker, marker: Path) -> None:
    """A burst of small writes (create, assign, reply): killed at any point, each is all or nothing."""
    session_id = tracker.reference.sessions[0].id
    n = 0
    while True:
        received = date(2025, 1, 1) + timedelta(days=n % 300)
        item_id = tracker.create_item(
            SYSTEM,
            ItemDraft(
                kind=Kind.VOTER_RECOMMENDATION,
                session_id=session_id,
                phase=Phase.AFTER,
                received_on=received,
                summary=f"Kiến nghị {n}",
                sources=("Cử tri tỉnh Huế",),
                lead_unit="CQĐP",
            ),
        )
        version = tracker.assign(SYSTEM, item_id, 1, "TCBC", ("CQĐP",), "chuyển đúng lĩnh vực")
        tracker.record_reply(
            SYSTEM,
            item_id,
            version,
            Reply(f"{n}/BNV-TCBC", received + timedelta(days=10), "Thứ trưởng", "Đã trả lời", Result.EXPLAINED),
        )
        n += 1
        mark(marker, str(n))


def import_file(tracker: Tracker, marker: Path, rows: int = 40_000) -> None:
    """A real import through tracker.importing: killed while it writes, it must leave nothing."""
    from tests.factories import as_csv, generated_rows
    from tracker.importing import commit_import, preview_import, read_table

    table = read_table(as_csv(generated_rows(rows)), "kien-nghi.csv")
    preview = preview_import(tracker, SYSTEM, table)

    def progress(share: float, _text: str) -> None:
        if share >= 0.1:  # the commit's write is starting
            mark(marker, "writing")

    commit_import(tracker, SYSTEM, preview, on_progress=progress)
    mark(marker, "committed")


if __name__ == "__main__":
    db, marker, mode = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    tracker = Tracker.open(db)
    {"bulk": bulk, "edits": edits, "import": import_file}[mode](tracker, marker)
