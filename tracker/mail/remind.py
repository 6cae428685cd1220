"""The daily run (`python -m tracker remind`): plan what is due as of a day, queue it with its
keys in one transaction (so a second run the same day queues nothing), deliver the outbox, and
record the run for the settings page. A dry run plans on a reader and writes nothing."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from tracker.mail.compose import MailItem
from tracker.mail.config import MailSettings
from tracker.mail.digest import digest_messages, week_of
from tracker.mail.directory import read_directory
from tracker.mail.outbox import Outgoing, enqueue, existing_keys
from tracker.mail.plan import plan_reminders
from tracker.mail.sender import Connector, Delivery, connect, deliver
from tracker.permissions import Action, Actor, require
from tracker.reference import Reference
from tracker.stage import default_internal_due
from tracker.storage import Cursor, Database
from tracker.workdays import WorkCalendar

SUMMARY_LIMIT = 200  # messages kept in a run's summary for the settings page
# Keys older than this cannot matter: the longest period a key names is a week.
KEY_WINDOW = timedelta(days=40)


@dataclass
class RunResult:
    as_of: date
    dry_run: bool
    messages: list[Outgoing] = field(default_factory=list)
    delivery: Delivery = field(default_factory=Delivery)

    def as_json(self) -> list[dict[str, Any]]:
        return [m.as_json() for m in self.messages]


def open_items(
    cur: Cursor, as_of: date, settings: Mapping[str, str] | None = None, calendar: WorkCalendar | None = None
) -> list[MailItem]:
    """The open items; with the settings and calendar, each carries its internal deadline (the
    Office's, else the default N working days before the legal one: tracker/stage.py)."""
    internal: Callable[[str, date, date | None], date | None] = lambda _k, _d, own: own
    if settings is not None and calendar is not None:
        memo: dict[tuple[str, date], date] = {}

        def internal(kind: str, due_on: date, own: date | None) -> date | None:
            if own is not None:
                return own
            if (kind, due_on) not in memo:
                memo[kind, due_on] = default_internal_due(calendar, settings, kind, due_on)
            return memo[kind, due_on]

    return [
        MailItem(int(r[0]), r[1], r[2] or "", r[3] or "", r[4], r[5], internal(r[1], r[5], r[6]), r[7] or "")
        for r in cur.all("mail/open_items", [as_of] * 5)
    ]


def passed_commitments(cur: Cursor, as_of: date) -> list[MailItem]:
    return [
        MailItem(int(r[0]), r[1], r[2] or "", r[3] or "", r[4], r[5], committed_on=r[6], is_open=False)
        for r in cur.all("mail/commitments_passed", [as_of] * 3)
    ]


def plan(cur: Cursor, reference: Reference, as_of: date) -> list[Outgoing]:
    settings = MailSettings.from_settings(reference.settings)
    directory = read_directory(cur, settings)
    sent = existing_keys(cur, min(as_of, week_of(as_of)) - KEY_WINDOW)
    items = open_items(cur, as_of, reference.settings, reference.calendar) + passed_commitments(cur, as_of)
    messages = plan_reminders(items, reference, directory, as_of, sent)
    return messages + digest_messages(cur, reference, directory, as_of, sent)


def run(
    db: Database,
    reference: Reference,
    actor: Actor,
    as_of: date,
    dry_run: bool = False,
    connector: Connector = connect,
    now: datetime | None = None,
) -> RunResult:
    """One run: the Office or an administrator (or the system account from cron)."""
    require(actor, Action.ASSIGN)
    result = RunResult(as_of, dry_run)
    if dry_run:
        cur = db.reader()
        try:
            result.messages = plan(cur, reference, as_of)
        finally:
            cur.raw.close()
        return result

    def work(cur: Cursor) -> list[Outgoing]:
        messages = plan(cur, reference, as_of)
        enqueue(cur, messages)
        return messages

    result.messages = db.write(work)
    result.delivery = deliver(db, MailSettings.from_settings(reference.settings), now=now, connector=connector)
    summary = json.dumps(result.as_json()[:SUMMARY_LIMIT], ensure_ascii=False)
    counts = [len(result.messages), result.delivery.sent, result.delivery.failed]
    db.write(lambda cur: cur.run("mail/insert_run", [as_of, actor.username, False, *counts, summary]))
    return result


@dataclass(frozen=True)
class LastRun:
    ran_at: datetime
    as_of: date
    actor: str
    queued: int
    sent: int
    failed: int
    messages: list[dict[str, Any]]


def last_run(db: Database) -> LastRun | None:
    rows = db.records("mail/last_run")
    if not rows:
        return None
    r = rows[0]
    return LastRun(r["ran_at"], r["as_of"], r["actor"], r["queued"], r["sent"], r["failed"], json.loads(r["summary"]))


def outbox_counts(db: Database) -> dict[str, int]:
    row = db.records("mail/counts")[0]
    return {k: int(v or 0) for k, v in row.items()}


def recent_messages(db: Database, limit: int = 20) -> list[dict[str, Any]]:
    return db.records("mail/list_recent", [limit])
