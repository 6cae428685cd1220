"""The Word report's sentences, also shown as the export page's preview.

Written as the ministry writes to the NA Standing Committee: a figure that is zero is not stated
("và 0 kiến nghị chưa đến hạn" reads as a slip), its clause is left out or the zero-state is worded
("không còn kiến nghị nào chưa được trả lời"); the three result shares are shares of the replies
(JR 72/2025 Art. 49(2)) and say so. English picks the singular where a count is one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.dates import format_date
from tracker.formatting import percent_text
from tracker.i18n import t
from tracker.items import Kind
from tracker.stats import Counts

if TYPE_CHECKING:
    from tracker.export_data import ExportData

_SHARES = ("resolved", "being_resolved", "explained")


def _n(key: str, how_many: int, lang: str, **params: object) -> str:
    """``key`` or, for exactly one, ``key.one`` (English "1 recommendation was", not "1 ... were")."""
    return t(f"{key}.one" if how_many == 1 else key, lang, **params)


def replied_of_total(key: str, counts: Counts, lang: str, decimals: int) -> str:
    """``key`` filled with how many of ``counts`` were replied, of how many, and that share: the
    clause the report, the briefing and a unit's coordinating block all write."""
    pct = percent_text(counts.replied, counts.total, lang, decimals)
    return t(key, lang, replied=counts.replied, total=counts.total, pct=pct)


def recommendation_paragraphs(rec: Counts, session: str, as_of: str, lang: str, decimals: int = 1) -> list[str]:
    if not (rec.total or rec.transferred):
        return [t("docx.none_received", lang, session=session)]
    received = rec.total + rec.transferred
    out = [_n("docx.received", received, lang, total=received, session=session)]
    if rec.transferred:
        out.append(_n("docx.transferred", rec.transferred, lang, count=rec.transferred))
    if not rec.total:
        return out
    if rec.replied:
        shares = [
            t(
                f"docx.share.{name}",
                lang,
                count=getattr(rec, name),
                pct=percent_text(getattr(rec, name), rec.replied, lang, decimals),
            )
            for name in _SHARES
            if getattr(rec, name)
        ]
        whole = {
            "date": as_of,
            "replied": rec.replied,
            "total": rec.total,
            "pct": percent_text(rec.replied, rec.total, lang, decimals),
        }
        if shares:
            out.append(t("docx.replied", lang, **whole, shares="; ".join(shares)))
        else:
            out.append(t("docx.replied_plain", lang, **whole))
    else:
        out.append(t("docx.replied_none", lang, date=as_of))
    open_count = rec.open_not_due + rec.overdue
    if not open_count:
        out.append(t("docx.none_open", lang))
    elif rec.overdue and rec.open_not_due:
        out.append(t("docx.open.mixed", lang, open=open_count, overdue=rec.overdue, not_due=rec.open_not_due))
    elif rec.overdue:
        out.append(_n("docx.open.overdue", open_count, lang, open=open_count))
    else:
        out.append(_n("docx.open.not_due", open_count, lang, open=open_count))
    return out


def question_paragraph(q: Counts, session: str, lang: str, decimals: int = 1) -> str:
    if not q.total:
        if q.transferred:
            return _n("docx.q.all_transferred", q.transferred, lang, count=q.transferred)
        return t("progress.none_received.deputy_question", lang, session=session)
    parts = [_n("docx.q.received", q.total, lang, total=q.total)]
    if q.replied:
        parts.append(replied_of_total("docx.q.replied", q, lang, decimals))
    if q.overdue and q.open_not_due:
        parts.append(t("docx.q.open_mixed", lang, overdue=q.overdue, not_due=q.open_not_due))
    elif q.overdue:
        parts.append(t("docx.q.open_overdue", lang, count=q.overdue))
    elif q.open_not_due:
        parts.append(t("docx.q.open_not_due", lang, count=q.open_not_due))
    return ", ".join(parts) + "."


def report_paragraphs(data: ExportData, lang: str) -> list[str]:
    """The ministry's paragraphs: received, replied N/N (x %) and the result shares of the replies,
    what is still open, and the deputies' questions. The body of the Word report."""
    session = data.session.label(lang) if data.session else t("export.all_sessions", lang)
    rec = data.counts[Kind.VOTER_RECOMMENDATION.value]
    q = data.counts[Kind.DEPUTY_QUESTION.value]
    return [
        t("docx.intro", lang, session=session),
        *recommendation_paragraphs(rec, session, format_date(data.scope.as_of), lang, data.decimals),
        question_paragraph(q, session, lang, data.decimals),
        t("docx.closing", lang),
    ]
