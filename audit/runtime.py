"""Process settings that make a scan cheaper without changing what it finds.

* :func:`cycle_collection_paused`: Python's cyclic garbage collector stays off while a scan runs. A scan
  allocates millions of short-lived containers (tuples, lists, dicts) and almost no reference cycles, so the
  collector's passes find nothing to free: about 1,800 unreachable objects after a 1,000,000-row scan,
  while its full passes over every tracked object (the imported libraries' included) cost 0.1-0.2 s CPU.
  Reference counting still frees everything else at once; the collector is switched back on afterwards.
  What the scan keeps (its result tables, the imported modules' objects) is moved to the collector's oldest
  generation as the pause ends, so the first young collection after it does not walk all of it again.
* :func:`frozen_for_exit`: once a command has finished, everything still alive is frozen (``gc.freeze``), so
  the interpreter's shutdown does not run full collections over a result it is about to drop anyway
  (about 0.2 s CPU after a 1,000,000-row scan). Only for the command line, which exits right after.
* :func:`quiet_blas_threads`: OpenBLAS (under numpy) runs on one thread. The scan's only linear algebra is
  a straight-line fit of a few dozen dates; a pool of BLAS threads gains nothing on that and keeps spinning
  after each call (about 0.1 s CPU in a 1,000,000-row scan). It only takes effect before numpy is imported.
"""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_LOCK = threading.Lock()
_PAUSED = {"depth": 0, "was_enabled": False}  # scans running now (threads of one page), and the state before


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """The cyclic garbage collector off inside (nested and concurrent uses allowed), restored after the last."""
    with _LOCK:
        if _PAUSED["depth"] == 0:
            _PAUSED["was_enabled"] = gc.isenabled()
            gc.disable()
        _PAUSED["depth"] += 1
    try:
        yield
    finally:
        with _LOCK:
            _PAUSED["depth"] -= 1
            if _PAUSED["depth"] == 0 and _PAUSED["was_enabled"]:
                _promote_survivors()
                gc.enable()


def _promote_survivors() -> None:
    """Move every tracked object to the oldest generation (unless the process keeps a frozen set of its own)."""
    if gc.get_freeze_count() == 0:
        gc.freeze()  # the survivors go to the permanent generation ...
        gc.unfreeze()  # ... and come back in the oldest one, where young collections do not look


def frozen_for_exit() -> None:
    """Freeze all live objects so the interpreter's exit skips collecting them (call last, before exiting)."""
    gc.freeze()


def quiet_blas_threads() -> None:
    """One OpenBLAS thread unless the environment says otherwise (call before numpy is imported)."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
