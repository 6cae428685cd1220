"""Command-line import, export and briefing (issue 3):

    python -m tracker import FILE [--dry-run] [--create-missing] [--encoding ENC]
    python -m tracker export --session 15/8 --format {xlsx,docx,csv} -o FILE [--as-of DATE] [--unit CODE] [--open]
    python -m tracker briefing --month 2024-10 [--lang vi|en|both]

The CLI acts as the system account: whoever can run it can already open the database file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tracker import clock
from tracker.dates import format_date, parse_date
from tracker.errors import InvalidInput

# The contract import and export share; plain data, so parsing arguments does not import pandas.
from tracker.file_columns import ENCODINGS, FORMATS
from tracker.i18n import t

if TYPE_CHECKING:  # imported when run: parsing arguments stays light
    from tracker.service import Tracker

COMMANDS = ("import", "export", "briefing")


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    imp = sub.add_parser("import", help="import items from .xlsx or .csv (all or nothing)")
    imp.add_argument("file")
    imp.add_argument(
        "--dry-run", action="store_true", help="print every row's fate; write nothing; exit 1 if any row is invalid"
    )
    imp.add_argument(
        "--create-missing", action="store_true", help="create sessions and units the file names but the register lacks"
    )
    imp.add_argument("--encoding", choices=ENCODINGS, default="auto", help="CSV encoding (default: detect)")

    exp = sub.add_parser("export", help="write the report pack for a session: xlsx, docx or csv")
    exp.add_argument("--session", required=True, help="15/8, or 15/BT9 for an extraordinary session")
    exp.add_argument("--format", required=True, choices=FORMATS)
    exp.add_argument("-o", "--output", required=True)
    exp.add_argument("--as-of", help="status as of this date (default today)")
    exp.add_argument("--unit", help="only items this unit leads or coordinates")
    exp.add_argument("--open", action="store_true", help="only items not yet replied (the Minister's office list)")
    exp.add_argument("--lang", choices=["vi", "en"], help="language of the Excel/Word labels (default TRACKER_LANG)")
    exp.add_argument("--number", default="", help="the report's number, e.g. 123/BC-BNV (Word)")

    brief = sub.add_parser("briefing", help="the monthly briefing sentences")
    brief.add_argument("--month", required=True, help="YYYY-MM")
    brief.add_argument("--as-of", help="count as of this date (default: the month's last day, or today)")
    brief.add_argument("--lang", choices=["vi", "en", "both"], help="default TRACKER_LANG")


def run(args: argparse.Namespace, lang: str) -> int:
    from tracker.service import Tracker

    tracker = Tracker.open()
    command = {"import": _import, "export": _export}.get(args.command, _briefing)
    try:
        return command(tracker, args, lang)
    finally:
        tracker.close()


def _import(tracker: Tracker, args: argparse.Namespace, lang: str) -> int:
    from tracker.file_limits import read_upload
    from tracker.importing import Fate, commit_import, preview_frame, preview_import, preview_reasons, read_table
    from tracker.permissions import SYSTEM

    path = Path(args.file)
    if not path.is_file():
        raise InvalidInput("import.no_file", field="file", file=str(path))
    # The upload limits hold here too: the size before reading, the rest while reading.
    table = read_table(read_upload(path), path.name, args.encoding)
    preview = preview_import(tracker, SYSTEM, table, create_missing=args.create_missing, lang=lang)
    print(preview.summary(lang) + (f" [{table.encoding}]" if table.encoding else ""))
    if preview.ignored_headers:
        print(t("import.ignored_columns", lang, columns=", ".join(preview.ignored_headers)))
    if preview.unknown_units:
        key = "import.units_to_create" if args.create_missing else "import.unknown_units"
        names = (
            [f"{u.code} = {u.name_vi}" for u in preview.new_units]
            if args.create_missing
            else list(preview.unknown_units)
        )
        print(t(key, lang, names="; ".join(names)))
    if preview.unknown_sessions:
        key = "import.sessions_to_create" if args.create_missing else "import.unknown_sessions"
        print(t(key, lang, names=", ".join(s.code() for s in preview.unknown_sessions)))
    if (preview.unknown_units or preview.unknown_sessions) and not args.create_missing:
        # The catalog's reasons name the web form's checkbox; a terminal has the flag instead.
        print(t("cli.create_missing_hint", lang))
    invalid = preview.count(Fate.INVALID)
    if args.dry_run:
        # The table's cells are cut to fit a terminal; every reason follows it in full.
        frame = preview_frame(preview, lang).drop(columns=[t("import.preview_col.note", lang)])
        print(frame.to_string(index=False, max_colwidth=60))
        for line in preview_reasons(preview, lang):
            print(line)
        return 1 if invalid else 0
    if invalid:
        for problem in preview.problems:
            print(problem.message(lang), file=sys.stderr)
        print(t("import.nothing_written", lang, count=invalid), file=sys.stderr)
        return 1
    result = commit_import(tracker, SYSTEM, preview, lang=lang)
    print(result.message(lang))
    return 0


def _export(tracker: Tracker, args: argparse.Namespace, lang: str) -> int:
    from tracker.export_data import ExportScope
    from tracker.exporting import export
    from tracker.permissions import SYSTEM
    from tracker.sessions import SessionRef

    as_of = parse_date(args.as_of, "as_of") if args.as_of else clock.today()
    session = tracker.reference.session_by_ref(SessionRef.parse(args.session))
    scope = ExportScope(session.id, as_of, args.unit or None, args.open)
    data = export(tracker, SYSTEM, scope, args.format, lang=args.lang or lang, number=args.number)
    out = Path(args.output)
    out.write_bytes(data)
    print(
        t("export.written", lang, path=str(out), size=len(data), session=session.label(lang), date=format_date(as_of))
    )
    return 0


def _briefing(tracker: Tracker, args: argparse.Namespace, lang: str) -> int:
    from tracker.briefing import month_briefing, parse_month

    year, month = parse_month(args.month)
    as_of = parse_date(args.as_of, "as_of") if args.as_of else None
    briefing = month_briefing(tracker, year, month, as_of)
    languages = ("vi", "en") if args.lang == "both" else (args.lang or lang,)
    for n, code in enumerate(languages):
        if n:
            print()
        for sentence in briefing.sentences(code):
            print(sentence)
    return 0
