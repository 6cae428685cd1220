"""The progress page's section on the reply's path (issue 12, point 7), under AppTest: the stage
chart's bars, the draft and commitment figures and the per-unit medians are the service's numbers
for the chosen session, with the catalog's stage names in workflow order."""

from __future__ import annotations

import json
from datetime import date, timedelta

from tests.conftest import LIAISON, draft, officer, open_page, reply, session_id, start_app
from tests.pages.test_pages import texts
from tracker import clock
from tracker.items import Result
from tracker.stage import Stage
from tracker.usecases.workflow_read import DRAFT_FIELDS
from ui.context import _open_tracker

TODAY = clock.today()
TCBC, CQDP = officer("TCBC"), officer("CQĐP")
VI_STAGES = [
    "Chưa giao đơn vị",
    "Chờ đơn vị nhận",
    "Đơn vị trả lại Văn phòng",
    "Đang dự thảo",
    "Văn phòng đang thẩm định",
    "Đang sửa theo ý kiến Văn phòng",
    "Chờ lãnh đạo ký",
    "Đã ký, chờ phát hành",
    "Đã phát hành văn bản trả lời",
    "Đã chuyển cơ quan có thẩm quyền",
]


def _session_on_its_path(db_path):
    """Six recommendations of 15/9 (received 04/08/2025, so every open one is overdue today):
    unassigned, awaiting acceptance, drafting, in review after one send-back, and one issued
    "being resolved" with its commitment pending; plus one replied the old way."""
    live = _open_tracker(str(db_path))
    ids = [live.create_item(LIAISON, draft(live, lead_unit=u)) for u in (None, "TCBC", "TCBC", "CQĐP", "CQĐP", "TCBC")]
    live.accept(TCBC, ids[2], 1)
    v = live.submit_draft(CQDP, ids[3], live.accept(CQDP, ids[3], 1), "Dự thảo lần 1")
    v = live.review(LIAISON, ids[3], v, False, "Bổ sung số liệu biên chế")
    live.submit_draft(CQDP, ids[3], v, "Dự thảo lần 2")
    v = live.submit_draft(CQDP, ids[4], live.accept(CQDP, ids[4], 1), "Dự thảo")
    v = live.review(LIAISON, ids[4], v, True, "")
    committed = TODAY + timedelta(days=90)
    live.issue(
        LIAISON, ids[4], v, reply(TODAY, Result.BEING_RESOLVED, committed_on=committed, late_reason="Chờ ý kiến các bộ")
    )
    live.record_reply(LIAISON, ids[5], 1, reply(date(2025, 9, 1)))
    return live, session_id(live, "15/9")


def _stage_chart(at) -> dict:
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        if spec.get("layout", {}).get("barmode") == "stack":
            return spec
    raise AssertionError("no stage chart on the page")


def test_the_stage_section_shows_the_services_figures_for_the_session(db_path, monkeypatch):
    live, sid = _session_on_its_path(db_path)
    at = start_app(db_path, monkeypatch, "admin", "vi", None)
    open_page(at, "progress")
    at.selectbox(key="progress.session").set_value(sid).run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Các bước xử lý trả lời" in [s.value for s in at.subheader]

    # The bars: every stage in workflow order, named from the catalog with its count; the two
    # parts of a bar add up to the service's count, and what is open here is all overdue.
    expected = live.stage_counts(TODAY, sid)[(sid, "voter_recommendation", None)]
    assert expected == {"unassigned": 1, "awaiting_acceptance": 1, "drafting": 1, "in_review": 1, "issued": 2}
    in_time, overdue = _stage_chart(at)["data"]
    counts = [expected.get(s.value, 0) for s in Stage]
    assert in_time["y"] == [f"{name} ({n})" for name, n in zip(VI_STAGES, counts, strict=True)]
    assert [a + b for a, b in zip(in_time["x"], overdue["x"], strict=True)] == counts
    issued = list(Stage).index(Stage.ISSUED)
    assert overdue["x"][issued] == 0 and in_time["x"][issued] == 2
    assert sum(overdue["x"]) == 4 and overdue["name"] == "Quá hạn"

    # Drafts against the internal deadline and the commitments, as the service counts them.
    metrics = {m.label: m.value for m in at.metric}
    drafts = live.draft_timeliness(TODAY, sid)
    labels = {"draft_on_time": "Gửi dự thảo đúng hạn", "draft_late": "Gửi dự thảo chậm"}
    labels |= {"draft_overdue": "Quá hạn, chưa gửi dự thảo"}
    for field in DRAFT_FIELDS:
        assert metrics[labels[field]] == str(sum(t[field] for t in drafts.values()))
    assert metrics["Gửi dự thảo chậm"] == "2"  # drafted today, due to the Office in 2025
    commitments = live.commitments(TODAY, sid)
    assert sum(t["commitments_pending"] for t in commitments.values()) == 1
    assert metrics["Đang thực hiện"] == "1" and metrics["Quá hạn cam kết"] == "0"
    assert [
        k for k in metrics if k in ("Đang thực hiện", "Quá hạn cam kết", "Hoàn thành đúng cam kết", "Hoàn thành chậm")
    ] == [
        "Đang thực hiện",
        "Quá hạn cam kết",
        "Hoàn thành đúng cam kết",
        "Hoàn thành chậm",
    ]

    # Per lead unit: the medians, in calendar days (the caption says so).
    (table,) = [d.value for d in at.dataframe if "Số vòng trả lại" in d.value.columns]
    rows = {r["Đơn vị chủ trì"]: r for r in table.to_dict("records")}
    cqdp = rows[live.reference.unit_name("CQĐP", "vi")]
    medians = live.stage_medians(TODAY, sid)[(sid, "voter_recommendation", "CQĐP")]
    assert cqdp["Số vòng trả lại"] == f"{medians['median_review_rounds']:.1f}".replace(".", ",").removesuffix(",0")
    assert cqdp["Số vòng trả lại"] == "0,5"  # one send-back over two drafted items
    assert cqdp["Đến khi nhận (ngày)"] == "0" and cqdp["Loại"] == "Kiến nghị cử tri"
    tcbc = rows[live.reference.unit_name("TCBC", "vi")]
    assert tcbc["Đến phát hành (ngày)"] == "—"  # its one reply came the old way, without the steps
    assert "Số ngày theo lịch" in texts(at)


def test_the_section_reads_in_english(db_path, monkeypatch):
    _, sid = _session_on_its_path(db_path)
    at = start_app(db_path, monkeypatch, "viewer", "en", None)
    open_page(at, "progress")
    at.selectbox(key="progress.session").set_value(sid).run()
    assert "Where replies stand on their path" in [s.value for s in at.subheader]
    in_time, _ = _stage_chart(at)["data"]
    assert in_time["y"][3] == "Drafting (1)"
    assert "Met on time" in [m.label for m in at.metric]
    assert "Calendar days" in texts(at)


def test_the_shared_stage_chart_is_the_same_at_the_next_click_and_after_a_write(db_path, monkeypatch):
    # The chart object is built once per distinct figure and shared by every session
    # (ui/stage_progress._shared_figure): drawing it must not change it, and new figures must show.
    live, sid = _session_on_its_path(db_path)
    at = start_app(db_path, monkeypatch, "admin", "vi", None)
    open_page(at, "progress")
    at.selectbox(key="progress.session").set_value(sid).run()
    first = _stage_chart(at)
    at.run()
    assert _stage_chart(at) == first

    live.create_item(LIAISON, draft(live, lead_unit=None))  # one more unassigned item
    at.run()
    in_time, overdue = _stage_chart(at)["data"]
    assert in_time["y"][0] == f"{VI_STAGES[0]} (2)"
    assert in_time["x"][0] + overdue["x"][0] == 2
