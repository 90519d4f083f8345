"""Cleaning on several processes: chunks of documents go out to workers, results come back in input order.

Each document is cleaned by the same pure function whatever the number of workers, so `-j N` output is identical
to `-j 1` byte for byte. Only a bounded window of chunks is in flight, so memory stays flat on inputs of any size.
On Linux the workers are forked after the rules are loaded and share them; elsewhere each worker loads them again.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_STATE: dict[str, Any] = {}


def _initialise(parent: int, setup: Callable[[], Any] | None) -> None:
    """A worker's start: it dies with the main process, however that ends (a worker left behind would hold the
    caller's pipes open for ever), and builds its state where it was not inherited."""
    for name in ("SIGTERM", "SIGHUP"):  # the main process's handlers unwind it; a worker just stops
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # the main process ended before the line above
        os._exit(1)
    if setup is not None and "value" not in _STATE:
        _STATE["value"] = setup()


_PR_SET_PDEATHSIG = 1


def _call(work: Callable[[Any, list], list], chunk: list) -> tuple[int, int, list]:
    """One chunk in a worker; the worker's pid and peak memory travel back with the results."""
    import resource

    results = work(_STATE.get("value"), chunk)
    return os.getpid(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, results


def chunked(
    items: Iterable[T], size: int, weight: Callable[[T], int] | None = None, budget: int = 0
) -> Iterator[list[T]]:
    """Items in lists of at most `size` (and, with `weight`, of at most `budget` total weight, at least one item)."""
    chunk: list[T] = []
    total = 0
    for item in items:
        chunk.append(item)
        total += weight(item) if weight else 0
        if len(chunk) >= size or (weight and total >= budget):
            yield chunk
            chunk, total = [], 0
    if chunk:
        yield chunk


def ordered_map(
    work: Callable[[Any, list], list],
    chunks: Iterable[list],
    jobs: int,
    state: Any = None,
    setup: Callable[[], Any] | None = None,
    on_worker: Callable[[int, int], None] | None = None,
) -> Iterator[list]:
    """`work(state, chunk)` for every chunk on `jobs` processes, yielded in order.

    `state` (e.g. the rule set) reaches forked workers as it is; where processes are spawned instead, `setup()`
    builds it in each worker. `on_worker(pid, peak_rss_kb)` hears each worker's peak memory as chunks return.
    """
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods:
        context = multiprocessing.get_context("fork")
        _STATE["value"] = state  # inherited by the forked workers
        setup = None
    else:
        context = multiprocessing.get_context("spawn")
    window = 4 * jobs
    pending: deque[Future] = deque()
    pool = ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_initialise, initargs=(os.getpid(), setup)
    )
    try:
        for chunk in chunks:
            pending.append(pool.submit(_call, work, chunk))
            if len(pending) >= window:
                yield _result(pending.popleft(), on_worker)
        while pending:
            yield _result(pending.popleft(), on_worker)
    except BaseException:  # a signal, an error, a reader gone (`| head`): the chunks in flight are not wanted
        _stop(pool)
        raise
    finally:
        pool.shutdown(wait=True)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel what waits and end the workers now, instead of letting them finish the chunks they hold."""
    pool.shutdown(wait=False, cancel_futures=True)
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(OSError, AttributeError):
            process.terminate()


def _result(future: Future, on_worker: Callable[[int, int], None] | None) -> list:
    pid, peak, results = future.result()
    if on_worker is not None:
        on_worker(pid, peak)
    return results
