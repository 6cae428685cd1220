"""The Word report as a reader sees it: rendered by LibreOffice headless to PDF and read back with
poppler (pdfinfo, pdftotext -layout). Checks what only a layout engine can tell: the page count,
the national name on one line, page numbers from page 2, a landscape appendix whose reply numbers
and dates are never broken. Also regenerates the previews in docs/report-preview/ (committed).

`make test` installs LibreOffice and poppler (Debian's libreoffice-writer-nogui, poppler-utils);
elsewhere these tests skip and say why."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from time import perf_counter

import pytest

from tests.conftest import ADMIN, ROOT, copy_db, session_id
from tracker.dates import format_date
from tracker.exporting import ExportScope, collect, render
from tracker.permissions import SYSTEM
from tracker.report_signer import Signer
from tracker.service import Tracker

TOOLS = {name: shutil.which(name) for name in ("soffice", "pdftotext", "pdfinfo", "pdftoppm")}
pytestmark = pytest.mark.skipif(
    not all(TOOLS.values()),
    reason=f"needs LibreOffice and poppler-utils ({', '.join(n for n, p in TOOLS.items() if not p)} missing): "
    "`make docs-deps` installs libreoffice-writer-nogui and poppler-utils",
)
PREVIEWS = ROOT / "docs" / "report-preview"
AS_OF = date(2024, 12, 31)  # a fixed date: the previews change only when the layout does


def to_pdf(docx: Path, out: Path) -> Path:
    """LibreOffice headless with a profile of its own, so parallel runs never share one."""
    profile = (out / "lo-profile").as_uri()
    subprocess.run(
        [
            TOOLS["soffice"],
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return out / f"{docx.stem}.pdf"


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    info = subprocess.run(
        [TOOLS["pdfinfo"], "-f", "1", "-l", "9999", str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]


@dataclass(frozen=True)
class Rendered:
    pdf: Path
    pages: list[str]  # pdftotext -layout, one string a page
    sizes: list[tuple[float, float]]
    replies: list[tuple[str, str]]  # (reply number, dd/mm/yyyy) of every replied recommendation
    symbols: set[str]  # document symbols quoted in the recommendations ("27-NQ/TW")
    build_s: float
    render_s: float


@pytest.fixture(scope="module")
def rendered(demo_db, tmp_path_factory) -> Rendered:
    out = tmp_path_factory.mktemp("report")
    tracker = Tracker.open(copy_db(demo_db.path, out))
    try:
        tracker.save_signer(ADMIN, Signer("Trần Minh Khoa", "Thứ trưởng", "kt"))
        data = collect(tracker, SYSTEM, ExportScope(session_id(tracker, "15/7"), AS_OF))
        started = perf_counter()
        content = render(tracker, data, "docx")
        build_s = perf_counter() - started
    finally:
        tracker.close()
    docx = out / "bao-cao.docx"
    docx.write_bytes(content)
    started = perf_counter()
    pdf = to_pdf(docx, out)
    render_s = perf_counter() - started
    text = subprocess.run(
        [TOOLS["pdftotext"], "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    replies = [
        (r["response_no"], format_date(r["responded_on"]))
        for r in data.rows
        if r["kind"] == "voter_recommendation" and r["responded_on"] and r["status"].startswith("replied")
    ]
    symbols = {m for r in data.rows for m in re.findall(r"\b\d+(?:[-/][\wĐ]+)+", r["summary"])}
    print(f"docx built in {build_s:.2f} s ({len(content):,} bytes), rendered to PDF in {render_s:.1f} s")
    return Rendered(pdf, text.split("\f")[:-1], page_sizes(pdf), replies, symbols, build_s, render_s)


def lines(page: str) -> list[str]:
    return [line.strip() for line in page.splitlines() if line.strip()]


def test_the_report_is_one_portrait_page_then_a_landscape_appendix(rendered):
    assert len(rendered.pages) == len(rendered.sizes) >= 3
    (width, height), *appendix = rendered.sizes
    assert (round(width), round(height)) == (595, 842)  # A4 portrait
    assert {(round(w), round(h)) for w, h in appendix} == {(842, 595)}  # A4 landscape
    assert "Phụ lục" in lines(rendered.pages[1])[:3]
    # The appendix lists all 129 recommendations: the last row's number is on the last page.
    assert re.search(r"^\s*129\s", rendered.pages[-1], re.MULTILINE)


def test_the_national_name_is_on_one_line_beside_the_issuing_body(rendered):
    first = lines(rendered.pages[0])
    assert re.fullmatch(r"BỘ NỘI VỤ\s+CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", first[0]), first[0]
    assert first[1] == "Độc lập - Tự do - Hạnh phúc"
    assert re.fullmatch(r"Số: …/BC-BNV\s+Hà Nội, ngày … tháng … năm …", first[2]), first[2]
    title = first.index("BÁO CÁO")
    assert first[title + 1 : title + 3] == [
        "Kết quả giải quyết, trả lời kiến nghị của cử tri gửi đến",
        "Kỳ họp thứ 7, Quốc hội khóa XV",
    ]
    signature = [line for line in first if re.search(r"KT\. BỘ TRƯỞNG|THỨ TRƯỞNG|Trần Minh Khoa", line)]
    assert [re.sub(r".*\s{2,}", "", line) for line in signature] == ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Trần Minh Khoa"]
    assert "- Ủy ban Dân nguyện và Giám sát của Quốc hội;" in first


def test_pages_are_numbered_from_page_2_centred_at_the_top(rendered):
    assert not lines(rendered.pages[0])[0].isdigit()  # no number on the first page
    for n, page in enumerate(rendered.pages[1:], start=2):
        top = page.splitlines()
        first = next(line for line in top if line.strip())
        assert first.strip() == str(n), (n, first)
        # Centred: the number's middle is within a few characters of the line's middle.
        widest = max(len(line) for line in top)
        middle = first.index(str(n)) + len(str(n)) / 2
        assert abs(middle - widest / 2) < widest * 0.1, (n, middle, widest)


def test_reply_numbers_and_dates_are_never_broken(rendered):
    appendix = "\n".join(rendered.pages[1:])
    assert rendered.replies and any(number.endswith("BTGCP") for number, _ in rendered.replies)
    broken = [number for number, _ in rendered.replies if f"Số {number}" not in appendix]
    assert broken == []
    missing_dates = [day for _, day in rendered.replies if f"ngày {day}" not in appendix]
    assert missing_dates == []
    assert "(Kèm theo Báo cáo số …/BC-BNV ngày … tháng … năm … của Bộ Nội vụ)" in appendix
    # Symbols quoted in the recommendations' text stay whole too (non-breaking hyphens).
    assert "27-NQ/TW" in rendered.symbols
    assert [s for s in rendered.symbols if s not in appendix] == []


def test_the_previews_in_docs_show_the_first_pages(rendered):
    PREVIEWS.mkdir(parents=True, exist_ok=True)
    for n in (1, 2):
        target = PREVIEWS / f"page-{n}"
        subprocess.run(
            [
                TOOLS["pdftoppm"],
                "-png",
                "-r",
                "80",
                "-f",
                str(n),
                "-l",
                str(n),
                "-singlefile",
                str(rendered.pdf),
                str(target),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        png = target.with_suffix(".png").read_bytes()
        width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
        assert (width < height) if n == 1 else (width > height), (n, width, height)
