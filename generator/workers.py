"""Run independent pieces of work on every core, in forked worker processes, results in order.

Checking one brief and rendering one brief's pages depend on no other brief, and Python runs one
core at a time per process; on a thousand briefs that left the second core idle for most of the
build. Workers are forked, so they inherit the function and its inputs (nothing but the results
crosses between processes, pickled), and results come back in the order of the inputs, so what
is built does not depend on which worker finished first.

Forking a process that runs other threads is not safe (a lock another thread holds stays held in
the child), so a process with more than one thread, such as ``mkdocs serve`` rebuilding while it
answers requests, does its work itself.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

WORKERS_MAX = 8
"""Never more worker processes than this, whatever the machine has."""

_TASK: list[Any] = []
"""The function and the inputs the forked workers inherit (set just before forking)."""


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def may_fork() -> bool:
    """Whether this process may fork workers: it can, and it runs no other thread."""
    return (hasattr(os, "fork") and "fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1 and not _TASK)  # _TASK: this is a worker already


def worker_count(items: int) -> int:
    """Worker processes for ``items`` pieces of work: one per core, none if fewer than two would work."""
    count = min(cores(), WORKERS_MAX, items)
    return count if count >= 2 and may_fork() else 0


_STOPPING = {signal.SIGTERM, signal.SIGINT}


def fork_pool(workers: int, initializer: Callable[[], None] | None = None) -> Any:
    """A pool of ``workers`` forked processes, each started with :func:`quiet_worker` (then
    ``initializer``). SIGTERM and SIGINT are held back while they fork, so none can reach a worker
    before it has put the parent's handlers aside."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
    try:
        return multiprocessing.get_context("fork").Pool(workers, initializer=quiet_worker,
                                                        initargs=(os.getpid(), initializer))
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def quiet_worker(parent: int, initializer: Callable[[], None] | None = None) -> None:
    """In a new worker: the signal handlers of the process it was forked from do not apply. SIGTERM
    (how a pool stops its workers) ends it at once, instead of raising ``KeyboardInterrupt`` in it
    (``brief serve`` makes SIGTERM one) and printing a traceback; Ctrl+C is the parent's to handle."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _end_with_parent(parent)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPPING)
    if initializer is not None:
        initializer()


_PR_SET_PDEATHSIG = 1


def _end_with_parent(parent: int) -> None:
    """Linux: this worker gets SIGTERM when its parent dies, so a killed build (``kill -9``) leaves
    no worker behind; elsewhere, workers end when their pool is stopped."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def _run(index: int) -> Any:
    func, items = _TASK
    return func(items[index])


def ordered_map(func: Callable[[T], R], items: Sequence[T], *, chunksize: int = 1) -> Iterator[R]:
    """``func`` over ``items``, in order; in forked workers when there is more than one item, more than
    one core and :func:`may_fork`. ``func`` need not be picklable (workers inherit it); its results must be."""
    workers = worker_count(len(items))
    if not workers:
        yield from map(func, items)
        return
    _TASK[:] = [func, items]
    pool = fork_pool(workers)
    try:
        yield from pool.imap(_run, range(len(items)), chunksize=chunksize)
    finally:
        pool.terminate()
        pool.join()
        _TASK.clear()
