"""Reference data loaded on first start: the ministry's units, the 15th and 16th NA's sessions,
calendar overrides and default deadline rules. Source: ../shared/domain.md. Dates not given
there are left empty for an administrator to fill in."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date

from tracker.deadlines import DEFAULT_RULES, Deadline, DeadlineRule, compute_deadline, report_due_date, rule_for
from tracker.errors import NotFound
from tracker.items import Kind
from tracker.percent import clean_decimals
from tracker.sessions import Session, SessionRef, next_regular_session
from tracker.storage import Cursor, Database
from tracker.text import fold
from tracker.workdays import DEFAULT_OVERRIDES, Override, WorkCalendar, parse_announced_years


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


# -- the snapshot every page reads, and its cache (issue 10: moved from tracker/service.py) ----
DEFAULT_DUE_SOON_DAYS = 5
# Years whose holiday schedule an administrator marked as announced (tracker/calendar_admin.py).
ANNOUNCED_YEARS_SETTING = "calendar_announced_years"
# The query folders whose writes change the snapshot: a write touching one refreshes the cache.
REFERENCE_FOLDERS = frozenset({"sessions", "units", "calendar", "rules", "settings"})


@dataclass(frozen=True)
class Reference:
    """Slow-changing data every page needs; cached and refreshed after settings change."""

    units: tuple[Unit, ...]
    sessions: tuple[Session, ...]
    calendar: WorkCalendar
    rules: tuple[DeadlineRule, ...]
    settings: dict[str, str]

    @property
    def session_ids(self) -> set[int]:
        return {s.id for s in self.sessions}

    def unit(self, code: str | None) -> Unit | None:
        return next((u for u in self.units if u.code == code), None)

    def unit_name(self, code: str | None, lang: str = "vi") -> str:
        unit = self.unit(code)
        return unit.name(lang) if unit else (code or "")

    def session(self, session_id: int) -> Session:
        for s in self.sessions:
            if s.id == session_id:
                return s
        raise NotFound("error.session_not_found", value=str(session_id))

    def session_by_ref(self, ref: SessionRef) -> Session:
        for s in self.sessions:
            if s.ref == ref:
                return s
        raise NotFound("error.session_not_found", value=ref.code())

    @property
    def due_soon_days(self) -> int:
        return int(self.settings.get("due_soon_days", DEFAULT_DUE_SOON_DAYS))

    @property
    def percent_decimals(self) -> int:
        """Decimals of every printed share (1 or 2; tracker/percent.py holds the rule)."""
        return clean_decimals(self.settings.get("percent_decimals"))

    def deadline_for(self, kind: Kind | str, received_on: date) -> Deadline:
        rule = rule_for(self.rules, Kind(kind), received_on)
        return compute_deadline(received_on, rule, self.calendar)

    def report_due_for(self, session: Session) -> tuple[Session | None, date | None]:
        """The next regular session and the last day for the report on ``session``'s items."""
        nxt = next_regular_session(list(self.sessions), session)
        if nxt is None or nxt.opens_on is None:
            return nxt, None
        return nxt, report_due_date(nxt.opens_on, self.calendar)

    def due_soon_until(self, as_of: date) -> date:
        return self.calendar.add_working_days(as_of, self.due_soon_days)


def seed_defaults(cur: Cursor) -> None:
    """Insert the default units, sessions, calendar overrides and rules not yet present.

    Only the missing rows are sent: DuckDB's executemany costs milliseconds a row even when the
    row is then skipped, and every open of every file runs this (reading the keys first makes
    reopening a seeded file ~0.25 s CPU cheaper: the app's start, each CLI call, each test)."""
    units = {row[0] for row in cur.all("units/list")}
    sessions = {(row["term"], row["number"], row["extraordinary"]) for row in cur.records("sessions/list")}
    days = {row[0] for row in cur.all("calendar/list_overrides")}
    rules = {(row[0], row[2]) for row in cur.all("rules/list")}
    cur.many(
        "units/insert_missing",
        [
            (u.code, u.name_vi, u.name_en, fold(u.name_vi), u.active_from, u.active_to, n)
            for n, u in enumerate(DEFAULT_UNITS)
            if u.code not in units
        ],
    )
    cur.many(
        "sessions/insert_missing",
        [
            (s.term, s.number, s.extraordinary, s.opens_on, s.closes_on, s.note)
            for s in DEFAULT_SESSIONS
            if (s.term, s.number, s.extraordinary) not in sessions
        ],
    )
    cur.many(
        "calendar/insert_missing_override",
        [(o.day, o.working, o.note) for o in DEFAULT_OVERRIDES if o.day not in days],
    )
    cur.many(
        "rules/insert_missing",
        [
            (r.kind.value, r.days, r.effective_from, r.basis)
            for r in DEFAULT_RULES
            if (r.kind.value, r.effective_from) not in rules
        ],
    )


def load_reference(db: Database) -> Reference:
    cur = db.reader()
    try:
        units = tuple(
            Unit(r["code"], r["name_vi"], r["name_en"], r["active_from"], r["active_to"], r["sort_order"])
            for r in cur.records("units/list")
        )
        sessions = tuple(
            Session(
                r["id"],
                SessionRef(r["term"], r["number"], r["extraordinary"]),
                r["opens_on"],
                r["closes_on"],
                r["note"],
            )
            for r in cur.records("sessions/list")
        )
        overrides = tuple(Override(r[0], r[1], r[2]) for r in cur.all("calendar/list_overrides"))
        rules = tuple(DeadlineRule(Kind(r[0]), r[1], r[2], r[3]) for r in cur.all("rules/list"))
        settings = {k: val for k, val in cur.all("settings/list")}
    finally:
        cur.raw.close()
    calendar = WorkCalendar(overrides, parse_announced_years(settings.get(ANNOUNCED_YEARS_SETTING)))
    return Reference(units, sessions, calendar, rules, settings)


class ReferenceCache:
    """The current Reference of one database, reloaded after every write that touched a
    reference table (the writer's hook, Database.on_write), never refreshed by hand."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._reference: Reference | None = None
        self._lock = threading.Lock()
        db.on_write(self._reload, folders=REFERENCE_FOLDERS)

    def _reload(self) -> None:
        self.refresh()

    def refresh(self) -> Reference:
        reference = load_reference(self.db)
        with self._lock:
            self._reference = reference
        return reference

    def get(self) -> Reference:
        return self._reference or self.refresh()
