"""The demo data names localities as they are: the six centrally-run cities are "thành phố"."""

from __future__ import annotations

from datetime import date

from tracker.demo import voters_of
from tracker.service import Filters


def test_cities_are_cities_and_provinces_provinces():
    assert voters_of("Hà Nội") == "Cử tri thành phố Hà Nội"
    assert voters_of("Đà Nẵng") == "Cử tri thành phố Đà Nẵng"
    assert voters_of("Cần Thơ") == "Cử tri thành phố Cần Thơ"
    assert voters_of("Hải Phòng") == "Cử tri thành phố Hải Phòng"
    assert voters_of("TP. Hồ Chí Minh") == "Cử tri TP. Hồ Chí Minh"
    assert voters_of("Nghệ An") == "Cử tri tỉnh Nghệ An"


def test_the_demo_register_calls_no_city_a_province(demo_tracker):
    rows = demo_tracker.search(Filters(), date(2100, 1, 1), limit=100_000).rows
    sources = {s.strip() for r in rows for s in (demo_tracker.get_item(r["id"]).sources or ())}
    wrong = {s for s in sources if any(f"tỉnh {c}" in s for c in ("Hà Nội", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"))}
    assert wrong == set()
    assert "tỉnh TP." not in " ".join(sources)
    assert any(s.startswith("Cử tri thành phố ") for s in sources)
