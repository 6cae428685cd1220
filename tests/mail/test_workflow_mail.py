"""Issue 13's messages on issue 12's workflow, against the real SMTP server (tests/mail/conftest.py):
the internal deadline (3 and 1 working days before, then passed, weekly) while no draft is with the
Office; a "being resolved" commitment whose date passed; the Office told when a unit returns an
item or submits its draft (in the step's own transaction); and the assignment mail when an item
gets its units at entry or import (one message per unit per import). Each once per (item,
recipient, reason, day) over simulated days (--as-of), and each delivery in the item's history."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from tests.conftest import ADMIN, LIAISON, draft, officer, reply
from tests.importing.test_import import csv_bytes, row
from tests.mail.conftest import BASE_URL
from tracker import clock
from tracker.errors import Conflict
from tracker.importing import commit_import, preview_import, read_table
from tracker.items import Result
from tracker.mail import remind
from tracker.mail.config import MailSettings
from tracker.mail.remind import outbox_counts
from tracker.mail.sender import deliver
from tracker.permissions import SYSTEM

TLBHXH = "Cục Tiền lương và Bảo hiểm xã hội"
INTERNAL = date(2027, 1, 11)  # Mon: 3 working days before = Wed 06/01, 1 = Fri 08/01 (the weekend skipped)
LEGAL = date(2027, 2, 1)
OFFICE = ["lienlac@moha.gov.vn", "vanphong@moha.gov.vn"]  # the Office's mailbox and the liaison officer


@pytest.fixture(autouse=True)
def _the_day_these_scenarios_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """The steps are taken on 01/12/2026 and the reminders run on fixed days of January 2027: a
    step taken on the real day would fall after those days once the calendar passes them."""
    monkeypatch.setenv(clock.VARIABLE, "2026-12-01")


def _run(tracker, day: date):
    return remind.run(tracker.db, tracker.reference, SYSTEM, day, now=datetime.combine(day, datetime.min.time()))


def _sent(tracker) -> None:
    deliver(tracker.db, MailSettings.from_settings(tracker.reference.settings), now=datetime(2026, 12, 1, 8))


def _reasons(result, reason: str) -> list[tuple[str, tuple[int, ...]]]:
    return sorted((m.recipient, m.items) for m in result.messages if m.reason.value == reason)


def _with_internal_deadline(tracker, summary: str) -> tuple[int, int]:
    item_id = tracker.create_item(LIAISON, draft(tracker, received_on=date(2026, 11, 2), summary=summary))
    version = tracker.override_deadline(LIAISON, item_id, 1, LEGAL, "Gia hạn theo Công văn 12/VPCP")
    version = tracker.set_internal_deadline(LIAISON, item_id, version, INTERNAL, "Cần trình Bộ trưởng sớm")
    return item_id, version


def _mailed(tracker, item_id: int) -> list[tuple[str, str]]:
    return [
        (e.changes["mail_reason"][1], e.changes["mailed_to"][1])
        for e in tracker.history(item_id)
        if e.action == "mailed"
    ]


def test_the_internal_deadline_reminds_the_unit_while_no_draft_is_with_the_office(mail_tracker, smtp):
    waiting, _ = _with_internal_deadline(mail_tracker, "Đề nghị tăng lương hưu cho người nghỉ hưu trước năm 1995.")
    drafted, version = _with_internal_deadline(mail_tracker, "Đề nghị sửa quy định phụ cấp thâm niên nhà giáo.")
    unit = officer("TLBHXH")
    version = mail_tracker.accept(unit, drafted, version)
    mail_tracker.submit_draft(unit, drafted, version, "Dự thảo công văn trả lời cử tri.")
    seen = {}
    for day in (date(2027, 1, 5), date(2027, 1, 6), date(2027, 1, 7), date(2027, 1, 8), date(2027, 1, 11)):
        first, again = _run(mail_tracker, day), _run(mail_tracker, day)
        assert again.messages == [], day  # a second run the same day sends nothing new
        seen[day] = (_reasons(first, "internal_due_soon"), _reasons(first, "internal_overdue"))
    unit_only = [("tlbhxh@moha.gov.vn", (waiting,))]
    assert {d: s for d, (s, _) in seen.items() if s} == {date(2027, 1, 6): unit_only, date(2027, 1, 8): unit_only}
    # The draft that is with the Office (in review) is never chased on its internal deadline.
    assert all(drafted not in items for s, o in seen.values() for _, items in s + o)
    passed = _run(mail_tracker, date(2027, 1, 12))
    assert _reasons(passed, "internal_overdue") and all(drafted not in m.items for m in passed.messages)
    texts = [m for m in smtp.inbox.to("tlbhxh@moha.gov.vn") if m.message["Subject"].startswith("Nhắc hạn gửi dự thảo")]
    assert [m.message["Subject"] for m in texts] == [
        f"Nhắc hạn gửi dự thảo: 1 mục của {TLBHXH} đến hạn nội bộ trong 3 ngày làm việc",
        f"Nhắc hạn gửi dự thảo: 1 mục của {TLBHXH} đến hạn nội bộ trong 1 ngày làm việc",
    ]
    assert "Hạn trả lời: 01/02/2027 · hạn nội bộ: 11/01/2027" in texts[0].text
    assert f"{BASE_URL}/item?id={waiting}" in texts[0].text
    reasons = [r for r, _ in _mailed(mail_tracker, waiting)]
    assert reasons.count("internal_due_soon") == 2


def test_a_passed_internal_deadline_tells_the_unit_and_the_office_then_weekly(mail_tracker, smtp):
    waiting, _ = _with_internal_deadline(mail_tracker, "Đề nghị tăng lương hưu cho người nghỉ hưu trước năm 1995.")
    by_day = {}
    for day in (date(2027, 1, 11), date(2027, 1, 12), date(2027, 1, 13), date(2027, 1, 18), date(2027, 1, 19)):
        first, again = _run(mail_tracker, day), _run(mail_tracker, day)
        assert again.messages == [], day
        by_day[day] = _reasons(first, "internal_overdue")
    everyone = sorted([("tlbhxh@moha.gov.vn", (waiting,))] + [(a, (waiting,)) for a in OFFICE])
    assert {d: r for d, r in by_day.items() if r} == {date(2027, 1, 12): everyone, date(2027, 1, 19): everyone}
    (office,) = [m for m in smtp.inbox.to("vanphong@moha.gov.vn") if m.message["Subject"].startswith("Quá hạn gửi")][:1]
    assert office.message["Subject"] == f"Quá hạn gửi dự thảo ({TLBHXH}): 1 mục đã quá hạn nội bộ"
    assert "Kính gửi: Văn phòng Bộ," in office.text
    (unit,) = [m for m in smtp.inbox.to("tlbhxh@moha.gov.vn") if m.message["Subject"].startswith("Quá hạn gửi")][:1]
    assert unit.message["Subject"] == f"Quá hạn gửi dự thảo: 1 mục của {TLBHXH} đã quá hạn nội bộ"
    assert ("internal_overdue", "vanphong@moha.gov.vn") in _mailed(mail_tracker, waiting)


def test_a_passed_commitment_reminds_the_unit_weekly_until_it_is_done(mail_tracker, smtp):
    item_id = mail_tracker.create_item(LIAISON, draft(mail_tracker))
    answer = reply(
        date(2026, 11, 30), Result.BEING_RESOLVED, committed_on=date(2027, 1, 8), late_reason="Chờ ý kiến Bộ Tài chính"
    )
    version = mail_tracker.record_reply(LIAISON, item_id, 1, answer)
    days = (date(2027, 1, 8), date(2027, 1, 9), date(2027, 1, 11), date(2027, 1, 15), date(2027, 1, 16))
    by_day = {}
    for day in days:
        first, again = _run(mail_tracker, day), _run(mail_tracker, day)
        assert again.messages == [], day
        # A replied item is never chased on its deadlines, only on its commitment.
        assert {m.reason.value for m in first.messages} <= {"commitment_passed", "digest"}, day
        by_day[day] = _reasons(first, "commitment_passed")
    unit = [("tlbhxh@moha.gov.vn", (item_id,))]
    assert {d: r for d, r in by_day.items() if r} == {date(2027, 1, 9): unit, date(2027, 1, 16): unit}
    (mail,) = [m for m in smtp.inbox.to("tlbhxh@moha.gov.vn") if m.message["Subject"].startswith("Quá ngày")][:1]
    assert mail.message["Subject"] == f"Quá ngày cam kết: 1 mục của {TLBHXH} chưa giải quyết xong"
    assert "Ngày cam kết hoàn thành: 08/01/2027 (quá hạn 1 ngày)" in mail.text
    assert f"{BASE_URL}/item?id={item_id}" in mail.text
    # Once its completion is recorded, the commitment is met and nobody is chased.
    mail_tracker.record_commitment(
        officer("TLBHXH"), item_id, version, done=True, on=date(2026, 12, 1), note="", document_no="99/BNV-TLBHXH"
    )
    assert _reasons(_run(mail_tracker, date(2027, 1, 23)), "commitment_passed") == []


def test_a_returned_item_tells_the_office_in_the_same_transaction(mail_tracker, smtp):
    item_id = mail_tracker.create_item(LIAISON, draft(mail_tracker, ref_no="1001/BDN"))
    _sent(mail_tracker)
    before = outbox_counts(mail_tracker.db)["pending"]
    why = "Không thuộc phạm vi của Cục; đề nghị chuyển Vụ Công chức - Viên chức."
    with pytest.raises(Conflict):  # a stale version: nothing written, nobody told
        mail_tracker.return_item(officer("TLBHXH"), item_id, 7, why)
    assert outbox_counts(mail_tracker.db)["pending"] == before
    mail_tracker.return_item(officer("TLBHXH"), item_id, 1, why)
    assert outbox_counts(mail_tracker.db)["pending"] == before + 2
    _sent(mail_tracker)
    for address in OFFICE:
        (m,) = [m for m in smtp.inbox.to(address) if m.message["Subject"].startswith("Đơn vị trả lại")]
        assert m.message["Subject"] == f"Đơn vị trả lại: {TLBHXH} trả lại mục 1001/BDN"
        assert f"Lý do: {why}" in m.text
        assert f"{BASE_URL}/item?id={item_id}" in m.text
    assert sorted(to for r, to in _mailed(mail_tracker, item_id) if r == "returned") == OFFICE


def test_a_submitted_draft_tells_the_office_once_a_day(mail_tracker, smtp):
    item_id = mail_tracker.create_item(LIAISON, draft(mail_tracker, ref_no="1002/BDN"))
    unit = officer("TLBHXH")
    version = mail_tracker.accept(unit, item_id, 1)
    version = mail_tracker.submit_draft(unit, item_id, version, "Dự thảo công văn trả lời.")
    version = mail_tracker.review(LIAISON, item_id, version, False, "Bổ sung số liệu năm 2025.")
    mail_tracker.submit_draft(unit, item_id, version, "Dự thảo đã bổ sung số liệu.")
    _sent(mail_tracker)
    for address in OFFICE:
        # The second draft the same day is the same (item, recipient, reason, day): told once.
        (m,) = [m for m in smtp.inbox.to(address) if m.message["Subject"].startswith("Dự thảo trả lời")]
        assert m.message["Subject"] == f"Dự thảo trả lời: {TLBHXH} gửi dự thảo mục 1002/BDN"
    assert smtp.inbox.to("tlbhxh@moha.gov.vn")  # the unit heard only of its assignment
    assert all("Dự thảo" not in m.message["Subject"] for m in smtp.inbox.to("tlbhxh@moha.gov.vn"))


def test_an_item_entered_with_its_units_mails_them_at_once(mail_tracker, smtp):
    item_id = mail_tracker.create_item(LIAISON, draft(mail_tracker, coordinating_units=("CCVC",)))
    _sent(mail_tracker)
    (lead,) = smtp.inbox.to("tlbhxh@moha.gov.vn")
    assert lead.message["Subject"] == f"Giao xử lý: {TLBHXH} chủ trì — hạn trả lời 03/10/2025"
    assert f"{BASE_URL}/item?id={item_id}" in lead.text
    (en,) = smtp.inbox.to("officer.ccvc@moha.gov.vn")
    assert en.message["Subject"] == (
        "Assigned: Department of Civil Servants and Public Employees as coordinating unit — deadline 03/10/2025"
    )
    assert len(smtp.inbox.to("ccvc@moha.gov.vn")) == 1
    assert [r for r, _ in _mailed(mail_tracker, item_id)].count("assigned") == 4


def test_an_import_tells_each_unit_once_listing_its_items(mail_tracker, smtp):
    rows = [row(ref_no=f"{n}/BDN", summary=f"Kiến nghị số {n} về tiền lương.") for n in range(1, 4)]
    rows.append(row(ref_no="4/BDN", lead_unit="CCVC", coordinating_units=""))
    rows.append(row(ref_no="5/BDN", responded_on="10/09/2025", response_no="12/BNV", result="Giải trình", signer="A"))
    data = csv_bytes(rows)
    result = commit_import(mail_tracker, ADMIN, preview_import(mail_tracker, ADMIN, read_table(data, "kn.csv")))
    assert result.created == 5
    _sent(mail_tracker)
    (tl,) = smtp.inbox.to("tlbhxh@moha.gov.vn")  # three items, one message; the replied one not listed
    assert tl.message["Subject"] == f"Giao xử lý: 3 mục cho {TLBHXH} chủ trì — hạn trả lời sớm nhất 03/10/2025"
    ids = result.item_ids
    assert all(f"{BASE_URL}/item?id={i}" in tl.text for i in ids[:3])
    assert f"id={ids[3]}" not in tl.text and f"id={ids[4]}" not in tl.text
    (vp,) = smtp.inbox.to("vanphong@moha.gov.vn")  # the Office coordinates the TLBHXH rows
    assert vp.message["Subject"].startswith("Giao xử lý: 3 mục cho Văn phòng Bộ phối hợp")
    (cc,) = smtp.inbox.to("ccvc@moha.gov.vn")
    assert cc.message["Subject"] == "Giao xử lý: Vụ Công chức - Viên chức chủ trì — hạn trả lời 03/10/2025"
    assert f"id={ids[3]}" in cc.text


def test_a_large_import_lists_a_hundred_items_and_points_to_the_units_queue(mail_tracker):
    from tracker.mail.compose import MailItem
    from tracker.mail.directory import load_directory
    from tracker.mail.notices import LISTED, plan_assigned_list

    items = [
        MailItem(n, "voter_recommendation", f"{n}/BDN", "Kiến nghị", "TLBHXH", date(2027, 1, 4)) for n in range(1, 106)
    ]
    directory = load_directory(mail_tracker.db, MailSettings.from_settings(mail_tracker.reference.settings))
    (message,) = plan_assigned_list(items, "TLBHXH", "lead", mail_tracker.reference, directory, date(2026, 12, 1))
    assert message.items == tuple(range(1, LISTED + 1))  # only the listed ones are named (keys, history)
    assert message.body.count(f"{BASE_URL}/item?id=") == LISTED
    assert f"… và 5 mục khác được giao lần này: xem danh sách việc của đơn vị tại {BASE_URL}/queue" in message.body
    assert message.subject == f"Giao xử lý: 105 mục cho {TLBHXH} chủ trì — hạn trả lời sớm nhất 04/01/2027"
