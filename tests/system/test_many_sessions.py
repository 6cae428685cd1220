"""Many people at once: 50 sessions' worth of writes and reads against one file through the real
service layer, and two browser sessions (AppTest) editing the same item."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import date, timedelta

from streamlit.testing.v1 import AppTest

from tests.conftest import LIAISON, ROOT, draft, reply, signed_in_as
from tests.pages.item_page_helpers import open_item
from tracker import clock
from tracker.errors import Conflict
from tracker.permissions import Actor, Role
from tracker.service import Filters, Tracker

SESSIONS = 50
ROUNDS = 6


def test_fifty_sessions_write_and_read_at_once_with_no_error_and_no_lost_write(tracker):
    start = threading.Barrier(SESSIONS)
    errors: list[BaseException] = []
    done: Counter[str] = Counter()
    conflicts = Counter()
    lock = threading.Lock()
    shared_item = tracker.create_item(LIAISON, draft(tracker, summary="Mục dùng chung cho mọi phiên"))

    def session(n: int) -> None:
        officer = Actor(f"cb{n}", Role.LIAISON, None)
        try:
            start.wait()
            for r in range(ROUNDS):
                item_id = tracker.create_item(
                    officer,
                    draft(tracker, ref_no=f"PHIEN{n:02d}V{r}/BDN", received_on=date(2025, 8, 4) + timedelta(days=r)),
                )
                version = tracker.assign(officer, item_id, 1, "CQĐP", ("TCBC",), "đúng lĩnh vực")
                tracker.record_reply(officer, item_id, version, reply(date(2025, 9, 1)))
                tracker.record_progress(officer, shared_item, f"phiên {n} vòng {r}")
                # Everyone also tries to edit the same item from the version they saw: exactly one
                # wins each version, the others are told (Conflict), nobody overwrites anybody.
                seen = tracker.get_item(shared_item).version
                try:
                    tracker.override_deadline(
                        officer, shared_item, seen, date(2025, 12, 1) + timedelta(days=n), f"phiên {n}"
                    )
                    with lock:
                        done["override"] += 1
                except Conflict:
                    with lock:
                        conflicts["override"] += 1
                page = tracker.search(Filters(text=f"phien{n:02d}v{r}/bdn"), date(2100, 1, 1))
                assert page.total == 1 and page.rows[0]["status"] == "replied_on_time"
                tracker.stats(clock.today())
                with lock:
                    done["items"] += 1
        except BaseException as error:  # noqa: BLE001 - collected and asserted below
            with lock:
                errors.append(error)

    threads = [threading.Thread(target=session, args=(n,)) for n in range(SESSIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert errors == []
    assert done["items"] == SESSIONS * ROUNDS
    assert done["override"] + conflicts["override"] == SESSIONS * ROUNDS
    # No lost write: every item, every event, and the shared item's version tells each winner.
    assert tracker.search(Filters(status="replied"), date(2100, 1, 1)).total == SESSIONS * ROUNDS
    shared = tracker.get_item(shared_item)
    assert shared.version == 1 + done["override"]
    history = Counter(e.action for e in tracker.history(shared_item))
    assert history["progress"] == SESSIONS * ROUNDS and history["deadline_overridden"] == done["override"]
    assert tracker.integrity_problems() == []


def _session(db, monkeypatch, username: str) -> AppTest:
    monkeypatch.setenv("TRACKER_DB", str(db))
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    at.session_state["app.actor"] = signed_in_as(db, "liaison", username=username)
    at.run()
    return at


def _submit(at: AppTest, form: str) -> None:
    [button] = [b for b in at.get("button") if getattr(b, "form_id", "") == form]
    button.click().run()
    assert not at.exception, [e.value for e in at.exception]


def test_two_browser_sessions_editing_one_item_never_overwrite_each_other(db_path, monkeypatch):
    tracker = Tracker.open(db_path)
    item_id = tracker.create_item(LIAISON, draft(tracker, received_on=clock.today() - timedelta(days=2)))
    tracker.close()
    first, second = _session(db_path, monkeypatch, "an"), _session(db_path, monkeypatch, "binh")
    for at in (first, second):
        open_item(at, item_id)
    first.button(key=f"item.{item_id}.open.reply").click().run()
    second.button(key=f"item.{item_id}.open.assign").click().run()

    # Bình reassigns first...
    second.selectbox(key=f"item.{item_id}.assign_lead").set_value("CQĐP")
    second.text_input(key=f"item.{item_id}.assign_reason").input("thuộc lĩnh vực chính quyền địa phương")
    _submit(second, f"item.{item_id}.assign_form")
    assert "Đã lưu phân công." in [s.value for s in second.success]

    # ...then An, still looking at the old version, records a reply: refused, and told why.
    first.text_input(key=f"item.{item_id}.reply_no").input("77/BNV-TLBHXH")
    first.radio(key=f"item.{item_id}.reply_result").set_value("explained")
    _submit(first, f"item.{item_id}.reply_form")
    shown = "\n".join(e.value for e in first.error)
    assert "đã được người khác cập nhật" in shown and "binh" in shown and "Chuyển đơn vị chủ trì" in shown
    assert any("vừa được người khác cập nhật" in w.value for w in first.warning)

    from ui.context import _open_tracker

    live = _open_tracker(str(db_path))
    item = live.get_item(item_id)
    assert item.lead_unit == "CQĐP" and item.reply is None
    # After reloading, An sees Bình's change and can reply.
    first.button(key=f"item.{item_id}.reload").click().run()
    assert not first.warning
    first.text_input(key=f"item.{item_id}.reply_no").input("77/BNV-CQĐP")
    first.radio(key=f"item.{item_id}.reply_result").set_value("explained")
    _submit(first, f"item.{item_id}.reply_form")
    assert live.get_item(item_id).reply.response_no == "77/BNV-CQĐP"
