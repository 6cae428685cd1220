"""Command line: ``python -m tracker COMMAND`` against the file named by TRACKER_DB.

Bad arguments give one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from typing import NoReturn, cast

from tracker import clock
from tracker.dates import parse_date
from tracker.errors import TrackerError
from tracker.i18n import t
from tracker.items import Kind
from tracker.sessions import SessionRef

EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, not argparse's usage block
        raise _UsageError(message)


class _UsageError(Exception):
    pass


def _lang() -> str:
    return "en" if os.environ.get("TRACKER_LANG", "vi").lower().startswith("en") else "vi"


def _iso(text: str) -> date:
    return parse_date(text, "date")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m tracker", description="Voter recommendation and question tracker")
    # Every subparser is a _Parser (one-line errors); the command modules take any ArgumentParser's.
    sub = cast(
        "argparse._SubParsersAction[argparse.ArgumentParser]",
        parser.add_subparsers(dest="command", required=True, parser_class=_Parser),
    )

    sub.add_parser("init", help="create or migrate the database and load reference data")

    demo = sub.add_parser("demo", help="load a realistic demo data set")
    demo.add_argument("--seed", type=int, default=7)

    due = sub.add_parser("due-date", help="print the deadline for an item received on a date")
    due.add_argument("--kind", required=True, choices=[k.value for k in Kind])
    due.add_argument("--received", required=True)
    due.add_argument("--explain", action="store_true")

    stats = sub.add_parser("stats", help="statistics per session (x kind, x unit)")
    stats.add_argument("--session")
    stats.add_argument("--kind", choices=[k.value for k in Kind])
    stats.add_argument("--by", choices=["unit"])
    stats.add_argument("--as-of")
    stats.add_argument("--json", action="store_true", help="print JSON (the only format for now)")

    from tracker import cli_io

    cli_io.add_commands(sub)

    from tracker import cli_admin

    cli_admin.add_commands(sub)

    from tracker import cli_sessions

    cli_sessions.add_commands(sub)

    from tracker import cli_mail

    cli_mail.add_commands(sub)
    from tracker import cli_workflow

    cli_workflow.add_commands(sub)
    from tracker import cli_similar

    cli_similar.add_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    lang = _lang()
    try:
        args = build_parser().parse_args(argv)
        return _run(args, lang)
    except _UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except TrackerError as error:
        print(f"{t('cli.error', lang)}: {error.message(lang)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # noqa: BLE001 - the promise is one line, never a traceback
        detail = f"{type(error).__name__}: {error}".splitlines()[0]
        print(f"{t('cli.error', lang)}: {t('cli.unexpected', lang, detail=detail)}", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace, lang: str) -> int:
    # Imported here so that `--help` and argument errors never touch the database.
    from tracker import cli_io

    if args.command in cli_io.COMMANDS:
        return cli_io.run(args, lang)
    from tracker import cli_sessions

    if args.command in cli_sessions.COMMANDS:
        return cli_sessions.run(args, lang)
    from tracker import cli_mail

    if args.command in cli_mail.COMMANDS:
        return cli_mail.run(args, lang)
    from tracker import cli_workflow

    if args.command in cli_workflow.COMMANDS:
        return cli_workflow.run(args, lang)
    from tracker import cli_similar

    if args.command in cli_similar.COMMANDS:
        return cli_similar.run(args, lang)
    from tracker import cli_admin
    from tracker.service import Tracker

    if args.command in cli_admin.COMMANDS:
        return cli_admin.run(args, lang)

    if args.command == "due-date":
        received = _iso(args.received)
        tracker = Tracker.open()
        try:
            deadline = tracker.deadline_for(args.kind, received)
        finally:
            tracker.close()
        print(deadline.due_on.isoformat())
        if args.explain:
            print(deadline.explain(lang))
        return 0

    if args.command == "stats":
        as_of = _iso(args.as_of) if args.as_of else clock.today()
        ref = SessionRef.parse(args.session) if args.session else None
        tracker = Tracker.open()
        try:
            session_id = tracker.reference.session_by_ref(ref).id if ref else None
            from tracker.cli_workflow import stats_additions

            # Issue 12: every row gains by_stage, drafts and commitments; unit rows the stage medians.
            by_unit = args.by == "unit"
            found = (tracker.stats_by_unit if by_unit else tracker.stats)(as_of, session_id, args.kind)
            rows = stats_additions(tracker, found, as_of, session_id, args.kind, by_unit)
        finally:
            tracker.close()
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0

    tracker = Tracker.open()
    try:
        if args.command == "init":
            print(t("cli.init_done", lang, path=str(tracker.db.path)))
        elif args.command == "demo":
            from tracker.demo import load_demo

            count = load_demo(tracker, seed=args.seed)
            print(t("cli.demo_done", lang, count=count, path=str(tracker.db.path)))
    finally:
        tracker.close()
    return 0
