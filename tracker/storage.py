"""The only module that imports duckdb: one process owns the file, reads use a cursor per call,
and every write runs on one writer thread (like datasette's write connection), so two users
never race on a row and nobody sees DuckDB's "Conflict on update".
"""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Self, TypeVar

import duckdb

from tracker.errors import DatabaseBusy, DatabaseCorrupt, DatabaseReadOnly, DatabaseUnavailable, TrackerError

ROOT = Path(__file__).resolve().parent.parent
QUERIES_DIR = ROOT / "queries"
DEFAULT_DB = ROOT / "data" / "tracker.duckdb"

T = TypeVar("T")
Params = Sequence[Any] | Mapping[str, Any] | None


def default_path() -> Path:
    return Path(os.environ.get("TRACKER_DB") or DEFAULT_DB)


class Queries:
    """SQL files under queries/, addressed by path without ".sql": "items/insert"."""

    def __init__(self, root: Path = QUERIES_DIR) -> None:
        self.root = root
        self._cache: dict[str, str] = {}
        self._writes: dict[str, bool] = {}
        self._lock = threading.Lock()

    def __getitem__(self, name: str) -> str:
        text = self._cache.get(name)
        if text is None:
            path = (self.root / f"{name}.sql").resolve()
            if self.root.resolve() not in path.parents:
                raise KeyError(name)
            text = path.read_text(encoding="utf-8")
            with self._lock:
                self._cache[name] = text
        return text

    def writes(self, name: str) -> bool:
        """Whether the named statement changes data (its first keyword after the header)."""
        found = self._writes.get(name)
        if found is None:
            lines = (line.strip() for line in self[name].splitlines())
            first = next((line for line in lines if line and not line.startswith("--")), "")
            found = first.split(" ", 1)[0].lower() in {"insert", "update", "delete"}
            self._writes[name] = found
        return found

    def migrations(self) -> list[tuple[int, str]]:
        found = []
        for path in sorted((self.root / "schema").glob("[0-9][0-9][0-9]_*.sql")):
            found.append((int(path.name[:3]), f"schema/{path.stem}"))
        return found

    def views(self) -> list[str]:
        """The macros under queries/views/, in file-name order: a macro is created after those it calls."""
        return [f"views/{path.stem}" for path in sorted((self.root / "views").glob("*.sql"))]


class Cursor:
    """A thin wrapper so services run named queries, never SQL strings."""

    def __init__(self, raw: duckdb.DuckDBPyConnection, queries: Queries) -> None:
        self.raw = raw
        self.queries = queries
        # Query folders ("units", "settings") this cursor's statements changed: the writer's
        # listeners hear which, so the reference cache reloads only when it must (issue 10).
        self.touched: set[str] = set()

    def _sql(self, name: str) -> str:
        if self.queries.writes(name):
            self.touched.add(name.split("/", 1)[0])
        return self.queries[name]

    def run(self, name: str, params: Params = None) -> Cursor:
        self.raw.execute(self._sql(name), params or [])
        return self

    def all(self, name: str, params: Params = None) -> list[tuple[Any, ...]]:
        return self.raw.execute(self._sql(name), params or []).fetchall()

    def one(self, name: str, params: Params = None) -> tuple[Any, ...] | None:
        return self.raw.execute(self._sql(name), params or []).fetchone()

    def records(self, name: str, params: Params = None) -> list[dict[str, Any]]:
        result = self.raw.execute(self._sql(name), params or [])
        columns = [d[0] for d in result.description]
        return [dict(zip(columns, row, strict=True)) for row in result.fetchall()]

    def frame(self, name: str, params: Params = None) -> Any:
        return self.raw.execute(self.queries[name], params or []).df()

    def many(self, name: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self.raw.executemany(self._sql(name), rows)

    def copy_table_to(self, table: str, path: Path) -> None:
        """Write one table to a Parquet file inside this cursor's transaction (backups).

        ``table`` comes from our own catalog (backup/tables), never from a user or a file."""
        self.raw.execute(f"copy (select * from {_identifier(table)}) to ? (format parquet)", [str(path)])

    def load_table_from(self, table: str, columns: Sequence[str], path: Path) -> None:
        """Append a Parquet file's rows into ``table`` by the named columns (restores).

        Table and columns come from the schema our migrations built, checked against the file
        beforehand; the file supplies data only, never SQL."""
        cols = ", ".join(_identifier(c) for c in columns)
        self.raw.execute(f"insert into {_identifier(table)} ({cols}) select {cols} from read_parquet(?)", [str(path)])

    def insert_frame(self, table: str, frame: Any, columns: Sequence[str]) -> None:
        """Bulk-append a pandas frame (imports): far faster than executemany for 10,000 rows."""
        self.raw.register("_incoming", frame)
        try:
            cols = ", ".join(columns)
            self.raw.execute(f"insert into {table} ({cols}) select {cols} from _incoming")
        finally:
            self.raw.unregister("_incoming")


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _is_lock_error(error: BaseException) -> bool:
    text = str(error).lower()
    return "lock" in text and ("conflicting" in text or "could not set" in text)


# DuckDB 2.0's own words, as measured: a garbage file, a truncated one, a block whose checksum
# fails; a file or folder it may not write.
_CORRUPT_WORDS = ("not a valid duckdb database", "corrupt database", "checksum", "could not read enough bytes")
_READ_ONLY_WORDS = ("permission denied", "read-only file system", "read only file system")


def unavailable(error: BaseException, path: Path) -> DatabaseUnavailable | None:
    """The named error for a DuckDB or OS failure to use the file, or None if it is another one."""
    if _is_lock_error(error):
        return DatabaseBusy(path=str(path))
    text = str(error).lower()
    if isinstance(error, PermissionError) or any(w in text for w in _READ_ONLY_WORDS):
        return DatabaseReadOnly(path=str(path))
    if any(w in text for w in _CORRUPT_WORDS):
        return DatabaseCorrupt(path=str(path))
    return None


def _writable(path: Path) -> bool:
    # Root may write a 0444 file anyway; an administrator who made it read-only meant it.
    return os.access(path, os.W_OK) and bool(path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


class Database:
    """One DuckDB file, opened once per process with the same settings every time."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path else default_path()
        self.queries = Queries()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if self.path.exists() and not _writable(self.path):
                raise DatabaseReadOnly(path=str(self.path))
            self._conn = duckdb.connect(str(self.path))
        except (duckdb.Error, OSError) as error:
            problem = unavailable(error, self.path)
            if problem is None:
                raise
            raise problem from None
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tracker-writer")
        self._write_cursor: Cursor | None = None
        self._closed = False
        self._listeners: list[tuple[Callable[[], None], frozenset[str] | None]] = []
        # Bumped after every committed write: caches key on it, so no page shows stale data.
        self.generation = 0

    # -- reading -------------------------------------------------------------------------
    def reader(self) -> Cursor:
        """A fresh cursor for this call/thread; cursors are cheap and isolate threads."""
        return Cursor(self._conn.cursor(), self.queries)

    @contextmanager
    def _reading(self) -> Iterator[Cursor]:
        cur = self.reader()
        try:
            yield cur
        except duckdb.Error as error:
            # A damaged block shows only when a query reads it: name it, as opening would.
            problem = unavailable(error, self.path)
            if problem is None:
                raise
            raise problem from None
        finally:
            cur.raw.close()

    def all(self, name: str, params: Params = None) -> list[tuple[Any, ...]]:
        with self._reading() as cur:
            return cur.all(name, params)

    def one(self, name: str, params: Params = None) -> tuple[Any, ...] | None:
        with self._reading() as cur:
            return cur.one(name, params)

    def records(self, name: str, params: Params = None) -> list[dict[str, Any]]:
        with self._reading() as cur:
            return cur.records(name, params)

    def frame(self, name: str, params: Params = None) -> Any:
        with self._reading() as cur:
            return cur.frame(name, params)

    def check_readable(self) -> None:
        """Read every column of every table, so a damaged block anywhere raises DatabaseCorrupt
        (`python -m tracker check`); DuckDB verifies each block's checksum as it reads it."""
        with self._reading() as cur:
            for (table,) in cur.all("storage/tables"):
                quoted = '"' + table.replace('"', '""') + '"'  # a name from the catalog, quoted
                cur.raw.execute(f"select count(*), sum(hash(columns(*))) from {quoted}").fetchall()

    # -- writing -------------------------------------------------------------------------
    def write(self, work: Callable[[Cursor], T]) -> T:
        """Run ``work`` on the single writer thread inside one transaction: all or nothing."""
        if self._closed:
            raise RuntimeError("database is closed")
        try:
            result, touched = self._writer.submit(self._run_write, work).result()
        except duckdb.Error as error:
            problem = unavailable(error, self.path)
            if problem is None:
                raise
            raise problem from None
        self.generation += 1
        for listener, folders in list(self._listeners):
            if folders is None or not folders.isdisjoint(touched):
                listener()
        return result

    def on_write(self, listener: Callable[[], None], *, folders: Collection[str] | None = None) -> None:
        """Called after every committed write (the UI clears its caches here); with ``folders``,
        only after a write whose statements changed data in one of those query folders."""
        self._listeners.append((listener, None if folders is None else frozenset(folders)))

    def _run_write(self, work: Callable[[Cursor], T]) -> tuple[T, frozenset[str]]:
        if self._write_cursor is None:
            self._write_cursor = Cursor(self._conn.cursor(), self.queries)
        cur = self._write_cursor
        cur.touched = set()
        cur.raw.execute("begin transaction")
        try:
            result = work(cur)
        except BaseException:
            cur.raw.execute("rollback")
            raise
        try:
            cur.raw.execute("commit")
        except duckdb.Error as error:
            try:
                cur.raw.execute("rollback")
            except duckdb.Error:
                pass
            # A folder that cannot hold the write-ahead log fails here, at the first commit.
            raise unavailable(error, self.path) or TrackerError("error.write_failed", detail=str(error)) from error
        return result, frozenset(cur.touched)

    # -- lifecycle -----------------------------------------------------------------------
    def migrate(self, up_to: int | None = None) -> list[int]:
        """Apply numbered migrations not yet recorded (up to ``up_to`` when given: a restore
        builds the schema a backup was made with); each one is itself safe to run twice. Then,
        once no migration is left, re-create the views (queries/views: the status rule and the
        counting block, defined once) in the same transaction."""

        def work(cur: Cursor) -> list[int]:
            cur.raw.execute(
                "create table if not exists schema_migrations ("
                " version integer primary key, applied_at timestamp default current_timestamp)"
            )
            done = {row[0] for row in cur.raw.execute("select version from schema_migrations").fetchall()}
            applied = []
            for version, name in self.queries.migrations():
                if version in done or (up_to is not None and version > up_to):
                    continue
                cur.raw.execute(self.queries[name])
                cur.raw.execute("insert into schema_migrations (version) values (?)", [version])
                applied.append(version)
            # Views hold no data, so they are not migrations (issue 10): "create or replace" on every
            # open gives a file migrated years ago, a new one and a restored one the same definitions.
            # A table macro checks its columns when created, so they wait for the newest schema: a
            # restore building an older version gets them from its final migrate().
            if all(version in done or version in applied for version, _ in self.queries.migrations()):
                for name in self.queries.views():
                    cur.raw.execute(self.queries[name])
            return applied

        return self.write(work)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._writer.shutdown(wait=True)
        self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
