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

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
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
    return (
        hasattr(os, "fork")
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
        and not _TASK
    )  # _TASK: this is a worker already


def process_count(items: int, wanted: int | None = None) -> int:
    """The one rule for how many processes share ``items`` pieces of work: ``wanted`` if given, else one
    per core up to :data:`WORKERS_MAX`; never more than there are pieces, never fewer than one."""
    return max(1, min(wanted or min(cores(), WORKERS_MAX), items))


def worker_count(items: int) -> int:
    """Forked worker processes for ``items`` pieces of work (:func:`process_count`), none if fewer than
    two would work or this process may not fork."""
    count = process_count(items)
    return count if count >= 2 and may_fork() else 0


_STOPPING = {signal.SIGTERM, signal.SIGINT}


TASKS_PER_WORKER = 64
"""A worker is replaced by a fresh fork after this many tasks. Each worker's memory grows with what
it touches (copies of the pages of inherited objects, caches); at a thousand briefs the workers
together held more than the parent until they were renewed."""


@contextmanager
def fork_pool(
    workers: int, initializer: Callable[[], None] | None = None, tasks_per_worker: int | None = TASKS_PER_WORKER
) -> Iterator[Any]:
    """A pool of ``workers`` forked processes, each started with :func:`quiet_worker` (then
    ``initializer``) and renewed after ``tasks_per_worker`` tasks; stopped on leaving the block.

    SIGTERM and SIGINT are held back while the pool starts, so none can reach a worker before it
    has put the parent's handlers aside (the pool's own threads, which fork the renewed workers,
    keep them held back). Each worker watches a pipe only this process writes to: when this
    process ends, however it ends, the pipe closes and the workers end too.
    """
    lifeline = os.pipe()
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
    try:
        pool = multiprocessing.get_context("fork").Pool(
            workers, initializer=quiet_worker, initargs=(lifeline, initializer), maxtasksperchild=tasks_per_worker
        )
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
    try:
        yield pool
    finally:
        pool.terminate()
        pool.join()
        for end in lifeline:
            os.close(end)


def quiet_worker(lifeline: tuple[int, int], initializer: Callable[[], None] | None = None) -> None:
    """In a new worker: the signal handlers of the process it was forked from do not apply. SIGTERM
    (how a pool stops its workers) ends it at once, instead of raising ``KeyboardInterrupt`` in it
    (``brief serve`` makes SIGTERM one) and printing a traceback; Ctrl+C is the parent's to handle.
    It ends when the parent does (see :func:`fork_pool`)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    readable, writable = lifeline
    os.close(writable)  # only the parent's copy keeps the pipe open
    threading.Thread(target=_end_with_parent, args=(readable,), daemon=True).start()
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPPING)
    if initializer is not None:
        initializer()


def _end_with_parent(readable: int) -> None:
    """Waits for the end of the pipe: nothing is ever written, so reading returns when the parent is
    gone (a build killed with ``kill -9`` leaves no worker behind)."""
    os.read(readable, 1)
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
    try:
        with fork_pool(workers) as pool:
            yield from pool.imap(_run, range(len(items)), chunksize=chunksize)
    finally:
        _TASK.clear()


class Background:
    """``func()`` at work in one forked process while this one goes on; :meth:`result` waits for it and
    returns what it returned, or raises what it raised. The child starts as a pool's workers do (see
    :func:`quiet_worker`: it ends when this process does), and no thread is started here, so this
    process may still fork workers meanwhile. Where this process may not fork, ``func`` runs in it at
    once, before anything else, as if there were no background. ``started`` and, once :meth:`result`
    returned, ``ended`` say when the work began and ended on the monotonic clock (shared with a child).
    ``niceness`` is added to the child's (and so its own children's) scheduling niceness: work that is
    needed only later yields the cores to work on the way to it."""

    _outcome: tuple[str, Any, float] | None
    _process: Any
    _receive: Any

    def __init__(self, func: Callable[[], Any], niceness: int = 0) -> None:
        self._process = None
        self._outcome = None
        self._receive = None
        self.started = time.monotonic()
        self.ended: float | None = None
        if not may_fork():
            try:
                self._outcome = ("ok", func(), time.monotonic())
            except Exception as exc:  # noqa: BLE001  # raised by result(), as from a child
                self._outcome = ("error", exc, time.monotonic())
            return
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._lifeline = os.pipe()
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
        try:
            self._process = context.Process(
                target=_background, args=(func, send, self._lifeline, niceness)
            )  # may start a pool
            self._process.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        send.close()
        os.close(self._lifeline[0])

    def result(self) -> Any:
        """What ``func`` returned (raising what it raised)."""
        outcome = self._outcome
        if outcome is None:
            try:
                outcome = self._receive.recv()
            except EOFError:
                outcome = (
                    "error",
                    RuntimeError(f"the background work ended without a result ({self._stop()})"),
                    time.monotonic(),
                )
            self._stop()
            self._outcome = outcome
        kind, value, self.ended = outcome
        if kind == "error":
            raise value
        return value

    def _stop(self) -> str:
        """End the child (if it still runs) and release what it held; how it ended."""
        if self._process is None:
            return "not started"
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        code = self._process.exitcode
        self._receive.close()
        os.close(self._lifeline[1])
        self._process = None
        return f"exit code {code}"

    def stop(self) -> None:
        """End the work if it is still running (what waited for it failed)."""
        self._stop()


def _background(func: Callable[[], Any], send: Any, lifeline: tuple[int, int], niceness: int) -> None:
    quiet_worker(lifeline)
    if niceness:
        os.nice(niceness)
    try:
        outcome: tuple[str, Any, float] = ("ok", func(), time.monotonic())
    except BaseException as exc:  # noqa: BLE001  # handed to the parent, which raises it
        outcome = ("error", exc, time.monotonic())
    try:
        send.send(outcome)
    except Exception as exc:  # noqa: BLE001  # an unpicklable result or error: say what it was
        send.send(("error", RuntimeError(f"{outcome[0]}: {outcome[1]!r} ({exc})"), outcome[2]))
    send.close()
