"""Status derived from stored facts and an "as of" date (never stored as a second truth).

The same rules are written once in SQL for speed (the ``item_status`` and ``item_counted`` macros in
queries/views/, used by ``items_as_of`` and the bench's bare aggregates); tests/rules/test_status_and_stats.py
checks they agree on random items.
"""

from __future__ import annotations

from datetime import date

from tracker.items import ArchiveReason, Status


def counts_as_of(
    *, received_on: date, archived_on: date | None, archive_reason: ArchiveReason | str | None, as_of: date
) -> bool:
    """Whether an item belongs in the figures as of ``as_of``.

    Not yet received: no. Archived as a duplicate entry (issue 9): never, at any date, so a
    re-issued past report no longer carries it. Archived for another reason: still counted as of
    the days before its archiving, so last month's figures stay reproducible.
    """
    if received_on > as_of:
        return False
    if archived_on is None:
        return True
    if archive_reason == ArchiveReason.DUPLICATE_ENTRY:
        return False
    return archived_on > as_of


def derive_status(
    *,
    due_on: date,
    responded_on: date | None,
    transferred_on: date | None,
    as_of: date,
) -> Status:
    """Status of an item as it stood at the end of ``as_of``.

    A reply or transfer dated after ``as_of`` had not happened yet; an item is overdue once the
    day after its deadline begins (as_of > due_on), as Alaveteli counts it.
    """
    if transferred_on is not None and transferred_on <= as_of:
        return Status.TRANSFERRED
    if responded_on is not None and responded_on <= as_of:
        return Status.REPLIED_ON_TIME if responded_on <= due_on else Status.REPLIED_LATE
    return Status.OVERDUE if as_of > due_on else Status.OPEN_NOT_DUE


def is_due_soon(due_on: date, as_of: date, working_days_left: int, within: int) -> bool:
    """Open and not yet overdue, with at most ``within`` working days left."""
    return due_on >= as_of and working_days_left <= within
