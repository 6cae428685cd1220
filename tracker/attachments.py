"""Files attached to an item (issue 12, point 5): the incoming letter, drafts, coordinating
contributions, the signed reply.

- Types: PDF, DOCX, XLSX, PNG, JPG — told by their first bytes, never by the name alone (a .pdf
  that is not a PDF is refused), and a DOCX/XLSX must hold the parts Word/Excel write.
- Size: ``MAX_ATTACHMENT_MB`` = 20, checked before the bytes are read (the CLI) and again on them
  (an upload). A scanned, signed reply of a few pages is 1–5 MB; 20 leaves room for a long annex
  and stays well under the proxy's 50 MB cap (docs/ACCOUNTS.md).
- Storage: beside the database in ``<db>.files/``, each file named by its SHA-256 (the same bytes
  are stored once). The bytes are written before the transaction that records them; a failed
  transaction leaves at worst an unreferenced file, never a row without its bytes.
- Each upload is an event on the item (``file_attached``), the item's version unchanged: an
  attachment moves no stage, so it never conflicts with a colleague's step.
- Never executed or rendered: the app offers them for download only.
"""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker import validation as v
from tracker.errors import InvalidInput, NotFound, PermissionDenied
from tracker.file_limits import FileTooLarge
from tracker.history import log_item
from tracker.permissions import Actor, Role
from tracker.storage import Cursor

if TYPE_CHECKING:
    from tracker.service import Tracker

MAX_ATTACHMENT_MB = 20
MAX_ATTACHMENT_BYTES = MAX_ATTACHMENT_MB * 1024 * 1024
# type -> (media type, the extensions it may carry)
TYPES: dict[str, tuple[str, tuple[str, ...]]] = {
    "pdf": ("application/pdf", (".pdf",)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
    "png": ("image/png", (".png",)),
    "jpg": ("image/jpeg", (".jpg", ".jpeg")),
}
PURPOSES = ("incoming", "draft", "part", "signed_reply", "other")


@dataclass(frozen=True)
class Attachment:
    id: int
    item_id: int
    sha256: str
    name: str
    media_type: str
    size_bytes: int
    purpose: str
    actor: str
    uploaded_at: datetime | None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Attachment:
        return cls(**{k: row[k] for k in cls.__dataclass_fields__})


def files_dir(db_path: Path) -> Path:
    """``<db>.files/`` beside the database file."""
    return db_path.with_name(db_path.name + ".files")


def sniff(data: bytes, name: str) -> str:
    """The file's type from its first bytes; refused when it is none of the five, or when its
    name says another type."""
    kind: str | None = None
    if data.startswith(b"%PDF-"):
        kind = "pdf"
    elif data.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = "png"
    elif data.startswith(b"\xff\xd8\xff"):
        kind = "jpg"
    elif data.startswith(b"PK\x03\x04"):
        kind = _office_kind(data)
    extension = os.path.splitext(name)[1].lower()
    if kind is None or extension not in TYPES[kind][1]:
        raise InvalidInput("error.attachment_type", field="file", file=name)
    return kind


def _office_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


def check_size(size: int, name: str) -> None:
    if size > MAX_ATTACHMENT_BYTES:
        raise FileTooLarge(
            "error.attachment_too_large",
            field="file",
            file=name,
            size_mb=round(size / (1024 * 1024), 1),
            limit_mb=MAX_ATTACHMENT_MB,
        )
    if size == 0:
        raise InvalidInput("error.attachment_empty", field="file", file=name)


def _may_attach(actor: Actor, row: dict[str, Any]) -> bool:
    if actor.role in (Role.ADMIN, Role.LIAISON):
        return True
    units = {row["lead_unit"], *(u for u in (row["coordinating_units"] or "").split(";") if u)}
    return actor.role == Role.UNIT_OFFICER and actor.unit is not None and actor.unit in units


def attach_file(tracker: Tracker, actor: Actor, item_id: int, name: str, data: bytes, purpose: str) -> Attachment:
    """Check, store and record one file; all or nothing for the record (see the module's note)."""
    if actor.role == Role.VIEWER:
        raise PermissionDenied(action="attach_file", role=actor.role.value)
    name = v.validate_text(
        os.path.basename(name.replace("\\", "/")), "file", v.MAX_SHORT, required=True, multiline=False
    )
    if purpose not in PURPOSES:
        raise InvalidInput("error.choice", field="purpose", value=purpose)
    check_size(len(data), name)
    kind = sniff(data, name)
    sha = hashlib.sha256(data).hexdigest()
    folder = files_dir(tracker.db.path)
    _store(folder, sha, data)

    def work(cur: Cursor) -> Attachment:
        rows = cur.records("items/get", [item_id])
        if not rows:
            raise NotFound("error.item_not_found", value=str(item_id))
        row = rows[0]
        if not _may_attach(actor, row):
            raise PermissionDenied(action="attach_file", role=actor.role.value)
        if row["archived_at"] is not None:
            raise InvalidInput("error.workflow_archived")
        media = TYPES[kind][0]
        cur.run("workflow/insert_file", [item_id, sha, name, media, len(data), purpose, actor.username])
        changes = {"file": [None, name], "sha256": [None, sha]}
        log_item(cur, item_id, actor, "file_attached", changes, purpose, row["version"])
        found = cur.records("workflow/file_by_item_sha", [item_id, sha])
        return Attachment.from_row(found[-1])

    result: Attachment = tracker.db.write(work)
    return result


def _store(folder: Path, sha: str, data: bytes) -> None:
    """Write once, atomically: a reader never sees half a file under its hash."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / sha
    if target.exists():
        return
    partial = folder / f".{sha}.part"
    partial.write_bytes(data)
    os.replace(partial, target)


def attachments_of(tracker: Tracker, item_id: int) -> list[Attachment]:
    return [Attachment.from_row(r) for r in tracker.db.records("workflow/files_of_item", [item_id])]


def read_bytes(tracker: Tracker, attachment: Attachment) -> bytes:
    """The stored bytes, checked against their hash (a file changed on disk is refused)."""
    data = (files_dir(tracker.db.path) / attachment.sha256).read_bytes()
    if hashlib.sha256(data).hexdigest() != attachment.sha256:
        raise InvalidInput("error.attachment_damaged", field="file", file=attachment.name)
    return data


def verify_folder(folder: Path, expected: set[str]) -> list[str]:
    """Problems with a files folder against the hashes the database names: missing or damaged."""
    problems = []
    for sha in sorted(expected):
        path = folder / sha
        if not path.is_file():
            problems.append(f"attachment {sha}: missing")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != sha:
            problems.append(f"attachment {sha}: content does not match its hash")
    return problems
