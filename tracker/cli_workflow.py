"""The reply's path on the command line (issue 12), acting as a named account:

    python -m tracker item accept ID --as USERNAME
    python -m tracker item return ID --reason TEXT --as USERNAME
    python -m tracker item submit ID --text TEXT [--file PATH] --as USERNAME
    python -m tracker item review ID (--approve | --send-back) --comment TEXT --as USERNAME
    python -m tracker item request-part ID --unit CODE --by YYYY-MM-DD --text TEXT --as USERNAME
    python -m tracker item part ID --unit CODE [--text TEXT] [--file PATH] --as USERNAME
    python -m tracker item sign ID --signer NAME [--on YYYY-MM-DD] --as USERNAME
    python -m tracker item issue ID --number NO --date YYYY-MM-DD --signer NAME --result RESULT
        [--roadmap TEXT --committed-on YYYY-MM-DD] [--late-reason TEXT] --as USERNAME
    python -m tracker item commitment ID (--progress TEXT [--on YYYY-MM-DD]
        | --done --on YYYY-MM-DD --document NO [--note TEXT] [--file PATH]) --as USERNAME
    python -m tracker item deadline ID (--on YYYY-MM-DD --reason TEXT | --default) --as USERNAME

Each acts on the item as it stands (its current version), is refused exactly as the page would
refuse that person (the same service, the same workflow table), and prints one line: the item's
stage after the step. A refusal is one line on stderr and a non-zero exit (tracker/cli.py).
Also the figures' additions: ``by_stage`` etc. on ``stats --json`` rows.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker import clock, workflow_rules
from tracker.dates import parse_date
from tracker.errors import InvalidInput
from tracker.i18n import t
from tracker.items import Reply, Result
from tracker.permissions import Actor
from tracker.stage import Stage
from tracker.workflow_rules import Step

if TYPE_CHECKING:
    from tracker.service import Tracker
    from tracker.stats import StatsRow

COMMANDS = ("item",)


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    item = sub.add_parser("item", help="take a step on an item's path (acting as a named account)")
    steps = item.add_subparsers(dest="item_command", required=True, parser_class=type(item))

    def step(name: str, help_text: str) -> argparse.ArgumentParser:
        parser = steps.add_parser(name, help=help_text)
        parser.add_argument("id", type=int)
        parser.add_argument("--as", dest="username", required=True, help="the account acting")
        return parser

    step("accept", "the lead unit takes the item")
    step("return", "the lead unit returns it to the Office").add_argument("--reason", required=True)
    submit = step("submit", "the lead unit submits its draft")
    submit.add_argument("--text", required=True)
    submit.add_argument("--file", help="a PDF, DOCX, XLSX, PNG or JPG to attach with the draft")
    review = step("review", "the Office approves the draft or sends it back")
    decision = review.add_mutually_exclusive_group(required=True)
    decision.add_argument("--approve", action="store_true")
    decision.add_argument("--send-back", action="store_true")
    review.add_argument("--comment", required=True)
    issue = step("issue", "the Office issues the reply")
    issue.add_argument("--number", required=True)
    issue.add_argument("--date", required=True)
    issue.add_argument("--signer", required=True)
    issue.add_argument("--result", required=True, choices=[r.value for r in Result])
    issue.add_argument("--summary", default="")
    issue.add_argument("--roadmap", default="")
    issue.add_argument("--committed-on")
    issue.add_argument("--late-reason", default="")
    ask = step("request-part", "the lead unit asks a coordinating unit for its part, by a date")
    ask.add_argument("--unit", required=True, help="the coordinating unit's code")
    ask.add_argument("--by", required=True, help="the unit's own date, YYYY-MM-DD")
    ask.add_argument("--text", required=True, help="what it is asked for")
    part = step("part", "a coordinating unit records its part (text and/or a file)")
    part.add_argument("--unit", required=True, help="the acting account's own unit (a check, not a choice)")
    part.add_argument("--text", default="")
    part.add_argument("--file", help="a PDF, DOCX, XLSX, PNG or JPG to attach with the part")
    sign = step("sign", "the Office records the leader's signature on the approved draft")
    sign.add_argument("--signer", required=True)
    sign.add_argument("--on", help="the day it was signed, YYYY-MM-DD (default: today)")
    commitment = step("commitment", 'follow up a "being resolved" reply: progress, or done on a day')
    what = commitment.add_mutually_exclusive_group(required=True)
    what.add_argument("--progress", help="what has been done so far")
    what.add_argument("--done", action="store_true", help='"đã giải quyết xong" (needs --on and --document)')
    commitment.add_argument("--on", help="the day, YYYY-MM-DD (default: today)")
    commitment.add_argument("--document", default="", help="the number of the document that says it is done")
    commitment.add_argument("--note", default="")
    commitment.add_argument("--file", help="that document, attached to the item")
    deadline = step("deadline", "the Office sets the item's internal deadline (or goes back to the default)")
    when = deadline.add_mutually_exclusive_group(required=True)
    when.add_argument("--on", help="the day the draft is due at the Office, YYYY-MM-DD")
    when.add_argument("--default", action="store_true", help="back to N working days before the legal deadline")
    deadline.add_argument("--reason", default="")


def _actor(tracker: Tracker, username: str) -> Actor:
    from tracker.accounts import current_actor

    actor = current_actor(tracker, username)
    if actor is None:
        raise InvalidInput("error.cli_unknown_account", field="username", value=username)
    return actor


def run(args: argparse.Namespace, lang: str) -> int:
    from tracker.service import Tracker

    tracker = Tracker.open()
    try:
        actor = _actor(tracker, args.username)
        version = tracker.get_item(args.id).version
        _step(tracker, actor, args, version)
        stage = tracker.workflow(args.id).stage
        print(t("cli.item_step_done", lang, id=args.id, stage=t(f"stage.{stage.value}", lang), code=stage.value))
    finally:
        tracker.close()
    return 0


def _step(tracker: Tracker, actor: Actor, args: argparse.Namespace, version: int) -> int:
    command = args.item_command
    if command == "accept":
        return tracker.accept(actor, args.id, version)
    if command == "return":
        return tracker.return_item(actor, args.id, version, args.reason)
    if command == "submit":
        sha = _attach(tracker, actor, args.id, Path(args.file), "draft", Step.SUBMIT_DRAFT) if args.file else None
        if sha is not None:
            version = tracker.get_item(args.id).version
        return tracker.submit_draft(actor, args.id, version, args.text, file_sha256=sha)
    if command == "review":
        return tracker.review(actor, args.id, version, bool(args.approve), args.comment)
    if command in _MORE:
        return _MORE[command](tracker, actor, args, version)
    committed: date | None = parse_date(args.committed_on, "committed_on") if args.committed_on else None
    reply = Reply(
        response_no=args.number,
        responded_on=parse_date(args.date, "responded_on"),
        signer=args.signer,
        summary=args.summary,
        result=Result(args.result),
        roadmap=args.roadmap,
        committed_on=committed,
        late_reason=args.late_reason,
    )
    return tracker.issue(actor, args.id, version, reply)


def _request_part(tracker: Tracker, actor: Actor, args: argparse.Namespace, version: int) -> int:
    return tracker.request_part(actor, args.id, version, args.unit, parse_date(args.by, "part_due_on"), args.text)


def _part(tracker: Tracker, actor: Actor, args: argparse.Namespace, version: int) -> int:
    """Only the acting account's own unit gives a part (the page offers no other): ``--unit``
    says which unit the script means, so a script run under the wrong account is refused."""
    if actor.unit != args.unit:
        raise InvalidInput("error.cli_part_unit", field="unit", value=args.unit, own=actor.unit or "—")
    sha = _attach(tracker, actor, args.id, Path(args.file), "part", Step.RECORD_PART) if args.file else None
    return tracker.record_part(actor, args.id, version, args.text, sha)


def _sign(tracker: Tracker, actor: Actor, args: argparse.Namespace, version: int) -> int:
    on = parse_date(args.on, "signed_on") if args.on else clock.today()
    return tracker.sign(actor, args.id, version, args.signer, on)


def _commitment(tracker: Tracker, actor: Actor, args: argparse.Namespace, version: int) -> int:
    on = parse_date(args.on, "commitment_on") if args.on else clock.today()
    if args.done:
        if args.file:  # the completing document, attached to the item (its own event) first
            _attach(tracker, actor, args.id, Path(args.file), "other", Step.RECORD_COMMITMENT)
        return tracker.record_commitment(
            actor, args.id, version, done=True, on=on, note=args.note, document_no=args.document
        )
    return tracker.record_commitment(actor, args.id, version, done=False, on=on, note=args.progress)


def _deadline(tracker: Tracker, actor: Actor, args: argparse.Namespace, version: int) -> int:
    on = None if args.default else parse_date(args.on, "internal_due_on")
    return tracker.set_internal_deadline(actor, args.id, version, on, args.reason)


_MORE = {
    "request-part": _request_part,
    "part": _part,
    "sign": _sign,
    "commitment": _commitment,
    "deadline": _deadline,
}


def _attach(tracker: Tracker, actor: Actor, item_id: int, path: Path, purpose: str, step: Step) -> str:
    """Attach the file to the item first (its own event), then name it in the step. The step is
    checked first, so a refused step leaves no file behind (the service checks it again)."""
    from tracker.attachments import attach_file, check_size

    workflow_rules.check(actor, step, tracker.workflow(item_id).facts)
    if not path.is_file():
        raise InvalidInput("error.cli_no_file", field="file", value=str(path))
    check_size(path.stat().st_size, path.name)  # refused before it is read
    return attach_file(tracker, actor, item_id, path.name, path.read_bytes(), purpose=purpose).sha256


# -- the figures' additions ------------------------------------------------------------------
STAGE_ORDER = tuple(s.value for s in Stage)


def stats_additions(
    tracker: Tracker, rows: list[StatsRow], as_of: date, session_id: int | None, kind: str | None, by_unit: bool
) -> list[dict[str, Any]]:
    """``by_stage`` (every stage, zeros included) on every row; the internal deadline's ``drafts``
    measures; ``commitments`` per session row, the stage medians per unit row."""
    stages = tracker.stage_counts(as_of, session_id, kind, by_unit=by_unit)
    drafts = tracker.draft_timeliness(as_of, session_id, kind)
    commitments = tracker.commitments(as_of, session_id, kind)
    medians = tracker.stage_medians(as_of, session_id, kind) if by_unit else {}
    decimals = tracker.reference.percent_decimals
    out = []
    for row in rows:
        key = (row.session_id or 0, row.kind, row.unit if by_unit else None)
        found = stages.get(key, {})
        extra: dict[str, Any] = {"by_stage": {s: found.get(s, 0) for s in STAGE_ORDER}}
        extra["drafts"] = _summed(drafts, key, by_unit, ("draft_on_time", "draft_late", "draft_overdue"))
        extra["commitments"] = _summed(
            commitments,
            key,
            by_unit,
            ("commitments_pending", "commitments_overdue", "commitments_met", "commitments_met_late"),
        )
        if by_unit:
            extra.update(
                medians.get(
                    key,
                    dict.fromkeys(
                        (
                            "median_days_to_accept",
                            "median_days_to_draft",
                            "median_days_to_issue",
                            "median_review_rounds",
                        )
                    ),
                )
            )
        out.append({**row.as_dict(by_unit, decimals), **extra})
    return out


def _summed(
    table: dict[tuple[int, str, str | None], dict[str, int]],
    key: tuple[int, str, str | None],
    by_unit: bool,
    fields: tuple[str, ...],
) -> dict[str, int]:
    """The per-unit tallies of ``table`` for the row's key, summed over units for a session row."""
    session_id, kind, unit = key
    picked = [v for (s, k, u), v in table.items() if s == session_id and k == kind and (not by_unit or u == unit)]
    return {f: sum(v.get(f, 0) for v in picked) for f in fields}
