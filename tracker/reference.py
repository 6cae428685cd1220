"""Reference data loaded on first start: the ministry's units, the 15th and 16th NA's sessions,
calendar overrides and default deadline rules. Source: ../shared/domain.md. Dates not given
there are left empty for an administrator to fill in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Unit:
    code: str
    name_vi: str
    name_en: str
    active_from: date | None = None
    active_to: date | None = None
    sort_order: int = 0

    def name(self, lang: str = "vi") -> str:
        return self.name_vi if lang == "vi" else self.name_en

    def is_active_on(self, day: date) -> bool:
        return (self.active_from is None or self.active_from <= day) and (
            self.active_to is None or day <= self.active_to
        )


# 1/3/2025: the Ministry of Labour, Invalids and Social Affairs merged into Home Affairs
# (Decree 25/2025); religion moved out. 8/7/2026: Decree 276/2026 dropped the Inspectorate.
_MERGER = date(2025, 3, 1)

DEFAULT_UNITS: tuple[Unit, ...] = (
    Unit("TCBC", "Vụ Tổ chức - Biên chế", "Department of Organisation and Staffing"),
    Unit("CQĐP", "Vụ Chính quyền địa phương", "Department of Local Government"),
    Unit("CCVC", "Vụ Công chức - Viên chức", "Department of Civil Servants and Public Employees"),
    Unit("TCPCP", "Vụ Tổ chức phi chính phủ", "Department of Non-Governmental Organisations"),
    Unit("CCHC", "Vụ Cải cách hành chính", "Department of Administrative Reform"),
    Unit("TNBĐG", "Vụ Công tác thanh niên và Bình đẳng giới", "Department of Youth Affairs and Gender Equality"),
    Unit("HTQT", "Vụ Hợp tác quốc tế", "Department of International Cooperation"),
    Unit("TCCB", "Vụ Tổ chức cán bộ", "Department of Personnel and Organisation"),
    Unit("PC", "Vụ Pháp chế", "Department of Legal Affairs"),
    Unit("KHTC", "Vụ Kế hoạch - Tài chính", "Department of Planning and Finance"),
    Unit("VP", "Văn phòng Bộ", "Ministry Office"),
    Unit("VTLNN", "Cục Văn thư và Lưu trữ nhà nước", "State Records and Archives Department"),
    Unit("TLBHXH", "Cục Tiền lương và Bảo hiểm xã hội", "Department of Wages and Social Insurance", _MERGER),
    Unit("VL", "Cục Việc làm", "Department of Employment", _MERGER),
    Unit("QLLĐNN", "Cục Quản lý lao động ngoài nước", "Department of Overseas Labour", _MERGER),
    Unit("NCC", "Cục Người có công", "Department of People with Meritorious Services", _MERGER),
    Unit("TĐKT", "Ban Thi đua - Khen thưởng Trung ương", "Central Emulation and Commendation Board"),
    Unit("TTCNTT", "Trung tâm Công nghệ thông tin", "Information Technology Centre"),
    Unit("VKH", "Viện Khoa học Tổ chức nhà nước và Lao động", "Institute of State Organisation and Labour Sciences"),
    Unit("TCTC", "Tạp chí Tổ chức nhà nước và Lao động", "State Organisation and Labour Review"),
    Unit("DT", "Báo Dân trí", "Dân trí Newspaper", _MERGER),
    Unit("TTB", "Thanh tra Bộ", "Ministry Inspectorate", None, date(2026, 7, 7)),
    Unit("VTL", "Vụ Tiền lương", "Department of Wages", None, date(2025, 2, 28)),
    Unit("BTGCP", "Ban Tôn giáo Chính phủ", "Government Committee for Religious Affairs", None, date(2025, 2, 28)),
)


@dataclass(frozen=True)
class SessionSeed:
    term: int
    number: int
    extraordinary: bool
    opens_on: date | None
    closes_on: date | None
    note: str = ""


def _regular(term: int, number: int, opens: date | None, closes: date | None = None, note: str = "") -> SessionSeed:
    return SessionSeed(term, number, False, opens, closes, note)


def _extra(term: int, number: int, opens: date | None = None, closes: date | None = None) -> SessionSeed:
    return SessionSeed(term, number, True, opens, closes)


DEFAULT_SESSIONS: tuple[SessionSeed, ...] = (
    _regular(15, 1, date(2021, 7, 20), date(2021, 7, 28)),
    _regular(15, 2, date(2021, 10, 20), date(2021, 11, 13)),
    _regular(15, 3, date(2022, 5, 23)),
    _regular(15, 4, date(2022, 10, 20)),
    _regular(15, 5, date(2023, 5, 22)),
    _regular(15, 6, date(2023, 10, 23)),
    _regular(15, 7, date(2024, 5, 20), date(2024, 6, 29)),
    _regular(15, 8, date(2024, 10, 21), date(2024, 11, 30)),
    _regular(15, 9, date(2025, 5, 5), date(2025, 6, 27)),
    _regular(15, 10, date(2025, 10, 20), date(2025, 12, 11)),
    _extra(15, 1),
    _extra(15, 2, date(2023, 1, 5)),
    _extra(15, 3),
    _extra(15, 4),
    _extra(15, 5, date(2024, 1, 15)),
    _extra(15, 6),
    _extra(15, 7),
    _extra(15, 8),
    _extra(15, 9, date(2025, 2, 12), date(2025, 2, 19)),
    _regular(16, 1, date(2026, 4, 6), date(2026, 4, 25), "Dự kiến 6-25/4/2026"),
    _regular(16, 2, None, None, "Dự kiến tháng 10/2026"),
)
