"""The cyclic garbage collector held off while an import builds its rows (issue 15).

Why: a preview of 100,000 rows makes millions of small objects (rows, cells, items) that all
live until the preview is dropped. Each time enough have been made, the collector walks the
older ones again looking for cycles there are none of; that was about a fifth of a large
import's CPU time. Reference counting still frees everything at once; only cycles wait, and only
for the import's few seconds. Two imports at once: the one that paused it resumes it, so the
other merely runs with the collector on (slower, never wrong).
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
            gc.enable()
