"""Queueing: a message is a row of mail_outbox written on the caller's cursor, so it commits or
rolls back with the change that caused it. A reminder's key (item, recipient, reason, day) is
written beside it: the table's primary key makes a second send of the same reminder impossible."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from tracker.mail.reasons import Reason
from tracker.storage import Cursor

DIGEST_ITEM = 0  # the digest's key names no item


@dataclass(frozen=True)
class Outgoing:
    reason: Reason
    recipient: str
    lang: str
    unit: str | None
    subject: str
    body: str
    items: tuple[int, ...]
    day: date  # the key's day

    def reminder_keys(self) -> list[tuple[int, str, str, date]]:
        return [(i, self.recipient.lower(), self.reason.value, self.day) for i in (self.items or (DIGEST_ITEM,))]

    def as_json(self) -> dict[str, Any]:
        return {"to": self.recipient, "subject": self.subject, "reason": self.reason.value, "items": list(self.items)}


def existing_keys(cur: Cursor, since: date) -> set[tuple[int, str, str, date]]:
    return {(r[0], r[1], r[2], r[3]) for r in cur.all("mail/keys_on_or_after", [since])}


KEY_COLUMNS = ("item_id", "recipient", "reason", "day", "outbox_id")
# Above this many keys one frame insert beats executemany (DuckDB's executemany is per row).
BULK_KEYS = 50


def enqueue(cur: Cursor, messages: Sequence[Outgoing]) -> list[int]:
    ids = []
    keys: list[tuple[int, str, str, date, int]] = []
    for m in messages:
        row = cur.one(
            "mail/enqueue",
            [m.reason.value, m.recipient, m.lang, m.unit, m.subject, m.body, json.dumps(list(m.items))],
        )
        if row is None:  # "returning id" always returns a row; this keeps mypy and readers sure
            raise RuntimeError("the outbox did not return the message's id")
        outbox_id = int(row[0])
        keys += [(*key, outbox_id) for key in m.reminder_keys()]
        ids.append(outbox_id)
    if len(keys) > BULK_KEYS:
        # The plan already left out every key that exists: a plain append cannot clash.
        unique = list({k[:4]: k for k in keys}.values())
        import pandas as pd  # here, not at the top: a command that inserts no batch starts 0.7 s sooner

        frame = pd.DataFrame(unique, columns=list(KEY_COLUMNS))
        cur.insert_frame("mail_reminder_keys", frame, KEY_COLUMNS)
    else:
        cur.many("mail/add_key", keys)
    return ids
