"""Backups (one Parquet file per table) with a signed manifest, and verified restores.

A backup folder (0700, files 0600) holds the data files and a manifest of their SHA-256, the
row counts and every session's statistics, signed with a key kept beside the database. A
restore checks every file first (tracker/backup_files.py), builds a new file from our own
schema and the data alone (tracker/backup_load.py), checks it gives the manifest's statistics
and counts, keeps a copy of the live file, and only then swaps the files.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from tracker import backup_attachments, backup_load, history
from tracker import backup_files as files
from tracker.dates import END_OF_TIME
from tracker.errors import InvalidInput
from tracker.permissions import Action, Actor, require
from tracker.service import Tracker
from tracker.storage import Cursor

FOLDER_NAME = re.compile(r"tracker-\d{8}-\d{6}-\d{6}")
# Statistics are compared as of a far date so every item, reply and transfer counts.
CHECK_AS_OF = END_OF_TIME


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created_at: str
    counts: dict[str, int]


def fingerprint(tracker: Tracker, cur: Cursor | None = None) -> dict[str, Any]:
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
    key = files.ensure_key(files.key_path(tracker.db.path))
    files.make_private_folder(target)
    created_at = datetime.now().isoformat(timespec="seconds")
    manifest: dict[str, Any] = {}

    def work(cur: Cursor) -> None:
        # Data, fingerprint and record in one job on the single writer: no write can land
        # between the files and the figures that a restore is checked against.
        tables = [row[0] for row in cur.all("backup/tables")]
        rows = {}
        for table in tables:
            cur.copy_table_to(table, target / f"{table}.parquet")
            written = cur.one("backup/file_rows", [str(target / f"{table}.parquet")])
            assert written is not None  # a count returns one row
            rows[table] = int(written[0])
        # Issue 12: the attached files go in too, hashed and listed by the seal like the tables.
        attached = backup_attachments.copy_into_backup(cur, tracker.db.path, target)
        schema = cur.one("backup/schema_version")
        assert schema is not None  # an aggregate returns one row
        manifest.update(
            {
                "format": files.FORMAT,
                "created_at": created_at,
                "source": str(tracker.db.path),
                "schema_version": int(schema[0]),
                "tables": rows,
                "sequences": {name: last for name, last in cur.all("backup/sequences")},
                "attachments": attached,
            },
            **fingerprint(tracker, cur),
        )
        files.seal(target, manifest, key)
        cur.run("settings/put", ["last_backup", json.dumps({"path": str(target), "at": created_at})])
        history.log_admin(cur, actor, "backup_made", str(target), {})

    try:
        tracker.db.write(work)
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    tracker.refresh_reference()
    return BackupInfo(target, created_at, manifest["counts"])


def list_backups(parent: Path) -> list[str]:
    """The backup folders under ``parent`` by name, newest first (only names we give them)."""
    if not Path(parent).is_dir():
        return []
    return sorted(
        (p.name for p in Path(parent).iterdir() if FOLDER_NAME.fullmatch(p.name) and p.is_dir()), reverse=True
    )


def last_backup(tracker: Tracker) -> dict[str, str] | None:
    raw = tracker.reference.settings.get("last_backup")
    made: dict[str, str] | None = json.loads(raw) if raw else None  # {"path", "at"}, as written above
    return made


@dataclass(frozen=True)
class Checked:
    files: int  # data files whose SHA-256 matched
    signed: bool  # False: no signing key here, the manifest's signature was not checked
    key: Path  # where the signing key was looked for


def check_folder(directory: Path, database: Path, key_file: Path | None = None) -> Checked:
    """Verify a backup folder's files and signature without restoring it (raises if not intact)."""
    key_file = key_file or files.key_path(Path(database))
    verified = files.verify(Path(directory), files.read_key(key_file))
    return Checked(len(verified.manifest["files"]), verified.signed, key_file)


@dataclass(frozen=True)
class Restored:
    kept: Path | None  # where the previous live file was kept (None: there was none)
    signed: bool  # False: no signing key here, only the files' SHA-256 were checked
    key: Path  # where the signing key was looked for


def restore(directory: Path, live: Path, key_file: Path | None = None) -> Restored:
    """Restore ``directory`` into ``live`` and say where the previous live file was kept.

    The caller has confirmed with the user. Every file is checked against the manifest's
    SHA-256 (and the manifest against its HMAC when the key is here) before any is read; the
    schema comes from our migrations and no SQL from the folder runs; nothing is replaced
    unless the restored copy's statistics and counts equal the manifest's.
    """
    directory, live = Path(directory), Path(live)
    key_file = key_file or files.key_path(live)
    live.parent.mkdir(parents=True, exist_ok=True)
    staging = live.with_name(live.name + ".restoring")
    for leftover in (staging, staging.with_name(staging.name + ".wal")):
        leftover.unlink(missing_ok=True)
    verified = files.verify(directory, files.read_key(key_file), work_dir=live.parent)
    try:
        backup_load.build(verified, directory, staging)
        restored = Tracker.open(staging)
        try:
            got = fingerprint(restored)
        finally:
            restored.close()
        expected = {k: verified.manifest.get(k) for k in ("counts", "stats", "stats_by_unit")}
        if got != expected:
            raise InvalidInput("error.restore_mismatch", field="path", value=str(directory))
        if verified.copies:  # issue 12: the attached files, verified with the rest, go back beside it
            backup_attachments.restore_from(verified.copies, sorted(verified.manifest["files"]), live)
    except BaseException:
        for leftover in (staging, staging.with_name(staging.name + ".wal")):
            leftover.unlink(missing_ok=True)
        raise
    finally:
        if verified.copies:
            shutil.rmtree(verified.copies, ignore_errors=True)
    kept = None
    if live.exists():
        kept = live.with_name(f"{live.name}.before-restore-{datetime.now():%Y%m%d-%H%M%S}")
        shutil.move(live, kept)
        wal = live.with_name(live.name + ".wal")
        if wal.exists():
            shutil.move(wal, kept.with_name(kept.name + ".wal"))
    shutil.move(staging, live)
    return Restored(kept, verified.signed, key_file)
