"""The workflow figures computed in one SQL statement each give the answers of the Python they
replaced, item by item from what the item page reads, on a real DuckDB file with deadlines across
Tết 2026, 30/4–1/5 and 2/9 2025: the internal deadline's measures (queries/stats/draft_timeliness.sql:
the Office's date, or N working days before the legal deadline counted by tracker/workdays.py) and
the per-unit medians (queries/stats/stage_medians.sql)."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta
from statistics import median

import pytest

from tests.conftest import LIAISON, draft, reply
from tracker.items import Kind, Phase
from tracker.permissions import SYSTEM
from tracker.service import Filters, Tracker
from tracker.stage import Milestone
from tracker.storage import Cursor

RECEIVED = (
    date(2025, 4, 14),  # the 30/4–1/5 days off fall inside the question's 20 days
    date(2025, 8, 18),  # 2/9 National Day (and 1/9)
    date(2025, 12, 22),  # New Year 2026 (1/1 and the announced 2/1)
    date(2026, 1, 26),  # Tết 2026: 14/02–22/02 off
    date(2026, 2, 2),
)
SESSION_OF: dict[int, int] = {}  # item -> session, filled by the fixture
AS_OF = (date(2025, 5, 20), date(2025, 9, 30), date(2026, 2, 10), date(2026, 2, 20), date(2026, 3, 31))


def reference(t: Tracker, as_of: date) -> dict[tuple[int, str, str | None], dict[str, int]]:
    """The rule, one item at a time, from what the item page reads."""
    out: dict[tuple[int, str, str | None], dict[str, int]] = defaultdict(
        lambda: {"draft_on_time": 0, "draft_late": 0, "draft_overdue": 0}
    )
    for row in t.search(Filters(), as_of, limit=1000).rows:
        if row["status"] == "transferred":
            continue
        view = t.workflow(row["id"], as_of)
        drafted = min(
            (m.on_date for m in view.milestones if m.kind == Milestone.DRAFT_SUBMITTED and m.on_date <= as_of),
            default=None,
        )
        replied = row["status"] in ("replied_on_time", "replied_late")
        if drafted is None and replied:
            continue  # a reply without a draft (before issue 12) counts in no draft measure
        tally = out[(SESSION_OF[row["id"]], row["kind"], row["lead_unit"])]
        if drafted is not None:
            tally["draft_on_time" if drafted <= view.internal_due_on else "draft_late"] += 1
        elif not replied and as_of > view.internal_due_on:
            tally["draft_overdue"] += 1
    return dict(out)


def _milestone(t: Tracker, item_id: int, kind: Milestone, on: date, unit: str) -> None:
    def work(cur: Cursor) -> None:
        cur.run("workflow/insert_milestone", [item_id, kind.value, unit, on, None, "Dự thảo", None, None, "cb"])

    t.db.write(work)  # dated in the past, as a file restored from a year's work would hold them


@pytest.fixture(scope="module")
def spread(tmp_path_factory: pytest.TempPathFactory):
    """Thirty items: both kinds, three units, drafts early, on the day, late or missing, some
    replied, one transferred, a few internal deadlines set by the Office."""
    t = Tracker.open(tmp_path_factory.mktemp("drafts") / "tracker.duckdb")
    rng = random.Random(12)
    units = ("TCBC", "CQĐP", "TLBHXH")
    for n in range(30):
        received = RECEIVED[n % len(RECEIVED)]
        kind = Kind.DEPUTY_QUESTION if n % 2 else Kind.VOTER_RECOMMENDATION
        session = "15/9" if received < date(2025, 10, 1) else "15/10"
        values = {"kind": kind, "received_on": received, "lead_unit": units[n % 3], "session": session}
        if kind == Kind.DEPUTY_QUESTION:
            values["phase"] = Phase.AT_SESSION
        item_id = t.create_item(LIAISON, draft(t, **values))
        item = t.get_item(item_id)
        SESSION_OF[item_id] = item.session_id
        version = 1
        if n % 7 == 3:  # the Office's own date for this draft
            on = received + timedelta(days=rng.randint(0, (item.due_on - received).days))
            version = t.set_internal_deadline(LIAISON, item_id, version, on, "Phục vụ phiên họp")
        internal = t.workflow(item_id).internal_due_on
        fate = n % 5
        unit = item.lead_unit or ""
        if n % 6 == 1:  # reassigned: the medians count from the latest assignment
            _milestone(t, item_id, Milestone.ASSIGNED, received + timedelta(days=n % 4), unit)
        if fate in (0, 1, 2):  # a draft before, on or after the internal deadline
            drafted = internal + timedelta(days=(-3, 0, 4)[fate])
            _milestone(t, item_id, Milestone.ACCEPTED, received + timedelta(days=n % 5), unit)
            _milestone(t, item_id, Milestone.DRAFT_SUBMITTED, max(drafted, received), unit)
            for _ in range(n % 3):  # review rounds
                _milestone(t, item_id, Milestone.SENT_BACK, max(drafted, received), unit)
        if n % 4 == 0 and item.due_on < date(2026, 3, 1):
            t.record_reply(LIAISON, item_id, t.get_item(item_id).version, reply(item.due_on - timedelta(days=1)))
        elif n == 29:
            t.transfer(LIAISON, item_id, t.get_item(item_id).version, received + timedelta(days=2), "Chuyển")
    yield t
    t.close()


@pytest.mark.parametrize("as_of", AS_OF, ids=lambda d: d.strftime("%d/%m/%Y"))
def test_the_one_statement_measure_equals_the_rule_item_by_item(spread: Tracker, as_of: date):
    found = spread.draft_timeliness(as_of)
    assert found == reference(spread, as_of)


def test_the_spread_holds_every_outcome_and_crosses_the_holidays(spread: Tracker):
    """The comparison above would prove little on an empty spread: each outcome occurs."""
    totals = defaultdict(int)
    for as_of in AS_OF:
        for tally in spread.draft_timeliness(as_of).values():
            for name, n in tally.items():
                totals[name] += n
    assert all(totals[name] > 0 for name in ("draft_on_time", "draft_late", "draft_overdue")), totals
    # Tết 2026: a question received 26/01 is due after the holiday, and its default internal
    # deadline counts back across it (working days only), not 5 calendar days.
    cal = spread.reference.calendar
    tet = [d for d in cal.working_days(date(2026, 2, 9), date(2026, 2, 27))]
    assert date(2026, 2, 16) not in tet and date(2026, 2, 23) in tet


def test_a_filter_by_session_and_kind_gives_the_same_rows_as_the_whole(spread: Tracker):
    whole = spread.draft_timeliness(date(2026, 3, 31))
    for (session_id, kind, unit), tally in whole.items():
        assert spread.draft_timeliness(date(2026, 3, 31), session_id, kind)[(session_id, kind, unit)] == tally


def test_a_changed_setting_moves_the_default_internal_deadline(spread: Tracker):
    before = spread.draft_timeliness(date(2026, 2, 10))
    spread.save_setting(SYSTEM, "internal_deadline_days.deputy_question", "1")
    try:
        after = spread.draft_timeliness(date(2026, 2, 10))
        assert after == reference(spread, date(2026, 2, 10))
        assert after != before
    finally:
        spread.save_setting(SYSTEM, "internal_deadline_days.deputy_question", "5")


def medians_reference(t: Tracker, as_of: date) -> dict[tuple[int, str, str | None], dict[str, float | None]]:
    """The medians as the Python before them took them: per item with a milestone by ``as_of``,
    calendar days from the latest assignment (else the item's entry) to the first acceptance, the
    first draft and the reply, and the rounds sent back; statistics.median per unit."""
    found: dict[tuple[int, str, str | None], dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for row in t.search(Filters(), as_of, limit=1000).rows:
        item = t.get_item(row["id"])
        marks = [m for m in t.workflow(row["id"], as_of).milestones if m.on_date <= as_of]
        if not marks:
            continue
        assigned = [m.on_date for m in marks if m.kind == Milestone.ASSIGNED]
        start = max(assigned) if assigned else item.created_at.date()
        bucket = found[(item.session_id, item.kind.value, item.lead_unit)]
        for name, kind in (("to_accept", Milestone.ACCEPTED), ("to_draft", Milestone.DRAFT_SUBMITTED)):
            days = [m.on_date for m in marks if m.kind == kind]
            if days:
                bucket[name].append((min(days) - start).days)
        if item.reply is not None and item.reply.responded_on <= as_of:
            bucket["to_issue"].append((item.reply.responded_on - start).days)
        bucket["rounds"].append(sum(1 for m in marks if m.kind == Milestone.SENT_BACK))
    names = {"to_accept": "median_days_to_accept", "to_draft": "median_days_to_draft"}
    names |= {"to_issue": "median_days_to_issue", "rounds": "median_review_rounds"}
    return {
        key: {names[n]: (float(median(values[n])) if values.get(n) else None) for n in names}
        for key, values in found.items()
    }


@pytest.mark.parametrize("as_of", AS_OF, ids=lambda d: d.strftime("%d/%m/%Y"))
def test_the_one_statement_medians_equal_the_medians_item_by_item(spread: Tracker, as_of: date):
    assert spread.stage_medians(as_of) == medians_reference(spread, as_of)


def test_the_medians_are_not_trivial(spread: Tracker):
    """Halves (an even count of values), reassignments and rounds all occur in the spread."""
    values = [v for tally in spread.stage_medians(date(2026, 3, 31)).values() for v in tally.values() if v]
    assert any(v != int(v) for v in values) and any(v >= 1 for v in values)
