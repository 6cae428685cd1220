"""Administrative commands: accounts, backups, restores, integrity checks."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.errors import InvalidInput
from tracker.i18n import t
from tracker.permissions import Role
from tracker.storage import default_path

if TYPE_CHECKING:
    from tracker.backup import Checked
    from tracker.storage import Database

COMMANDS = ("user", "backup", "restore", "check")


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    user = sub.add_parser("user", help="manage local accounts")
    user_sub = user.add_subparsers(dest="user_command", required=True, parser_class=type(user))
    add = user_sub.add_parser("add", help="create an account (password prompted, or --password-stdin)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--unit", help="unit code, required for unit_officer")
    add.add_argument("--display-name", default="")
    add.add_argument("--email", help="e-mail for single sign-on")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    passwd = user_sub.add_parser("password", help="set an account's password")
    passwd.add_argument("name")
    passwd.add_argument("--password-stdin", action="store_true")
    user_sub.add_parser("list", help="list accounts")

    backup = sub.add_parser("backup", help="export the database (Parquet) into a new folder under DIR")
    backup.add_argument("dir")
    restore = sub.add_parser("restore", help="restore a backup folder into TRACKER_DB (keeps a copy of the old file)")
    restore.add_argument("dir")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    sub.add_parser("check", help="check the record's consistency (after a crash or a restore)")


def _password(args: argparse.Namespace, lang: str) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(t("cli.password", lang))
    if first != getpass.getpass(t("cli.password_again", lang)):
        raise InvalidInput("error.password_mismatch", field="password")
    return first


def run(args: argparse.Namespace, lang: str) -> int:
    from tracker import accounts, backup
    from tracker.permissions import SYSTEM
    from tracker.service import Tracker

    if args.command == "restore":
        live = default_path()
        if live.exists():
            # Opening the live file first proves the app is not holding it (DatabaseBusy otherwise).
            Tracker(_open_db(live)).close()
        # Refuse an altered folder before asking anything; the restore checks it again.
        checked = backup.check_folder(Path(args.dir), live)
        _say_verified(checked, args.dir, lang)
        if live.exists() and not args.yes:
            if not sys.stdin.isatty():
                raise InvalidInput("error.restore_confirm", field="yes")
            answer = input(t("cli.restore_confirm", lang, path=str(live)))
            if answer.strip().upper() not in ("CÓ", "CO", "YES", "Y"):
                print(t("cli.cancelled", lang))
                return 1
        done = backup.restore(Path(args.dir), live)
        print(t("cli.restored", lang, path=str(live), kept=str(done.kept) if done.kept else "—"))
        return 0

    tracker = Tracker.open()
    try:
        if args.command == "user":
            if args.user_command == "add":
                account = accounts.add_user(
                    tracker,
                    None,
                    args.name,
                    _password(args, lang),
                    args.role,
                    unit=args.unit,
                    display_name=args.display_name,
                    email=args.email,
                )
                print(t("cli.user_added", lang, name=account.username, role=t(f"role.{account.role.value}", lang)))
            elif args.user_command == "password":
                accounts.set_password(tracker, None, args.name, _password(args, lang))
                print(t("cli.password_set", lang, name=args.name))
            else:
                for row in accounts.list_users(tracker):
                    state = "" if row["active"] else " (" + t("cli.inactive", lang) + ")"
                    print(f"{row['username']}\t{row['role']}\t{row['unit'] or ''}\t{row['display_name']}{state}")
        elif args.command == "backup":
            info = backup.make_backup(tracker, SYSTEM, Path(args.dir))
            print(t("cli.backup_done", lang, path=str(info.path), items=info.counts["items"]))
        elif args.command == "check":
            tracker.db.check_readable()  # a damaged file is named as such (DatabaseCorrupt), not as inconsistent
            problems = tracker.integrity_problems()
            for problem in problems:
                print(problem)
            print(t("cli.check_ok" if not problems else "cli.check_failed", lang, count=len(problems)))
            return 0 if not problems else 1
    finally:
        tracker.close()
    return 0


def _say_verified(checked: Checked, folder: str, lang: str) -> None:
    signed = t("backup.verified_signed", lang) if checked.signed else ""
    print(t("backup.verified", lang, path=folder, files=checked.files, signed=signed))
    if not checked.signed:
        print(t("backup.unsigned", lang, path=str(checked.key)), file=sys.stderr)


def _open_db(path: Path) -> Database:
    from tracker.storage import Database

    return Database(path)
