"""Work on every core: results in order, from forked workers, and never a fork beside another thread."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from conftest import REPO, make_project, run_python

from generator.pages.write import MANIFEST
from generator.system.workers import may_fork, ordered_map

sys.path.insert(0, str(REPO / "scripts"))
from synthetic import DEFAULT_SEED, write_corpus

PIDS = """
import os
from generator.system.workers import ordered_map
def work(n):
    total = sum(i * i for i in range(200_000))  # long enough that each worker takes some
    return n, os.getpid(), total
results = list(ordered_map(work, list(range(40)), chunksize=2))
assert [n for n, _, _ in results] == list(range(40)), results
print(os.getpid(), len({pid for _, pid, _ in results}), " ".join(str(pid) for _, pid, _ in results))
"""


def test_results_come_in_order_from_worker_processes() -> None:
    parent, distinct, *pids = run_python(PIDS).stdout.split()
    assert parent not in pids, "the work ran in workers"
    assert int(distinct) >= 2, "on at least two of them"


def test_a_process_with_another_thread_does_the_work_itself() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        assert not may_fork()
        assert set(ordered_map(lambda _: os.getpid(), list(range(6)))) == {os.getpid()}
    finally:
        stop.set()
        other.join()


def test_a_worker_forks_no_workers_of_its_own() -> None:
    code = """
import os
from generator.system.workers import ordered_map
inner = lambda _: os.getpid()
outer = lambda _: (os.getpid(), set(ordered_map(inner, [1, 2, 3])))
for pid, inner_pids in ordered_map(outer, [1, 2, 3, 4]):
    assert inner_pids == {pid}, (pid, inner_pids)
print("ok")
"""
    assert run_python(code).stdout.strip() == "ok"


GENERATE = """
import sys, shutil
from pathlib import Path
import generator.system.workers as workers
counted = workers.worker_count
forked = []
def worker_count(items):
    forked.append(0 if sys.argv[2] == "serial" else counted(items))
    return forked[-1]
workers.worker_count = worker_count
from generator.pipeline import generate_project
from generator.model.project import Project
generate_project(Project(Path(sys.argv[1])))
print(max(forked))
"""


def test_generating_on_every_core_writes_the_same_pages_as_one_process(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", {})
    shutil.rmtree(project.briefs_dir)
    write_corpus(project.briefs_dir, 6, DEFAULT_SEED)  # briefs to share out, people across them
    outputs = {}
    for mode in ("parallel", "serial"):
        most_workers = int(run_python(GENERATE, str(project.root), mode, cwd=project.root).stdout.split()[-1])
        assert (most_workers >= 2) == (mode == "parallel")
        outputs[mode] = {
            str(p.relative_to(project.generated_dir)): p.read_bytes()
            for p in sorted(project.generated_dir.rglob("*"))
            if p.is_file() and p.name != MANIFEST  # the manifest records when each file was written
        }
        shutil.rmtree(project.generated_dir)
        shutil.rmtree(project.cache_dir)  # the serial run checks and renders everything itself too
    assert len(outputs["serial"]) > 6 * 4
    assert outputs["parallel"].keys() == outputs["serial"].keys()
    assert [n for n in outputs["serial"] if outputs["parallel"][n] != outputs["serial"][n]] == []


def test_workers_stop_quietly_in_a_process_that_makes_sigterm_an_interrupt() -> None:
    # `brief serve` turns SIGTERM into KeyboardInterrupt; a pool stops its workers with SIGTERM.
    code = """
import signal
def interrupt(number, frame):
    raise KeyboardInterrupt
signal.signal(signal.SIGTERM, interrupt)
from generator.system.workers import ordered_map
for _ in range(10):
    assert list(ordered_map(lambda n: n * 2, [1, 2, 3, 4])) == [2, 4, 6, 8]
print("done")
"""
    result = run_python(code)
    assert result.stdout.strip() == "done"
    assert "Traceback" not in result.stderr and "KeyboardInterrupt" not in result.stderr, result.stderr


def test_killing_the_parent_leaves_no_worker_behind(tmp_path: Path) -> None:
    code = """
import os, sys, threading
from pathlib import Path
from generator.system.workers import ordered_map
folder = Path(sys.argv[1])
def work(n):
    (folder / str(os.getpid())).write_text("started")
    threading.Event().wait(600)  # until killed
list(ordered_map(work, [1, 2, 3, 4]))
"""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    parent = subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], env=env, cwd=REPO)
    try:
        deadline = time.monotonic() + 60
        while len(list(tmp_path.iterdir())) < 2:  # both workers have started work
            assert time.monotonic() < deadline and parent.poll() is None, "the workers did not start"
            threading.Event().wait(0.05)
        workers = [int(p.name) for p in tmp_path.iterdir()]
    finally:
        parent.kill()  # SIGKILL: the parent runs no clean-up of its own
        parent.wait()
    deadline = time.monotonic() + 30
    while alive := [pid for pid in workers if Path(f"/proc/{pid}").exists() and not _zombie(pid)]:
        assert time.monotonic() < deadline, f"workers {alive} outlived their parent"
        threading.Event().wait(0.05)


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].startswith("Z")
    except OSError:
        return False


BACKGROUND = """
import os, sys, time
from generator.system.workers import Background
side = []
def work():
    time.sleep(0.2)
    return os.getpid()
def fail():
    raise ValueError("no PDF")
started = time.monotonic()
made = Background(work)
side.append("went on")  # while the child works
assert made.result() != os.getpid() and side == ["went on"], "the work ran in a forked process"
assert started <= made.started and made.started + 0.2 <= made.ended <= time.monotonic(), "when it ran, by the child's clock"
assert Background(lambda: os.nice(0), niceness=5).result() == min(os.nice(0) + 5, 19), "it yields the cores"
assert Background(lambda: os.nice(0)).result() == os.nice(0)
try:
    Background(fail).result()
except ValueError as exc:
    print("raised", exc)
slow = Background(lambda: time.sleep(300))
child = slow._process.pid
slow.stop()
print("stopped", not os.path.exists(f"/proc/{child}") or open(f"/proc/{child}/stat").read().split(") ")[1][0] in "ZX")
"""


def test_background_work_runs_in_a_forked_process_and_hands_back_its_result_or_error() -> None:
    assert run_python(BACKGROUND).stdout.split("\n")[:2] == ["raised no PDF", "stopped True"]


def test_background_work_beside_another_thread_runs_at_once_in_this_process() -> None:
    from generator.system.workers import Background

    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    done: list[int] = []
    try:
        made = Background(lambda: done.append(os.getpid()) or os.getpid())
        assert done == [os.getpid()], "it ran before the constructor returned"
        assert made.result() == os.getpid()
    finally:
        stop.set()
        other.join()


def test_background_work_ends_with_a_killed_parent() -> None:
    code = (
        "import time; from generator.system.workers import Background; "
        "b = Background(lambda: time.sleep(300)); print(b._process.pid, flush=True); time.sleep(300)"
    )
    parent = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 30
    while os.path.exists(f"/proc/{child}") and Path(f"/proc/{child}/stat").read_text().split(") ")[1][0] not in "ZX":
        assert time.monotonic() < deadline, "the background work outlived its parent"
        time.sleep(0.05)
