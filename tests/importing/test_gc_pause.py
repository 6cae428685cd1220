"""An import holds the cyclic garbage collector off while it runs (tracker/importing/gc_pause.py)
and always gives it back: after a file that imports, after one that is refused, and never turns
it on for someone who had it off. What it made goes to the oldest generation on the way out, so
the first allocation after it does not walk all of it as young objects; a cycle among it is
still freed."""

from __future__ import annotations

import gc
import weakref

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


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


def test_what_the_import_made_skips_the_young_generation_and_its_cycles_are_still_freed():
    with collector_paused():
        made = [(i, str(i)) for i in range(20_000)]  # tuples the collector tracks
        cycle = _Node()
        gone = weakref.ref(cycle)
    # Nothing of it is left for a youngest-generation walk (20,000 would be pending otherwise).
    assert gc.get_count()[0] < gc.get_threshold()[0]
    assert gc.is_tracked(made[0]) and gc.isenabled()
    del cycle, made
    gc.collect()
    assert gone() is None
