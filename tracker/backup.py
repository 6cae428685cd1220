"""Backups (DuckDB EXPORT DATABASE to Parquet) with a manifest, and verified restores.

A restore builds a new file from the export, checks that it gives the same statistics and row
counts as the manifest recorded, keeps a copy of the live file, and only then swaps the files.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from tracker.errors import InvalidInput
from tracker.permissions import Action, Actor, require
from tracker.service import Tracker

MANIFEST = "manifest.json"
# Statistics are compared as of a far date so every item, reply and transfer counts.
CHECK_AS_OF = date(2100, 12, 31)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created_at: str
    counts: dict


def fingerprint(tracker: Tracker, cur=None) -> dict:
    """What a restore must reproduce: row counts and the statistics of every session.

    With ``cur`` (the writer's cursor) it reads inside that transaction."""
    read = cur or tracker.db
    counts = read.records("audit/row_counts")[0]
    stats = [r.as_dict() for r in tracker.stats(CHECK_AS_OF, cur=cur)]
    by_unit = [r.as_dict(with_unit=True) for r in tracker.stats_by_unit(CHECK_AS_OF, cur=cur)]
    return {"counts": {k: int(val) for k, val in counts.items()}, "stats": stats, "stats_by_unit": by_unit}


def make_backup(tracker: Tracker, actor: Actor, parent: Path) -> BackupInfo:
    require(actor, Action.MANAGE_SETTINGS)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = Path(parent) / f"tracker-{stamp}"
    target.parent.mkdir(parents=True, exist_ok=True)
    created_at = datetime.now().isoformat(timespec="seconds")
    manifest: dict = {}

    def work(cur) -> None:
        # Export, fingerprint and record in one job on the single writer: no write can land
        # between the files and the figures that a restore is checked against.
        cur.export_database(target)
        manifest.update({"created_at": created_at, "source": str(tracker.db.path)}, **fingerprint(tracker, cur))
        (target / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        cur.run("settings/put", ["last_backup", json.dumps({"path": str(target), "at": created_at})])
        tracker._admin_log(cur, actor, "backup_made", str(target), {})

    tracker.db.write(work)
    tracker.refresh_reference()
    return BackupInfo(target, created_at, manifest["counts"])


def last_backup(tracker: Tracker) -> dict | None:
    raw = tracker.reference.settings.get("last_backup")
    return json.loads(raw) if raw else None


def read_manifest(directory: Path) -> dict:
    path = Path(directory) / MANIFEST
    if not path.is_file():
        raise InvalidInput("error.not_a_backup", field="path", value=str(directory))
    return json.loads(path.read_text(encoding="utf-8"))


def restore(directory: Path, live: Path) -> Path | None:
    """Restore ``directory`` into ``live``; returns where the previous live file was kept.

    The caller has confirmed with the user. Nothing is replaced unless the restored copy's
    statistics and counts equal the manifest's.
    """
    directory, live = Path(directory), Path(live)
    manifest = read_manifest(directory)
    staging = live.with_name(live.name + ".restoring")
    for leftover in (staging, staging.with_name(staging.name + ".wal")):
        leftover.unlink(missing_ok=True)
    from tracker.storage import Database

    Database.import_into(directory, staging)
    restored = Tracker.open(staging)
    try:
        got = fingerprint(restored)
    finally:
        restored.close()
    expected = {k: manifest[k] for k in ("counts", "stats", "stats_by_unit")}
    if got != expected:
        staging.unlink(missing_ok=True)
        raise InvalidInput("error.restore_mismatch", field="path", value=str(directory))
    kept = None
    if live.exists():
        kept = live.with_name(f"{live.name}.before-restore-{datetime.now():%Y%m%d-%H%M%S}")
        shutil.move(live, kept)
        wal = live.with_name(live.name + ".wal")
        if wal.exists():
            shutil.move(wal, kept.with_name(kept.name + ".wal"))
    shutil.move(staging, live)
    return kept
