"""A documented mapping from the UK Parliament's written-questions CSV (../shared/realdata, the
project's real test data) to the import's columns, so that real data exercises the import:

    kind               deputy_question (a written question is a deputy's question)
    term / session     the Parliament and session: tabled before 31/05/2024 -> 58/4 (2023-24),
                       later -> 59/1 (2024-25)
    phase              at_session (tabled while Parliament sits)
    ref_no             uin (the question's number; numbering restarts each session)
    received_on        dateTabled
    due_on             dateForAnswer (kept as given)
    lead_unit          answeringBodyName (the department that answers: a unit; --create-missing)
    summary, topic     heading
    source, deputy     "House of Commons", "Member <askingMemberId>"
    responded_on       dateAnswered, unless the answer is only a holding answer
    response_no        "UIN <uin>" (an answer is published under its question's number)
    result             explained (an answer provides information)
    skipped            withdrawn questions (none in the stored files)

``python -m tracker import FILE --mapping uk-written-questions --create-missing``.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

from tracker.importing import COLUMNS, Table

DISSOLUTION = date(2024, 5, 30)  # the 58th Parliament was dissolved on 30 May 2024


def _true(value: str) -> bool:
    return value.strip().lower() == "true"


def convert_row(r: dict[str, str]) -> dict[str, str] | None:
    """One UK record in the import's columns; None for a withdrawn question."""
    if _true(r.get("isWithdrawn", "")):
        return None
    tabled = r["dateTabled"].strip()
    term, session = ("58", "4") if date.fromisoformat(tabled) <= DISSOLUTION else ("59", "1")
    answered = r.get("dateAnswered", "").strip()
    final = bool(answered) and not _true(r.get("answerIsHolding", ""))
    member = r.get("askingMemberId", "").strip()
    return {
        "kind": "deputy_question",
        "term": term,
        "session": session,
        "phase": "at_session",
        "ref_no": r["uin"].strip(),
        "received_on": tabled,
        "source": "House of Commons",
        "deputy": f"Member {member}" if member else "",
        "summary": r["heading"].strip(),
        "topic": r["heading"].split(":")[0].strip(),
        "lead_unit": r["answeringBodyName"].strip(),
        "coordinating_units": "",
        "due_on": r.get("dateForAnswer", "").strip(),
        "response_no": f"UIN {r['uin'].strip()}" if final else "",
        "responded_on": answered if final else "",
        "result": "explained" if final else "",
        "signer": "",
    }


def convert(path: Path) -> Table:
    """Read the UK CSV and return it as an import table, keeping the source's row numbers."""
    text = Path(path).read_text(encoding="utf-8-sig")
    headers = (*COLUMNS, "deputy")
    rows = []
    for n, record in enumerate(csv.DictReader(io.StringIO(text, newline="")), start=2):
        mapped = convert_row(record)
        if mapped is not None:
            rows.append((n, tuple(mapped[c] for c in headers)))
    return Table(Path(path).name, headers, tuple(rows), "utf-8")
