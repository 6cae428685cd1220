"""The mail server settings (in the settings store, keys ``mail.*``) and the SMTP password, which
comes from the environment or a secrets file and is never stored in the database or shown."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from email.errors import HeaderParseError
from email.headerregistry import Address
from pathlib import Path

from tracker import history
from tracker import validation as v
from tracker.errors import InvalidInput
from tracker.permissions import Action, Actor, require
from tracker.storage import Cursor, Database

PASSWORD_ENV = "TRACKER_SMTP_PASSWORD"
PASSWORD_FILE_ENV = "TRACKER_SMTP_PASSWORD_FILE"  # e.g. a systemd credential or a Docker secret
SECURITY = ("starttls", "ssl", "none")
DEFAULT_OFFSETS = (3, 1)  # working days before a deadline (issue 13)
# The Ministry Office: its mailboxes get the overdue messages, as do liaison accounts.
DEFAULT_OFFICE_UNIT = "VP"
KEYS = ("host", "port", "security", "user", "sender", "base_url", "offsets", "office_unit")


@dataclass(frozen=True)
class MailSettings:
    host: str = ""
    port: int = 587
    security: str = "starttls"
    user: str = ""
    sender: str = ""
    base_url: str = "http://localhost:8501"
    offsets: tuple[int, ...] = DEFAULT_OFFSETS
    office_unit: str = DEFAULT_OFFICE_UNIT

    @property
    def configured(self) -> bool:
        return bool(self.host and self.sender)

    @classmethod
    def from_settings(cls, settings: Mapping[str, str]) -> MailSettings:
        d = cls()
        port = settings.get("mail.port", "")
        offsets = settings.get("mail.offsets", "")
        return cls(
            host=settings.get("mail.host", d.host),
            port=int(port) if port.isdigit() else d.port,
            security=settings.get("mail.security", d.security),
            user=settings.get("mail.user", d.user),
            sender=settings.get("mail.sender", d.sender),
            base_url=settings.get("mail.base_url", d.base_url) or d.base_url,
            offsets=parse_offsets(offsets) if offsets else d.offsets,
            office_unit=settings.get("mail.office_unit", d.office_unit) or d.office_unit,
        )

    def as_settings(self) -> dict[str, str]:
        return {
            "mail.host": self.host,
            "mail.port": str(self.port),
            "mail.security": self.security,
            "mail.user": self.user,
            "mail.sender": self.sender,
            "mail.base_url": self.base_url,
            "mail.offsets": ",".join(str(n) for n in self.offsets),
            "mail.office_unit": self.office_unit,
        }

    def item_link(self, item_id: int) -> str:
        return f"{self.base_url.rstrip('/')}/item?id={item_id}"


def parse_offsets(text: str) -> tuple[int, ...]:
    """ "3,1" → (3, 1): distinct working-day counts from 1 to 30, largest first."""
    try:
        found = {int(part) for part in text.replace(";", ",").split(",") if part.strip()}
    except ValueError:
        raise InvalidInput("error.mail_offsets", field="mail_offsets", value=text) from None
    if not found or any(not 1 <= n <= 30 for n in found):
        raise InvalidInput("error.mail_offsets", field="mail_offsets", value=text)
    return tuple(sorted(found, reverse=True))


def check_address(text: str, field: str = "email") -> str:
    """One plain address (no display name, no header tricks), lower-cased."""
    value = v.validate_text(text, field, 254, required=True, multiline=False).strip()
    try:
        address = Address(addr_spec=value)
    except (HeaderParseError, ValueError, IndexError):
        raise InvalidInput("error.email", field=field, value=value) from None
    if not address.username or "." not in address.domain or any(c in value for c in " ,;<>\"'"):
        raise InvalidInput("error.email", field=field, value=value)
    return value.lower()


def validated(s: MailSettings) -> MailSettings:
    host = v.validate_text(s.host, "mail_host", 253, required=True, multiline=False).strip()
    if any(c in host for c in " /:@"):
        raise InvalidInput("error.mail_host", field="mail_host", value=host)
    if not 1 <= s.port <= 65535:
        raise InvalidInput("error.mail_port", field="mail_port", value=str(s.port))
    if s.security not in SECURITY:
        raise InvalidInput("error.mail_security", field="mail_security", value=s.security)
    user = v.validate_text(s.user, "mail_user", 254, multiline=False).strip()
    sender = check_address(s.sender, "mail_sender")
    base_url = v.validate_text(s.base_url, "mail_base_url", 500, required=True, multiline=False).strip()
    if not base_url.startswith(("http://", "https://")) or any(c in base_url for c in " <>\"'"):
        raise InvalidInput("error.mail_base_url", field="mail_base_url", value=base_url)
    return replace(s, host=host, user=user, sender=sender, base_url=base_url.rstrip("/"))


def save_mail_settings(db: Database, actor: Actor, settings: MailSettings) -> MailSettings:
    """Store the server settings (never a password) and log each changed field, in one transaction."""
    require(actor, Action.MANAGE_SETTINGS)
    clean = validated(settings)
    after = clean.as_settings()

    def work(cur: Cursor) -> None:
        before = {k: val for k, val in cur.all("settings/list")}
        changes = {k: [before.get(k), val] for k, val in after.items() if before.get(k) != val}
        for key, value in after.items():
            cur.run("settings/put", [key, value])
        if changes:
            history.log_admin(cur, actor, "mail_settings_saved", "mail", changes)

    db.write(work)
    return clean


def smtp_password(environ: Mapping[str, str] | None = None) -> str | None:
    """The password from TRACKER_SMTP_PASSWORD, else from the file TRACKER_SMTP_PASSWORD_FILE names."""
    env = os.environ if environ is None else environ
    if env.get(PASSWORD_ENV):
        return env[PASSWORD_ENV]
    path = env.get(PASSWORD_FILE_ENV)
    if path:
        return Path(path).read_text(encoding="utf-8").strip() or None
    return None
