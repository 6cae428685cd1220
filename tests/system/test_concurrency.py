"""Many users on one Tracker (the Streamlit server's threads): no lost write, no stray error."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import date

from tests.conftest import LIAISON, draft, officer, reply
from tracker.errors import Conflict
from tracker.service import Filters

THREADS = 16
ROUNDS = 4
UNITS = ("TCBC", "CQĐP", "CCVC", "TLBHXH")


def test_mixed_work_from_16_threads(tracker):
    barrier = threading.Barrier(THREADS)
    lock = threading.Lock()
    unexpected: list[BaseException] = []
    expected_conflicts = Counter()
    created: list[int] = []
    writes = Counter()  # events each successful write must have left: created, replied, reassigned, progress

    def worker(n: int) -> None:
        try:
            barrier.wait()
            for r in range(ROUNDS):
                unit = UNITS[(n + r) % len(UNITS)]
                item_id = tracker.create_item(
                    LIAISON,
                    draft(tracker, ref_no=f"{n}-{r}/BDN", summary=f"Lương cơ sở luồng {n} lượt {r}", lead_unit=unit),
                )
                with lock:
                    created.append(item_id)
                    writes["created"] += 1
                version = tracker.record_reply(officer(unit), item_id, 1, reply(date(2025, 9, 1)))
                with lock:
                    writes["replied"] += 1
                # A deliberately stale version: must be refused, and change nothing.
                try:
                    tracker.assign(LIAISON, item_id, 1, UNITS[(n + r + 1) % len(UNITS)], (), "Chuyển đơn vị")
                except Conflict:
                    with lock:
                        expected_conflicts["stale"] += 1
                version = tracker.assign(
                    LIAISON, item_id, version, UNITS[(n + r + 1) % len(UNITS)], (), "Chuyển đơn vị"
                )
                with lock:
                    writes["reassigned"] += 1
                tracker.record_progress(LIAISON, item_id, f"Ghi chú {n}/{r}")
                with lock:
                    writes["progress"] += 1
                page = tracker.search(Filters(text="luong co so"), date(2025, 12, 31), limit=10)
                assert page.total >= 1
                tracker.stats(date(2025, 12, 31))
                assert tracker.get_item(item_id).version == version
        except BaseException as error:  # noqa: BLE001 - every unexpected error is reported below
            with lock:
                unexpected.append(error)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads)
    assert unexpected == []
    assert expected_conflicts["stale"] == THREADS * ROUNDS

    total = THREADS * ROUNDS
    assert len(created) == len(set(created)) == total
    page = tracker.search(Filters(), date(2025, 12, 31), limit=1000)
    assert page.total == total
    assert {r["id"] for r in page.rows} == set(created)
    assert all(r["status"] == "replied_on_time" and r["version"] == 3 for r in page.rows)
    assert sum(r.counts.replied for r in tracker.stats(date(2025, 12, 31))) == total

    actions = Counter(e.action for item_id in created for e in tracker.history(item_id))
    assert actions == Counter(writes)
    assert writes == Counter(created=total, replied=total, reassigned=total, progress=total)


def test_concurrent_creates_with_the_same_number_let_exactly_one_through(tracker):
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def worker() -> None:
        barrier.wait()
        try:
            tracker.create_item(LIAISON, draft(tracker, ref_no="999/BDN"))
            result = "created"
        except Exception as error:  # noqa: BLE001
            result = getattr(error, "key", repr(error))
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert Counter(outcomes) == Counter({"created": 1, "error.duplicate_ref": THREADS - 1})
    assert tracker.search(Filters(), date(2025, 12, 31)).total == 1
