"""Issue 9 under AppTest: the Settings calendar flags 24/11 with its source and lets an
administrator confirm it; each year shows announced or estimate; the progress page shows both
report dates and warns when a date it shows rests on an estimated year."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.conftest import ADMIN, copy_db, draft, open_page, start_app
from tracker.items import Kind, Phase
from tracker.plain_text import unescape_markdown
from tracker.sessions import SessionRef
from ui.context import _open_tracker


def _texts(at) -> str:
    parts = [m.value for m in at.markdown] + [m.value for m in at.caption] + [m.value for m in at.info]
    parts += [m.value for m in at.success] + [m.value for m in at.warning] + [m.value for m in at.error]
    # Alerts quote holiday names and sources through the plain-text rule: compare the text as read.
    return unescape_markdown("\n".join(parts))


def _settings_year(db: Path, monkeypatch, year: int, lang: str = "vi"):
    at = open_page(start_app(db, monkeypatch, lang=lang), "settings")
    at.number_input(key="settings.year").set_value(year).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_settings_flags_24_november_with_its_source_and_an_administrator_confirms_it(db_path, monkeypatch):
    at = _settings_year(db_path, monkeypatch, 2026)
    text = _texts(at)
    assert "24/11/2026 — Ngày Văn hóa Việt Nam: thư viện holidays ghi là ngày nghỉ" in text
    assert "Nghị quyết 80-NQ/TW" in text and "Đang tính là ngày làm việc" in text
    live = _open_tracker(str(db_path))
    assert live.deadline_for(Kind.DEPUTY_QUESTION, date(2026, 11, 4)).due_on == date(2026, 11, 24)
    at.button(key="settings.confirm_day_off.2026-11-24").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert live.deadline_for(Kind.DEPUTY_QUESTION, date(2026, 11, 4)).due_on == date(2026, 11, 25)
    text = _texts(at)
    assert "24/11/2026 — Ngày Văn hóa Việt Nam: quản trị viên đã xác nhận là ngày nghỉ" in text
    assert not [b for b in at.button if b.key == "settings.confirm_day_off.2026-11-24"]
    assert [e["subject"] for e in live.list_events(ADMIN) if e["action"] == "override_saved"] == ["2026-11-24"]


def test_settings_shows_each_years_schedule_and_marks_2027_announced(db_path, monkeypatch):
    at = _settings_year(db_path, monkeypatch, 2027, lang="en")
    [table] = [d.value for d in at.dataframe if "Holiday schedule" in d.value.columns]
    status = dict(zip(table["Year"], table["Holiday schedule"], strict=True))
    assert (status["2025"], status["2026"], status["2027"], status["2028"]) == (
        "Announced",
        "Announced",
        "Estimate (not announced)",
        "Estimate (not announced)",
    )
    assert "The 2027 holiday schedule is an estimate" in _texts(at)
    at.button(key="settings.mark_announced").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "The 2027 holiday schedule is announced" in _texts(at)
    assert _open_tracker(str(db_path)).reference.calendar.is_announced(2027)


def test_progress_shows_both_report_dates_for_the_8th_session(demo_db, tmp_path, monkeypatch):
    db = copy_db(demo_db.path, tmp_path)
    at = open_page(start_app(db, monkeypatch), "progress")
    live = _open_tracker(str(db))
    at.selectbox(key="progress.session").set_value(live.reference.session_by_ref(SessionRef(15, 8)).id).run()
    [info] = [m.value for m in at.info if "Ủy ban Thường vụ" in m.value]
    assert "Hạn gửi báo cáo tổng hợp lên Ủy ban Thường vụ Quốc hội: 02/04/2025" in info
    assert "báo cáo việc thực hiện nghị quyết của Quốc hội về chất vấn: 15/04/2025" in info
    assert "Luật 87/2015/QH13 Điều 15(7)" in info
    assert not [w for w in at.warning if "ước tính" in w.value]


def test_progress_warns_when_a_report_date_rests_on_2027(db_path, monkeypatch):
    live = _open_tracker(str(db_path))
    live.save_session(ADMIN, SessionRef(16, 2), date(2026, 10, 19), date(2026, 12, 10))
    live.save_session(ADMIN, SessionRef(16, 3), date(2027, 5, 10), None)
    live.create_item(
        ADMIN,
        draft(
            live,
            session="16/2",
            kind=Kind.DEPUTY_QUESTION,
            phase=Phase.AT_SESSION,
            deputy="Đại biểu Lê Thị B",
            received_on=date(2026, 11, 20),
        ),
    )
    at = open_page(start_app(db_path, monkeypatch), "progress")
    at.selectbox(key="progress.session").set_value(live.reference.session_by_ref(SessionRef(16, 2)).id).run()
    assert not at.exception, [e.value for e in at.exception]
    assert "07/04/2027" in _texts(at)
    [warning] = [w.value for w in at.warning if "ước tính" in w.value]
    assert warning.startswith("Lịch nghỉ năm 2027 chưa được công bố")
