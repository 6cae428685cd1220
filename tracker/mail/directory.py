"""Who gets mail: unit mailboxes and account contacts (e-mail, language, muted messages), kept in
tables of their own keyed by unit code and username (tracker/accounts.py is not touched)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from tracker import history
from tracker.errors import InvalidInput, NotFound
from tracker.i18n import LANGUAGES
from tracker.mail.config import MailSettings, check_address
from tracker.mail.reasons import MANDATORY, Reason
from tracker.permissions import Action, Actor, Role, can, require
from tracker.storage import Cursor, Database

# Accounts allowed to see everything: the only ones the digest goes to.
SEES_EVERYTHING = frozenset({Role.ADMIN, Role.LIAISON, Role.VIEWER})


@dataclass(frozen=True)
class Recipient:
    address: str
    lang: str = "vi"


@dataclass(frozen=True)
class Contact:
    username: str
    email: str
    lang: str = "vi"
    muted: frozenset[str] = frozenset()
    role: str = ""
    unit: str | None = None
    active: bool = True

    def wants(self, reason: Reason) -> bool:
        return self.active and (reason in MANDATORY or reason.value not in self.muted)


@dataclass(frozen=True)
class Directory:
    """Everyone mail can go to, read once per run."""

    settings: MailSettings
    mailboxes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    contacts: tuple[Contact, ...] = ()

    def unit(self, unit: str, reason: Reason) -> list[Recipient]:
        found = [Recipient(a) for a in self.mailboxes.get(unit, ())]
        found += [
            Recipient(c.email, c.lang)
            for c in self.contacts
            if c.role == Role.UNIT_OFFICER and c.unit == unit and c.wants(reason)
        ]
        return _distinct(found)

    def office(self, reason: Reason) -> list[Recipient]:
        found = [Recipient(a) for a in self.mailboxes.get(self.settings.office_unit, ())]
        found += [Recipient(c.email, c.lang) for c in self.contacts if c.role == Role.LIAISON and c.wants(reason)]
        return _distinct(found)

    def digest(self) -> list[Recipient]:
        return _distinct(
            [Recipient(c.email, c.lang) for c in self.contacts if c.role in SEES_EVERYTHING and c.wants(Reason.DIGEST)]
        )


def _distinct(found: Iterable[Recipient]) -> list[Recipient]:
    seen: dict[str, Recipient] = {}
    for r in found:
        seen.setdefault(r.address.lower(), r)
    return list(seen.values())


def load_directory(db: Database, settings: MailSettings) -> Directory:
    cur = db.reader()
    try:
        return read_directory(cur, settings)
    finally:
        cur.raw.close()


def read_directory(cur: Cursor, settings: MailSettings) -> Directory:
    boxes: dict[str, list[str]] = {}
    for unit, address in cur.all("mail/list_mailboxes"):
        boxes.setdefault(unit, []).append(address)
    contacts = tuple(
        Contact(r["username"], r["email"], r["lang"], _muted(r["muted"]), r["role"], r["unit"], bool(r["active"]))
        for r in cur.records("mail/list_contacts")
    )
    return Directory(settings, {u: tuple(a) for u, a in boxes.items()}, contacts)


def _muted(text: str) -> frozenset[str]:
    return frozenset(p for p in text.split(",") if p)


def parse_addresses(text: str) -> tuple[str, ...]:
    """ "a@x.vn, b@x.vn" → both, checked, lower-cased, without repeats."""
    parts = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
    return tuple(dict.fromkeys(check_address(p, "mailbox") for p in parts))


def set_unit_mailboxes(db: Database, actor: Actor, unit: str, addresses: Sequence[str], known: Iterable[str]) -> None:
    """Replace a unit's mailboxes (an empty list removes them); logged with old and new lists."""
    require(actor, Action.MANAGE_SETTINGS)
    if unit not in set(known):
        raise NotFound("error.unit_not_found", value=unit)
    clean = tuple(dict.fromkeys(check_address(a, "mailbox") for a in addresses))

    def work(cur: Cursor) -> None:
        before = [a for u, a in cur.all("mail/list_mailboxes") if u == unit]
        cur.run("mail/delete_mailboxes", [unit])
        cur.many("mail/insert_mailbox", [(unit, a) for a in clean])
        if list(clean) != before:
            history.log_admin(cur, actor, "unit_mailboxes_saved", unit, {"mailboxes": [before, list(clean)]})

    db.write(work)


def save_contact(
    db: Database, actor: Actor, username: str, email: str, lang: str, muted: Iterable[str] = ()
) -> Contact:
    """A person sets their own contact; an administrator anyone's. Legal-deadline mail cannot be muted."""
    if actor.username != username:
        require(actor, Action.MANAGE_USERS)
    if lang not in LANGUAGES:
        raise InvalidInput("error.mail_lang", field="lang", value=lang)
    address = check_address(email)
    names = {r.value for r in Reason}
    chosen = sorted(set(muted))
    if any(m not in names or Reason(m) in MANDATORY for m in chosen):
        raise InvalidInput("error.mail_mandatory", field="muted")

    def work(cur: Cursor) -> None:
        if cur.one("users/get", [username.lower()]) is None:  # the query takes it lower-cased
            raise NotFound("error.user_not_found", value=username)
        before = cur.records("mail/get_contact", [username])
        old = before[0] if before else {}
        after = {"email": address, "lang": lang, "muted": ",".join(chosen)}
        cur.run("mail/put_contact", [username, *after.values()])
        changes = {k: [old.get(k), val] for k, val in after.items() if old.get(k) != val}
        if changes:
            history.log_admin(cur, actor, "mail_contact_saved", username, changes)

    db.write(work)
    return Contact(username, address, lang, frozenset(chosen))


def get_contact(db: Database, username: str) -> Contact | None:
    rows = db.records("mail/get_contact", [username])
    if not rows:
        return None
    r = rows[0]
    return Contact(r["username"], r["email"], r["lang"], _muted(r["muted"]))


# The messages each role can be sent (Directory.unit / office / digest above), for "Thông báo
# của tôi": a unit's officer hears of its own items, the Office's liaison of every unit's steps
# and overdue items, and whoever sees everything the weekly digest.
_UNIT_MAIL = (Reason.ASSIGNED, Reason.DUE_SOON, Reason.OVERDUE, Reason.INTERNAL_DUE_SOON, Reason.INTERNAL_OVERDUE)
RECEIVES: dict[str, tuple[Reason, ...]] = {
    Role.UNIT_OFFICER: (*_UNIT_MAIL, Reason.COMMITMENT_PASSED),
    Role.LIAISON: (Reason.OVERDUE, Reason.INTERNAL_OVERDUE, Reason.RETURNED, Reason.DRAFT_SUBMITTED, Reason.DIGEST),
    Role.ADMIN: (Reason.DIGEST,),
    Role.VIEWER: (Reason.DIGEST,),
}


def reasons_for(role: str) -> tuple[Reason, ...]:
    return RECEIVES.get(role, ())


def may_see_everything(actor: Actor) -> bool:
    return actor.role in SEES_EVERYTHING and can(actor, Action.EXPORT)
