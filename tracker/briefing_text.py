"""The Ministry Office's monthly briefing (seed 000), written from the data for the items this
tracker holds: what was received in the month and where it stands, what fell due and how much
of it was done, the replies issued, each session's line ("đã hoàn thành trả lời 129/129 kiến
nghị của cử tri gửi trước và sau Kỳ họp thứ 7, Quốc hội khóa XV"; "chưa nhận được chất vấn của
đại biểu Quốc hội, kiến nghị của cử tri gửi đến Kỳ họp thứ 8"), and what is overdue now.

Written in the seed's register (issue 9): a zero is said in words ("không có văn bản quá hạn
chưa trả lời"), never as "0 quá hạn"; an item whose deadline is still ahead is never shown as a
failure; a transferred item is counted apart, never as done; English takes its plurals and
month names from the catalog (".one" / ".other" keys, the same in Vietnamese).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from tracker.dates import format_date
from tracker.errors import InvalidInput
from tracker.i18n import t
from tracker.items import Kind, Phase
from tracker.percent import DEFAULT_DECIMALS, percent_text
from tracker.report_text import replied_of_total
from tracker.stats import Counts, StatsRow

# The sentences; reading the month's figures is tracker/usecases/briefing.py (issue 10).

_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
FIELDS = (
    "received",
    "received_replied",
    "received_not_due",
    "received_overdue",
    "received_transferred",
    "replies_issued",
    "due",
    "due_done",
    "due_later",
    "overdue_now",
)
REC, QUESTION = Kind.VOTER_RECOMMENDATION.value, Kind.DEPUTY_QUESTION.value


@dataclass(frozen=True)
class MonthCounts:
    received: int = 0
    received_replied: int = 0
    received_not_due: int = 0
    received_overdue: int = 0
    received_transferred: int = 0
    replies_issued: int = 0
    due: int = 0  # deadline in the month and passed (replied, or overdue); transfers apart
    due_done: int = 0
    due_later: int = 0  # deadline in the month, not passed yet on the as-of date
    overdue_now: int = 0

    def __add__(self, other: MonthCounts) -> MonthCounts:
        return MonthCounts(*(getattr(self, f) + getattr(other, f) for f in FIELDS))


def month_label(year: int, month: int, lang: str) -> str:
    """ "tháng 10/2024" / "October 2024"."""
    return t("briefing.month_name", lang, month=t(f"briefing.month.{month}", lang), year=year)


def _plural(key: str, lang: str, count: int, **params: object) -> str:
    return t(f"{key}.{'one' if count == 1 else 'other'}", lang, count=count, **params)


def _noun(lang: str, by_kind: dict[str, int], count: int | None = None) -> str:
    """What the counted items are: one kind by name, or both ("kiến nghị cử tri và chất vấn")."""
    kinds = [k for k in (REC, QUESTION) if by_kind.get(k)]
    if len(kinds) != 1:
        return t("briefing.noun.both", lang)
    total = by_kind[kinds[0]] if count is None else count
    return t(f"briefing.noun.{kinds[0]}.{'one' if total == 1 else 'other'}", lang)


def _join(parts: list[str], lang: str) -> str:
    if lang == "en" and len(parts) > 1:
        return ", ".join(parts[:-1]) + " and " + parts[-1]
    return ", ".join(parts)


@dataclass(frozen=True)
class Briefing:
    year: int
    month: int
    first: date
    last: date
    as_of: date
    by_kind: dict[str, MonthCounts]
    sessions: list[StatsRow]  # per session x kind, for the sessions the month speaks of
    phases: dict[tuple[int | None, str], set[str]] = field(default_factory=dict)  # (session, kind) -> phases
    decimals: int = DEFAULT_DECIMALS

    @property
    def total(self) -> MonthCounts:
        return sum(self.by_kind.values(), MonthCounts())

    def _kinds(self, attr: str) -> dict[str, int]:
        return {k: getattr(c, attr) for k, c in self.by_kind.items()}

    def sentences(self, lang: str = "vi") -> list[str]:
        month = month_label(self.year, self.month, lang)
        as_of = format_date(self.as_of)
        out = [self._received(lang, month, as_of), *self._due(lang, month), self._replies(lang, month)]
        by_session: dict[int | None, list[StatsRow]] = {}
        for row in self.sessions:
            by_session.setdefault(row.session_id, []).append(row)
        for rows in by_session.values():
            out += self._session(lang, rows, as_of)
        overdue = self._kinds("overdue_now")
        n = sum(overdue.values())
        out.append(
            _plural("briefing.overdue_now", lang, n, as_of=as_of, noun=_noun(lang, overdue, n))
            if n
            else t("briefing.overdue_none", lang, as_of=as_of)
        )
        return out

    # -- what came in ----------------------------------------------------------------------------
    def _received(self, lang: str, month: str, as_of: str) -> str:
        c = self.total
        period = {"month": month, "first": format_date(self.first), "last": format_date(self.last)}
        if not c.received:
            return t("briefing.received_none", lang, **period)
        moved = self._kinds("received_transferred")
        n_moved = sum(moved.values())
        live = {k: m.received - m.received_transferred for k, m in self.by_kind.items()}
        n = sum(live.values())
        if not n:  # everything that came in was outside the ministry's remit
            return _plural(
                "briefing.received_only_transferred", lang, n_moved, **period, noun=_noun(lang, moved, n_moved)
            )
        breakdown = ""
        if all(live.get(k) for k in (REC, QUESTION)):
            breakdown = t(
                "briefing.breakdown",
                lang,
                recommendations=f"{live[REC]} {_noun(lang, {REC: live[REC]})}",
                questions=f"{live[QUESTION]} {_noun(lang, {QUESTION: live[QUESTION]})}",
            )
        if c.received_replied == n:
            state = [_plural("briefing.state.all_replied", lang, n)]
        else:
            state = [_plural("briefing.state.replied", lang, c.received_replied)] if c.received_replied else []
            if c.received_not_due:
                state.append(_plural("briefing.state.not_due", lang, c.received_not_due))
            state.append(
                _plural("briefing.state.overdue", lang, c.received_overdue)
                if c.received_overdue
                else t("briefing.state.none_overdue", lang)
            )
        text = t(
            "briefing.received",
            lang,
            **period,
            count=n,
            noun=_noun(lang, live, n),
            breakdown=breakdown,
            as_of=as_of,
            state=_join(state, lang),
        )
        if n_moved:
            text += " " + _plural("briefing.received_transferred", lang, n_moved, noun=_noun(lang, moved, n_moved))
        return text

    # -- what fell due -----------------------------------------------------------------------------
    def _due(self, lang: str, month: str) -> list[str]:
        c = self.total
        out = []
        if c.due:
            noun = _noun(lang, self._kinds("due"), c.due)
            if c.due_done:
                out.append(
                    t(
                        "briefing.due",
                        lang,
                        month=month,
                        due=c.due,
                        noun=noun,
                        done=c.due_done,
                        pct=percent_text(c.due_done, c.due, lang, self.decimals),
                    )
                )
            else:
                out.append(_plural("briefing.due_unanswered", lang, c.due, month=month, noun=noun))
        if c.due_later:
            later = self._kinds("due_later")
            out.append(
                _plural(
                    "briefing.due_later",
                    lang,
                    c.due_later,
                    noun=_noun(lang, later, c.due_later),
                    month=month,
                    as_of=format_date(self.as_of),
                )
            )
        if not out:
            out.append(t("briefing.due_none", lang, month=month))
        return out

    def _replies(self, lang: str, month: str) -> str:
        issued = self._kinds("replies_issued")
        n = sum(issued.values())
        if not n:
            return t("briefing.replies_none", lang, month=month)
        return _plural("briefing.replies_issued", lang, n, month=month, noun=_noun(lang, issued, 2))

    # -- each session's line -------------------------------------------------------------------
    def _sent(self, row: StatsRow, lang: str) -> str:
        phases = self.phases.get((row.session_id, row.kind), set())
        if row.kind == QUESTION:
            return t("briefing.sent.question", lang)
        before, after = Phase.BEFORE.value in phases, Phase.AFTER.value in phases
        which = "before_after" if before and after else "before" if before else "after" if after else "to"
        return t(f"briefing.sent.{which}", lang)

    def _session(self, lang: str, rows: list[StatsRow], as_of: str) -> list[str]:
        session = rows[0].ref.label(lang)
        empty = [r for r in rows if r.counts.total == 0 and r.counts.transferred == 0]
        if len(empty) == 2:
            return [t("briefing.session_none.both", lang, as_of=as_of, session=session)]
        out = []
        for row in rows:
            c: Counts = row.counts
            if row in empty:
                out.append(t(f"briefing.session_none.{row.kind}", lang, as_of=as_of, session=session))
            elif c.replied == c.total and not c.transferred:
                out.append(
                    _plural(
                        f"briefing.session_done.{row.kind}",
                        lang,
                        c.total,
                        as_of=as_of,
                        session=session,
                        sent=self._sent(row, lang),
                        replied=c.replied,
                    )
                )
            else:
                out.append(self._session_open(lang, row, session))
        return out

    def _session_open(self, lang: str, row: StatsRow, session: str) -> str:
        c = row.counts
        noun = f"briefing.short.{row.kind}"
        parts = []
        if c.replied:
            parts.append(replied_of_total("briefing.session_part.replied", c, lang, self.decimals))
        if c.open_not_due:
            parts.append(
                _plural("briefing.session_part.not_due", lang, c.open_not_due, noun=_plural(noun, lang, c.open_not_due))
            )
        if c.total:
            parts.append(
                _plural("briefing.session_part.overdue", lang, c.overdue, noun=_plural(noun, lang, c.overdue))
                if c.overdue
                else t("briefing.session_part.none_overdue", lang, noun=t(f"{noun}.one", lang))
            )
        if c.transferred:
            parts.append(
                _plural(
                    "briefing.session_part.transferred", lang, c.transferred, noun=_plural(noun, lang, c.transferred)
                )
            )
        received = c.total + c.transferred
        return t(
            f"briefing.session.{row.kind}",
            lang,
            session=session,
            sent=self._sent(row, lang),
            count=received,
            noun=_plural(noun, lang, received),
            state=_join(parts, lang),
        )


def parse_month(text: str) -> tuple[int, int]:
    match = _MONTH.match(text or "")
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise InvalidInput("briefing.month_format", field="month", value=text)
    return int(match.group(1)), int(match.group(2))
