"""The UK Parliament's written questions (../shared/realdata, the project's real test data) as an
import file, so that real data exercises the import. A script beside the benchmarks, not part of
the product (issue 10): it writes a CSV in the import's columns, which the ordinary import reads:

    python -m benchmarks.uk_questions commons_wq_2023-12_2024-07-09.csv -o uk-questions.csv
    python -m tracker import uk-questions.csv --create-missing

The mapping, one UK record to one row:

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

Cells are written with the CSV export's formula guard, which the import removes exactly
(tracker/formula_guard.py), so every value arrives as the source has it.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
from datetime import date
from pathlib import Path

from tracker.formula_guard import neutralise
from tracker.importing import COLUMNS, Table, read_table

ROOT = Path(__file__).resolve().parent.parent
# ../shared/realdata beside the checkout (as CI has it); TRACKER_REALDATA points elsewhere, e.g.
# from a git worktree whose parent folder holds no shared/.
REALDATA = Path(os.environ.get("TRACKER_REALDATA") or ROOT.parent / "shared" / "realdata")
UK_FILE = REALDATA / "uk_commons_written_questions" / "commons_wq_2023-12_2024-07-09.csv"
HEADERS = (*COLUMNS, "deputy")
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


def convert_rows(path: Path) -> tuple[list[dict[str, str]], int]:
    """The UK CSV's records in the import's columns, and how many withdrawn ones were skipped."""
    text = Path(path).read_text(encoding="utf-8-sig")
    rows, skipped = [], 0
    for record in csv.DictReader(io.StringIO(text, newline="")):
        mapped = convert_row(record)
        if mapped is None:
            skipped += 1
        else:
            rows.append(mapped)
    return rows, skipped


def to_csv(rows: list[dict[str, str]]) -> bytes:
    """The import file: a header of the import's column names, one row per question."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerows([neutralise(r[c]) for c in HEADERS] for r in rows)
    return out.getvalue().encode("utf-8-sig")


def convert(path: Path) -> Table:
    """The UK CSV as the import reads the file this script writes (``python -m tracker import``)."""
    rows, _ = convert_rows(path)
    return read_table(to_csv(rows), Path(path).name)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.uk_questions",
        description="Write the UK written-questions CSV as a file `python -m tracker import` takes.",
    )
    parser.add_argument("source", type=Path, help="a CSV of ../shared/realdata/uk_commons_written_questions/")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the import file to write (.csv)")
    args = parser.parse_args(argv)
    rows, skipped = convert_rows(args.source)
    args.output.write_bytes(to_csv(rows))
    print(f"{len(rows):,} questions written to {args.output} ({skipped:,} withdrawn left out)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
