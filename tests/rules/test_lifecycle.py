"""The lifecycle table (tracker/lifecycle.py), cell by cell: every verb x item state x kind of actor,
through the service (it refuses or accepts) and through ``offers`` (the item panel shows exactly
what the service would accept). The expected table is written out here on purpose, not derived
from the module, so a change to the rules shows up as a change to this table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import ADMIN, LIAISON, VIEWER, draft, officer, reply
from tracker import lifecycle
from tracker.errors import InvalidInput, PermissionDenied
from tracker.lifecycle import Verb
from tracker.permissions import Actor
from tracker.service import Tracker

ACTORS: dict[str, Actor] = {
    "admin": ADMIN,
    "liaison": LIAISON,
    "lead": officer("TCBC"),  # the item's lead unit
    "coordinating": officer("CQĐP"),  # its coordinating unit
    "other": officer("CCVC"),  # a unit with no part in it
    "viewer": VIEWER,
}
STATES = ("open", "replied", "transferred", "archived")

OK = "ok"
NA = "n/a"  # the verb is about another state (a reply to a replied item is its correction)


def denied(action: str) -> tuple[str, str]:
    return ("denied", action)


def refused(key: str, field: str | None) -> tuple[str, str, str | None]:
    return ("refused", key, field)


CLOSED = refused("error.override_closed", "due_on")
ON_TRANSFERRED = refused("error.reply_on_transferred", "result")
# verb -> the answer for an administrator or liaison officer, per state.
FOR_OFFICE: dict[Verb, dict[str, object]] = {
    Verb.ASSIGN: dict.fromkeys(STATES, OK),
    Verb.REPLY: {"open": OK, "replied": NA, "transferred": ON_TRANSFERRED, "archived": OK},
    Verb.CORRECT_REPLY: {"open": NA, "replied": OK, "transferred": NA, "archived": NA},
    Verb.RECORD_PROGRESS: dict.fromkeys(STATES, OK),
    Verb.OVERRIDE_DEADLINE: {"open": OK, "replied": CLOSED, "transferred": CLOSED, "archived": OK},
    Verb.EDIT: dict.fromkeys(STATES, OK),
    Verb.UNDO_TRANSFER: {
        "open": refused("error.not_transferred", "transferred_on"),
        "replied": refused("error.not_transferred", "transferred_on"),
        "transferred": OK,
        "archived": refused("error.not_transferred", "transferred_on"),
    },
    Verb.TRANSFER: {
        "open": OK,
        "replied": refused("error.transfer_replied", "transferred_on"),
        "transferred": refused("error.already_transferred", "transferred_on"),  # decided: was accepted
        "archived": OK,
    },
    Verb.ARCHIVE: {
        "open": OK,
        "replied": OK,
        "transferred": OK,
        "archived": refused("error.already_archived", None),  # decided: was re-stamped
    },
    Verb.RESTORE: {
        "open": refused("error.not_archived", None),  # decided: was "restored"
        "replied": refused("error.not_archived", None),
        "transferred": refused("error.not_archived", None),
        "archived": OK,
    },
    # Issue 14: an archived item is no occurrence to link or merge; any other state is.
    Verb.LINK_SIMILAR: {
        "open": OK,
        "replied": OK,
        "transferred": OK,
        "archived": refused("error.already_archived", None),
    },
    Verb.MERGE: {
        "open": OK,
        "replied": OK,
        "transferred": OK,
        "archived": refused("error.already_archived", None),
    },
}
# The permission each verb's role gate names.
ACTION = {
    Verb.ASSIGN: "assign",
    Verb.REPLY: "record_reply",
    Verb.CORRECT_REPLY: "record_reply",
    Verb.RECORD_PROGRESS: "record_progress",
    Verb.OVERRIDE_DEADLINE: "override_deadline",
    Verb.EDIT: "edit_item",
    Verb.UNDO_TRANSFER: "transfer",
    Verb.TRANSFER: "transfer",
    Verb.ARCHIVE: "archive",
    Verb.RESTORE: "archive",
    Verb.LINK_SIMILAR: "edit_item",
    Verb.MERGE: "edit_item",
}
UNIT_VERBS = {Verb.REPLY, Verb.CORRECT_REPLY, Verb.RECORD_PROGRESS}


def expected(verb: Verb, state: str, who: str) -> object:
    office = FOR_OFFICE[verb][state]
    if who in ("admin", "liaison") or office == NA:
        return office
    if who in ("lead", "coordinating") and verb in UNIT_VERBS:
        if verb == Verb.CORRECT_REPLY and who == "coordinating":
            return denied("correct_reply")  # only the lead unit corrects a reply
        return office
    return denied(ACTION[verb])


def test_the_table_covers_every_verb():
    assert set(FOR_OFFICE) == set(Verb) == set(lifecycle.TABLE) == set(ACTION)


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory):
    t = Tracker.open(Path(tmp_path_factory.mktemp("lifecycle")) / "tracker.duckdb")
    try:
        yield t
    finally:
        t.close()


def make_item(tracker: Tracker, state: str) -> tuple[int, int]:
    """A fresh item (lead TCBC, coordinating CQĐP) brought to ``state``; its id and version."""
    item_id = tracker.create_item(LIAISON, draft(tracker, lead_unit="TCBC", coordinating_units=("CQĐP",)))
    version = 1
    if state == "replied":
        version = tracker.record_reply(LIAISON, item_id, version, reply(date(2025, 9, 1)))
    elif state == "transferred":
        version = tracker.transfer(LIAISON, item_id, version, date(2025, 8, 20), "Không thuộc thẩm quyền")
    elif state == "archived":
        version = tracker.set_archived(LIAISON, item_id, version, True, "Nhập nhầm")
    return item_id, version


def attempt(tracker: Tracker, verb: Verb, actor: Actor, item_id: int, version: int) -> Callable[[], object]:
    item = tracker.get_item(item_id)
    calls: dict[Verb, Callable[[], object]] = {
        Verb.ASSIGN: lambda: tracker.assign(actor, item_id, version, "TCBC", ("CQĐP", "CCVC")),
        Verb.REPLY: lambda: tracker.record_reply(actor, item_id, version, reply(date(2025, 9, 1))),
        Verb.CORRECT_REPLY: lambda: tracker.record_reply(
            actor, item_id, version, reply(date(2025, 9, 2), response_no="1235/BNV-TLBHXH")
        ),
        Verb.RECORD_PROGRESS: lambda: tracker.record_progress(actor, item_id, "Đang dự thảo"),
        Verb.OVERRIDE_DEADLINE: lambda: tracker.override_deadline(
            actor, item_id, version, date(2025, 12, 31), "Gia hạn"
        ),
        Verb.EDIT: lambda: tracker.edit_item(
            actor,
            item_id,
            version,
            phase=item.phase,
            ref_no=item.ref_no,
            sources=item.sources,
            deputy=item.deputy,
            summary=item.summary + " (sửa)",
            full_text=item.full_text,
            topic=item.topic,
        ),
        Verb.UNDO_TRANSFER: lambda: tracker.undo_transfer(actor, item_id, version, "Chuyển nhầm"),
        Verb.TRANSFER: lambda: tracker.transfer(actor, item_id, version, date(2025, 8, 21), "Chuyển"),
        Verb.ARCHIVE: lambda: tracker.set_archived(actor, item_id, version, True, "Trùng"),
        Verb.RESTORE: lambda: tracker.set_archived(actor, item_id, version, False, "Khôi phục"),
        # The other item is fresh and open: the cell is about this one.
        Verb.LINK_SIMILAR: lambda: tracker.mark_raised_again(
            actor, item_id, tracker.create_item(LIAISON, draft(tracker, session="15/8", received_on=date(2024, 11, 4)))
        ),
        Verb.MERGE: lambda: tracker.merge_items(
            actor, tracker.create_item(LIAISON, draft(tracker)), item_id, 1, version
        ),
    }
    return calls[verb]


@dataclass(frozen=True)
class Standing:
    """An item brought to a state for the cells that must leave it alone, as read once made."""

    item_id: int
    version: int
    facts: lifecycle.Facts
    events: int


@pytest.fixture(scope="module")
def standing(live: Tracker) -> dict[str, Standing]:
    """One item per state for the refused, denied and n/a cells: each compares the item after its
    attempt with this first reading (so a refusal that changed it fails its own cell and every later
    one). Accepted cells change their item, so each makes a fresh one."""
    out = {}
    for state in STATES:
        item_id, version = make_item(live, state)
        facts = lifecycle.facts_of_item(live.get_item(item_id))
        out[state] = Standing(item_id, version, facts, len(live.history(item_id)))
    return out


def test_an_item_and_its_row_give_the_same_facts_in_every_state(live, standing):
    for here in standing.values():
        assert here.facts == lifecycle.facts_of_row(live.db.records("items/get", [here.item_id])[0])


@pytest.mark.parametrize("who", list(ACTORS))
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("verb", list(Verb), ids=str)
def test_every_cell_the_service_and_the_panel_agree(live, standing, verb, state, who):
    actor = ACTORS[who]
    want = expected(verb, state, who)
    if want == OK:
        item_id, version = make_item(live, state)
        facts = lifecycle.facts_of_item(live.get_item(item_id))
        assert facts == lifecycle.facts_of_row(live.db.records("items/get", [item_id])[0])
        assert verb in lifecycle.offers(actor, facts)
        events = len(live.history(item_id))
        attempt(live, verb, actor, item_id, version)()
        assert len(live.history(item_id)) == events + 1
        return
    here = standing[state]
    item_id, version, facts, events = here.item_id, here.version, here.facts, here.events
    offered = verb in lifecycle.offers(actor, facts)
    if want == NA:
        assert not offered
        assert lifecycle.reply_verb(facts) != verb
        with pytest.raises(ValueError):
            lifecycle.check(actor, verb, facts)
        return
    assert not offered
    kind, *detail = want
    error_type = PermissionDenied if kind == "denied" else InvalidInput
    with pytest.raises(error_type) as caught:
        attempt(live, verb, actor, item_id, version)()
    if kind == "denied":
        assert caught.value.params == {"action": detail[0], "role": actor.role.value}
    else:
        assert (caught.value.key, caught.value.field) == tuple(detail)
    assert live.get_item(item_id).version == version
    assert len(live.history(item_id)) == events


def test_a_refused_state_wins_over_a_stale_version(live):
    """Conflict comes last: a stale transfer of a replied item still says why it cannot be."""
    item_id, version = make_item(live, "replied")
    with pytest.raises(InvalidInput) as caught:
        live.transfer(LIAISON, item_id, version - 1, date(2025, 9, 2), "chuyển")
    assert caught.value.key == "error.transfer_replied"


def test_the_role_gate_comes_before_the_text_and_the_text_before_the_item(live):
    """Outside the transaction the role gate, then the text; the item's state only once it is read.
    Progress and replies need the item's units, so their role gate comes after the text."""
    item_id, version = make_item(live, "replied")
    with pytest.raises(PermissionDenied):
        live.transfer(VIEWER, item_id, version, date(2025, 9, 2), "")
    with pytest.raises(InvalidInput) as caught:
        live.transfer(LIAISON, item_id, version, date(2025, 9, 2), "")
    assert caught.value.key == "error.required"
    with pytest.raises(InvalidInput) as caught:
        live.undo_transfer(LIAISON, 424242, 1, " ")
    assert caught.value.key == "error.required"
    with pytest.raises(InvalidInput) as caught:
        live.record_progress(VIEWER, item_id, "")
    assert caught.value.key == "error.required"
    with pytest.raises(PermissionDenied):
        lifecycle.check_role(VIEWER, Verb.TRANSFER)
    lifecycle.check_role(LIAISON, Verb.TRANSFER)


def test_offers_follow_the_panel_order():
    facts = lifecycle.Facts(replied=False, transferred=False, archived=False, lead="TCBC", units=("TCBC", "CQĐP"))
    assert lifecycle.offers(LIAISON, facts) == (
        Verb.ASSIGN,
        Verb.REPLY,
        Verb.RECORD_PROGRESS,
        Verb.OVERRIDE_DEADLINE,
        Verb.EDIT,
        Verb.TRANSFER,
        Verb.ARCHIVE,
        Verb.LINK_SIMILAR,  # issue 14: offered by the similar section, not the panel's forms
        Verb.MERGE,
    )
    assert lifecycle.offers(officer("CQĐP"), facts) == (Verb.REPLY, Verb.RECORD_PROGRESS)
    assert lifecycle.offers(officer("CCVC"), facts) == ()
    assert lifecycle.offers(VIEWER, facts) == ()


# -- the item page offers exactly the offered verbs, each one form ---------------------------------------------------
FORM_OF = {
    Verb.ASSIGN: "assign_form",
    Verb.REPLY: "reply_form",
    Verb.CORRECT_REPLY: "reply_form",
    Verb.RECORD_PROGRESS: "progress_form",
    Verb.OVERRIDE_DEADLINE: "deadline_form",
    Verb.EDIT: "edit_form",
    Verb.UNDO_TRANSFER: "undo_transfer_form",
    Verb.TRANSFER: "transfer_form",
    Verb.ARCHIVE: "archive_form",
    Verb.RESTORE: "archive_form",
    # Link and merge (issue 14) open the matcher's suggestions, each with its confirm button: no st.form.
    Verb.LINK_SIMILAR: None,
    Verb.MERGE: None,
}
ROLES = {"admin": ("admin", None), "liaison": ("liaison", None), "coordinating": ("unit_officer", "CQĐP")}


@pytest.mark.parametrize(
    ("state", "who"),
    [
        ("replied", "liaison"),  # decided: no deadline form once replied
        ("transferred", "admin"),  # decided: no deadline form once transferred; undo, not transfer
        ("replied", "coordinating"),  # decided: a coordinating unit is not offered the correction
        ("archived", "liaison"),  # restore, not archive
    ],
)
def test_the_panel_shows_the_offered_forms_in_order(db_path, monkeypatch, state, who):
    from tests.conftest import start_app
    from tests.pages.item_page_helpers import action_buttons, forms_shown, open_action, open_item
    from ui.context import _open_tracker

    role, unit = ROLES[who]
    at = start_app(db_path, monkeypatch, role, "vi", unit)
    live = _open_tracker(str(db_path))
    item_id, _ = make_item(live, state)
    open_item(at, item_id)
    shown = action_buttons(at, item_id)
    offered = lifecycle.offers(ACTORS[who], lifecycle.facts_of_item(live.get_item(item_id)))
    assert shown == [str(verb) for verb in offered]
    if state in ("replied", "transferred"):
        assert "override_deadline" not in shown
    if who == "coordinating":
        assert shown == ["record_progress"]
    # Each button opens its one form, and only that one.
    for verb in offered:
        open_action(at, item_id, str(verb))
        assert forms_shown(at, item_id) == ({FORM_OF[verb]} if FORM_OF[verb] else set())
        open_action(at, item_id, str(verb))  # a second click closes it
        assert forms_shown(at, item_id) == set()
