"""The one way items are written (issue 10): entry and import both insert through here.

Ids come from ``items_id_seq`` either way (the column default for one item, ``nextval`` for
many), so events can name their items; every item gets its events in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pyarrow as pa

from tracker import clock, history
from tracker.history import ItemEvent
from tracker.record import ItemRecord
from tracker.storage import Cursor

# created_at is written, not left to the column's default: the figures read its day as the day an
# item was entered, which must be tracker.clock's day (a test run pins it).
_BULK_COLUMNS = ("id", *ItemRecord.COLUMNS, "created_at")
# Columns queries/items/insert_entered.sql cannot take: a record carrying any goes the bulk way.
_NOT_ENTERED = tuple(c for c in ItemRecord.COLUMNS if c not in ItemRecord.ENTRY_COLUMNS)


def _entered(record: ItemRecord) -> bool:
    return all(getattr(record, c) is None for c in _NOT_ENTERED)


def insert_items(
    cur: Cursor,
    records: Sequence[ItemRecord],
    make_events: Callable[[Sequence[int]], Sequence[ItemEvent]],
) -> list[int]:
    """Insert the records, then the events ``make_events`` builds from their new ids; return the ids.

    One item from the entry form is one INSERT (queries/items/insert_entered.sql); many items, or one
    carrying a reply or a transfer, are one frame insert (an import of 10,000 rows in seconds).
    """
    if not records:
        return []
    if len(records) == 1 and _entered(records[0]):
        values = records[0].values()
        row = cur.one("items/insert_entered", [*(values[c] for c in ItemRecord.ENTRY_COLUMNS), clock.now()])
        assert row is not None  # an INSERT ... RETURNING always returns the new row
        ids = [int(row[0])]
    else:
        ids = [int(i) for (i,) in cur.all("import/next_item_ids", [len(records)])]
        import pandas as pd  # here, not at the top: a command that inserts no batch starts 0.7 s sooner

        stamp = clock.now()
        rows = [{"id": item_id, **r.values(), "created_at": stamp} for r, item_id in zip(records, ids, strict=True)]
        cur.insert_frame("items", pd.DataFrame.from_records(rows, columns=list(_BULK_COLUMNS)), _BULK_COLUMNS)
    history.append_item_events(cur, make_events(ids))
    return ids


def insert_item_columns(
    cur: Cursor,
    columns: Mapping[str, Sequence[Any]],
    event_columns: Callable[[Sequence[int]], Mapping[str, Sequence[Any]]] | None,
) -> list[int]:
    """``insert_items`` for items given as columns (``ItemRecord.COLUMNS`` by name, one list each):
    an import's items as one Arrow table, then the events ``event_columns`` gives for their new ids
    (``history.EVENT_COLUMNS`` by name) as another. Why Arrow and not records: 100,000 items become
    two inserts with no Python object per row (issue 15). ``event_columns`` None: the caller
    writes the events itself, in the same transaction (the import builds them in SQL)."""
    count = len(columns["kind"])
    if not count:
        return []
    ids = [int(i) for (i,) in cur.all("import/next_item_ids", [count])]
    stamp = pa.repeat(pa.scalar(clock.now(), pa.timestamp("us")), count)
    items = pa.table({"id": ids, **{c: columns[c] for c in ItemRecord.COLUMNS}, "created_at": stamp})
    cur.insert_frame("items", items, _BULK_COLUMNS)
    if event_columns is None:
        return ids
    events = event_columns(ids)
    cur.insert_frame("item_events", pa.table({c: events[c] for c in history.EVENT_COLUMNS}), history.EVENT_COLUMNS)
    return ids


_DATES = ("received_on", "due_on", "responded_on", "committed_on", "transferred_on")
_STAMPS = ("created_at", "updated_at", "archived_at")


def insert_stored(cur: Cursor, records: Sequence[ItemRecord]) -> None:
    """Insert records that carry their own ids, versions and timestamps, as one frame (the
    benchmark's register: a history that has already happened). Their events are the caller's."""
    import pandas as pd  # a benchmark's tool: the app and the CLI need not load pandas for it

    columns = ItemRecord.BENCH_COLUMNS
    stored: dict[str, list[object]] = {c: [getattr(r, c) for r in records] for c in columns if c != "search_text"}
    stored["search_text"] = [r.search_text() for r in records]
    frame = pd.DataFrame(stored, columns=list(columns))
    for column in _DATES:  # explicit, so DuckDB never guesses a column of Nones
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[s]")
    for column in _STAMPS:
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[us]")
    cur.insert_frame("items", frame, columns)
