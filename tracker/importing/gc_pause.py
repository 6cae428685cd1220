"""The cyclic garbage collector held off while an import builds its rows (issue 15).

Why: a preview of 100,000 rows makes millions of small objects (rows, cells, items) that all
live until the preview is dropped. Each time enough have been made, the collector walks the
older ones again looking for cycles there are none of; that was about a fifth of a large
import's CPU time. Reference counting still frees everything at once; only cycles wait, and only
for the import's few seconds. Two imports at once: the one that paused it resumes it, so the
other merely runs with the collector on (slower, never wrong).

On the way out, what the import made goes straight to the oldest generation (``gc.freeze()``
then ``gc.unfreeze()``, both a splice of lists, documented: "put them back into the oldest
generation"). Otherwise the first allocation after ``gc.enable()`` walks every object made
while paused as one youngest generation, finding no garbage: 0.07 s after reading a 100,000-row
CSV and 0.19 s after its preview, then again when the middle generation's turn comes (timed with
``gc.callbacks`` on CPython 3.11, the pinned one: 0.69-0.75 s of collection over an import and
the page work after it, 0.47-0.51 s with this). In the oldest generation they
wait for the next full collection, as any long-lived object does, so a cycle among them is still
freed. Nothing else in the server freezes objects (a freeze of its own would be undone here).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.freeze()
            gc.unfreeze()
            gc.enable()
