"""Generated import files for the tests (and benchmarks/io_bench.py): rows in the import's
columns, written as CSV or .xlsx. Test data, so it lives with the tests, not in the product."""

from __future__ import annotations

import csv
import io
import random
from datetime import date, timedelta

from tracker.importing import ALL_COLUMNS

_TOPIC_WORDS = (
    "lương phụ cấp biên chế cán bộ công chức viên chức sắp xếp đơn vị hành chính bảo hiểm xã hội việc làm "
    "người có công thi đua khen thưởng lưu trữ thanh niên"
)
_UNITS = ("TCBC", "Vụ Chính quyền địa phương", "CCVC", "CCHC", "TLBHXH", "cuc viec lam", "NCC", "VP")


def generated_rows(n: int, *, seed: int = 3, numbered: bool = True) -> list[dict[str, str]]:
    """n voter recommendations of the 15th NA's 9th session, 60 % replied, with distinct text."""
    rng = random.Random(seed)
    words = _TOPIC_WORDS.split()
    out = []
    for i in range(n):
        received = date(2025, 8, 4) + timedelta(days=rng.randint(0, 40))
        row = dict.fromkeys(ALL_COLUMNS, "")
        row.update(
            kind="voter_recommendation",
            term="15",
            session="9",
            phase="after",
            ref_no=f"{i + 1}/BDN-15.9" if numbered else "",
            received_on=received.strftime("%d/%m/%Y"),
            source=f"Cử tri tỉnh {rng.choice(['Nghệ An', 'Hà Tĩnh', 'Gia Lai', 'Cà Mau'])}",
            summary="Đề nghị " + " ".join(rng.choice(words) for _ in range(16)) + f" (kiến nghị {i + 1})",
            topic="Tiền lương",
            lead_unit=rng.choice(_UNITS),
        )
        if rng.random() < 0.6:
            row.update(
                response_no=f"{i + 1}/BNV",
                responded_on=(received + timedelta(days=rng.randint(5, 70))).strftime("%d/%m/%Y"),
                result=rng.choice(["resolved", "explained"]),
                signer="Thứ trưởng Trần Minh Khoa",
            )
        out.append(row)
    return out


def as_csv(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(ALL_COLUMNS)
    writer.writerows([r[c] for c in ALL_COLUMNS] for r in rows)
    return out.getvalue().encode("utf-8-sig")


def as_xlsx(rows: list[dict[str, str]]) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ALL_COLUMNS)
    for n, r in enumerate(rows, start=1):
        sheet.write_row(n, 0, [r[c] for c in ALL_COLUMNS])
    book.close()
    return buffer.getvalue()
