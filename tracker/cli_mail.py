"""E-mail on the command line (issue 13):

    python -m tracker mail set --host H --port P [--starttls | --ssl | --plain] [--user U] [--sender ADDR]
                               [--base-url URL] [--offsets 3,1]
    python -m tracker mail show | mail test TO | mail send
    python -m tracker mail contact USER EMAIL [--lang vi|en] [--mute assigned,digest]
    python -m tracker unit mailbox CODE ADDR[,ADDR…]      (an empty "" removes them)
    python -m tracker remind [--dry-run] [--as-of YYYY-MM-DD] [--json]
    python -m tracker letter --unit CODE [--as-of YYYY-MM-DD] [--number 245/BNV-VP] -o FILE.docx

The password is never an argument: TRACKER_SMTP_PASSWORD, or the file TRACKER_SMTP_PASSWORD_FILE
names. Like the other administrative commands these act as the system account.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from typing import TYPE_CHECKING

from tracker import clock
from tracker.dates import format_date, parse_date
from tracker.errors import InvalidInput
from tracker.i18n import t
from tracker.permissions import SYSTEM

if TYPE_CHECKING:
    from tracker.service import Tracker

COMMANDS = ("mail", "unit", "remind", "letter")


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    mail = sub.add_parser("mail", help="the mail server, contacts, a test message, the outbox")
    mail_sub = mail.add_subparsers(dest="mail_command", required=True, parser_class=type(mail))
    put = mail_sub.add_parser("set", help="set the mail server (the password comes from TRACKER_SMTP_PASSWORD)")
    put.add_argument("--host")
    put.add_argument("--port", type=int)
    security = put.add_mutually_exclusive_group()
    security.add_argument("--starttls", dest="security", action="store_const", const="starttls")
    security.add_argument("--ssl", dest="security", action="store_const", const="ssl")
    security.add_argument("--plain", dest="security", action="store_const", const="none", help="a trusted relay")
    put.add_argument("--user")
    put.add_argument("--sender")
    put.add_argument("--base-url")
    put.add_argument("--offsets", help="working days before the legal deadline, e.g. 3,1")
    mail_sub.add_parser("show", help="print the mail settings (never the password)")
    test = mail_sub.add_parser("test", help="send a test message now and print the server's answer")
    test.add_argument("to")
    mail_sub.add_parser("send", help="deliver the messages waiting in the outbox")
    contact = mail_sub.add_parser("contact", help="an account's e-mail, language and muted messages")
    contact.add_argument("user")
    contact.add_argument("email")
    contact.add_argument("--lang", default="vi", choices=["vi", "en"])
    contact.add_argument("--mute", default="", help="comma-separated: assigned, digest")

    unit = sub.add_parser("unit", help="unit settings")
    unit_sub = unit.add_subparsers(dest="unit_command", required=True, parser_class=type(unit))
    box = unit_sub.add_parser("mailbox", help="set a unit's mailboxes (comma-separated; empty removes)")
    box.add_argument("code")
    box.add_argument("addresses")

    letter = sub.add_parser("letter", help="the Office's công văn đôn đốc to one unit (Word); recorded on each item")
    letter.add_argument("--unit", required=True)
    letter.add_argument("--as-of", help="YYYY-MM-DD (default today)")
    letter.add_argument("--number", default="", help="the letter's number, e.g. 245/BNV-VP (blank: a placeholder)")
    letter.add_argument("--lang", default="vi", choices=["vi", "en"])
    letter.add_argument("-o", "--output", required=True)

    remind = sub.add_parser("remind", help="queue and send the reminders due today (run daily)")
    remind.add_argument("--dry-run", action="store_true", help="print what would be sent; send nothing")
    remind.add_argument("--as-of", help="the day to compute for, YYYY-MM-DD (default today)")
    remind.add_argument("--json", action="store_true", help="one JSON object per message")


def run(args: argparse.Namespace, lang: str) -> int:
    from tracker.service import Tracker

    tracker = Tracker.open()
    try:
        if args.command == "unit":
            return _mailbox(tracker, args, lang)
        if args.command == "remind":
            return _remind(tracker, args, lang)
        if args.command == "letter":
            return _letter(tracker, args, lang)
        return _mail(tracker, args, lang)
    finally:
        tracker.close()


def _mailbox(tracker: Tracker, args: argparse.Namespace, lang: str) -> int:
    from tracker.mail.directory import parse_addresses, set_unit_mailboxes

    addresses = parse_addresses(args.addresses)
    set_unit_mailboxes(tracker.db, SYSTEM, args.code, addresses, [u.code for u in tracker.reference.units])
    print(t("cli.mailbox_saved", lang, unit=args.code, addresses=", ".join(addresses) or "—"))
    return 0


def _mail(tracker: Tracker, args: argparse.Namespace, lang: str) -> int:
    from tracker.mail.config import MailSettings, parse_offsets, save_mail_settings
    from tracker.mail.sender import MailRefused, deliver, send_test

    current = MailSettings.from_settings(tracker.reference.settings)
    if args.mail_command == "set":
        changed = {
            k: val
            for k, val in {
                "host": args.host,
                "port": args.port,
                "security": args.security,
                "user": args.user,
                "sender": args.sender,
                "base_url": args.base_url,
            }.items()
            if val is not None
        }
        if args.offsets is not None:
            changed["offsets"] = parse_offsets(args.offsets)
        saved = save_mail_settings(tracker.db, SYSTEM, replace(current, **changed))
        _show(saved, lang)
        return 0
    if args.mail_command == "show":
        _show(current, lang)
        return 0
    if args.mail_command == "contact":
        from tracker.mail.directory import save_contact

        muted = [m.strip() for m in args.mute.split(",") if m.strip()]
        c = save_contact(tracker.db, SYSTEM, args.user, args.email, args.lang, muted)
        print(t("cli.contact_saved", lang, user=c.username, email=c.email, lang_code=c.lang))
        return 0
    if not current.configured:
        raise InvalidInput("error.mail_not_configured", field="mail_host")
    if args.mail_command == "test":
        try:
            send_test(current, args.to, t("mail.subject.test", lang), t("mail.body.test", lang, url=current.base_url))
        except MailRefused as refused:
            raise refused.error from None
        print(t("cli.mail_test_sent", lang, to=args.to))
        return 0
    report = deliver(tracker.db, current)
    print(t("cli.mail_sent", lang, sent=report.sent, failed=report.failed))
    for line in report.errors:
        print(line)
    return 0 if not report.failed else 1


def _show(s: object, lang: str) -> None:
    from tracker.mail.config import MailSettings, smtp_password

    assert isinstance(s, MailSettings)
    for key, value in s.as_settings().items():
        print(f"{key} = {value}")
    print(t("cli.mail_password_set" if smtp_password() else "cli.mail_password_unset", lang))


def _remind(tracker: Tracker, args: argparse.Namespace, lang: str) -> int:
    from tracker.mail.remind import run as run_reminders

    as_of = parse_date(args.as_of, "as_of") if args.as_of else clock.today()
    result = run_reminders(tracker.db, tracker.reference, SYSTEM, as_of, dry_run=args.dry_run)
    if args.json:
        for message in result.as_json():
            print(json.dumps(message, ensure_ascii=False))
        return 0
    for m in result.messages:
        print(f"{m.reason.value}\t{m.recipient}\t{m.subject}\t{len(m.items)}")
    key = "cli.remind_dry_run" if args.dry_run else "cli.remind_done"
    d = result.delivery
    print(t(key, lang, count=len(result.messages), as_of=format_date(as_of), sent=d.sent, failed=d.failed))
    return 0 if not d.failed else 1


def _letter(tracker: Tracker, args: argparse.Namespace, lang: str) -> int:
    from pathlib import Path

    from tracker.reminder_letter import issue_letter

    as_of = parse_date(args.as_of, "as_of") if args.as_of else clock.today()
    letter = issue_letter(tracker.db, tracker.reference, SYSTEM, args.unit, as_of, args.number, args.lang)
    Path(args.output).write_bytes(letter.content)
    print(t("cli.letter_written", lang, path=args.output, count=len(letter.items)))
    return 0
