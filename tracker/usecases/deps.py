"""What every use case is given: the database, the reference cache and a clock (tests pass a fake)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from tracker import clock
from tracker.reference import Reference, ReferenceCache
from tracker.storage import Database


@dataclass(frozen=True)
class Deps:
    db: Database
    cache: ReferenceCache
    today: Callable[[], date] = clock.today

    @property
    def reference(self) -> Reference:
        return self.cache.get()


class UseCase:
    """Base of the use-case classes: holds the collaborators, nothing else."""

    def __init__(self, deps: Deps) -> None:
        self.deps = deps

    @property
    def db(self) -> Database:
        return self.deps.db

    @property
    def reference(self) -> Reference:
        return self.deps.reference
