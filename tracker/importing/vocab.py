"""What the import understands: header names and aliases, value words, session and unit codes."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from tracker.errors import InvalidInput
from tracker.file_columns import ALL_COLUMNS, COLUMNS, REQUIRED_COLUMNS, TRANSFERRED
from tracker.i18n import t
from tracker.items import Kind, Phase, Result
from tracker.sessions import SessionRef
from tracker.text import clean, fold

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
_KIND_ALIASES: dict[str, tuple[str, ...]] = {
    Kind.VOTER_RECOMMENDATION: ("kiến nghị", "kiến nghị cử tri", "recommendation"),
    Kind.DEPUTY_QUESTION: ("chất vấn", "chất vấn của đại biểu quốc hội", "question", "written question"),
}
_PHASE_ALIASES: dict[str, tuple[str, ...]] = {
    Phase.BEFORE: ("trước", "trước kỳ họp"),
    Phase.AFTER: ("sau", "sau kỳ họp"),
    Phase.AT_SESSION: ("tại", "tại kỳ họp", "trong kỳ họp"),
    Phase.BETWEEN_SESSIONS: ("giữa", "giữa hai kỳ họp", "giữa kỳ họp", "between"),
}
_RESULT_ALIASES: dict[str, tuple[str, ...]] = {
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


def _vocabulary(aliases: Mapping[str, tuple[str, ...]], label_key: Callable[[str], str]) -> dict[str, str]:
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
