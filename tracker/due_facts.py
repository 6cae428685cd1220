"""How an item's deadline was reached, stored as facts and rendered in the reader's language.

Until issue 10 the item stored the sentence (``deadline.explain("vi")``), so an English reader
read Vietnamese and a changed wording never reached older items. The facts are: the period in
days, the day counted from, the unrolled date, the days off it rolled past (rule, holiday key,
an override's note), the years whose calendar was only an estimate, and the dates a person or a
file set afterwards. Rows from before keep their sentence in ``due_basis`` (read when the facts
are absent).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from tracker.formatting import format_date
from tracker.i18n import t
from tracker.workdays import Basis, DayOff


def join_words(texts: list[str], lang: str = "vi") -> str:
    """ "a, b và c"; with "; " between items when an item has a comma of its own."""
    if len(texts) < 2:
        return "".join(texts)
    separator = "; " if any("," in x for x in texts) else ", "
    return separator.join(texts[:-1]) + t("list.and", lang) + texts[-1]


@dataclass(frozen=True)
class DueFacts:
    received_on: date
    days: int
    unrolled: date
    due_on: date  # the computed deadline, after rolling past days off
    days_off: tuple[DayOff, ...] = ()  # why each day from `unrolled` to the day before `due_on` is off, once each
    estimated_years: tuple[int, ...] = ()
    set_to: tuple[date, ...] = ()  # deadlines set afterwards (by a person or a file), oldest first

    def reason_rolled(self, lang: str = "vi") -> str | None:
        """Why the deadline moved (holiday, day in lieu, announced day off, weekend), or None."""
        if self.due_on == self.unrolled:
            return None
        texts: list[str] = []
        for reason in self.days_off:
            # "Giỗ Tổ Hùng Vương and the day in lieu", not the holiday's name twice.
            same = reason.basis == Basis.IN_LIEU and any(
                r.basis == Basis.HOLIDAY and r.key == reason.key for r in self.days_off
            )
            text = t("calendar.in_lieu_same", lang) if same else reason.text(lang)
            if text not in texts:
                texts.append(text)
        return join_words(texts, lang)

    def sources(self, lang: str = "vi") -> str:
        """The rules this deadline rests on, each law named once."""
        rolled = self.due_on != self.unrolled
        bases = {r.basis for r in self.days_off} if rolled else set()
        parts = [t("deadline.source.civil_code_rolled" if rolled else "deadline.source.civil_code", lang)]
        labour = [a for b, a in ((Basis.IN_LIEU, "111(3)"), (Basis.HOLIDAY, "112")) if b in bases]
        if labour:
            parts.append(t("deadline.source.labour_code", lang, articles=", ".join(labour)))
        if Basis.ANNOUNCED in bases:
            parts.append(t("deadline.source.announced", lang))
        return "; ".join(parts)

    def explain(self, lang: str = "vi") -> str:
        """How the computed deadline was reached (what `due-date --explain` prints)."""
        text = t(
            "deadline.explain",
            lang,
            received=format_date(self.received_on),
            days=self.days,
            unrolled=format_date(self.unrolled),
        )
        if self.due_on != self.unrolled:
            text += t(
                "deadline.explain_rolled", lang, reason=self.reason_rolled(lang) or "", due=format_date(self.due_on)
            )
        text += t("deadline.explain_sources", lang, sources=self.sources(lang))
        if self.estimated_years:
            text += t("deadline.explain_estimate", lang, years=", ".join(map(str, self.estimated_years)))
        return text

    def basis(self, lang: str = "vi") -> str:
        """The item's deadline basis: the computation, then each date set afterwards."""
        return "".join([self.explain(lang), *(" | " + format_date(d) for d in self.set_to)])

    def set_afterwards(self, due_on: date) -> DueFacts:
        return replace(self, set_to=(*self.set_to, due_on))

    def to_json(self) -> str:
        return json.dumps(
            {
                "received_on": self.received_on.isoformat(),
                "days": self.days,
                "unrolled": self.unrolled.isoformat(),
                "due_on": self.due_on.isoformat(),
                "days_off": [{"basis": d.basis.value, "key": d.key, "note": d.note} for d in self.days_off],
                "estimated_years": list(self.estimated_years),
                "set_to": [d.isoformat() for d in self.set_to],
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> DueFacts:
        data: dict[str, Any] = json.loads(text)
        return cls(
            received_on=date.fromisoformat(data["received_on"]),
            days=int(data["days"]),
            unrolled=date.fromisoformat(data["unrolled"]),
            due_on=date.fromisoformat(data["due_on"]),
            days_off=tuple(DayOff(Basis(d["basis"]), d.get("key", ""), d.get("note", "")) for d in data["days_off"]),
            estimated_years=tuple(int(y) for y in data.get("estimated_years", ())),
            set_to=tuple(date.fromisoformat(d) for d in data.get("set_to", ())),
        )


def basis_text(facts_json: str | None, legacy: str, lang: str = "vi") -> str:
    """The deadline basis a reader reads: rendered from the facts, or a legacy row's sentence."""
    return DueFacts.from_json(facts_json).basis(lang) if facts_json else legacy


def set_afterwards(facts_json: str | None, legacy: str, due_on: date) -> tuple[str, str | None]:
    """(due_basis, due_facts) once a person sets the deadline to ``due_on``: the date joins the
    facts, or a legacy row's sentence as before."""
    if facts_json:
        return legacy, DueFacts.from_json(facts_json).set_afterwards(due_on).to_json()
    return f"{legacy} | {format_date(due_on)}", None
