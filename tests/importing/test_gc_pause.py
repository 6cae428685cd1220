"""An import holds the cyclic garbage collector off while it runs (tracker/importing/gc_pause.py)
and always gives it back: after a file that imports, after one that is refused, and never turns
it on for someone who had it off."""

from __future__ import annotations

import gc

import pytest

from tests.importing.test_import import RECOMMENDATION, csv_bytes
from tracker.errors import InvalidInput
from tracker.importing import commit_import, preview_import, read_table
from tracker.importing.gc_pause import collector_paused
from tracker.permissions import SYSTEM


def test_the_collector_is_on_again_after_an_import_and_after_a_refused_file(tracker):
    assert gc.isenabled()
    preview = preview_import(tracker, SYSTEM, read_table(csv_bytes([RECOMMENDATION]), "a.csv"))
    assert commit_import(tracker, SYSTEM, preview).created == 1
    assert gc.isenabled()
    with pytest.raises(InvalidInput):
        read_table(b"", "empty.csv")
    assert gc.isenabled()


def test_the_collector_is_off_during_the_work_and_left_off_for_whoever_turned_it_off():
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
