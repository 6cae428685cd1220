"""The preview as tables and lines people read (the page and `import --dry-run`)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from tracker.dates import format_date
from tracker.i18n import t
from tracker.importing.model import Fate, ImportedItem, Preview

# Rows of the preview table the page shows at once.
PREVIEW_PAGE_ROWS = 500


def preview_frame(
    preview: Preview, lang: str = "vi", fates: Sequence[Fate] | None = None, page: slice | None = None
) -> pd.DataFrame:
    """Every row's fate as a table people read (`import --dry-run` shows it all; the page shows
    ``page`` of the rows of ``fates``, and only those rows are made into objects)."""
    positions = preview.rows.positions(*(fates or Fate))
    records = []
    for p in positions[page or slice(None)]:
        r = preview.rows.row(p)
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
    rows = preview.rows
    derived = rows.accepted["phase_derived"]
    # Only the rows that have something to say are made into objects.
    told = sorted(
        {*rows.decided, *rows.duplicates, *(p for p, fate in enumerate(rows.fates) if derived[p] and fate == Fate.NEW)}
    )
    lines: list[str] = []
    for r in map(rows.row, told):
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
        for r in map(preview.rows.row, sorted(preview.rows.duplicates))
        if r.fate == Fate.DUPLICATE and r.duplicate is not None
    ]
    columns = ("row", "file_text", "other", "other_text")
    frame = pd.DataFrame.from_records(records, columns=list(columns))
    return frame.rename(columns={c: t(f"import.dup_col.{c}", lang) for c in columns})
