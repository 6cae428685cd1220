"""The benchmark's register builder: ``build_database`` writes a register of any size with a
realistic spread (sessions, kinds, units, replies on time and late, transfers, archived
duplicates) and the events a real history would hold, deterministic for a seed. Used by
benchmarks/bench.py and tests/system/test_bench.py.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd

from tracker import clock, history, item_store
from tracker.dates import END_OF_TIME
from tracker.demo import DEPUTIES, PROVINCES, ROADMAPS, SIGNERS, TOPICS
from tracker.items import Kind, Phase, Result
from tracker.record import ItemRecord
from tracker.service import Filters, Tracker
from tracker.sessions import Session
from tracker.storage import Cursor

CHUNK = 50_000  # rows generated and appended at a time: bounded memory at 1,000,000

EVENT_COLUMNS = ("item_id", "occurred_at", "actor", "action", "changes", "reason", "version")
LIAISONS = ("lienlac", "lienlac2", "vp_tonghop")
REPLY_SUMMARY = "Bộ Nội vụ đã trả lời, giải trình cụ thể nội dung kiến nghị và hướng giải quyết."
TRANSFER_NOTE = "Không thuộc thẩm quyền của Bộ Nội vụ; chuyển Ủy ban Dân nguyện và Giám sát của Quốc hội"
PROGRESS_NOTE = "Đơn vị đang tổng hợp ý kiến, dự thảo văn bản trả lời."
ARCHIVE_REASON = "Nhập trùng với mục đã có"
LATE_REASON = "Cần xin ý kiến các bộ, ngành liên quan"


@dataclass(frozen=True)
class Built:
    items: int
    events: int
    seconds: float
    file_bytes: int


def _workday(day: date) -> date:
    return day + timedelta(days=(7 - day.weekday()) % 7) if day.weekday() >= 5 else day


@dataclass(frozen=True)
class _SessionPlan:
    session: Session
    anchor: date  # when it opened (or, undated, when it is expected to have opened)
    weight: float


def _session_plans(tracker: Tracker, today: date) -> list[_SessionPlan]:
    """Regular sessions carry most items; dated extraordinary ones a few questions. The next
    undated regular session is placed half a year after the last dated one (16/2: "expected
    October 2026"), so the newest session holds the open, not-yet-due items."""
    sessions = tracker.reference.sessions
    regular = sorted((s for s in sessions if not s.extraordinary), key=lambda s: (s.term, s.number))
    plans: list[_SessionPlan] = []
    last_dated: date | None = None
    for s in regular:
        anchor = s.opens_on or (last_dated + timedelta(days=182) if last_dated else None)
        if anchor is None or anchor > today:
            continue
        if s.opens_on is not None:
            last_dated = s.opens_on
        plans.append(_SessionPlan(s, anchor, 1.0 + 0.1 * len(plans)))  # a little more each session
    for s in sessions:
        if s.extraordinary and s.opens_on is not None and s.opens_on <= today:
            plans.append(_SessionPlan(s, s.opens_on, 0.08))
    return plans


class _Generator:
    """Rows for items and their events, deterministic for a seed."""

    def __init__(self, tracker: Tracker, today: date, seed: int) -> None:
        self.tracker = tracker
        self.today = today
        self.rng = random.Random(seed)
        self.ref = tracker.reference
        self.plans = _session_plans(tracker, today)
        self.weights = [p.weight for p in self.plans]
        self.numbers: dict[tuple[int, str], int] = {}
        self.reply_numbers: dict[int, int] = {}
        self._deadlines: dict[tuple[str, date], tuple[date, str]] = {}
        self._units_on: dict[date, list[str]] = {}

    def deadline(self, kind: Kind, received: date) -> tuple[date, str]:
        key = (kind.value, received)
        if key not in self._deadlines:
            d = self.tracker.deadline_for(kind, received)
            self._deadlines[key] = (d.due_on, d.explain("vi"))
        return self._deadlines[key]

    def units_on(self, day: date) -> list[str]:
        if day not in self._units_on:
            self._units_on[day] = [u.code for u in self.ref.units if u.is_active_on(day) and u.code != "VP"]
        return self._units_on[day]

    def received_on(self, plan: _SessionPlan, kind: Kind) -> tuple[Phase, date]:
        rng, opens = self.rng, plan.anchor
        if kind == Kind.DEPUTY_QUESTION:  # extraordinary sessions only get questions here
            if plan.session.extraordinary or rng.random() < 0.6:
                phase, day = Phase.AT_SESSION, opens + timedelta(days=rng.randint(0, 30))
            else:
                phase, day = Phase.BETWEEN_SESSIONS, opens + timedelta(days=rng.randint(60, 150))
        elif rng.random() < 0.45:
            phase, day = Phase.BEFORE, opens + timedelta(days=rng.randint(-10, 20))
        else:
            phase, day = Phase.AFTER, opens + timedelta(days=rng.randint(50, 110))
        day = _workday(day)
        if day > self.today:  # the newest session: only what has arrived so far
            day = self.today - timedelta(days=rng.randint(0, 25))
        return phase, day

    def arrivals(self, count: int) -> list[tuple[date, int, Kind, Phase]]:
        """When each item arrives, for which session, of which kind, oldest first: a real
        register is appended as the mail comes in, so ids and row order follow the dates."""
        rng, out = self.rng, []
        for _ in range(count):
            index = rng.choices(range(len(self.plans)), self.weights)[0]
            plan = self.plans[index]
            kind = (
                Kind.DEPUTY_QUESTION if plan.session.extraordinary or rng.random() < 0.15 else Kind.VOTER_RECOMMENDATION
            )
            phase, received = self.received_on(plan, kind)
            out.append((received, index, kind, phase))
        out.sort(key=lambda a: a[0])
        return out

    def rows(
        self, ids: list[int], arrivals: list[tuple[date, int, Kind, Phase]]
    ) -> tuple[list[ItemRecord], dict[str, list]]:
        rng, today = self.rng, self.today
        items: list[ItemRecord] = []
        events: dict[str, list] = {c: [] for c in EVENT_COLUMNS}

        def event(
            item_id: int, at: datetime, actor: str, action: str, changes: dict, reason: str, version: int
        ) -> None:
            events["item_id"].append(item_id)
            events["occurred_at"].append(at)
            events["actor"].append(actor)
            events["action"].append(action)
            events["changes"].append(history.to_json(changes))
            events["reason"].append(reason)
            events["version"].append(version)

        for item_id, (received, plan_index, kind, phase) in zip(ids, arrivals, strict=True):
            session = self.plans[plan_index].session
            topic, leads, summaries = rng.choice(TOPICS)
            active = self.units_on(received)
            lead = next((u for u in leads if u in active), "VP")
            coordinating = ";".join(rng.sample([u for u in active if u != lead], k=rng.choice((0, 0, 1, 2))))
            number = self.numbers[(session.id, kind.value)] = self.numbers.get((session.id, kind.value), 0) + 1
            if kind == Kind.DEPUTY_QUESTION:
                deputy, delegation = rng.choice(DEPUTIES)
                sources, ref_no = delegation, f"{number}/TTKQH-TH-{session.ref.code()}"
            else:
                deputy = ""
                sources = "; ".join(f"Cử tri tỉnh {p}" for p in rng.sample(PROVINCES, k=rng.choice((1, 1, 2, 3))))
                ref_no = f"{number}/BDN-{session.ref.code()}"
            summary = rng.choice(summaries)
            full_pieces = () if rng.random() < 0.7 else (sources, "phản ánh:", summary, rng.choice(summaries))
            full_text = " ".join(full_pieces)
            due_on, due_basis = self.deadline(kind, received)
            created = datetime.combine(received, datetime.min.time()) + timedelta(hours=8, minutes=rng.randint(0, 540))
            creator = rng.choice(LIAISONS)
            unassigned = due_on >= today and rng.random() < 0.05  # newly received, not yet assigned
            if unassigned:
                lead, coordinating = None, ""

            reply = transfer = None
            duplicate = rng.random() < 0.01  # entered twice by mistake: archived before anything else happens
            handled = not unassigned and not duplicate
            if handled and rng.random() < 0.025:
                transfer = min(received + timedelta(days=rng.randint(3, 15)), today)
            elif handled:
                period = (due_on - received).days
                if due_on < today:
                    if rng.random() < (0.97 if (today - due_on).days > 180 else 0.8):
                        late = rng.random() < 0.12
                        reply = (
                            due_on + timedelta(days=rng.randint(1, 25))
                            if late
                            else received + timedelta(days=rng.randint(5, period))
                        )
                        reply = reply if reply <= today else None
                elif rng.random() < 0.3 and (today - received).days >= 5:
                    reply = received + timedelta(days=rng.randint(5, (today - received).days))

            result = roadmap = committed = late_reason = response_no = signer = response_summary = archived = why = None
            version, updated = 1, created
            # The created event as the product writes it (history's shape: an unassigned lead left out).
            created_values = {
                "kind": kind.value,
                "session_id": session.id,
                "phase": phase.value,
                "ref_no": ref_no,
                "received_on": received,
                "lead_unit": lead,
                "coordinating_units": coordinating,
                "due_on": due_on,
            }
            event(item_id, created, creator, "created", history.created_changes(created_values), "", 1)
            if reply is not None:
                result = rng.choices((Result.EXPLAINED, Result.RESOLVED, Result.BEING_RESOLVED), weights=(70, 12, 18))[
                    0
                ]
                self.reply_numbers[reply.year] = self.reply_numbers.get(reply.year, 100) + 1
                response_no = f"{self.reply_numbers[reply.year]}/BNV-{lead}"
                signer, response_summary = rng.choice(SIGNERS), REPLY_SUMMARY
                if result == Result.BEING_RESOLVED:
                    roadmap, committed = rng.choice(ROADMAPS), reply + timedelta(days=180)
                late_reason = LATE_REASON if reply > due_on else None
                version, updated = 2, datetime.combine(reply, datetime.min.time()) + timedelta(hours=15)
                event(
                    item_id,
                    updated,
                    f"cb_{lead}",
                    "replied",
                    {
                        "response_no": [None, response_no],
                        "responded_on": [None, reply.isoformat()],
                        "signer": [None, signer],
                        "response_summary": [None, response_summary],
                        "result": [None, result.value],
                    },
                    late_reason or "",
                    2,
                )
            elif transfer is not None:
                version, updated = 2, datetime.combine(transfer, datetime.min.time()) + timedelta(hours=10)
                event(
                    item_id,
                    updated,
                    creator,
                    "transferred",
                    {"transferred_on": [None, transfer.isoformat()], "transfer_note": [None, TRANSFER_NOTE]},
                    TRANSFER_NOTE,
                    2,
                )
            elif duplicate:
                archived = min(
                    created + timedelta(days=rng.randint(1, 10)), datetime.combine(today, datetime.min.time())
                )
                version, updated, why = 2, archived, "duplicate_entry"
                event(item_id, archived, creator, "archived", {"archive_reason": [None, why]}, ARCHIVE_REASON, 2)
            elif lead is not None and rng.random() < 0.4:
                at = created + timedelta(days=rng.randint(0, max(0, (today - received).days)), hours=2)
                event(item_id, at, f"cb_{lead}", "progress", {}, PROGRESS_NOTE, 1)

            record = ItemRecord(
                id=item_id,
                kind=kind.value,
                session_id=session.id,
                phase=phase.value,
                ref_no=ref_no,
                received_on=received,
                sources=sources,
                deputy=deputy,
                summary=summary,
                full_text=full_text,
                topic=topic,
                lead_unit=lead,
                coordinating_units=coordinating,
                due_on=due_on,
                due_basis=due_basis,
                due_override_reason="",
                response_no=response_no,
                responded_on=reply,
                signer=signer,
                response_summary=response_summary,
                result=result.value if result else None,
                roadmap=roadmap,
                committed_on=committed,
                late_reason=late_reason,
                transferred_on=transfer,
                transfer_note=TRANSFER_NOTE if transfer else None,
                version=version,
                created_at=created,
                created_by=creator,
                updated_at=updated,
                archived_at=archived,
                archive_reason=why,
            )
            items.append(record)
        return items, events


def build_database(path: Path | str, items: int, *, seed: int = 5, today: date | None = None) -> Built:
    """A register of ``items`` items (and their events) in a new file at ``path``.

    One transaction on the single writer, appended a chunk at a time: items as ItemRecords through
    tracker.item_store.insert_stored (the product's columns and search text), events in history's
    shapes. About a minute for 1,000,000 items, not hours through create_item.
    """
    started = time.perf_counter()
    tracker = Tracker.open(path)
    try:
        if tracker.search(Filters(), END_OF_TIME, limit=1).total:
            raise ValueError(f"{path} already holds items: the bench builds into a new file")
        generator = _Generator(tracker, today or clock.today(), seed)

        arrivals = generator.arrivals(items)

        def work(cur: Cursor) -> int:
            ids = [i for (i,) in cur.all("bench/reserve_item_ids", [items])]
            # Events are staged, then appended in the order they happened, as a real history is
            # (a reply comes weeks after the item): zone maps on occurred_at then work as in life.
            cur.run("bench/create_event_stage")
            events = 0
            for start in range(0, items, CHUNK):
                item_rows, event_rows = generator.rows(ids[start : start + CHUNK], arrivals[start : start + CHUNK])
                item_store.insert_stored(cur, item_rows)
                cur.insert_frame("bench_event_stage", pd.DataFrame(event_rows), EVENT_COLUMNS)
                events += len(event_rows["item_id"])
            cur.run("bench/append_staged_events")
            cur.run("bench/drop_event_stage")
            return events

        events = tracker.db.write(work)
    finally:
        tracker.close()
    return Built(items, events, time.perf_counter() - started, Path(path).stat().st_size)
