"""The figures: per session x kind, per lead unit, and the consistency check behind them."""

from __future__ import annotations

from datetime import date

from tracker.dates import END_OF_TIME
from tracker.items import Kind
from tracker.stats import COUNT_FIELDS, Counts, StatsRow, by_unit_order
from tracker.storage import Cursor
from tracker.usecases.deps import UseCase


class Statistics(UseCase):
    def stats(
        self, as_of: date, session_id: int | None = None, kind: str | None = None, *, cur: Cursor | None = None
    ) -> list[StatsRow]:
        """Per session x kind. One session: both kinds, zeros included ("no question yet for the
        8th session" is a row). All sessions: those with items as of the date, each with both kinds."""
        found = {
            (r["session_id"], r["kind"]): Counts(**{k: int(r[k]) for k in COUNT_FIELDS})
            for r in (cur or self.db).records(
                "stats/by_session", {"as_of": as_of, "session_id": session_id, "kind": kind}
            )
        }
        session_ids = [session_id] if session_id is not None else sorted({sid for sid, _ in found})
        kinds = [kind] if kind else [k.value for k in Kind]
        ref = self.reference
        if any(sid not in ref.session_ids for sid in session_ids):
            ref = self.deps.cache.refresh()  # a session created since (an import with --create-missing)
        sessions = sorted((ref.session(sid) for sid in session_ids), key=lambda s: (s.term, s.extraordinary, s.number))
        return [
            StatsRow(s.id, s.ref, k, found.get((s.id, k), Counts()))
            for s in sessions
            # Recommendations before questions, as the ministry's reports list them.
            for k in sorted(kinds, key=lambda k: k != Kind.VOTER_RECOMMENDATION.value)
        ]

    def stats_by_unit(
        self,
        as_of: date,
        session_id: int | None = None,
        kind: str | None = None,
        unit: str | None = None,
        *,
        cur: Cursor | None = None,
    ) -> list[StatsRow]:
        rows = (cur or self.db).records(
            "stats/by_unit", {"as_of": as_of, "session_id": session_id, "kind": kind, "unit": unit}
        )
        ref = self.reference
        if any(r["session_id"] not in ref.session_ids for r in rows):
            ref = self.deps.cache.refresh()
        out = [
            StatsRow(
                r["session_id"],
                ref.session(r["session_id"]).ref,
                r["kind"],
                Counts(**{k: int(r[k]) for k in COUNT_FIELDS}),
                r["unit"],
            )
            for r in rows
        ]
        return sorted(out, key=by_unit_order)

    def integrity_problems(self) -> list[str]:
        """Empty when the record is consistent: versions match histories, no orphan events,
        and every session's numbers add up. Used after crashes and restores."""
        problems = [
            f"item {i}: version {ver} but history says {logged}" for i, ver, logged in self.db.all("items/integrity")
        ]
        problems += [f"event {e} points at missing item {i}" for e, i in self.db.all("events/orphans")]
        for row in self.stats(END_OF_TIME) + self.stats(self.deps.today()):
            problems += [f"{row.ref.code()} {row.kind}: {p}" for p in row.counts.invariant_errors()]
        return problems
