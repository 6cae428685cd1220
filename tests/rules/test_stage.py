"""The derived stage (tracker/stage.py) and the internal deadline, with real Vietnamese dates; the
``item_stage`` macro kept equal to the Python rule; commitments as of a day."""

from __future__ import annotations

import itertools
from datetime import date

import duckdb
import pytest

from tracker.stage import FLOW, Milestone, Stage, default_internal_due, derive_stage
from tracker.storage import QUERIES_DIR
from tracker.usecases.workflow_commitments import Commitment, commitment_as_of, result_as_of

AS_OF = date(2026, 3, 2)


@pytest.mark.parametrize(
    ("due_on", "kind", "settings", "expected"),
    [
        # Due Wed 25/02/2026, right after Tết (14–22/02 off): five working days back is Wed 11/02.
        (date(2026, 2, 25), "deputy_question", {}, date(2026, 2, 11)),
        # Due 06/05/2026: ten working days back skip 30/4–3/5 and the Hùng Kings' day (27/04).
        (date(2026, 5, 6), "voter_recommendation", {}, date(2026, 4, 17)),
        # The setting per kind: three days before 04/09/2026 skip National Day (29/08–02/09).
        (date(2026, 9, 4), "deputy_question", {"internal_deadline_days.deputy_question": "3"}, date(2026, 8, 27)),
        # A setting that is not a positive number falls back to the default.
        (date(2026, 2, 25), "deputy_question", {"internal_deadline_days.deputy_question": "0"}, date(2026, 2, 11)),
    ],
)
def test_the_internal_deadline_is_working_days_before_the_legal_one(calendar, due_on, kind, settings, expected):
    assert default_internal_due(calendar, settings, kind, due_on) == expected


def test_reply_and_transfer_decide_before_any_milestone():
    before, after = date(2026, 3, 1), date(2026, 3, 3)
    assert derive_stage(before, None, "TCBC", "accepted", AS_OF) == Stage.TRANSFERRED
    # An item replied before issue 12 has no milestone: it is issued.
    assert derive_stage(None, before, "TCBC", None, AS_OF) == Stage.ISSUED
    # A reply dated after the as-of day had not happened yet.
    assert derive_stage(None, after, "TCBC", "signed", AS_OF) == Stage.SIGNED
    assert derive_stage(None, None, None, None, AS_OF) == Stage.UNASSIGNED
    assert derive_stage(None, None, "TCBC", None, AS_OF) == Stage.AWAITING_ACCEPTANCE
    assert derive_stage(None, None, "TCBC", "sent_back", AS_OF) == Stage.REVISING


def _macro_stage(con: duckdb.DuckDBPyConnection, *args: object) -> str:
    row = con.execute("select item_stage(?, ?, ?, ?, ?)", list(args)).fetchone()
    assert row is not None
    return str(row[0])


def test_the_sql_macro_agrees_with_the_python_rule_everywhere():
    con = duckdb.connect()
    con.execute((QUERIES_DIR / "views" / "05_item_stage.sql").read_text(encoding="utf-8"))
    days = (None, date(2026, 3, 1), date(2026, 3, 3))
    leads = (None, "TCBC")
    flows = (None, *(m.value for m in FLOW))
    for transferred, responded, lead, flow in itertools.product(days, days, leads, flows):
        python = derive_stage(transferred, responded, lead, flow, AS_OF)
        assert _macro_stage(con, transferred, responded, lead, flow, AS_OF) == python.value


def test_only_flow_milestones_move_the_stage():
    assert Milestone.PART_RECEIVED not in FLOW and Milestone.COMMITMENT_DONE not in FLOW


@pytest.mark.parametrize(
    ("committed_on", "done_on", "as_of", "expected"),
    [
        (date(2026, 6, 30), None, date(2026, 6, 30), Commitment.PENDING),
        (date(2026, 6, 30), None, date(2026, 7, 1), Commitment.OVERDUE),
        (date(2026, 6, 30), date(2026, 6, 15), date(2026, 7, 1), Commitment.MET),
        (date(2026, 6, 30), date(2026, 7, 10), date(2026, 7, 20), Commitment.MET_LATE),
        # Done later than the as-of day: as of that day it was still overdue.
        (date(2026, 6, 30), date(2026, 7, 10), date(2026, 7, 5), Commitment.OVERDUE),
    ],
)
def test_a_commitment_as_of_a_day(committed_on, done_on, as_of, expected):
    assert commitment_as_of(committed_on, done_on, as_of) == expected


def test_completion_moves_the_result_from_its_day_only():
    done = date(2026, 7, 10)
    assert result_as_of("being_resolved", done, date(2026, 7, 9)) == "being_resolved"
    assert result_as_of("being_resolved", done, done) == "resolved"
    assert result_as_of("explained", done, done) == "explained"
