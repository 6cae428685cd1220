# mypy: ignore-errors
# (not yet strict-clean: issue 10 removes this marker module by module)
"""Bulk import (issue 3): read a spreadsheet, show every row's fate, then commit all or nothing.

1. ``read_table`` turns the bytes of an .xlsx (python-calamine) or .csv (UTF-8 with or without BOM,
   UTF-16, Windows-1258: detected or chosen) into a header and rows.
2. ``preview_import`` matches headers (Vietnamese or English), parses and validates every row with
   the same rules as the entry form (tracker/validation.py), and classifies it: new, duplicate of an
   existing item or of an earlier row (same kind, session and incoming number, or near-identical
   text), or invalid with the reason, row and column. Nothing is written.
3. ``commit_import`` writes the new rows in ONE ``Database.write``: missing sessions and units
   (only when asked), every item as one bulk insert, and one "imported" event per item. A file
   with any invalid row is refused whole; duplicates are skipped, so a re-import adds nothing.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz, process

from tracker import file_limits, history
from tracker import validation as v
from tracker.dates import format_date, parse_date
from tracker.errors import InvalidInput, InvalidInputs, PermissionDenied
from tracker.formula_guard import FORMULA_STARTS, neutralise, unneutralise  # noqa: F401 - re-exported
from tracker.i18n import t
from tracker.item_store import insert_items
from tracker.items import Kind, Phase, Reply, Result
from tracker.permissions import Action, Actor, can, require
from tracker.record import ItemRecord
from tracker.reference import Unit
from tracker.service import ItemDraft, Tracker
from tracker.sessions import Session, SessionRef, derive_phase
from tracker.text import clean, fold

# The import's column names (issue 3), in template order. The CSV export writes exactly these,
# so an export re-imports unchanged.
COLUMNS: tuple[str, ...] = (
    "kind",
    "term",
    "session",
    "phase",
    "ref_no",
    "received_on",
    "source",
    "summary",
    "topic",
    "lead_unit",
    "coordinating_units",
    "due_on",
    "response_no",
    "responded_on",
    "result",
    "signer",
)
# Optional columns that carry the rest of an item, so nothing is lost on a round trip.
EXTRA_COLUMNS: tuple[str, ...] = (
    "deputy",
    "full_text",
    "response_summary",
    "roadmap",
    "committed_on",
    "late_reason",
    "transfer_note",
)
ALL_COLUMNS = COLUMNS + EXTRA_COLUMNS
# A blank or absent phase follows from the session's dates (sessions.derive_phase).
REQUIRED_COLUMNS = ("kind", "session", "received_on", "summary")
DATE_COLUMNS = frozenset({"received_on", "due_on", "responded_on", "committed_on"})
TRANSFERRED = "transferred"  # a result value: returned/transferred to the competent agency
ENCODINGS = ("auto", "utf-8", "utf-16", "cp1258")
HEADER_SEARCH_ROWS = 15
# fuzz.ratio on diacritic-folded text: 93 catches a changed word or typo in a sentence, not a
# different recommendation on the same topic (measured on the demo's near-identical templates).
TEXT_DUPLICATE_SCORE = 93.0

# Headers people actually write, beyond the English names and the catalog labels (import.col.*).
_HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "kind": ("loại", "loại mục", "type"),
    "term": ("khóa", "khoá", "khóa quốc hội", "nhiệm kỳ", "na term"),
    "session": ("kỳ họp", "ky hop"),
    "phase": ("thời điểm", "giai đoạn"),
    "ref_no": ("số đến", "số văn bản đến", "số vb đến", "số ký hiệu", "incoming number", "reference"),
    "received_on": ("ngày nhận", "ngày đến", "received", "date received"),
    "source": ("nguồn", "sources", "nguồn kiến nghị", "cử tri", "đoàn đbqh"),
    "summary": ("tóm tắt", "tóm tắt nội dung", "nội dung", "nội dung kiến nghị", "nội dung chất vấn"),
    "topic": ("lĩnh vực",),
    "lead_unit": ("đơn vị chủ trì", "lead"),
    "coordinating_units": ("đơn vị phối hợp",),
    "due_on": ("hạn trả lời", "hạn", "deadline"),
    "response_no": ("số văn bản trả lời", "số vb trả lời", "reply number"),
    "responded_on": ("ngày trả lời", "replied on", "date replied"),
    "result": ("kết quả", "kết quả giải quyết"),
    "signer": ("người ký",),
    "deputy": ("đại biểu", "đại biểu chất vấn"),
    "full_text": ("toàn văn",),
    "response_summary": ("tóm tắt nội dung trả lời", "nội dung trả lời"),
    "roadmap": ("lộ trình", "lộ trình giải quyết"),
    "committed_on": ("thời hạn hoàn thành",),
    "late_reason": ("lý do trễ hạn",),
    "transfer_note": ("chuyển đến / lý do", "ghi chú chuyển"),
}
# Value words people write for the vocabularies, beyond the codes and the catalog labels.
_KIND_ALIASES = {
    Kind.VOTER_RECOMMENDATION: ("kiến nghị", "kiến nghị cử tri", "recommendation"),
    Kind.DEPUTY_QUESTION: ("chất vấn", "chất vấn của đại biểu quốc hội", "question", "written question"),
}
_PHASE_ALIASES = {
    Phase.BEFORE: ("trước", "trước kỳ họp"),
    Phase.AFTER: ("sau", "sau kỳ họp"),
    Phase.AT_SESSION: ("tại", "tại kỳ họp", "trong kỳ họp"),
    Phase.BETWEEN_SESSIONS: ("giữa", "giữa hai kỳ họp", "giữa kỳ họp", "between"),
}
_RESULT_ALIASES = {
    Result.RESOLVED: ("đã giải quyết", "giải quyết xong"),
    Result.BEING_RESOLVED: ("đang giải quyết", "đang nghiên cứu", "đang nghiên cứu giải quyết"),
    Result.EXPLAINED: ("giải trình", "cung cấp thông tin", "giải trình cung cấp thông tin"),
    TRANSFERRED: ("chuyển", "chuyển cơ quan có thẩm quyền", "trả lại", "returned"),
}
_SESSION = re.compile(r"^(?:(\d{1,2})\s*/\s*)?(BT)?\s*(\d{1,2})$")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
_UNIT_STOPWORDS = frozenset({"of", "for", "and", "the", "va", "cua", "ve"})


def _norm(text: object) -> str:
    """A matching key: folded (no case, no diacritics), separators collapsed, edge punctuation off."""
    return re.sub(r"[\s_\-]+", " ", fold(str(text or ""))).strip(" .:*()")


# -- reading files ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Table:
    """A file's header and data rows; ``rows`` carry the spreadsheet row number users see."""

    name: str
    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[object, ...]], ...]
    encoding: str | None = None  # None for .xlsx
    # A CSV may carry the export's formula guard ("'=..."), removed on reading; an .xlsx holds
    # text as typed (Excel's quote prefix is a style), so a leading "'" there is the user's.
    formula_guarded: bool = False


def detect_encoding(data: bytes) -> str:
    """UTF-8 (BOM or not), UTF-16 (BOM or not), else Windows-1258, the Vietnamese Windows code page."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = data[:4000]
    if sample and sample.count(0) > len(sample) // 4:
        # UTF-16 without a BOM: ASCII letters pair with a zero byte.
        return "utf-16-be" if sample[0::2].count(0) > sample[1::2].count(0) else "utf-16-le"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1258"
    return "utf-8"


def _choose_encoding(data: bytes, encoding: str | None) -> str:
    chosen = detect_encoding(data) if encoding in (None, "", "auto") else encoding
    if chosen == "utf-8" and data.startswith(codecs.BOM_UTF8):
        chosen = "utf-8-sig"
    return chosen


def _csv_rows(data: bytes, encoding: str | None, name: str) -> tuple[list[list[str]], str]:
    """Rows decoded and split as they are read, refused once past the row or column limit, so
    memory follows the rows kept rather than the file."""
    chosen = _choose_encoding(data, encoding)
    rows: list[list[str]] = []
    try:
        stream = io.TextIOWrapper(io.BytesIO(data), encoding=chosen, newline="")
        first = stream.readline()
        stream.seek(0)
        try:
            delimiter = csv.Sniffer().sniff(first, delimiters=",;\t").delimiter
        except csv.Error:
            delimiter = ","
        for row in csv.reader(stream, delimiter=delimiter):
            if len(row) > file_limits.MAX_COLUMNS:
                width = len(row)
                while width and not row[width - 1]:
                    width -= 1  # Excel pads rows with empty cells up to the widest one
                file_limits.check_rows(len(rows) + 1, width, name)
                row = row[:width]  # and keeps no padding: a file of commas stays small
            elif len(rows) >= file_limits.MAX_ROWS:
                file_limits.check_rows(len(rows) + 1, len(row), name)
            rows.append(row)
    except (UnicodeDecodeError, LookupError):
        raise InvalidInput("import.bad_encoding", field="encoding", file=name, encoding=chosen) from None
    except csv.Error as error:
        raise InvalidInput("import.unreadable", field="file", file=name, detail=str(error)[:200]) from None
    return rows, chosen


def _xlsx_rows(data: bytes, name: str) -> list[list[object]]:
    from python_calamine import CalamineError, CalamineWorkbook

    # Before python-calamine sees the file: it would allocate the whole range up to the farthest
    # cell, and abort the process if that is too big (tracker/file_limits.py).
    file_limits.check_xlsx(data, name)
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        # skip_empty_area=False keeps row numbers equal to what Excel shows.
        return book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except (CalamineError, ValueError, OSError) as error:
        raise InvalidInput("import.unreadable", field="file", file=name, detail=str(error)[:200]) from None


def read_table(data: bytes, name: str, encoding: str | None = None) -> Table:
    """Read an .xlsx or .csv upload; the first non-empty row is the header. A file beyond the
    limits of tracker/file_limits.py is refused before it is parsed (FileTooLarge)."""
    if not data:
        raise InvalidInput("import.empty_file", field="file", file=name)
    file_limits.check_size(len(data), name)
    is_xlsx = Path(name).suffix.lower() in (".xlsx", ".xlsm") or data[:2] == b"PK"
    used = None
    if is_xlsx:
        raw = _xlsx_rows(data, name)
    else:
        raw, used = _csv_rows(data, encoding, name)
    numbered = [(n, tuple(row)) for n, row in enumerate(raw, start=1) if any(_cell_text(c) for c in row)]
    del raw
    if not numbered:
        raise InvalidInput("import.empty_file", field="file", file=name)
    # Forwarded lists often carry a title ("DANH MỤC KIẾN NGHỊ …") above the header: the header
    # is the first of the top rows that names at least three known columns.
    known = _header_keys()
    start = next(
        (
            i
            for i, (_, r) in enumerate(numbered[:HEADER_SEARCH_ROWS])
            if sum(_norm(_cell_text(c)) in known for c in r) >= 3
        ),
        0,
    )
    (_, header), *body = numbered[start:]
    headers = tuple(clean(_cell_text(h)) for h in header)
    return Table(name, headers, tuple(body), used, formula_guarded=not is_xlsx)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel stores 6036 as 6036.0
    if isinstance(value, datetime):
        return format_date(value.date())
    if isinstance(value, date):
        return format_date(value)
    return str(value)


# -- the preview ------------------------------------------------------------------------------
class Fate(StrEnum):
    NEW = "new"
    DUPLICATE = "duplicate"
    INVALID = "invalid"


@dataclass(frozen=True)
class RowProblem:
    """Why a row cannot be imported, with the row and the column as the file names them."""

    row: int
    column: str
    error: InvalidInput

    def message(self, lang: str = "vi") -> str:
        return t("import.problem", lang, row=self.row, column=self.column, message=self.error.message(lang))


@dataclass(frozen=True)
class Duplicate:
    """What a row duplicates: an existing item or an earlier row of the same file."""

    by: str  # "ref" (same kind, session and incoming number) or "text" (near-identical summary)
    score: float
    item_id: int | None
    row: int | None
    ref_no: str
    summary: str

    def describe(self, lang: str = "vi") -> str:
        target = (
            t("import.dup_item", lang, id=self.item_id)
            if self.item_id is not None
            else t("import.dup_row", lang, row=self.row)
        )
        if self.by == "ref":
            return t("import.dup_by_ref", lang, target=target, ref=self.ref_no)
        return t("import.dup_by_text", lang, target=target, score=f"{self.score:.0f}")


@dataclass(frozen=True)
class ImportedItem:
    """A row that passed every check: exactly what will be stored."""

    kind: Kind
    session: SessionRef
    phase: Phase
    ref_no: str
    received_on: date
    sources: tuple[str, ...]
    deputy: str
    summary: str
    full_text: str
    topic: str
    lead_unit: str | None
    coordinating_units: tuple[str, ...]
    due_on: date
    due_basis: str
    due_override_reason: str
    reply: Reply | None = None
    transferred_on: date | None = None
    transfer_note: str = ""
    phase_derived: bool = False  # the file left it blank; the session's dates gave it


@dataclass(frozen=True)
class PreviewRow:
    row: int
    fate: Fate
    values: dict[str, str]  # the cells as read, by column name (for the preview table)
    item: ImportedItem | None = None
    problems: tuple[RowProblem, ...] = ()
    duplicate: Duplicate | None = None


@dataclass(frozen=True)
class Preview:
    table: Table
    rows: tuple[PreviewRow, ...]
    columns: dict[str, str]  # column name -> header as written in the file
    ignored_headers: tuple[str, ...]
    unknown_units: tuple[str, ...]  # as written in the file
    unknown_sessions: tuple[SessionRef, ...]
    create_missing: bool
    new_units: tuple[Unit, ...]  # created on commit (only when create_missing)

    def count(self, fate: Fate) -> int:
        return sum(1 for r in self.rows if r.fate == fate)

    @property
    def problems(self) -> list[RowProblem]:
        return [p for r in self.rows for p in r.problems]

    @property
    def can_commit(self) -> bool:
        return self.count(Fate.INVALID) == 0 and self.count(Fate.NEW) > 0

    def summary(self, lang: str = "vi") -> str:
        return t(
            "import.summary_line",
            lang,
            file=self.table.name,
            rows=len(self.rows),
            new=self.count(Fate.NEW),
            duplicate=self.count(Fate.DUPLICATE),
            invalid=self.count(Fate.INVALID),
        )


@dataclass(frozen=True)
class ImportResult:
    created: int
    skipped: int  # duplicates (including any that appeared between preview and commit)
    item_ids: tuple[int, ...] = field(default=(), repr=False)
    units_created: tuple[str, ...] = ()
    sessions_created: tuple[str, ...] = ()

    def message(self, lang: str = "vi") -> str:
        return t("import.done", lang, created=self.created, skipped=self.skipped)


Progress = Callable[[float, str], None]


def _header_keys() -> dict[str, str]:
    """Every header the import understands, normalised, to its column name."""
    keys: dict[str, str] = {}
    for column in ALL_COLUMNS:
        words = {column, *_HEADER_ALIASES.get(column, ())}
        for lang in ("vi", "en"):
            words.add(t(f"import.col.{column}", lang))
        for word in words:
            keys.setdefault(_norm(word), column)
    return keys


def _header_map(headers: Sequence[str], name: str) -> tuple[dict[str, int], tuple[str, ...]]:
    keys = _header_keys()
    found: dict[str, int] = {}
    ignored = []
    for index, header in enumerate(headers):
        column = keys.get(_norm(header))
        if column is None:
            if header:
                ignored.append(header)
            continue
        if column in found:
            raise InvalidInput("import.duplicate_column", field="file", file=name, column=header)
        found[column] = index
    missing = [c for c in REQUIRED_COLUMNS if c not in found]
    if missing:
        raise InvalidInput(
            "import.missing_columns",
            field="file",
            file=name,
            columns=", ".join(missing),
            expected=", ".join(COLUMNS),
        )
    return found, tuple(ignored)


def _vocabulary(aliases: dict, label_key: Callable[[str], str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for code, words in aliases.items():
        for word in (str(code), *words, t(label_key(str(code)), "vi"), t(label_key(str(code)), "en")):
            out.setdefault(_norm(word), str(code))
    return out


def _roman_or_int(text: str) -> int | None:
    text = text.strip().upper()
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _ROMAN for ch in text):
        return None
    total = 0
    for ch, nxt in zip(text, [*text[1:], ""], strict=True):
        value = _ROMAN[ch]
        total += -value if nxt and _ROMAN[nxt] > value else value
    return total


def parse_session(term: str, session: str) -> SessionRef:
    """``session`` is the number, "BT9" for an extraordinary one, or a full "15/8"; ``term`` "15"/"XV"."""
    text = re.sub(r"\s+", "", fold(session).upper()).replace("KYHOP", "").replace("THU", "")
    match = _SESSION.match(text)
    if not match or int(match.group(3)) < 1:
        raise InvalidInput("error.session_format", field="session", value=session)
    written_term, bt, number = match.groups()
    term_text = re.sub(r"^(KHOA|TERM)", "", re.sub(r"\s+", "", fold(term).upper()))
    term_no = int(written_term) if written_term else _roman_or_int(term_text)
    if term_no is None or term_no < 1:
        field = "term" if term.strip() or not written_term else "session"
        raise InvalidInput("import.term_required", field=field, value=term or session)
    return SessionRef(term_no, int(number), bool(bt))


def unit_code_for(name: str, taken: set[str]) -> str:
    """A short code for a unit created by an import: initials of its name ("Ministry of Justice" -> "MJ")."""
    # Initials keep Vietnamese letters, as the ministry's codes do ("CQĐP", "TĐKT").
    words = [w for w in clean(name).split() if _norm(w) not in _UNIT_STOPWORDS and w[0].isalnum()]
    code = "".join(w[0] for w in words).upper()
    if len(code) < 2:
        code = re.sub(r"[^A-Z0-9]", "", _norm(name).upper())[:6] or "DV"
    code = code[:12]
    candidate, n = code, 2
    while candidate in taken:
        candidate, n = f"{code}{n}", n + 1
    taken.add(candidate)
    return candidate


class _Rows:
    """Parses and validates rows against one reference snapshot (plus what --create-missing adds)."""

    def __init__(
        self, tracker: Tracker, table: Table, columns: dict[str, int], create_missing: bool, lang: str
    ) -> None:
        self.tracker = tracker
        self.table = table
        self.columns = columns
        self.lang = lang
        self.create_missing = create_missing
        ref = tracker.reference
        self.kinds = _vocabulary(_KIND_ALIASES, lambda c: f"kind.{c}")
        self.phases = _vocabulary(_PHASE_ALIASES, lambda c: f"phase.{c}")
        self.results = _vocabulary(
            _RESULT_ALIASES, lambda c: "status.transferred" if c == TRANSFERRED else f"result.{c}"
        )
        self.unit_keys: dict[str, str] = {}
        for unit in ref.units:
            for word in (unit.code, unit.name_vi, unit.name_en):
                self.unit_keys.setdefault(_norm(word), unit.code)
        self.session_ids: dict[SessionRef, int] = {s.ref: s.id for s in ref.sessions}
        self.unknown_units: dict[str, str] = {}  # normalised -> as written
        self.unknown_sessions: list[SessionRef] = []
        self.new_units: list[Unit] = []
        self._deadlines: dict[tuple[Kind, date], object] = {}
        self._prescan()
        self.reference = self._validation_reference(ref)

    def cell(self, values: tuple[object, ...], column: str) -> object:
        index = self.columns.get(column)
        if index is None or index >= len(values):
            return ""
        value = values[index]
        if isinstance(value, str):
            return unneutralise(clean(value)) if self.table.formula_guarded else clean(value)
        return "" if value is None else value

    def text(self, values: tuple[object, ...], column: str) -> str:
        value = self.cell(values, column)
        return value if isinstance(value, str) else clean(_cell_text(value))

    def header(self, column: str) -> str:
        index = self.columns.get(column)
        if index is not None:
            return self.table.headers[index]
        label = t(f"import.col.{column}", self.lang)
        return column if label == f"import.col.{column}" else label

    def _prescan(self) -> None:
        """Find unknown units and sessions first, so --create-missing can add them before validating."""
        taken = {u.code for u in self.tracker.reference.units}
        for _, values in self.table.rows:
            for name in (self.text(values, "lead_unit"), *self._split(self.text(values, "coordinating_units"))):
                key = _norm(name)
                if name and key not in self.unit_keys and key not in self.unknown_units:
                    self.unknown_units[key] = name
            try:
                ref = parse_session(self.text(values, "term"), self.text(values, "session"))
            except InvalidInput:
                continue
            if ref not in self.session_ids and ref not in self.unknown_sessions:
                self.unknown_sessions.append(ref)
        self.unknown_sessions.sort()
        if self.create_missing:
            for key, name in self.unknown_units.items():
                unit = Unit(unit_code_for(name, taken), name, name, sort_order=900)
                self.new_units.append(unit)
                self.unit_keys[key] = unit.code
            for n, ref in enumerate(self.unknown_sessions, start=1):
                self.session_ids[ref] = -n  # a placeholder id; commit maps it to the real one

    def _validation_reference(self, ref):
        if not self.create_missing:
            return ref
        placeholders = tuple(Session(-n, r, None, None) for n, r in enumerate(self.unknown_sessions, start=1))
        return replace(ref, units=ref.units + tuple(self.new_units), sessions=ref.sessions + placeholders)

    @staticmethod
    def _split(text: str) -> list[str]:
        return [p.strip() for p in text.split(";") if p.strip()]

    def _unit(self, name: str, column: str, problems: list[InvalidInput]) -> str | None:
        code = self.unit_keys.get(_norm(name))
        if code is None:
            problems.append(InvalidInput("import.unknown_unit", field=column, value=name))
        return code

    def _date(self, values, column: str, problems: list[InvalidInput], required: bool = False) -> date | None:
        value = self.cell(values, column)
        if value in ("", None):
            if required:
                problems.append(InvalidInput("error.date_required", field=column))
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool) and 20_000 <= value <= 80_000:
            value = date(1899, 12, 30) + timedelta(days=int(value))  # an Excel serial in an unformatted cell
        try:
            return parse_date(value, column)
        except InvalidInput as error:
            problems.append(error)
            return None

    def deadline(self, kind: Kind, received: date):
        key = (kind, received)
        if key not in self._deadlines:
            self._deadlines[key] = self.tracker.deadline_for(kind, received)
        return self._deadlines[key]

    def parse(self, row: int, values: tuple[object, ...]) -> PreviewRow:
        shown = {c: self.text(values, c) for c in self.columns}
        problems: list[InvalidInput] = []
        kind_text = self.text(values, "kind")
        kind_code = self.kinds.get(_norm(kind_text), kind_text)
        phase_text = self.text(values, "phase")
        phase_code = self.phases.get(_norm(phase_text), phase_text)
        if not kind_text:
            problems.append(InvalidInput("error.required", field="kind"))

        session_ref = None
        session_id = None
        try:
            session_ref = parse_session(self.text(values, "term"), self.text(values, "session"))
        except InvalidInput as error:
            problems.append(error)
        if session_ref is not None:
            session_id = self.session_ids.get(session_ref)
            if session_id is None:
                problems.append(InvalidInput("import.unknown_session", field="session", value=session_ref.code()))

        received = self._date(values, "received_on", problems, required=True)
        phase_derived = False
        if not phase_text:
            phase_code, phase_derived = self._derive_phase(kind_code, received, session_ref, problems)
        due_given = self._date(values, "due_on", problems)
        lead_text = self.text(values, "lead_unit")
        lead = self._unit(lead_text, "lead_unit", problems) if lead_text else None
        coordinating = tuple(
            c
            for c in (
                self._unit(n, "coordinating_units", problems)
                for n in self._split(self.text(values, "coordinating_units"))
            )
            if c
        )

        kind = Kind(kind_code) if kind_code in {k.value for k in Kind} else None
        deadline = None
        if kind is not None and received is not None:
            try:
                deadline = self.deadline(kind, received)
            except InvalidInput as error:
                problems.append(error)
        due_on, due_reason = None, ""
        if due_given is not None and (deadline is None or due_given != deadline.due_on):
            due_on, due_reason = due_given, t("import.due_from_file", self.lang)

        draft_errors: list[InvalidInput] = []
        clean_draft = None
        draft = ItemDraft(  # the entry form's draft: one set of rules for typed and imported items
            kind=kind_code,
            session_id=session_id if session_id is not None else self._any_session(),
            phase=phase_code,
            received_on=received,
            summary=self.text(values, "summary"),
            ref_no=self.text(values, "ref_no"),
            sources=tuple(self._split(self.text(values, "source"))),
            deputy=self.text(values, "deputy"),
            full_text=self.text(values, "full_text"),
            topic=self.text(values, "topic"),
            lead_unit=lead,
            # An unknown lead is reported already; without it, coordinating units cannot be checked.
            coordinating_units=coordinating if lead or not lead_text else (),
            due_on=due_on,
            due_override_reason=due_reason,
        )
        try:
            clean_draft = v.validate_draft(draft, self.reference)
        except InvalidInputs as many:
            draft_errors = many.errors
        seen_fields = {e.field for e in problems}
        problems += [
            e for e in draft_errors if e.field not in seen_fields and not (e.field == "lead_unit" and lead_text)
        ]

        reply, transferred_on, transfer_note = None, None, ""
        if received is not None and deadline is not None:  # a reply is checked against both dates
            reply, transferred_on, transfer_note = self._reply(
                values, kind, received, due_on or deadline.due_on, problems
            )

        if problems:
            column_problems = tuple(RowProblem(row, self.header(self._column_of(e.field)), e) for e in problems)
            return PreviewRow(row, Fate.INVALID, shown, problems=column_problems)
        assert clean_draft is not None and deadline is not None and session_ref is not None
        if clean_draft.due_on is not None:
            basis = f"{deadline.explain(self.lang)} | {format_date(clean_draft.due_on)}"
            due_final = clean_draft.due_on
        else:
            basis, due_final = deadline.explain(self.lang), deadline.due_on
        item = ImportedItem(
            kind=clean_draft.kind,
            session=session_ref,
            phase=clean_draft.phase,
            ref_no=clean_draft.ref_no,
            received_on=clean_draft.received_on,
            sources=clean_draft.sources,
            deputy=clean_draft.deputy,
            summary=clean_draft.summary,
            full_text=clean_draft.full_text,
            topic=clean_draft.topic,
            lead_unit=clean_draft.lead_unit,
            coordinating_units=clean_draft.coordinating_units,
            due_on=due_final,
            due_basis=basis,
            due_override_reason=clean_draft.due_override_reason,
            reply=reply,
            transferred_on=transferred_on,
            transfer_note=transfer_note,
            phase_derived=phase_derived,
        )
        return PreviewRow(row, Fate.NEW, shown, item=item)

    def _derive_phase(
        self, kind_code: str, received: date | None, session_ref, problems: list[InvalidInput]
    ) -> tuple[str, bool]:
        """A blank phase from the session's dates; asked for when they do not settle it."""
        session = None
        if session_ref is not None:
            session = next((s for s in self.reference.sessions if s.ref == session_ref), None)
        phase = derive_phase(kind_code, received, session)
        if phase is not None:
            return phase.value, True
        if kind_code in {k.value for k in Kind} and received is not None and session is not None:
            problems.append(InvalidInput("import.phase_underivable", field="phase", session=session_ref.code()))
        else:  # without a kind, a date and a known session there is nothing to derive it from
            problems.append(InvalidInput("error.required", field="phase"))
        return "", False

    def _any_session(self) -> int:
        # validate_draft looks the session up; an unknown one is already reported, so let the
        # other fields be checked against any existing session.
        return self.reference.sessions[0].id

    @staticmethod
    def _column_of(field_name: str | None) -> str:
        return {
            "sources": "source",
            "transferred_on": "responded_on",
            "session_id": "session",
            "due_override_reason": "due_on",
        }.get(field_name or "", field_name or "")

    def _reply(self, values, kind: Kind, received: date, due_on: date, problems: list[InvalidInput]):
        result_text = self.text(values, "result")
        response_no = self.text(values, "response_no")
        responded = self._date(values, "responded_on", problems)
        committed = self._date(values, "committed_on", problems)
        if not (result_text or response_no or responded):
            return None, None, ""
        result = self.results.get(_norm(result_text)) if result_text else None
        if result_text and result is None:
            problems.append(InvalidInput("error.choice", field="result", value=result_text))
            return None, None, ""
        if result is None and kind != Kind.DEPUTY_QUESTION:
            # JR 72/2025 Art. 49(2) classifies replies to recommendations; a question has no category.
            problems.append(InvalidInput("import.result_required", field="result"))
            return None, None, ""
        if responded is None:
            if not any(p.field == "responded_on" for p in problems):
                problems.append(InvalidInput("error.date_required", field="responded_on"))
            return None, None, ""
        if result == TRANSFERRED:
            try:
                v.validate_event_date(responded, received, "responded_on")
            except InvalidInput as error:
                problems.append(error)
            note = self.text(values, "transfer_note") or response_no or t("import.transfer_note_default", self.lang)
            try:
                note = v.validate_text(note, "transfer_note", v.MAX_REASON, required=True)
            except InvalidInput as error:
                problems.append(error)
            return None, responded, note
        late_reason = self.text(values, "late_reason")
        if responded > due_on and not late_reason:
            # A past reply being recorded: the file may not say why it was late. Say so rather
            # than refuse the row or invent a reason.
            late_reason = t("import.late_reason_missing", self.lang)
        reply = Reply(
            response_no=response_no,
            responded_on=responded,
            signer=self.text(values, "signer"),
            summary=self.text(values, "response_summary"),
            result=Result(result) if result else None,
            roadmap=self.text(values, "roadmap"),
            committed_on=committed,
            late_reason=late_reason,
        )
        try:
            return v.validate_reply(reply, received, due_on, kind), None, ""
        except InvalidInputs as many:
            problems.extend(many.errors)
        return None, None, ""


def _find_duplicates(
    rows: list[PreviewRow], existing: list[dict], on_progress: Progress | None, lang: str
) -> list[PreviewRow]:
    """Mark rows that repeat an existing item or an earlier row: same kind, session and incoming
    number, or near-identical summary. Two different incoming numbers are two documents, so text
    is compared only when one side has no number (else the demo's and real data's recurring
    topics would all collide)."""
    by_ref: dict[tuple, tuple[int | None, int | None, str, str]] = {}
    texts_all: dict[tuple, list[str]] = {}
    texts_blank: dict[tuple, list[str]] = {}
    owners_all: dict[tuple, list[tuple[int | None, int | None, str, str]]] = {}
    owners_blank: dict[tuple, list[tuple[int | None, int | None, str, str]]] = {}

    def remember(
        kind: str, session: SessionRef, ref_no: str, summary: str, item_id: int | None, row: int | None
    ) -> None:
        group = (kind, session)
        owner = (item_id, row, ref_no, summary)
        if ref_no.strip():
            by_ref.setdefault((kind, session, ref_no.strip().lower()), owner)
        key = fold(summary)
        texts_all.setdefault(group, []).append(key)
        owners_all.setdefault(group, []).append(owner)
        if not ref_no.strip():
            texts_blank.setdefault(group, []).append(key)
            owners_blank.setdefault(group, []).append(owner)

    for r in existing:
        remember(
            r["kind"],
            SessionRef(r["term"], r["session_number"], r["extraordinary"]),
            r["ref_no"],
            r["summary"],
            r["id"],
            None,
        )

    out = []
    total = max(1, len(rows))
    for n, row in enumerate(rows):
        if on_progress and n % 500 == 0:
            on_progress(0.5 + 0.5 * n / total, t("import.progress_duplicates", lang))
        item = row.item
        if row.fate != Fate.NEW or item is None:
            out.append(row)
            continue
        group = (item.kind.value, item.session)
        ref_key = item.ref_no.strip().lower()
        duplicate = None
        if ref_key and (item.kind.value, item.session, ref_key) in by_ref:
            item_id, other_row, ref_no, summary = by_ref[(item.kind.value, item.session, ref_key)]
            duplicate = Duplicate("ref", 100.0, item_id, other_row, ref_no, summary)
        else:
            texts, owners = (texts_blank, owners_blank) if ref_key else (texts_all, owners_all)
            choices = texts.get(group)
            if choices:
                match = process.extractOne(
                    fold(item.summary), choices, scorer=fuzz.ratio, score_cutoff=TEXT_DUPLICATE_SCORE
                )
                if match is not None:
                    item_id, other_row, ref_no, summary = owners[group][match[2]]
                    duplicate = Duplicate("text", float(match[1]), item_id, other_row, ref_no, summary)
        if duplicate is not None:
            out.append(replace(row, fate=Fate.DUPLICATE, duplicate=duplicate))
            continue
        remember(item.kind.value, item.session, item.ref_no, item.summary, None, row.row)
        out.append(row)
    return out


def preview_import(
    tracker: Tracker,
    actor: Actor,
    table: Table,
    *,
    create_missing: bool = False,
    lang: str = "vi",
    on_progress: Progress | None = None,
) -> Preview:
    """Every row's fate; nothing is written. Raises InvalidInput for a file that cannot be read."""
    require(actor, Action.IMPORT)
    columns, ignored = _header_map(table.headers, table.name)
    parser = _Rows(tracker, table, columns, create_missing, lang)
    rows = []
    total = max(1, len(table.rows))
    for n, (row_no, values) in enumerate(table.rows):
        if on_progress and n % 500 == 0:
            on_progress(0.5 * n / total, t("import.progress_checking", lang, done=n, total=len(table.rows)))
        rows.append(parser.parse(row_no, values))
    existing = tracker.db.records("import/existing_items")
    rows = _find_duplicates(rows, existing, on_progress, lang)
    if on_progress:
        on_progress(1.0, t("import.progress_ready", lang))
    return Preview(
        table=table,
        rows=tuple(rows),
        columns={c: table.headers[i] for c, i in columns.items()},
        ignored_headers=ignored,
        unknown_units=tuple(parser.unknown_units.values()),
        unknown_sessions=tuple(parser.unknown_sessions),
        create_missing=create_missing,
        new_units=tuple(parser.new_units),
    )


# -- committing -------------------------------------------------------------------------------
def _item_record(item: ImportedItem, session_id: int, actor: Actor) -> ItemRecord:
    return ItemRecord.from_entered(
        item,
        session_id=session_id,
        due_on=item.due_on,
        due_basis=item.due_basis,
        due_override_reason=item.due_override_reason,
        created_by=actor.username,
        reply=item.reply,
        transferred_on=item.transferred_on,
        transfer_note=item.transfer_note,
    )


def commit_import(
    tracker: Tracker, actor: Actor, preview: Preview, *, lang: str = "vi", on_progress: Progress | None = None
) -> ImportResult:
    """Write the preview's new rows in one transaction; refuse the whole file if any row is invalid."""
    require(actor, Action.IMPORT)
    if (
        preview.create_missing
        and (preview.unknown_sessions or preview.new_units)
        and not can(actor, Action.MANAGE_SETTINGS)
    ):
        # Sessions and units are administrators' settings; an import must not be a way around that.
        raise PermissionDenied("error.create_missing_admin")
    invalid = preview.count(Fate.INVALID)
    if invalid:
        raise InvalidInput("import.has_invalid", field="file", count=invalid, file=preview.table.name)
    new_rows = [r for r in preview.rows if r.fate == Fate.NEW and r.item is not None]
    skipped = preview.count(Fate.DUPLICATE)
    if not new_rows:
        return ImportResult(0, skipped)
    if on_progress:
        on_progress(0.1, t("import.progress_writing", lang, count=len(new_rows)))

    def work(cur) -> ImportResult:
        sessions_created = []
        if preview.create_missing:
            cur.many(
                "sessions/insert_missing",
                [
                    (
                        s.term,
                        s.number,
                        s.extraordinary,
                        None,
                        None,
                        t("import.created_note", lang, file=preview.table.name),
                    )
                    for s in preview.unknown_sessions
                ],
            )
            cur.many(
                "units/insert_missing",
                [
                    (u.code, u.name_vi, u.name_en, fold(u.name_vi), u.active_from, u.active_to, u.sort_order)
                    for u in preview.new_units
                ],
            )
            sessions_created = [s.code() for s in preview.unknown_sessions]
            # Settings changes are administrative events (the audit trail), as in Settings.
            reason = t("import.created_note", lang, file=preview.table.name)
            history.append_admin_events(
                cur,
                [history.AdminEvent(actor.username, "session_saved", code, {}, reason) for code in sessions_created]
                + [
                    history.AdminEvent(actor.username, "unit_saved", u.code, {"name_vi": [None, u.name_vi]}, reason)
                    for u in preview.new_units
                ],
            )
        session_ids = {
            SessionRef(r["term"], r["number"], r["extraordinary"]): r["id"] for r in cur.records("sessions/list")
        }
        # Someone may have added an item with the same number since the preview: skip it, as
        # the preview would now.
        taken = {
            (r["kind"], SessionRef(r["term"], r["session_number"], r["extraordinary"]), r["ref_no"].strip().lower())
            for r in cur.records("import/existing_items")
            if r["ref_no"].strip()
        }
        rows = [
            r
            for r in new_rows
            if not (
                r.item.ref_no.strip() and (r.item.kind.value, r.item.session, r.item.ref_no.strip().lower()) in taken
            )
        ]
        late_skipped = len(new_rows) - len(rows)
        if not rows:
            return ImportResult(0, skipped + late_skipped)
        records = [_item_record(r.item, session_ids[r.item.session], actor) for r in rows]

        def imported(ids: Sequence[int]) -> list[history.ItemEvent]:
            return [
                history.ItemEvent(
                    item_id,
                    actor.username,
                    "imported",
                    history.imported_changes(rec.values()),
                    t("import.event_reason", lang, file=preview.table.name, row=r.row),
                    1,  # the version the import produced
                )
                for item_id, rec, r in zip(ids, records, rows, strict=True)
            ]

        ids = insert_items(cur, records, imported)
        return ImportResult(
            len(rows),
            skipped + late_skipped,
            tuple(ids),
            tuple(u.code for u in preview.new_units),
            tuple(sessions_created),
        )

    result = tracker.db.write(work)
    if preview.create_missing and (preview.new_units or preview.unknown_sessions):
        tracker.refresh_reference()
    if on_progress:
        on_progress(1.0, result.message(lang))
    return result


def import_file(
    tracker: Tracker,
    actor: Actor,
    path: Path,
    *,
    create_missing: bool = False,
    encoding: str | None = None,
    lang: str = "vi",
) -> tuple[Preview, ImportResult | None]:
    """Preview a file and, when every row is valid, commit it (the CLI without --dry-run)."""
    table = read_table(file_limits.read_upload(Path(path)), Path(path).name, encoding)
    preview = preview_import(tracker, actor, table, create_missing=create_missing, lang=lang)
    if preview.count(Fate.INVALID):
        return preview, None
    return preview, commit_import(tracker, actor, preview, lang=lang)


# -- showing the preview ----------------------------------------------------------------------
def preview_frame(preview: Preview, lang: str = "vi", fates: Sequence[Fate] | None = None) -> pd.DataFrame:
    """Every row's fate as a table people read (the page and `import --dry-run` show it)."""
    wanted = set(fates or Fate)
    records = []
    for r in preview.rows:
        if r.fate not in wanted:
            continue
        item = r.item
        if r.problems:
            note = " · ".join(p.error.message(lang) + f" [{p.column}]" for p in r.problems)
        elif r.duplicate is not None:
            note = r.duplicate.describe(lang)
        else:
            note = ""
        records.append(
            {
                "row": r.row,
                "fate": t(f"import.fate.{r.fate.value}", lang),
                "kind": t(f"kind.{item.kind.value}", lang) if item else r.values.get("kind", ""),
                "session": item.session.code() if item else r.values.get("session", ""),
                "phase": _phase_text(item, lang) if item else r.values.get("phase", ""),
                "ref_no": item.ref_no if item else r.values.get("ref_no", ""),
                "received_on": format_date(item.received_on) if item else r.values.get("received_on", ""),
                "summary": item.summary if item else r.values.get("summary", ""),
                "lead_unit": (item.lead_unit or "") if item else r.values.get("lead_unit", ""),
                "due_on": format_date(item.due_on) if item else r.values.get("due_on", ""),
                "note": note,
            }
        )
    columns = (
        "row",
        "fate",
        "kind",
        "session",
        "phase",
        "ref_no",
        "received_on",
        "summary",
        "lead_unit",
        "due_on",
        "note",
    )
    frame = pd.DataFrame.from_records(records, columns=list(columns))
    return frame.rename(columns={c: t(f"import.preview_col.{c}", lang) for c in columns})


def _phase_text(item: ImportedItem, lang: str) -> str:
    label = t(f"phase.{item.phase.value}", lang)
    return t("import.phase_derived", lang, phase=label) if item.phase_derived else label


def preview_reasons(preview: Preview, lang: str = "vi") -> list[str]:
    """One line per problem, duplicate and derived phase, in full (the CLI prints them under its
    table, whose cells are cut to fit a terminal)."""
    lines: list[str] = []
    for r in preview.rows:
        lines += [p.message(lang) for p in r.problems]
        if r.duplicate is not None:
            lines.append(t("import.reason_duplicate", lang, row=r.row, what=r.duplicate.describe(lang)))
        if r.item is not None and r.item.phase_derived:
            lines.append(
                t("import.reason_phase_derived", lang, row=r.row, phase=t(f"phase.{r.item.phase.value}", lang))
            )
    return lines


def duplicates_frame(preview: Preview, lang: str = "vi") -> pd.DataFrame:
    """Each duplicate beside what it duplicates, so the user can judge the match."""
    records = [
        {
            "row": r.row,
            "file_text": f"{r.item.ref_no} — {r.item.summary}"
            if r.item and r.item.ref_no
            else (r.item.summary if r.item else ""),
            "other": r.duplicate.describe(lang),
            "other_text": f"{r.duplicate.ref_no} — {r.duplicate.summary}"
            if r.duplicate.ref_no
            else r.duplicate.summary,
        }
        for r in preview.rows
        if r.fate == Fate.DUPLICATE and r.duplicate is not None
    ]
    columns = ("row", "file_text", "other", "other_text")
    frame = pd.DataFrame.from_records(records, columns=list(columns))
    return frame.rename(columns={c: t(f"import.dup_col.{c}", lang) for c in columns})


# -- the template -----------------------------------------------------------------------------
_EXAMPLE = {
    "kind": "voter_recommendation",
    "term": "15",
    "session": "9",
    "phase": "after",
    "ref_no": "1234/BDN",
    "received_on": "04/08/2025",
    "source": "Cử tri tỉnh Nghệ An; Cử tri TP. Hà Nội",
    "summary": "Đề nghị điều chỉnh mức lương cơ sở phù hợp với mức tăng giá tiêu dùng.",
    "topic": "Tiền lương",
    "lead_unit": "TLBHXH",
    "coordinating_units": "VP",
    "due_on": "",
    "response_no": "902/BNV-TLBHXH",
    "responded_on": "15/09/2025",
    "result": "explained",
    "signer": "Thứ trưởng Trần Minh Khoa",
}


def template_csv() -> bytes:
    """An empty CSV with the import's English column names (UTF-8 with BOM for Excel)."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(ALL_COLUMNS)
    return out.getvalue().encode("utf-8-sig")


def template_xlsx(lang: str = "vi") -> bytes:
    """A workbook to fill in: headers in the user's language on the first sheet, and a guide
    (every column, whether it is required, the values it takes, an example) on the second."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    data = book.add_worksheet(t("import.template_sheet", lang))
    for col, name in enumerate(ALL_COLUMNS):
        data.write_string(0, col, t(f"import.col.{name}", lang) if lang == "vi" else name, bold)
        data.set_column(
            col,
            col,
            40 if name in ("summary", "full_text", "response_summary") else 18,
            date_format if name in DATE_COLUMNS else None,
        )
    data.freeze_panes(1, 0)
    guide = book.add_worksheet(t("import.guide_sheet", lang))
    heads = ("guide_column", "guide_english", "guide_required", "guide_values", "guide_example")
    for col, key in enumerate(heads):
        guide.write_string(0, col, t(f"import.{key}", lang), bold)
    for n, name in enumerate(ALL_COLUMNS, start=1):
        guide.write_string(n, 0, t(f"import.col.{name}", lang), wrap)
        guide.write_string(n, 1, name, wrap)
        guide.write_string(n, 2, t("import.yes", lang) if name in REQUIRED_COLUMNS else "", wrap)
        guide.write_string(n, 3, t(f"import.help.{name}", lang), wrap)
        guide.write_string(n, 4, _EXAMPLE.get(name, ""), wrap)
    guide.set_column(0, 0, 26)
    guide.set_column(1, 1, 20)
    guide.set_column(2, 2, 10)
    guide.set_column(3, 3, 70)
    guide.set_column(4, 4, 40)
    guide.freeze_panes(1, 0)
    book.close()
    return buffer.getvalue()
