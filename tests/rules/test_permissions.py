"""Who may do what: the whole Role x Action matrix, and the service enforcing it."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import ADMIN, LIAISON, VIEWER, draft, officer, reply
from tracker.errors import PermissionDenied
from tracker.permissions import Action, Actor, Role, can, require
from tracker.reference import Unit

# Written out in full on purpose: a new Action must be placed in this table before the suite passes.
ALL = {
    "create_item",
    "edit_item",
    "assign",
    "override_deadline",
    "record_progress",
    "record_reply",
    "transfer",
    "archive",
    "import",
    "export",
    "manage_settings",
    "manage_users",
    "view_audit",
    "load_demo",
}
EXPECTED: dict[str, set[str]] = {
    "admin": ALL,
    "liaison": ALL - {"manage_settings", "manage_users", "view_audit"},
    "unit_officer": {"record_progress", "record_reply", "export"},
    "viewer": {"export"},
}
UNIT_SCOPED = {"record_progress", "record_reply"}


def test_the_matrix_covers_every_role_and_action():
    assert set(EXPECTED) == {r.value for r in Role}
    assert ALL == {a.value for a in Action}


@pytest.mark.parametrize("action", list(Action), ids=str)
@pytest.mark.parametrize("role", list(Role), ids=str)
def test_role_action_matrix(role, action):
    actor = Actor("u", role, "CQĐP")
    own_item = ("CQĐP", "TCBC")
    expected = action.value in EXPECTED[role.value]
    assert can(actor, action, own_item) is expected
    if expected:
        require(actor, action, own_item)
    else:
        with pytest.raises(PermissionDenied) as caught:
            require(actor, action, own_item)
        assert caught.value.params["action"] == action.value
        assert caught.value.params["role"] == role.value
    # Another unit's item: only the unit-scoped actions of a unit officer change answer.
    other_item = ("TCBC",)
    if role == Role.UNIT_OFFICER and action.value in UNIT_SCOPED:
        assert not can(actor, action, other_item)
        assert not can(actor, action, None)
        assert not can(Actor("u", role, None), action, own_item)  # an officer without a unit
    else:
        assert can(actor, action, other_item) is expected


def test_permission_denied_reads_in_vietnamese():
    with pytest.raises(PermissionDenied) as caught:
        require(VIEWER, Action.CREATE_ITEM)
    assert caught.value.message("vi") == "Bạn không có quyền thực hiện thao tác này (create_item)."


# -- through the service ------------------------------------------------------------------------
@pytest.fixture
def item(tracker):
    """Lead: Vụ Tổ chức - Biên chế; coordinating: Vụ Chính quyền địa phương."""
    return tracker.create_item(LIAISON, draft(tracker, lead_unit="TCBC", coordinating_units=("CQĐP",)))


@pytest.mark.parametrize("unit", ["TCBC", "CQĐP"], ids=["lead", "coordinating"])
def test_a_unit_officer_replies_to_items_of_their_unit(tracker, item, unit):
    tracker.record_progress(officer(unit), item, "Đang dự thảo văn bản trả lời")
    version = tracker.record_reply(officer(unit), item, 1, reply(date(2025, 9, 1)))
    assert version == 2
    assert tracker.history(item)[-1].actor == f"cb_{unit}"


def test_a_unit_officer_cannot_reply_for_another_unit(tracker, item):
    with pytest.raises(PermissionDenied):
        tracker.record_reply(officer("CCVC"), item, 1, reply(date(2025, 9, 1)))
    with pytest.raises(PermissionDenied):
        tracker.record_progress(officer("CCVC"), item, "ghi chú")
    assert tracker.get_item(item).reply is None
    assert [e.action for e in tracker.history(item)] == ["created"]


def test_after_reassignment_the_old_unit_loses_the_item(tracker, item):
    tracker.assign(LIAISON, item, 1, "CCVC", (), "Thuộc lĩnh vực công chức")
    with pytest.raises(PermissionDenied):
        tracker.record_reply(officer("TCBC"), item, 2, reply(date(2025, 9, 1)))
    tracker.record_reply(officer("CCVC"), item, 2, reply(date(2025, 9, 1)))


def test_unit_officers_and_viewers_cannot_change_items(tracker, item):
    for actor in (officer("TCBC"), VIEWER):
        attempts = [
            lambda a=actor: tracker.create_item(a, draft(tracker)),
            lambda a=actor: tracker.assign(a, item, 1, "CQĐP", (), "x"),
            lambda a=actor: tracker.override_deadline(a, item, 1, date(2025, 12, 31), "x"),
            lambda a=actor: tracker.transfer(a, item, 1, date(2025, 8, 20), "x"),
            lambda a=actor: tracker.set_archived(a, item, 1, True, "x"),
        ]
        for attempt in attempts:
            with pytest.raises(PermissionDenied):
                attempt()
    with pytest.raises(PermissionDenied):
        tracker.record_reply(VIEWER, item, 1, reply(date(2025, 9, 1)))
    assert tracker.get_item(item).version == 1
    assert [e.action for e in tracker.history(item)] == ["created"]


def test_only_administrators_change_settings(tracker):
    settings_calls = [
        lambda a: tracker.save_setting(a, "due_soon_days", "3"),
        lambda a: tracker.save_rule(a, "deputy_question", 15, date(2026, 3, 1), "Luật 121/2025/QH15"),
        lambda a: tracker.save_override(a, date(2026, 8, 10), False, "Nghỉ"),
        lambda a: tracker.delete_override(a, date(2026, 1, 10)),
        lambda a: tracker.save_unit(a, Unit("TEST", "Vụ Thử nghiệm", "Test Department")),
    ]
    for actor in (LIAISON, officer("VP"), VIEWER):
        for call in settings_calls:
            with pytest.raises(PermissionDenied):
                call(actor)
    assert tracker.reference.due_soon_days == 5
    assert tracker.reference.unit("TEST") is None
    for call in settings_calls:
        call(ADMIN)
    assert tracker.reference.due_soon_days == 3
    assert tracker.reference.unit("TEST").name("vi") == "Vụ Thử nghiệm"
