"""Attachments in backups (issue 12, point 5): the files of ``<db>.files/`` travel inside the
backup folder as ``attachment-<sha256>``, so the manifest lists and hashes them like the data
files (tracker/backup_files.py: their verification is the same code), and a restore puts them
back beside the restored database. Content-addressed: a file already there is the same file."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tracker.attachments import files_dir, verify_folder
from tracker.errors import InvalidInput
from tracker.storage import Cursor

PREFIX = "attachment-"
ATTACHMENT_FILE = re.compile(r"attachment-[0-9a-f]{64}")


def copy_into_backup(cur: Cursor, database: Path, target: Path) -> int:
    """Copy every attached file the database names into the backup folder; refuse the backup
    when one is missing or damaged (a backup that cannot give the files back is no backup)."""
    hashes = {row[0] for row in cur.all("workflow/all_file_hashes")}
    source = files_dir(database)
    problems = verify_folder(source, hashes)
    if problems:
        raise InvalidInput("error.backup_attachment_missing", value=problems[0])
    for sha in sorted(hashes):
        shutil.copyfile(source / sha, target / f"{PREFIX}{sha}")
    return len(hashes)


def restore_from(copies: Path, names: list[str], live: Path) -> None:
    """Put the verified copies back into ``<live>.files/`` (only names of our form)."""
    folder = files_dir(live)
    for name in names:
        if not ATTACHMENT_FILE.fullmatch(name):
            continue
        folder.mkdir(parents=True, exist_ok=True)
        sha = name.removeprefix(PREFIX)
        if not (folder / sha).exists():
            shutil.copyfile(copies / name, folder / sha)
