"""Sessions on the command line (issue 9):

    python -m tracker sessions [--json]
    python -m tracker session set 16/3 --opens YYYY-MM-DD [--closes YYYY-MM-DD] [--note TEXT]

Like the other administrative commands, `session set` acts as the system account: whoever can
run it can already open the database file. Each change is logged in the administrators' trail.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from tracker.dates import format_date, parse_date
from tracker.i18n import t

if TYPE_CHECKING:
    from tracker.service import Tracker

COMMANDS = ("sessions", "session")


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    listing = sub.add_parser("sessions", help="list sessions with their dates and report due dates")
    listing.add_argument("--json", action="store_true", help="print a JSON list of objects")
    session = sub.add_parser("session", help="add or edit a session (administrator)")
    session_sub = session.add_subparsers(dest="session_command", required=True, parser_class=type(session))
    put = session_sub.add_parser("set", help="add a session or change its dates")
    put.add_argument("session", help="16/3, or 15/BT9 for an extraordinary session")
    put.add_argument("--opens", required=True, help="opening day, YYYY-MM-DD")
    put.add_argument("--closes", help="closing day, YYYY-MM-DD")
    put.add_argument("--note", help="a note (kept when omitted)")


def run(args: argparse.Namespace, lang: str) -> int:
    from tracker.service import Tracker

    tracker = Tracker.open()
    try:
        if args.command == "sessions":
            return _list(tracker, args, lang)
        return _set(tracker, args, lang)
    finally:
        tracker.close()


def _list(tracker: Tracker, args: argparse.Namespace, lang: str) -> int:
    from tracker.session_schedule import all_schedules

    ref = tracker.reference
    schedules = all_schedules(ref.sessions, ref.calendar)
    if args.json:
        print(json.dumps([s.as_dict() for s in schedules], ensure_ascii=False, indent=2))
        return 0
    header = [
        t(f"cli.sessions_col.{c}", lang)
        for c in ("session", "opens_on", "closes_on", "report_due_on", "questions_report_due_on")
    ]
    lines = [header]
    for s in schedules:
        mark = " *" if s.estimated_years else ""
        lines.append(
            [
                s.session.ref.code(),
                format_date(s.session.opens_on) or "—",
                format_date(s.session.closes_on) or "—",
                (format_date(s.report_due_on) + mark) if s.report_due_on else "—",
                (format_date(s.questions_report_due_on) + mark) if s.questions_report_due_on else "—",
            ]
        )
    widths = [max(len(row[i]) for row in lines) for i in range(len(header))]
    for row in lines:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    if any(s.estimated_years for s in schedules):
        print(t("cli.sessions_estimate", lang))
    return 0


def _set(tracker: Tracker, args: argparse.Namespace, lang: str) -> int:
    from tracker.permissions import SYSTEM
    from tracker.sessions import SessionRef

    ref = SessionRef.parse(args.session)
    opens_on = parse_date(args.opens, "opens_on")
    closes_on = parse_date(args.closes, "closes_on") if args.closes else None
    existing = next((s for s in tracker.reference.sessions if s.ref == ref), None)
    note = args.note if args.note is not None else (existing.note if existing else "")
    tracker.save_session(SYSTEM, ref, opens_on, closes_on, note)
    key = "cli.session_updated" if existing else "cli.session_added"
    print(t(key, lang, session=ref.label(lang), opens=format_date(opens_on), closes=format_date(closes_on) or "—"))
    return 0
