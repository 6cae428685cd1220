"""Command line for recommendations raised again (issue 14, point 5):

    python -m tracker similar --session 16/1 [--json] [--threshold N]
    python -m tracker similar confirm ITEM OTHER    # other session: ITEM raised again of OTHER;
                                                    # same session: ITEM merged into OTHER
    python -m tracker similar dismiss ITEM OTHER    # never suggest the pair again

``--json`` prints one object per item of the session that has suggestions:
``{"item": ID, "ref_no": "…", "matches": [{"item": ID, "ref_no": "…", "session": "15/7", "score": 0–100}]}``,
best first, only matches at or above the threshold. The CLI acts as the system account.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from tracker.i18n import t
from tracker.similarity.index import DEFAULT_THRESHOLD

if TYPE_CHECKING:
    from tracker.service import Tracker

COMMANDS = ("similar",)


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    similar = sub.add_parser("similar", help="suggest items raised again in earlier sessions; confirm or dismiss pairs")
    similar.add_argument("action", nargs="?", choices=["list", "confirm", "dismiss"], default="list")
    similar.add_argument("ids", nargs="*", type=int, help="confirm/dismiss: ITEM OTHER")
    similar.add_argument("--session", help="list: the session whose items to match, e.g. 16/1")
    similar.add_argument("--json", action="store_true", help="list: print JSON")
    similar.add_argument(
        "--threshold",
        type=int,
        default=DEFAULT_THRESHOLD,
        help=f"list: lowest score shown, 0–100 (default {DEFAULT_THRESHOLD})",
    )


def run(args: argparse.Namespace, lang: str) -> int:
    from tracker.errors import InvalidInput
    from tracker.service import Tracker

    if args.action == "list" and (not args.session or args.ids):
        raise InvalidInput("error.similar_cli_list")
    if args.action != "list" and len(args.ids) != 2:
        raise InvalidInput("error.similar_cli_pair")
    if not 0 <= args.threshold <= 100:
        raise InvalidInput("error.similar_threshold", field="threshold", value=str(args.threshold))
    tracker = Tracker.open()
    try:
        if args.action == "list":
            return _list(tracker, args, lang)
        return _decide(tracker, args, lang)
    finally:
        tracker.close()


def _list(tracker: Tracker, args: argparse.Namespace, lang: str) -> int:
    from tracker.sessions import SessionRef

    session = tracker.reference.session_by_ref(SessionRef.parse(args.session))
    found = tracker.similar_for_session(session.id, threshold=args.threshold)
    if args.json:
        print(json.dumps([s.as_json() for s in found], ensure_ascii=False, indent=2))
        return 0
    if not found:
        print(t("similar.cli_none", lang, session=session.label(lang), threshold=args.threshold))
    for s in found:
        print(t("similar.cli_item", lang, id=s.item.id, ref_no=s.item.ref_no or "—", summary=s.item.summary))
        for m in s.matches:
            o = m.occurrence
            print(t("similar.cli_match", lang, score=m.score, id=o.id, ref_no=o.ref_no or "—", session=o.session))
    return 0


def _decide(tracker: Tracker, args: argparse.Namespace, lang: str) -> int:
    from tracker.permissions import SYSTEM

    item_id, other_id = args.ids
    if args.action == "dismiss":
        tracker.dismiss_similar(SYSTEM, item_id, other_id)
        print(t("similar.cli_dismissed", lang, id=item_id, other=other_id))
        return 0
    item, other = tracker.get_item(item_id), tracker.get_item(other_id)
    if item.session_id == other.session_id:
        tracker.merge_items(SYSTEM, other_id, item_id, other.version, item.version)
        print(t("similar.cli_merged", lang, id=item_id, other=other_id))
    else:
        tracker.mark_raised_again(SYSTEM, item_id, other_id)
        print(t("similar.cli_linked", lang, id=item_id, other=other_id))
    return 0
