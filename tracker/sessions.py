"""National Assembly terms and sessions: "15/8" is the 8th regular session of the 15th NA,
"15/BT9" its 9th extraordinary ("bất thường") session."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from tracker.errors import InvalidInput
from tracker.i18n import t
from tracker.items import Kind, Phase

_REF = re.compile(r"^\s*(\d{1,2})\s*/\s*(BT)?\s*(\d{1,2})\s*$", re.IGNORECASE)
_ROMAN = [(100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(number: int) -> str:
    """Terms are written in Roman numerals: 15 -> "XV" ("Quốc hội khóa XV")."""
    out = []
    for value, letters in _ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


@dataclass(frozen=True, order=True)
class SessionRef:
    term: int
    number: int
    extraordinary: bool = False

    @classmethod
    def parse(cls, text: str) -> SessionRef:
        match = _REF.match(text or "")
        if not match:
            raise InvalidInput("error.session_format", field="session", value=text)
        term, bt, number = match.groups()
        if int(term) < 1 or int(number) < 1:
            raise InvalidInput("error.session_format", field="session", value=text)
        return cls(int(term), int(number), bool(bt))

    def code(self) -> str:
        return f"{self.term}/{'BT' if self.extraordinary else ''}{self.number}"

    def label(self, lang: str = "vi") -> str:
        key = "session.label_extraordinary" if self.extraordinary else "session.label"
        return t(key, lang, number=self.number, term=roman(self.term), term_number=self.term)


@dataclass(frozen=True)
class Session:
    id: int
    ref: SessionRef
    opens_on: date | None
    closes_on: date | None
    note: str = ""

    @property
    def term(self) -> int:
        return self.ref.term

    @property
    def number(self) -> int:
        return self.ref.number

    @property
    def extraordinary(self) -> bool:
        return self.ref.extraordinary

    def label(self, lang: str = "vi") -> str:
        return self.ref.label(lang)


def next_regular_session(sessions: list[Session], after: Session) -> Session | None:
    """The regular session that follows ``after``: its opening sets the report deadline.

    After a regular session, the next one in (term, number) order, dated or not (an undated
    next session means the deadline is not known yet). After an extraordinary session, the
    first regular session opening after it; an undated extraordinary session cannot be placed.
    """
    regular = sorted((s for s in sessions if not s.extraordinary), key=lambda s: (s.term, s.number))
    if not after.extraordinary:
        later = [s for s in regular if (s.term, s.number) > (after.term, after.number)]
    elif after.opens_on is not None:
        later = [
            s
            for s in regular
            if (s.opens_on is not None and s.opens_on > after.opens_on) or (s.opens_on is None and s.term >= after.term)
        ]
    else:
        later = []
    return later[0] if later else None


def derive_phase(kind: str, received_on: date | None, session: Session | None) -> Phase | None:
    """The phase a blank cell implies, from the session's dates; None when they do not settle it.

    Recommendations: received before the opening -> before; after the closing -> after (during
    the session, it could be either). Questions: between opening and closing -> at the session;
    otherwise between sessions.
    """
    if received_on is None or session is None or session.opens_on is None:
        return None
    opens, closes = session.opens_on, session.closes_on
    if kind == Kind.VOTER_RECOMMENDATION:
        if received_on < opens:
            return Phase.BEFORE
        if closes is not None and received_on > closes:
            return Phase.AFTER
        return None
    if kind == Kind.DEPUTY_QUESTION:
        if received_on < opens:
            return Phase.BETWEEN_SESSIONS
        if closes is None:
            return None
        return Phase.AT_SESSION if received_on <= closes else Phase.BETWEEN_SESSIONS
    return None
