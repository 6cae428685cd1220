"""Derived status and the statistics that must always add up, in Python and in SQL alike."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.items import ArchiveReason, Kind, Result, Status
from tracker.service import Filters, Tracker
from tracker.sessions import SessionRef
from tracker.stats import Counts, count, share
from tracker.status import counts_as_of, derive_status, is_due_soon

DUE = date(2025, 10, 3)  # a Friday


def status(responded=None, transferred=None, as_of=DUE, due=DUE):
    return derive_status(due_on=due, responded_on=responded, transferred_on=transferred, as_of=as_of)


# -- derive_status -------------------------------------------------------------------------------
def test_open_on_the_due_day_and_overdue_from_the_day_after():
    assert status(as_of=DUE - timedelta(days=1)) == Status.OPEN_NOT_DUE
    assert status(as_of=DUE) == Status.OPEN_NOT_DUE
    assert status(as_of=DUE + timedelta(days=1)) == Status.OVERDUE


def test_reply_on_the_due_day_is_on_time_and_the_day_after_is_late():
    assert status(responded=DUE, as_of=date(2026, 1, 1)) == Status.REPLIED_ON_TIME
    assert status(responded=DUE - timedelta(days=10), as_of=date(2026, 1, 1)) == Status.REPLIED_ON_TIME
    assert status(responded=DUE + timedelta(days=1), as_of=date(2026, 1, 1)) == Status.REPLIED_LATE


def test_a_reply_dated_after_as_of_has_not_happened_yet():
    reply_on = DUE + timedelta(days=5)
    assert status(responded=reply_on, as_of=DUE) == Status.OPEN_NOT_DUE
    assert status(responded=reply_on, as_of=reply_on - timedelta(days=1)) == Status.OVERDUE
    assert status(responded=reply_on, as_of=reply_on) == Status.REPLIED_LATE


def test_transfer_counts_from_its_date():
    on = DUE - timedelta(days=3)
    assert status(transferred=on, as_of=on - timedelta(days=1)) == Status.OPEN_NOT_DUE
    assert status(transferred=on, as_of=on) == Status.TRANSFERRED
    assert status(transferred=on, as_of=date(2030, 1, 1)) == Status.TRANSFERRED


def test_due_soon_is_open_and_within_the_working_day_window():
    assert is_due_soon(DUE, DUE - timedelta(days=2), working_days_left=2, within=5)
    assert is_due_soon(DUE, DUE, working_days_left=0, within=5)
    assert not is_due_soon(DUE, DUE - timedelta(days=14), working_days_left=10, within=5)
    assert not is_due_soon(DUE, DUE + timedelta(days=1), working_days_left=-1, within=5)  # already overdue


# -- count -----------------------------------------------------------------------------------------
def test_count_fills_the_four_buckets_and_counts_transfers_apart():
    rows = [
        (Status.REPLIED_ON_TIME, Result.RESOLVED),
        (Status.REPLIED_ON_TIME, Result.EXPLAINED),
        (Status.REPLIED_ON_TIME, Result.EXPLAINED),
        (Status.REPLIED_LATE, Result.BEING_RESOLVED),
        (Status.OPEN_NOT_DUE, None),
        (Status.OVERDUE, None),
        (Status.OVERDUE, None),
        (Status.TRANSFERRED, None),
    ]
    c = count(rows)
    assert c == Counts(
        total=7,
        replied=4,
        replied_on_time=3,
        replied_late=1,
        open_not_due=1,
        overdue=2,
        transferred=1,
        resolved=1,
        being_resolved=1,
        explained=2,
    )
    assert c.total == c.replied + c.open_not_due + c.overdue
    assert c.replied == c.replied_on_time + c.replied_late
    assert c.invariant_errors() == []
    assert c.completion_pct == 57.1


def test_completion_is_none_when_nothing_was_received_not_zero_percent():
    assert count([]).completion_pct is None
    assert count([(Status.TRANSFERRED, None)]).completion_pct is None  # transfers are not "received"
    assert count([]).as_dict()["completion_pct"] is None


def test_129_of_129_is_100_percent():
    c = count([(Status.REPLIED_ON_TIME, Result.EXPLAINED)] * 107 + [(Status.REPLIED_LATE, Result.RESOLVED)] * 22)
    assert (c.replied, c.total, c.completion_pct) == (129, 129, 100.0)
    assert c.as_dict()["completion_pct"] == 100.0


def test_invariant_errors_catch_numbers_that_do_not_add_up():
    assert Counts(total=3, replied=1, replied_on_time=1, explained=1).invariant_errors() == [
        "total != replied + open_not_due + overdue"
    ]
    assert Counts(total=1, replied=1, replied_on_time=0, explained=1).invariant_errors() == [
        "replied != on_time + late"
    ]
    assert Counts(total=1, replied=1, replied_on_time=1).invariant_errors() == [
        "replied != resolved + being_resolved + explained"
    ]


def test_share_rounds_to_one_decimal_and_is_none_on_zero():
    assert share(1433, 1472) == 97.4
    assert share(2, 3) == 66.7
    assert share(0, 0) is None


# -- SQL (queries/stats, items_as_of) agrees with the Python rules on random items ----------------
SESSIONS = ("15/7", "15/8", "15/9", "15/BT9")
UNITS = ("CQĐP", "TCBC", "TLBHXH", None)

item_strategy = st.fixed_dictionaries(
    {
        "session": st.sampled_from(SESSIONS),
        "kind": st.sampled_from(list(Kind)),
        "received_on": st.dates(min_value=date(2024, 1, 1), max_value=date(2025, 12, 31)),
        "due_after": st.integers(min_value=0, max_value=70),
        "outcome": st.one_of(
            st.none(),
            st.tuples(st.just("reply"), st.integers(min_value=0, max_value=120), st.sampled_from(list(Result))),
            st.tuples(st.just("transfer"), st.integers(min_value=0, max_value=120), st.none()),
        ),
        "archived": st.sampled_from([None, None, None, ArchiveReason.OTHER, ArchiveReason.DUPLICATE_ENTRY]),
        "lead": st.sampled_from(UNITS),
    }
)


@pytest.fixture(scope="module")
def stats_tracker(tmp_path_factory):
    t = Tracker.open(tmp_path_factory.mktemp("stats") / "stats.duckdb")
    yield t
    t.close()


def _store(tracker: Tracker, items: list[dict]) -> list[dict]:
    ids = {code: tracker.reference.session_by_ref(SessionRef.parse(code)).id for code in SESSIONS}
    stored = []

    def work(cur):
        cur.raw.execute("delete from item_events")
        cur.raw.execute("delete from items")
        for n, it in enumerate(items):
            due_on = it["received_on"] + timedelta(days=it["due_after"])
            (item_id,) = cur.one(
                "items/insert",
                [
                    it["kind"].value,
                    ids[it["session"]],
                    "after",
                    f"{n}/X",
                    it["received_on"],
                    "",
                    "",
                    f"Kiến nghị số {n}",
                    "",
                    "",
                    it["lead"],
                    "",
                    due_on,
                    "",
                    "",
                    f"kien nghi so {n}",
                    "test",
                ],
            )
            version = 1
            responded_on = transferred_on = result = None
            if it["outcome"] and it["outcome"][0] == "reply":
                responded_on = it["received_on"] + timedelta(days=it["outcome"][1])
                result = it["outcome"][2]
                (version,) = cur.one(
                    "items/update_reply",
                    ["1/BNV", responded_on, "", "", result.value, None, None, None, "", item_id, version],
                )
            elif it["outcome"]:
                transferred_on = it["received_on"] + timedelta(days=it["outcome"][1])
                (version,) = cur.one("items/update_transfer", [transferred_on, "chuyển", item_id, version])
            if it["archived"]:
                stamp = datetime.combine(ARCHIVED_ON, datetime.min.time())
                cur.one("items/set_archived", [stamp, it["archived"].value, item_id, version])
            stored.append(
                dict(
                    it,
                    id=item_id,
                    session_id=ids[it["session"]],
                    due_on=due_on,
                    responded_on=responded_on,
                    transferred_on=transferred_on,
                    result=result,
                )
            )

    tracker.db.write(work)
    return stored


ARCHIVED_ON = date(2025, 1, 1)


def _python_stats(items: list[dict], as_of: date) -> tuple[dict, dict]:
    rows = defaultdict(list)
    statuses = {}
    for it in items:
        archived_on = ARCHIVED_ON if it["archived"] else None
        if not counts_as_of(
            received_on=it["received_on"], archived_on=archived_on, archive_reason=it["archived"], as_of=as_of
        ):
            continue
        s = derive_status(
            due_on=it["due_on"], responded_on=it["responded_on"], transferred_on=it["transferred_on"], as_of=as_of
        )
        statuses[it["id"]] = s
        rows[(it["session_id"], it["kind"].value)].append((s, it["result"]))
    return {key: count(r) for key, r in rows.items()}, statuses


@settings(max_examples=25)
@given(
    items=st.lists(item_strategy, max_size=25),
    as_of_dates=st.lists(st.dates(min_value=date(2023, 12, 1), max_value=date(2026, 6, 30)), min_size=1, max_size=3),
)
def test_sql_statistics_equal_python_rules_on_random_items(stats_tracker, items, as_of_dates):
    stored = _store(stats_tracker, items)
    # Also look exactly at the edges: the due day, the day after, the day of a reply.
    edges = [d for it in stored[:1] for d in (it["due_on"], it["due_on"] + timedelta(days=1), it["responded_on"]) if d]
    for as_of in [*as_of_dates, *edges]:
        expected, statuses = _python_stats(stored, as_of)
        got = {(r.session_id, r.kind): r.counts for r in stats_tracker.stats(as_of)}
        sessions_expected = {sid for sid, _ in expected}
        assert {sid for sid, _ in got} == sessions_expected
        for key in set(got) | set(expected):
            assert got.get(key, Counts()) == expected.get(key, Counts()), (as_of, key)
        for c in got.values():
            assert c.invariant_errors() == []
        # By unit: the same numbers, split by lead unit.
        by_unit = defaultdict(Counts)
        for r in stats_tracker.stats_by_unit(as_of):
            by_unit[(r.session_id, r.kind)] = by_unit[(r.session_id, r.kind)] + r.counts
        for key in set(by_unit) | set(expected):
            assert by_unit.get(key, Counts()) == expected.get(key, Counts()), (as_of, key)
        # The bench's bare aggregates (tracker/bench.py measures against them) count the same.
        for query, with_unit in (("bench/bare_by_session", False), ("bench/bare_by_unit", True)):
            bare = defaultdict(Counts)
            for r in stats_tracker.db.records(query, {"as_of": as_of, "session_id": None}):
                bare[(r["session_id"], r["kind"])] += Counts(**{f: int(r[f]) for f in Counts.__dataclass_fields__})
            assert dict(bare) == expected, (query, as_of)
        # The register shows the same status per item.
        page = stats_tracker.search(Filters(), as_of, limit=1000)
        assert page.total == len(statuses)
        assert {r["id"]: Status(r["status"]) for r in page.rows} == statuses


def test_stats_for_a_chosen_session_and_kind_include_zero_rows(stats_tracker):
    _store(stats_tracker, [])
    sid = stats_tracker.reference.session_by_ref(SessionRef.parse("15/8")).id
    rows = stats_tracker.stats(date(2026, 1, 1), sid)
    assert [(r.ref.code(), r.kind) for r in rows] == [("15/8", "voter_recommendation"), ("15/8", "deputy_question")]
    assert all(r.counts == Counts() and r.counts.completion_pct is None for r in rows)
    rows = stats_tracker.stats(date(2026, 1, 1), sid, "deputy_question")
    assert [r.kind for r in rows] == ["deputy_question"]
    assert stats_tracker.stats(date(2026, 1, 1)) == []  # no session has items
