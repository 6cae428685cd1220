"""Open items follow calendar corrections: when a day off is confirmed or withdrawn (24/11, an
announced swap), a computed deadline that no reply or transfer has closed yet moves with it.

Only the calendar is re-applied: the period (N days) is the one the item was computed with (its
basis says "nhận … + N ngày"), so editing a deadline rule never rewrites older items. Deadlines
set by a person or taken from a file, replied and transferred items are left as they are: moving
a closed item's deadline would change whether its reply was on time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any, Protocol

from tracker import history
from tracker.dates import format_date
from tracker.deadlines import Deadline
from tracker.permissions import SYSTEM, Actor
from tracker.storage import Cursor, Database
from tracker.workdays import WorkCalendar

Changes = dict[str, Any]


class _Calendared(Protocol):
    @property
    def calendar(self) -> WorkCalendar: ...


class _Service(Protocol):
    """What this module needs of tracker.service.Tracker (which imports this module)."""

    @property
    def db(self) -> Database: ...

    @property
    def reference(self) -> _Calendared: ...

    def _update(self, cur: Cursor, query: str, params: list[Any], item_id: int, version: int) -> int: ...


def refresh_open_deadlines(
    tracker: _Service, diff: Callable[[Changes, Changes], Changes], actor: Actor = SYSTEM, lang: str = "vi"
) -> list[int]:
    """Recompute the computed deadlines of open items on today's calendar; the ids that moved.

    ``tracker`` is the service (this module sits below it, so it is passed in, not imported);
    ``diff`` is the service's change diff, so the events read like every other item event."""
    calendar = tracker.reference.calendar
    moved: list[tuple[tuple[date, date, int], Deadline]] = []
    for received_on, due_on, period in tracker.db.all("items/open_computed_deadline_groups"):
        if not period:
            continue
        unrolled = received_on + timedelta(days=int(period))
        new_due = calendar.roll_forward(unrolled)
        if new_due != due_on:
            moved.append(
                ((received_on, due_on, period), Deadline(new_due, received_on, int(period), unrolled, calendar))
            )
    if not moved:
        return []

    def work(cur: Cursor) -> list[int]:
        ids: list[int] = []
        for group, deadline in moved:
            facts = deadline.facts().to_json()  # a legacy row's sentence gives way to the facts
            for item_id, old_due, version in cur.all("items/open_computed_deadlines_in_group", list(group)):
                new_version = tracker._update(
                    cur, "items/update_deadline", [deadline.due_on, "", facts, ""], item_id, version
                )
                changes = diff({"due_on": old_due}, {"due_on": deadline.due_on})
                history.append_item_events(
                    cur,
                    [
                        history.ItemEvent(
                            item_id,
                            actor.username,
                            "deadline_recomputed",
                            changes,
                            "",
                            new_version,
                            "deadline.recomputed_reason",  # rendered in the reader's language
                            {"old": format_date(old_due), "new": format_date(deadline.due_on)},
                        )
                    ],
                )
                ids.append(item_id)
        return ids

    return tracker.db.write(work)
