"""``streamlit run`` with every script run profiled (cProfile), for ``benchmarks.load --profile FILE``.

cProfile follows one thread, and each script run has a thread of its own (Streamlit's
ScriptRunner), so the profiler is switched on inside ScriptRunner._run_script and the runs'
statistics are merged; they are written to $TRACKER_PROFILE (pstats format) after every run. Read them with ``python -m pstats FILE``. A dev tool, not the product:
a profiled run is slower, so its latencies are not the bench's figures.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import sys
import threading
import time
from typing import Any

from streamlit.runtime.scriptrunner import script_runner
from streamlit.web.cli import main as streamlit_main

_lock = threading.Lock()
_merged: pstats.Stats | None = None
_original = script_runner.ScriptRunner._run_script


def _profiled(self: Any, *args: Any, **kwargs: Any) -> Any:
    global _merged
    profile = cProfile.Profile(time.thread_time)  # this thread's CPU: other threads' waits excluded
    profile.enable()
    try:
        return _original(self, *args, **kwargs)
    finally:
        profile.disable()
        with _lock:
            if _merged is None:
                _merged = pstats.Stats(profile)
            else:
                _merged.add(profile)
            # Written after every run: however the server is stopped, the file holds every run.
            _merged.dump_stats(os.environ["TRACKER_PROFILE"])


script_runner.ScriptRunner._run_script = _profiled  # type: ignore[method-assign]

if __name__ == "__main__":
    sys.argv = ["streamlit", *sys.argv[1:]]
    sys.exit(streamlit_main())
