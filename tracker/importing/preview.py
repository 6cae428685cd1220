"""Every row's fate, nothing written: columns -> rows -> duplicates."""

from __future__ import annotations

from tracker.i18n import t
from tracker.importing.duplicates import _find_duplicates
from tracker.importing.fast import parse_rows
from tracker.importing.gc_pause import collector_paused
from tracker.importing.model import Preview, Progress
from tracker.importing.read import Table
from tracker.importing.rows import _Rows
from tracker.importing.vocab import _header_map
from tracker.permissions import Action, Actor, require
from tracker.service import Tracker


@collector_paused()
def preview_import(
    tracker: Tracker,
    actor: Actor,
    table: Table,
    *,
    create_missing: bool = False,
    lang: str = "vi",
    on_progress: Progress | None = None,
) -> Preview:
    """Every row's fate; nothing is written. Raises InvalidInput for a file that cannot be read."""
    require(actor, Action.IMPORT)
    columns, ignored = _header_map(table.headers, table.name)
    parser = _Rows(tracker, table, columns, create_missing, lang)
    rows = parse_rows(parser, on_progress)
    existing = tracker.db.records("import/existing_items")
    _find_duplicates(rows, existing, on_progress, lang)
    if on_progress:
        on_progress(1.0, t("import.progress_ready", lang))
    return Preview(
        table=table,
        rows=rows,
        columns={c: table.headers[i] for c, i in columns.items()},
        ignored_headers=ignored,
        unknown_units=tuple(parser.known.unknown_units.values()),
        unknown_sessions=tuple(parser.known.unknown_sessions),
        create_missing=create_missing,
        new_units=tuple(parser.known.new_units),
    )
