"""ItemRecord (issue 10): one type owns the item's columns, its search text and row <-> domain.

The golden rows were captured from the three legacy builders (entry, import, reply/edit) before
tracker/record.py existed; the new write path must store exactly the same values."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import ADMIN, LIAISON, draft, reply
from tests.importing.test_import import csv_bytes, preview, row
from tracker import history, item_store, service
from tracker.due_facts import basis_text
from tracker.importing import commit_import
from tracker.items import Result
from tracker.permissions import SYSTEM
from tracker.record import ItemRecord, search_text
from tracker.text import fold

STORED = (
    "select * exclude (id, created_at, updated_at, archived_at, due_facts, internal_due_on, internal_due_reason),"
    " due_facts from items order by id"
)
BASIS = 13  # due_basis in STORED's rows
# The internal deadline's two columns (issue 12, migration 008) came after these golden rows; no
# entry, import or reply writes them (tests/usecases/test_workflow.py covers them).


def stored(tracker) -> list[tuple]:
    """The stored rows, each deadline basis as its facts render it in Vietnamese.

    Since issue 10 an item stores how its deadline was reached as facts (due_facts) and an empty
    due_basis; the golden rows keep the sentence those facts must still read as."""
    rows = tracker.db.write(lambda cur: cur.raw.execute(STORED).fetchall())
    assert all(r[-1] and r[BASIS] == "" for r in rows)
    return [(*r[:BASIS], basis_text(r[-1], r[BASIS]), *r[BASIS + 1 : -1]) for r in rows]


def test_an_entered_item_is_stored_as_before(tracker):
    tracker.create_item(
        LIAISON,
        draft(
            tracker,
            ref_no="77/BDN",
            sources=("Cử tri tỉnh Nghệ An", "Cử tri TP. Hà Nội"),
            deputy="Đại biểu Nguyễn Văn A",
            full_text="Toàn văn\tkiến nghị",
            coordinating_units=("VP", "TCCB"),
        ),
    )
    tracker.create_item(LIAISON, draft(tracker, due_on=date(2025, 8, 29), due_override_reason="Giao gấp"))
    assert stored(tracker) == GOLDEN["entered"]


def test_imported_items_are_stored_as_before(tracker):
    rows = [
        row(ref_no="1/BDN"),
        row(
            ref_no="2/BDN",
            response_no="12/BNV-TLBHXH",
            responded_on="20/08/2025",
            result="explained",
            signer="Thứ trưởng Trần Minh Khoa",
        ),
    ]
    commit_import(tracker, SYSTEM, preview(tracker, csv_bytes(rows)))
    data = csv_bytes([row(ref_no="3/BDN", responded_on="20/08/2025", response_no="5/BNV", result="explained")])
    commit_import(tracker, SYSTEM, preview(tracker, data))
    assert stored(tracker) == GOLDEN["imported"]


def test_reply_and_edit_recompute_the_search_text_as_before(tracker):
    item_id = tracker.create_item(LIAISON, draft(tracker, ref_no="8/BDN"))
    v2 = tracker.record_reply(ADMIN, item_id, 1, reply(date(2025, 8, 20)))
    after_reply = stored(tracker)
    tracker.edit_item(
        ADMIN,
        item_id,
        v2,
        phase="after",
        ref_no="8/BDN",
        sources=("Cử tri tỉnh Nghệ An", "Cử tri TP. Hà Nội"),
        deputy="Đại biểu B",
        summary="Đề nghị điều chỉnh mức lương cơ sở.",
        full_text="",
        topic="Tiền lương",
        reason="Sửa tóm tắt",
    )
    assert (after_reply, stored(tracker)) == GOLDEN["reply_edit"]


def test_from_row_to_item_reads_what_get_item_shows(tracker):
    item_id = tracker.create_item(LIAISON, draft(tracker, ref_no="9/BDN", coordinating_units=("VP",)))
    tracker.record_reply(ADMIN, item_id, 1, reply(date(2025, 8, 20)))
    [row_] = tracker.db.records("items/get", [item_id])
    item = ItemRecord.from_row(row_).to_item()
    assert item == tracker.get_item(item_id) == service.item_from_row(row_)
    assert item.coordinating_units == ("VP",) and item.reply is not None and item.reply.result == Result.EXPLAINED


def test_the_search_text_folds_every_searchable_column():
    record = ItemRecord(
        kind="voter_recommendation",
        session_id=1,
        phase="after",
        ref_no="12/BDN",
        received_on=date(2025, 8, 4),
        sources="Cử tri tỉnh Nghệ An",
        deputy="",
        summary="Lương\tcơ sở",
        full_text="",
        topic="Tiền lương",
        lead_unit=None,
        coordinating_units="",
        due_on=date(2025, 10, 3),
        due_basis="",
        due_override_reason="",
        created_by="x",
    )
    assert record.search_text() == "12/bdn luong co so tien luong cu tri tinh nghe an"
    replied = record.with_reply(reply(date(2025, 8, 20), response_no="7/BNV", summary="Đã trả lời"))
    assert replied.search_text() == record.search_text() + " 7/bnv da tra loi"
    assert replied.values()["result"] == "explained" and replied.values()["roadmap"] is None


_piece = st.one_of(st.none(), st.text(max_size=12))


@given(st.lists(_piece, min_size=8, max_size=8))
def test_the_search_text_is_the_fold_of_the_joined_parts(parts):
    assert search_text(*parts) == fold(" ".join(p for p in parts if p))


def _record(n: int, **kw) -> ItemRecord:
    values = {
        "kind": "voter_recommendation",
        "session_id": 9,
        "phase": "after",
        "ref_no": f"{n}/X",
        "received_on": date(2025, 8, 4),
        "sources": "",
        "deputy": "",
        "summary": f"Kiến nghị {n}",
        "full_text": "",
        "topic": "",
        "lead_unit": "VP",
        "coordinating_units": "",
        "due_on": date(2025, 10, 3),
        "due_basis": "",
        "due_override_reason": "",
        "created_by": "system",
    }
    return ItemRecord(**{**values, **kw})


def _events(action: str):
    return lambda ids: [history.ItemEvent(i, "system", action, {"n": [None, i]}, "", 1) for i in ids]


def test_insert_items_stores_one_or_many_from_the_same_sequence(tracker):
    one = tracker.db.write(lambda cur: item_store.insert_items(cur, [_record(1)], _events("created")))
    many = tracker.db.write(
        lambda cur: item_store.insert_items(cur, [_record(2), _record(3, responded_on=date(2025, 8, 9))], _events("x"))
    )
    assert len(one) == 1 and len(many) == 2 and many[0] > one[0]
    assert [tracker.get_item(i).ref_no for i in one + many] == ["1/X", "2/X", "3/X"]
    assert tracker.get_item(many[1]).reply is not None
    assert [len(tracker.history(i)) for i in one + many] == [1, 1, 1]
    assert tracker.db.write(lambda cur: item_store.insert_items(cur, [], _events("x"))) == []


# Captured from the code before issue 10 moved it (see the module docstring).
GOLDEN: dict = {
    "entered": [
        (
            "voter_recommendation",
            9,
            "after",
            "77/BDN",
            date(2025, 8, 4),
            "Cử tri tỉnh Nghệ An; Cử tri TP. Hà Nội",
            "Đại biểu Nguyễn Văn A",
            "Đề nghị điều chỉnh mức lương cơ sở phù hợp với mức tăng giá tiêu dùng.",
            "Toàn văn\tkiến nghị",
            "Tiền lương",
            "TLBHXH",
            "VP;TCCB",
            date(2025, 10, 3),
            "nhận 04/08/2025 + 60 ngày = 03/10/2025 (Bộ luật Dân sự Điều 147)",
            "",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            "77/bdn de nghi dieu chinh muc luong co so phu hop voi muc tang gia tieu dung. toan van kien nghi tien luong cu tri tinh nghe an; cu tri tp. ha noi dai bieu nguyen van a",
            1,
            "lienlac",
            None,
        ),
        (
            "voter_recommendation",
            9,
            "after",
            "",
            date(2025, 8, 4),
            "Cử tri tỉnh Nghệ An",
            "",
            "Đề nghị điều chỉnh mức lương cơ sở phù hợp với mức tăng giá tiêu dùng.",
            "",
            "Tiền lương",
            "TLBHXH",
            "",
            date(2025, 8, 29),
            "nhận 04/08/2025 + 60 ngày = 03/10/2025 (Bộ luật Dân sự Điều 147) | 29/08/2025",
            "Giao gấp",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            "de nghi dieu chinh muc luong co so phu hop voi muc tang gia tieu dung. tien luong cu tri tinh nghe an",
            1,
            "lienlac",
            None,
        ),
    ],
    "imported": [
        (
            "voter_recommendation",
            9,
            "after",
            "1/BDN",
            date(2025, 8, 4),
            "Cử tri tỉnh Nghệ An; Cử tri TP. Hà Nội",
            "",
            "Đề nghị điều chỉnh mức lương cơ sở phù hợp với mức tăng giá tiêu dùng.",
            "",
            "Tiền lương",
            "TLBHXH",
            "VP",
            date(2025, 10, 3),
            "nhận 04/08/2025 + 60 ngày = 03/10/2025 (Bộ luật Dân sự Điều 147)",
            "",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            "1/bdn de nghi dieu chinh muc luong co so phu hop voi muc tang gia tieu dung. tien luong cu tri tinh nghe an; cu tri tp. ha noi",
            1,
            "system",
            None,
        ),
        (
            "voter_recommendation",
            9,
            "after",
            "2/BDN",
            date(2025, 8, 4),
            "Cử tri tỉnh Nghệ An; Cử tri TP. Hà Nội",
            "",
            "Đề nghị điều chỉnh mức lương cơ sở phù hợp với mức tăng giá tiêu dùng.",
            "",
            "Tiền lương",
            "TLBHXH",
            "VP",
            date(2025, 10, 3),
            "nhận 04/08/2025 + 60 ngày = 03/10/2025 (Bộ luật Dân sự Điều 147)",
            "",
            "12/BNV-TLBHXH",
            date(2025, 8, 20),
            "Thứ trưởng Trần Minh Khoa",
            "",
            "explained",
            None,
            None,
            None,
            None,
            None,
            "2/bdn de nghi dieu chinh muc luong co so phu hop voi muc tang gia tieu dung. tien luong cu tri tinh nghe an; cu tri tp. ha noi 12/bnv-tlbhxh",
            1,
            "system",
            None,
        ),
        (
            "voter_recommendation",
            9,
            "after",
            "3/BDN",
            date(2025, 8, 4),
            "Cử tri tỉnh Nghệ An; Cử tri TP. Hà Nội",
            "",
            "Đề nghị điều chỉnh mức lương cơ sở phù hợp với mức tăng giá tiêu dùng.",
            "",
            "Tiền lương",
            "TLBHXH",
            "VP",
            date(2025, 10, 3),
            "nhận 04/08/2025 + 60 ngày = 03/10/2025 (Bộ luật Dân sự Điều 147)",
            "",
            "5/BNV",
            date(2025, 8, 20),
            "",
            "",
            "explained",
            None,
            None,
            None,
            None,
            None,
            "3/bdn de nghi dieu chinh muc luong co so phu hop voi muc tang gia tieu dung. tien luong cu tri tinh nghe an; cu tri tp. ha noi 5/bnv",
            1,
            "system",
            None,
        ),
    ],
    "reply_edit": (
        [
            (
                "voter_recommendation",
                9,
                "after",
                "8/BDN",
                date(2025, 8, 4),
                "Cử tri tỉnh Nghệ An",
                "",
                "Đề nghị điều chỉnh mức lương cơ sở phù hợp với mức tăng giá tiêu dùng.",
                "",
                "Tiền lương",
                "TLBHXH",
                "",
                date(2025, 10, 3),
                "nhận 04/08/2025 + 60 ngày = 03/10/2025 (Bộ luật Dân sự Điều 147)",
                "",
                "1234/BNV-TLBHXH",
                date(2025, 8, 20),
                "Thứ trưởng Trần Minh Khoa",
                "Bộ Nội vụ đã trả lời, giải trình nội dung kiến nghị.",
                "explained",
                None,
                None,
                None,
                None,
                None,
                "8/bdn de nghi dieu chinh muc luong co so phu hop voi muc tang gia tieu dung. tien luong cu tri tinh nghe an 1234/bnv-tlbhxh bo noi vu da tra loi, giai trinh noi dung kien nghi.",
                2,
                "lienlac",
                None,
            )
        ],
        [
            (
                "voter_recommendation",
                9,
                "after",
                "8/BDN",
                date(2025, 8, 4),
                "Cử tri tỉnh Nghệ An; Cử tri TP. Hà Nội",
                "Đại biểu B",
                "Đề nghị điều chỉnh mức lương cơ sở.",
                "",
                "Tiền lương",
                "TLBHXH",
                "",
                date(2025, 10, 3),
                "nhận 04/08/2025 + 60 ngày = 03/10/2025 (Bộ luật Dân sự Điều 147)",
                "",
                "1234/BNV-TLBHXH",
                date(2025, 8, 20),
                "Thứ trưởng Trần Minh Khoa",
                "Bộ Nội vụ đã trả lời, giải trình nội dung kiến nghị.",
                "explained",
                None,
                None,
                None,
                None,
                None,
                "8/bdn de nghi dieu chinh muc luong co so. tien luong cu tri tinh nghe an; cu tri tp. ha noi dai bieu b 1234/bnv-tlbhxh bo noi vu da tra loi, giai trinh noi dung kien nghi.",
                3,
                "lienlac",
                None,
            )
        ],
    ),
}
