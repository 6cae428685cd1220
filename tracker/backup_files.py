"""A backup folder's files: owner-only permissions, SHA-256 of every file, the manifest's
HMAC-SHA256 with a key kept outside the folder, and the check a restore runs before it reads
anything (issue 8, point 3). No database here: this module only reads and writes files.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import re
import secrets
import shutil
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from tracker.errors import InvalidInput

MANIFEST = "manifest.json"
SIGNATURE = "manifest.hmac"
# 1: counts and statistics only (cannot be verified). 2: SHA-256 of every file, HMAC, no SQL.
FORMAT = 2
# Data files are named by us after our own tables; anything else in a manifest is tampering.
# Issue 12: attached files travel as attachment-<sha256> (tracker/backup_attachments.py).
DATA_FILE = re.compile(r"[a-z][a-z0-9_]*\.parquet|attachment-[0-9a-f]{64}")
FOLDER_MODE = 0o700
FILE_MODE = 0o600
_CHUNK = 1 << 20
# A manifest is a few hundred KB even at 100,000 items; a bigger one is not ours (and is not
# read into memory).
MAX_MANIFEST_BYTES = 64 << 20


def key_path(database: Path) -> Path:
    """Where the signing key lives: beside the database, never inside a backup folder."""
    configured = os.environ.get("TRACKER_BACKUP_KEY_FILE")
    return Path(configured) if configured else database.with_name(database.name + ".backup-key")


def read_key(path: Path) -> bytes | None:
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        raise InvalidInput("error.backup_key_unreadable", field="path", value=str(path)) from None
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) < 32:
        raise InvalidInput("error.backup_key_unreadable", field="path", value=str(path))
    return key


def ensure_key(path: Path) -> bytes:
    """The signing key, created (0600, 256 random bits) on the first backup."""
    key = read_key(path)
    if key is not None:
        if not is_private(path):  # copied in with a loose mode: the key is only as safe as its file
            os.chmod(path, FILE_MODE)
        return key
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:  # another process made it first: use theirs
        return read_key(path) or key
    with os.fdopen(fd, "w", encoding="ascii") as out:
        os.fchmod(out.fileno(), FILE_MODE)  # O_CREAT's mode is cut by the umask
        out.write(key.hex() + "\n")
    return key


def sign(key: bytes, manifest_bytes: bytes) -> str:
    return "hmac-sha256:" + hmac.new(key, manifest_bytes, hashlib.sha256).hexdigest()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        while chunk := source.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def make_private_folder(path: Path) -> None:
    """Create ``path`` (and a missing parent) readable by its owner only, whatever the umask."""
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=FOLDER_MODE)
        os.chmod(path.parent, FOLDER_MODE)
    path.mkdir(mode=FOLDER_MODE)
    os.chmod(path, FOLDER_MODE)


def seal(folder: Path, manifest: dict[str, Any], key: bytes) -> None:
    """Record every data file's SHA-256 in the manifest, write and sign it, make files 0600."""
    files = sorted(p for p in folder.iterdir() if p.name not in (MANIFEST, SIGNATURE))
    manifest["files"] = {p.name: sha256_of(p) for p in files}
    body = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
    (folder / MANIFEST).write_bytes(body)
    (folder / SIGNATURE).write_text(sign(key, body) + "\n", encoding="ascii")
    for path in folder.iterdir():
        os.chmod(path, FILE_MODE)


@dataclass(frozen=True)
class Verified:
    """A folder whose files all matched: the manifest, and private copies to load from."""

    manifest: dict[str, Any]
    copies: Path | None  # the private copies to load from (None when only checked)
    signed: bool  # False: no key here, so the manifest's signature could not be checked


def _refuse(key: str, folder: Path, **params: object) -> InvalidInput:
    return InvalidInput(key, field="path", value=str(folder), **params)


def read_manifest(folder: Path) -> tuple[dict[str, Any], bytes]:
    path = folder / MANIFEST
    if not folder.is_dir() or not path.is_file() or path.is_symlink():
        raise _refuse("error.not_a_backup", folder)
    if path.stat().st_size > MAX_MANIFEST_BYTES:
        raise _refuse("error.backup_manifest_damaged", folder)
    body = path.read_bytes()
    try:
        manifest = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _refuse("error.backup_manifest_damaged", folder) from None
    if not isinstance(manifest, dict):
        raise _refuse("error.backup_manifest_damaged", folder)
    if "format" not in manifest or "files" not in manifest:
        raise _refuse("error.backup_old_format", folder)
    if manifest["format"] != FORMAT:
        newer = isinstance(manifest["format"], int) and manifest["format"] > FORMAT
        raise _refuse("error.backup_newer_format" if newer else "error.backup_manifest_damaged", folder)
    return manifest, body


def _check_signature(folder: Path, body: bytes, key: bytes | None) -> bool:
    if key is None:
        return False
    path = folder / SIGNATURE
    if not path.is_file() or path.is_symlink():
        raise _refuse("error.backup_signature_missing", folder)
    recorded = path.read_text(encoding="ascii", errors="replace").strip()
    if not hmac.compare_digest(recorded, sign(key, body)):
        raise _refuse("error.backup_signature_invalid", folder)
    return True


def _check_listing(folder: Path, files: object) -> None:  # the manifest's, unchecked
    if not isinstance(files, dict) or not files:
        raise _refuse("error.backup_manifest_damaged", folder)
    for name, digest in files.items():
        if not DATA_FILE.fullmatch(name) or not isinstance(digest, str):
            raise _refuse("error.backup_manifest_damaged", folder)
    allowed = {MANIFEST, SIGNATURE, *files}
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if entry.name not in allowed or not entry.is_file(follow_symlinks=False):
            raise _refuse("error.backup_extra_file", folder, name=entry.name)
    for name in sorted(files):
        if not (folder / name).is_file():
            raise _refuse("error.backup_missing_file", folder, name=name)


def verify(folder: Path, key: bytes | None, work_dir: Path | None = None) -> Verified:
    """Check the folder before anything reads its data: manifest format and signature, exactly
    the listed files, each one's SHA-256. With ``work_dir`` the data files are copied, while
    hashed, into a new owner-only folder there (``Verified.copies``), so what is later loaded is
    byte for byte what was checked even if someone rewrites the backup folder meanwhile."""
    folder = Path(folder)
    manifest, body = read_manifest(folder)
    signed = _check_signature(folder, body, key)
    files = manifest["files"]
    _check_listing(folder, files)
    copies = Path(tempfile.mkdtemp(prefix=".backup-files-", dir=work_dir)) if work_dir else None
    try:
        for name in sorted(files):
            digest = hashlib.sha256()
            with (folder / name).open("rb") as source, _sink(copies, name) as target:
                while chunk := source.read(_CHUNK):
                    digest.update(chunk)
                    if target:
                        target.write(chunk)
            if not hmac.compare_digest(digest.hexdigest(), files[name]):
                raise _refuse("error.backup_changed_file", folder, name=name)
    except BaseException:
        if copies:
            shutil.rmtree(copies, ignore_errors=True)
        raise
    return Verified(manifest, copies, signed)


def _sink(copies: Path | None, name: str) -> contextlib.AbstractContextManager[IO[bytes] | None]:
    return (copies / name).open("wb") if copies else contextlib.nullcontext()


def is_private(path: Path) -> bool:
    """Nobody but the owner may read, write or enter it (used by tests and the Settings page)."""
    return stat.S_IMODE(path.stat().st_mode) & 0o077 == 0
