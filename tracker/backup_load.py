"""Build a database file from a verified backup without running any SQL from the backup.

The schema comes from our own migrations (queries/schema), up to the version the backup was
made with; each table's data file is checked to have exactly that table's columns and types,
then loaded with read_parquet into those columns; the id sequences are moved on to where they
stood; the newer migrations, if any, then run as they would on the live file.
"""

from __future__ import annotations

from pathlib import Path

from tracker.backup_files import Verified
from tracker.errors import InvalidInput
from tracker.storage import Cursor, Database


def _refuse(key: str, folder: Path, **params: object) -> InvalidInput:
    return InvalidInput(key, field="path", value=str(folder), **params)


def build(verified: Verified, folder: Path, target: Path) -> None:
    """Create ``target`` (which must not exist) from ``verified``'s private copies."""
    manifest, copies = verified.manifest, verified.copies
    if copies is None:
        raise ValueError("build() loads from the private copies verify() made (pass work_dir)")
    version, tables, sequences = manifest.get("schema_version"), manifest.get("tables"), manifest.get("sequences")
    if not isinstance(version, int) or not isinstance(tables, dict) or not isinstance(sequences, dict):
        raise _refuse("error.backup_manifest_damaged", folder)
    if target.exists():
        raise FileExistsError(str(target))
    db = Database(target)
    try:
        known = [v for v, _ in db.queries.migrations()]
        if version > max(known):
            raise _refuse("error.backup_newer_format", folder)
        db.migrate(up_to=version)

        def load(cur: Cursor) -> None:
            ours = [row[0] for row in cur.all("backup/tables")]
            if sorted(ours) != sorted(tables) or {f"{t}.parquet" for t in ours} != {
                n for n in manifest["files"] if n.endswith(".parquet")
            }:
                raise _refuse("error.backup_tables_mismatch", folder)
            for table in ours:
                path = copies / f"{table}.parquet"
                expected = cur.all("backup/table_columns", [table])
                if cur.all("backup/file_columns", [str(path)]) != expected:
                    raise _refuse("error.backup_columns_mismatch", folder, name=f"{table}.parquet")
                held = cur.one("backup/file_rows", [str(path)])
                assert held is not None  # a count returns one row
                if int(held[0]) != tables[table]:
                    raise _refuse("error.restore_mismatch", folder)
                cur.load_table_from(table, [name for name, _ in expected], path)
            ours_seq = {name for name, _ in cur.all("backup/sequences")}
            if ours_seq != set(sequences):
                raise _refuse("error.backup_tables_mismatch", folder)
            for name, last in sorted(sequences.items()):
                if last is None:
                    continue
                if not isinstance(last, int) or last < 1:
                    raise _refuse("error.backup_manifest_damaged", folder)
                cur.one("backup/advance_sequence", [name, last])

        db.write(load)
        db.migrate()
    finally:
        db.close()
