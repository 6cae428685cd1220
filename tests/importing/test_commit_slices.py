"""The import's commit writes its rows a slice at a time inside ONE transaction (issue 15): the
same items, events and unit mail as one slice, and a failure in a later slice leaves nothing of
the earlier ones (all or nothing)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ADMIN
from tests.factories import as_csv, generated_rows
from tracker.importing import commit, commit_import, preview_import, read_table
from tracker.mail import directory
from tracker.mail.config import MailSettings, save_mail_settings
from tracker.permissions import SYSTEM
from tracker.service import Tracker

_STORED = (
    "select * exclude (created_at, updated_at) from items order by id",
    "select * exclude (id, occurred_at) from item_events order by item_id, action",
    "select reason, recipient, unit, subject, body, item_ids from mail_outbox order by recipient, unit, reason",
)
ROWS = generated_rows(23)  # five slices of five, the last one of three


def _tracker(path: Path) -> Tracker:
    tracker = Tracker.open(path)
    save_mail_settings(tracker.db, ADMIN, MailSettings(host="127.0.0.1", port=25, sender="theodoi@moha.gov.vn"))
    units = [u.code for u in tracker.reference.units]
    directory.set_unit_mailboxes(tracker.db, ADMIN, "TLBHXH", ["tlbhxh@moha.gov.vn"], units)
    directory.set_unit_mailboxes(tracker.db, ADMIN, "CCVC", ["ccvc@moha.gov.vn"], units)
    return tracker


def _stored(tracker: Tracker) -> list[list[tuple]]:
    cur = tracker.db.reader()
    try:
        return [cur.raw.execute(sql).fetchall() for sql in _STORED]
    finally:
        cur.raw.close()


def _import(path: Path) -> list[list[tuple]]:
    tracker = _tracker(path)
    try:
        preview = preview_import(tracker, SYSTEM, read_table(as_csv(ROWS), "gen.csv"))
        assert commit_import(tracker, SYSTEM, preview).created == len(ROWS)
        return _stored(tracker)
    finally:
        tracker.close()


def test_slices_store_what_one_slice_stores_and_tell_each_unit_once(tmp_path, monkeypatch):
    whole = _import(tmp_path / "whole.duckdb")
    monkeypatch.setattr(commit, "SLICE_ROWS", 5)
    sliced = _import(tmp_path / "sliced.duckdb")
    items, events, mail = sliced
    assert len(items) == len(events) == len(ROWS)
    assert [row[0] for row in items] == list(range(1, len(ROWS) + 1))  # ids follow the file's rows
    # Each unit's mailbox gets one list of its items, not one list per slice.
    assert len(mail) == len({(r[1], r[2], r[0]) for r in mail}) > 0
    assert sliced == whole


def test_a_failure_in_a_later_slice_leaves_nothing_written(tmp_path, monkeypatch):
    monkeypatch.setattr(commit, "SLICE_ROWS", 5)
    real_insert = commit.insert_item_columns
    calls = []

    def fail_on_the_third_slice(cur, columns, events):
        calls.append(len(columns["kind"]))
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return real_insert(cur, columns, events)

    monkeypatch.setattr(commit, "insert_item_columns", fail_on_the_third_slice)
    tracker = _tracker(tmp_path / "t.duckdb")
    try:
        preview = preview_import(tracker, SYSTEM, read_table(as_csv(ROWS), "gen.csv"))
        with pytest.raises(RuntimeError, match="disk full"):
            commit_import(tracker, SYSTEM, preview)
        assert calls == [5, 5, 5]  # two slices were written inside the transaction, then it failed
        assert _stored(tracker) == [[], [], []]
        # The same preview commits whole afterwards.
        monkeypatch.setattr(commit, "insert_item_columns", real_insert)
        assert commit_import(tracker, SYSTEM, preview).created == len(ROWS)
        assert len(_stored(tracker)[0]) == len(ROWS)
    finally:
        tracker.close()
