"""Writing a preview's new rows in one transaction, all or nothing."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tracker import file_limits, history
from tracker.errors import InvalidInput, PermissionDenied
from tracker.i18n import t
from tracker.importing.columns import (
    Columns,
    changes_json,
    events_in_sql,
    item_columns,
    json_string,
    reason_params_json,
)
from tracker.importing.gc_pause import collector_paused
from tracker.importing.model import Fate, ImportResult, Preview, Progress
from tracker.importing.preview import preview_import
from tracker.importing.read import read_table
from tracker.item_store import insert_item_columns
from tracker.mail.notify import queue_created, rows_of_columns
from tracker.permissions import Action, Actor, can, require
from tracker.service import Tracker
from tracker.sessions import SessionRef
from tracker.storage import Cursor
from tracker.text import fold

# Rows written per slice: the Arrow tables and Python columns of one slice are held at once.
SLICE_ROWS = 20_000


@collector_paused()
def commit_import(
    tracker: Tracker, actor: Actor, preview: Preview, *, lang: str = "vi", on_progress: Progress | None = None
) -> ImportResult:
    """Write the preview's new rows in one transaction; refuse the whole file if any row is invalid."""
    require(actor, Action.IMPORT)
    if (
        preview.create_missing
        and (preview.unknown_sessions or preview.new_units)
        and not can(actor, Action.MANAGE_SETTINGS)
    ):
        # Sessions and units are administrators' settings; an import must not be a way around that.
        raise PermissionDenied("error.create_missing_admin")
    invalid = preview.count(Fate.INVALID)
    if invalid:
        raise InvalidInput("import.has_invalid", field="file", count=invalid, file=preview.table.name)
    # The new rows as columns, as the preview keeps them (RowSet): no object per row.
    positions = preview.rows.positions(Fate.NEW)
    skipped = preview.count(Fate.DUPLICATE)
    if not positions:
        return ImportResult(0, skipped)
    if on_progress:
        on_progress(0.1, t("import.progress_writing", lang, count=len(positions)))

    def work(cur: Cursor) -> ImportResult:
        sessions_created = []
        if preview.create_missing:
            cur.many(
                "sessions/insert_missing",
                [
                    (
                        s.term,
                        s.number,
                        s.extraordinary,
                        None,
                        None,
                        t("import.created_note", lang, file=preview.table.name),
                    )
                    for s in preview.unknown_sessions
                ],
            )
            cur.many(
                "units/insert_missing",
                [
                    (u.code, u.name_vi, u.name_en, fold(u.name_vi), u.active_from, u.active_to, u.sort_order)
                    for u in preview.new_units
                ],
            )
            sessions_created = [s.code() for s in preview.unknown_sessions]
            # Settings changes are administrative events (the audit trail), as in Settings.
            # The reason as a catalog key and its values: rendered in the reader's language.
            key, params = "import.created_note", {"file": preview.table.name}
            history.append_admin_events(
                cur,
                [
                    history.AdminEvent(actor.username, "session_saved", code, {}, "", key, params)
                    for code in sessions_created
                ]
                + [
                    history.AdminEvent(
                        actor.username, "unit_saved", u.code, {"name_vi": [None, u.name_vi]}, "", key, params
                    )
                    for u in preview.new_units
                ],
            )
        session_ids = {
            SessionRef(r["term"], r["number"], r["extraordinary"]): r["id"] for r in cur.records("sessions/list")
        }
        # Someone may have added an item with the same number since the preview: skip it, as
        # the preview would now.
        taken = {
            (r["kind"], SessionRef(r["term"], r["session_number"], r["extraordinary"]), r["ref_no"].strip().lower())
            for r in cur.records("import/existing_items")
            if r["ref_no"].strip()
        }
        ids, told = [], []
        # Written a slice at a time inside the one transaction (issue 15): a slice's columns and
        # their Arrow copies are dropped before the next is built, so memory follows the slice,
        # not the file. A failure in any slice rolls every slice back (Database.write).
        for start in range(0, len(positions), SLICE_ROWS):
            part = positions[start : start + SLICE_ROWS]
            fields = preview.rows.item_fields(part)
            numbers = [preview.rows.numbers[p] for p in part]
            if taken:
                fields, numbers = _untaken(fields, numbers, taken)
            if numbers:
                part_ids, part_told = _insert_slice(cur, fields, numbers, session_ids, actor, preview.table.name)
                ids += part_ids
                told += part_told
        late_skipped = len(positions) - len(ids)
        if not ids:
            return ImportResult(0, skipped + late_skipped)
        # Issue 13: each unit told once of the items it got (all slices), in this same transaction.
        queue_created(cur, tracker.reference, told, tracker.deps.today())
        return ImportResult(
            len(ids),
            skipped + late_skipped,
            tuple(ids),
            tuple(u.code for u in preview.new_units),
            tuple(sessions_created),
        )

    result = tracker.db.write(work)
    if preview.create_missing and (preview.new_units or preview.unknown_sessions):
        tracker.refresh_reference()
    if on_progress:
        on_progress(1.0, result.message(lang))
    return result


def _untaken(
    fields: dict[str, list[Any]], numbers: list[int], taken: set[tuple[str, SessionRef, str]]
) -> tuple[dict[str, list[Any]], list[int]]:
    """The rows whose incoming number no item has taken since the preview."""
    keep = [
        k
        for k, (kind, session, ref_no) in enumerate(
            zip(fields["kind"], fields["session"], fields["ref_no"], strict=True)
        )
        if not (ref_no.strip() and (kind.value, session, ref_no.strip().lower()) in taken)
    ]
    if len(keep) == len(numbers):
        return fields, numbers
    return {name: [values[k] for k in keep] for name, values in fields.items()}, [numbers[k] for k in keep]


def _insert_slice(
    cur: Cursor,
    fields: dict[str, list[Any]],
    numbers: list[int],
    session_ids: dict[SessionRef, int],
    actor: Actor,
    file: str,
) -> tuple[list[int], list[dict[str, Any]]]:
    """One slice's items and "imported" events written; their ids, and the rows queue_created
    reads for those it tells anyone of (open, with a lead unit: only those become mappings)."""
    # As columns, not one ItemRecord per item (tracker/importing/columns.py says why).
    items = item_columns(fields, session_ids, actor.username)

    def imported(ids: Sequence[int]) -> Columns:
        n = len(ids)
        return {
            "item_id": list(ids),
            "actor": [actor.username] * n,
            "action": ["imported"] * n,
            "changes": changes_json(items),
            "reason": [""] * n,
            "version": [1] * n,  # the version the import produced
            "reason_key": ["import.event_reason"] * n,  # rendered in the reader's language
            "reason_params": reason_params_json(file, numbers),
        }

    in_sql = events_in_sql(items)
    ids = insert_item_columns(cur, items, None if in_sql else imported)
    if in_sql:  # the same events, built by DuckDB from the items just written
        cur.run("import/insert_imported_events", [actor.username, json_string(file), ids, numbers])
    told = [
        k
        for k, (lead, responded, transferred) in enumerate(
            zip(items["lead_unit"], items["responded_on"], items["transferred_on"], strict=True)
        )
        if lead and not responded and not transferred
    ]
    told_columns = {name: [values[k] for k in told] for name, values in items.items()}
    return ids, rows_of_columns([ids[k] for k in told], told_columns)


def import_file(
    tracker: Tracker,
    actor: Actor,
    path: Path,
    *,
    create_missing: bool = False,
    encoding: str | None = None,
    lang: str = "vi",
) -> tuple[Preview, ImportResult | None]:
    """Preview a file and, when every row is valid, commit it (the CLI without --dry-run)."""
    table = read_table(file_limits.read_upload(Path(path)), Path(path).name, encoding)
    preview = preview_import(tracker, actor, table, create_missing=create_missing, lang=lang)
    if preview.count(Fate.INVALID):
        return preview, None
    return preview, commit_import(tracker, actor, preview, lang=lang)
