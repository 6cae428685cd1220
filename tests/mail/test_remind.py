"""The daily run (tracker/mail/remind.py) against the real SMTP server, over simulated days across
New Year 2027: each reminder once per (item, recipient, reason, day), the overdue ones to the unit
and the Office then weekly, the weekly digest only to accounts that see everything, and no message
with another unit's items."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

from tests.conftest import LIAISON, draft, reply, run_cli
from tests.mail.conftest import BASE_URL
from tracker.mail import remind
from tracker.mail.config import MailSettings, save_mail_settings
from tracker.permissions import SYSTEM

DUE = date(2027, 1, 4)  # Mon, after Tết Dương lịch (Fri 1/1) and a weekend


def _item(tracker, unit: str, due: date, summary: str) -> int:
    item_id = tracker.create_item(
        LIAISON, draft(tracker, lead_unit=unit, received_on=date(2026, 11, 2), summary=summary)
    )
    tracker.override_deadline(LIAISON, item_id, 1, due, "Gia hạn theo Công văn 12/VPCP")
    return item_id


def _run(tracker, day: date, **kw):
    return remind.run(tracker.db, tracker.reference, SYSTEM, day, now=datetime.combine(day, datetime.min.time()), **kw)


def _by_reason(result, reason: str) -> list[tuple[str, tuple[int, ...]]]:
    return sorted((m.recipient, m.items) for m in result.messages if m.reason.value == reason)


def test_a_fortnight_of_daily_runs_sends_each_reminder_once(mail_tracker, smtp):
    mine = _item(mail_tracker, "TLBHXH", DUE, "Đề nghị tăng lương hưu cho người nghỉ hưu trước năm 1995.")
    other = _item(mail_tracker, "CCVC", date(2027, 2, 1), "Đề nghị sửa quy định tuyển dụng công chức cấp xã.")
    seen: dict[date, dict[str, list]] = {}
    day = date(2026, 12, 28)
    while day <= date(2027, 1, 13):
        first, again = _run(mail_tracker, day), _run(mail_tracker, day)
        assert again.messages == [], day  # a second run the same day sends nothing new
        seen[day] = {r: _by_reason(first, r) for r in ("due_soon", "overdue", "digest", "internal_overdue")}
        day += timedelta(days=1)

    due_soon = {d: v["due_soon"] for d, v in seen.items() if v["due_soon"]}
    assert due_soon == {
        date(2026, 12, 29): [("tlbhxh@moha.gov.vn", (mine,))],  # 3 working days before
        date(2026, 12, 31): [("tlbhxh@moha.gov.vn", (mine,))],  # 1 working day before
    }
    overdue = {d: v["overdue"] for d, v in seen.items() if v["overdue"]}
    both = [("lienlac@moha.gov.vn", (mine,)), ("tlbhxh@moha.gov.vn", (mine,)), ("vanphong@moha.gov.vn", (mine,))]
    assert overdue == {date(2027, 1, 5): both, date(2027, 1, 12): both}
    digests = {d: [to for to, _ in v["digest"]] for d, v in seen.items() if v["digest"]}
    # The first run of each ISO week, to the accounts that see everything (never the unit's officer).
    everyone = ["advisor@moha.gov.vn", "lienlac@moha.gov.vn", "vpbt@moha.gov.vn"]
    assert digests == {date(2026, 12, 28): everyone, date(2027, 1, 4): everyone, date(2027, 1, 11): everyone}
    # The internal deadline (10 working days before the legal one: 18/12/2026) passed before the
    # first run: the week's point it missed (26/12) once, then weekly, to the unit and the Office.
    internal = {d: v["internal_overdue"] for d, v in seen.items() if v["internal_overdue"]}
    assert internal == {date(2026, 12, 28): both, date(2027, 1, 2): both, date(2027, 1, 9): both}
    # Delivered exactly what was queued, each once: the legal reminders, the digests, the internal
    # deadline's (also CCVC's 3 working days before its internal deadline of 18/01/2027, on 13/01:
    # two mailboxes and the officer), and the assignment mail each item sent when it was created
    # with its lead unit (TLBHXH's mailbox; CCVC's two and its officer).
    assert len(smtp.inbox.messages) == 2 + 6 + 9 + 9 + 3 + (1 + 3)
    # CCVC's officer never heard of TLBHXH's item, and no unit message names another unit's item.
    for m in smtp.inbox.messages:
        text = m.text
        if "ccvc" in m.recipients[0] or "tlbhxh" in m.recipients[0]:
            assert (f"id={other}" in text) == ("ccvc" in m.recipients[0]), m.recipients
            assert (f"id={mine}" in text) == ("tlbhxh" in m.recipients[0]), m.recipients
    history = [e for e in mail_tracker.history(mine) if e.action == "mailed"]
    assert len(history) == 2 + 6 + 9 + 1  # every delivered reminder and the assignment, none for the digest
    # The other item was never chased on its legal deadline: only its assignment and internal reminder.
    mailed = [e.changes["mail_reason"][1] for e in mail_tracker.history(other) if e.action == "mailed"]
    assert sorted(mailed) == ["assigned"] * 3 + ["internal_due_soon"] * 3


def test_the_reminders_are_worded_for_each_recipient(mail_tracker, smtp):
    mine = _item(mail_tracker, "TLBHXH", DUE, "Đề nghị tăng lương hưu.")
    _run(mail_tracker, date(2027, 1, 5))
    (unit,) = [m for m in smtp.inbox.to("tlbhxh@moha.gov.vn") if m.message["Subject"].startswith("Quá hạn:")]
    subject = unit.message["Subject"]
    assert subject == "Quá hạn: 1 mục của Cục Tiền lương và Bảo hiểm xã hội đã quá hạn trả lời"
    text = unit.text
    assert "Hạn trả lời: 04/01/2027 (quá hạn 1 ngày)" in text
    assert f"{BASE_URL}/item?id={mine}" in text
    (office,) = [m for m in smtp.inbox.to("vanphong@moha.gov.vn") if m.message["Subject"].startswith("Quá hạn (")]
    assert office.message["Subject"] == "Quá hạn (Cục Tiền lương và Bảo hiểm xã hội): 1 mục đã quá hạn trả lời"
    assert "Kính gửi: Văn phòng Bộ," in office.text
    (digest,) = smtp.inbox.to("advisor@moha.gov.vn")  # English
    assert digest.message["Subject"] == "Weekly digest 04/01/2027: replies to voter recommendations and questions"
    body = digest.text
    assert "Session 15/9: total 1 · replied 0 (on time 0, late 0) · open not due 0 · overdue 1" in body
    assert "Units with most overdue items:\n• Department of Wages and Social Insurance: 1" in body
    assert f"{BASE_URL}/item?id={mine}" in body


def test_a_replied_item_is_not_chased(mail_tracker, smtp):
    item_id = _item(mail_tracker, "TLBHXH", DUE, "Đề nghị tăng lương hưu.")
    mail_tracker.record_reply(LIAISON, item_id, 2, reply(date(2026, 11, 30)))
    result = _run(mail_tracker, date(2026, 12, 29))
    assert _by_reason(result, "due_soon") == []


def test_a_dry_run_plans_the_same_messages_and_sends_nothing(mail_tracker, smtp):
    _item(mail_tracker, "TLBHXH", DUE, "Đề nghị tăng lương hưu.")
    dry = _run(mail_tracker, date(2027, 1, 5), dry_run=True)
    # Overdue to the unit, the Office and the liaison; the internal deadline's the same; 3 digests.
    assert len(dry.messages) == 3 + 3 + 3 and smtp.inbox.messages == []
    assert remind.last_run(mail_tracker.db) is None
    real = _run(mail_tracker, date(2027, 1, 5))
    assert [m.as_json() for m in real.messages] == [m.as_json() for m in dry.messages]
    last = remind.last_run(mail_tracker.db)
    # Sent also the assignment mail queued when the item was created with its lead unit.
    assert (last.queued, last.sent, last.failed) == (9, 9 + 1, 0)


def test_muting_the_digest_stops_it_but_the_overdue_notice_still_comes(mail_tracker, smtp):
    from tracker.mail.directory import save_contact

    save_contact(mail_tracker.db, SYSTEM, "botruong", "vpbt@moha.gov.vn", "vi", ["digest"])
    _item(mail_tracker, "TLBHXH", DUE, "Đề nghị tăng lương hưu.")
    result = _run(mail_tracker, date(2027, 1, 5))
    assert [to for to, _ in _by_reason(result, "digest")] == ["advisor@moha.gov.vn", "lienlac@moha.gov.vn"]
    assert "vpbt@moha.gov.vn" not in {m.recipient for m in result.messages}


def test_remind_on_the_command_line_prints_one_json_object_per_message(mail_tracker, smtp):
    item_id = _item(mail_tracker, "TLBHXH", DUE, "Đề nghị tăng lương hưu.")
    save_mail_settings(mail_tracker.db, SYSTEM, MailSettings.from_settings(mail_tracker.reference.settings))
    path = mail_tracker.db.path
    mail_tracker.close()
    out = run_cli("remind", "--dry-run", "--as-of", "2026-12-29", "--json", db=path)
    assert out.returncode == 0, out.stderr
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert {"to": "tlbhxh@moha.gov.vn", "reason": "due_soon", "items": [item_id]}.items() <= lines[0].items()
    assert (
        lines[0]["subject"]
        == "Nhắc hạn: 1 mục của Cục Tiền lương và Bảo hiểm xã hội đến hạn trả lời trong 3 ngày làm việc"
    )
    assert smtp.inbox.messages == []
    sent = run_cli("remind", "--as-of", "2026-12-29", db=path)
    assert sent.returncode == 0, sent.stderr
    assert "đã xếp 7 thư; đã gửi 8" in sent.stdout  # also the assignment mail queued at creation
    again = run_cli("remind", "--as-of", "2026-12-29", "--json", db=path)
    assert again.returncode == 0 and again.stdout == ""  # nothing new the same day
    # The unit (assigned, due soon), its internal deadline passed (the unit, the Office, the liaison),
    # and the digest to the two viewers and the liaison.
    assert len(smtp.inbox.messages) == 2 + 3 + 3


def test_many_overdue_items_are_queued_in_bulk_once_and_the_offices_own_items_reach_it_once(mail_tracker, smtp):
    ids = [mail_tracker.create_item(LIAISON, draft(mail_tracker, summary=f"Kiến nghị số {n}")) for n in range(20)]
    own = mail_tracker.create_item(
        LIAISON, draft(mail_tracker, lead_unit="VP", summary="Kiến nghị về công tác văn phòng")
    )
    first = _run(mail_tracker, date(2025, 10, 6))  # due 03/10/2025 (60 days from 04/08)
    overdue = _by_reason(first, "overdue")
    assert ("tlbhxh@moha.gov.vn", tuple(ids)) in overdue  # 20 items × 3 recipients: the bulk path
    assert [to for to, items in overdue if own in items] == ["lienlac@moha.gov.vn", "vanphong@moha.gov.vn"]
    assert _run(mail_tracker, date(2025, 10, 6)).messages == []
    assert _run(mail_tracker, date(2025, 10, 10)).messages == []  # the same overdue week
    a_week_on = {m.reason.value for m in _run(mail_tracker, date(2025, 10, 11)).messages}
    assert a_week_on == {"overdue", "internal_overdue"}  # both deadlines passed, no draft yet
