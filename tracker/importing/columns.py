"""An import's items and their "imported" events as columns (issue 15), for one frame insert each.

Why not one ItemRecord per item: building 100,000 records, each with ``values()`` (its search text
folded) for the row and again for the event, ``with_reply``'s ``dataclasses.replace`` and three
``json.dumps`` a row, was most of a large import's commit. Here every column is a list built in
one pass, each distinct text is folded once and each distinct value JSON-encoded once.

What each column holds is what ``ItemRecord.from_entered(item, ...).values()`` holds and what
``history.imported_changes`` / ``history.to_json`` write for its event, to the character:
tests/importing/test_columns.py compares them on generated, real and hostile rows.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from tracker.history import IMPORTED_FIELDS
from tracker.importing.cells import each_distinct
from tracker.items import Kind, Phase, Reply
from tracker.record import ItemRecord
from tracker.sessions import SessionRef
from tracker.text import fold

Columns = dict[str, list[Any]]

# The parts of the search key, in ItemRecord.search_text's order.
_SEARCH_PARTS = ("ref_no", "summary", "full_text", "topic", "sources", "deputy", "response_no", "response_summary")
# history.to_json's encoding (json.dumps(..., ensure_ascii=False)), made once rather than per call.
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def item_columns(fields: Mapping[str, Sequence[Any]], session_ids: dict[SessionRef, int], created_by: str) -> Columns:
    """The ``items`` rows of these items, ``ItemRecord.COLUMNS`` by name (search text included).
    ``fields``: ``ImportedItem`` field name -> one value per item (``RowSet.item_fields``)."""
    n = len(fields["kind"])
    replies: Sequence[Reply | None] = fields["reply"]
    transferred = fields["transferred_on"]
    columns: Columns = {
        "kind": each_distinct(fields["kind"], _value),
        "session_id": _session_ids(fields["session"], session_ids),
        "phase": each_distinct(fields["phase"], _value),
        "ref_no": list(fields["ref_no"]),
        "received_on": list(fields["received_on"]),
        "sources": each_distinct(fields["sources"], "; ".join),
        "deputy": list(fields["deputy"]),
        "summary": list(fields["summary"]),
        "full_text": list(fields["full_text"]),
        "topic": list(fields["topic"]),
        "lead_unit": list(fields["lead_unit"]),
        "coordinating_units": each_distinct(fields["coordinating_units"], ";".join),
        "due_on": list(fields["due_on"]),
        "due_basis": [""] * n,
        "due_override_reason": list(fields["due_override_reason"]),
        "response_no": [r.response_no if r else None for r in replies],
        "responded_on": [r.responded_on if r else None for r in replies],
        "signer": [r.signer if r else None for r in replies],
        "response_summary": [r.summary if r else None for r in replies],
        "result": [r.result.value if r and r.result else None for r in replies],
        "roadmap": [(r.roadmap or None) if r else None for r in replies],
        "committed_on": [r.committed_on if r else None for r in replies],
        "late_reason": [(r.late_reason or None) if r else None for r in replies],
        "transferred_on": list(transferred),
        "transfer_note": [note if on else None for on, note in zip(transferred, fields["transfer_note"], strict=True)],
        "created_by": [created_by] * n,
        # Facts repeat (one per kind and day received): each distinct one written once.
        "due_facts": each_distinct(fields["due_facts"], lambda facts: facts.to_json()),
    }
    # search_text of one part is that part's fold ("" for none), and search_text of several is
    # their non-empty folds joined by one space: so each distinct part is folded once, from the
    # folds of its words (below).
    words = _WordFolds()
    folded = [each_distinct(columns[part], words.text) for part in _SEARCH_PARTS]
    columns["search_text"] = [" ".join(filter(None, parts)) for parts in zip(*folded, strict=True)]
    return {name: columns[name] for name in ItemRecord.COLUMNS}


class _WordFolds(dict[str, str]):
    """Each distinct word's fold, once: a register's texts share their words (Vietnamese
    syllables, unit and place names), and folding is a lookup per character.

    ``text(t) == search_text(t)``: fold maps characters one by one and collapses whitespace
    (record.search_text's docstring), so a text's fold is its words' non-empty folds joined by
    one space (str.split and the pattern fold collapses agree on what is whitespace)."""

    def __missing__(self, word: str) -> str:
        folded = self[word] = fold(word)
        return folded

    def text(self, text: str | None) -> str:
        if not text:
            return ""
        if text.isascii():  # no marks to fold (as record.search_text does for such a part)
            return " ".join(text.lower().split())
        return " ".join(filter(None, map(self.__getitem__, text.split())))


def _session_ids(refs: Sequence[SessionRef], session_ids: dict[SessionRef, int]) -> list[int]:
    """Each row's session id. SessionRef's hash is a Python call (a frozen dataclass) and the rows
    share a few SessionRef objects: each object is looked up once, then every row by identity, in C."""
    objects = dict(zip(map(id, refs), refs))
    by_object = {key: session_ids[ref] for key, ref in objects.items()}
    return list(map(by_object.__getitem__, map(id, refs)))


def _value(member: Kind | Phase) -> str:
    return member.value


def _json_value(value: object) -> str:
    return _ENCODE(value.isoformat() if isinstance(value, date) else value)


def _entry(name: str) -> Callable[[object], str | None]:
    prefix = f"{_ENCODE(name)}: [null, "

    def entry(value: object) -> str | None:
        return None if value in (None, "") else f"{prefix}{_json_value(value)}]"

    return entry


def changes_json(columns: Columns) -> list[str]:
    """Each item's "imported" event changes as ``history.to_json(history.imported_changes(values))``
    writes them: ``{"field": [null, value], ...}`` for the fields that are neither None nor ""."""
    entries = [each_distinct(columns[name], _entry(name)) for name in IMPORTED_FIELDS]
    return ["{" + ", ".join(filter(None, row)) + "}" for row in zip(*entries, strict=True)]


def reason_params_json(file: str, rows: Sequence[int]) -> list[str]:
    """Each event's ``{"file": ..., "row": n}`` as ``history`` writes reason params."""
    head = f'{{"file": {_ENCODE(file)}, "row": '
    return [f"{head}{row:d}}}" for row in rows]  # an int's JSON is its decimal digits


# The characters DuckDB's to_json escapes otherwise than json.dumps: \u000B where Python writes
# \u000b (measured over every code point; validate_text refuses them all on input anyway).
_ESCAPED_OTHERWISE = re.compile("[\x0b\x0e-\x1f]")


def events_in_sql(columns: Columns) -> bool:
    """Whether queries/import/insert_imported_events.sql writes these items' events exactly as
    ``changes_json`` and ``reason_params_json`` would (issue 15: DuckDB builds them in C++ from the
    items just inserted, where the Python strings took half a second a 100,000 rows). The one
    difference is the case of a few control characters' escapes: any of those, and Python writes."""
    # str() of the other values (None, dates) has no control character: one search, in C.
    return not any(
        _ESCAPED_OTHERWISE.search("".join(map(str, dict.fromkeys(columns[name])))) for name in IMPORTED_FIELDS
    )


def json_string(text: str) -> str:
    """A text as the history's JSON writes it (json.dumps(text, ensure_ascii=False))."""
    return _ENCODE(text)
