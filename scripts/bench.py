"""Benchmark: how the site build grows with the number of briefs, and where the time goes.

For each corpus size N (synthetic briefs, see ``scripts/synthetic.py``) it
times, each in a fresh process so imports and memory are counted honestly:

* the generator step alone (validate + render + write every page, cold);
* a bare CSafeLoader parse of the same YAML files (the floor for loading);
* the MkDocs build of the generated Markdown (``mkdocs build``, strict);
* the Pagefind index of the built site (what search adds to the build);
* Zensical's cold build of the same Markdown, when ``.venv-bench`` has it;
* PDF time per brief (cold, all cores, on a sample of PDF_SAMPLE briefs);
* the one-brief preview's save-to-reload time (``brief serve``, scripts/preview_latency.py);

and reports site size, page count, the largest page, the bytes a reader's first search fetches (the
most of four queries typed in Chromium, and an upper bound from the bundle's files) and the whole search
bundle, peak memory, medians
of several runs and the ratios the scaling targets are stated in. It prints
one table and writes the same figures as JSON (default ``build/bench.json``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from first_search import first_search_bytes
from preview_latency import free_port, save_to_reload_seconds
from synthetic import DEFAULT_SEED, synthetic_brief, write_corpus

from generator.model.project import Project

PYTHON = Path(sys.executable)
BIN = PYTHON.parent
ZENSICAL = REPO / ".venv-bench" / "bin" / "zensical"

_GENERATE = """
import os, sys, time
from pathlib import Path
from generator.pipeline import generate_project
from generator.model.project import Project
def cpu():  # this process and its workers (reaped by the time the generator returns)
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system
start, started = time.perf_counter(), cpu()
report = generate_project(Project(Path(sys.argv[1])))
print(time.perf_counter() - start, cpu() - started)
"""

_MKDOCS = """
import sys
from pathlib import Path
from generator.site.mkdocs_build import run_mkdocs
run_mkdocs(Path(sys.argv[1]) / "mkdocs.yml", Path(sys.argv[2]))  # the pages are already generated
"""

_PAGEFIND = """
import sys, time
from pathlib import Path
from generator.publish.search_index import brief_ids_in, index_site
root, site = Path(sys.argv[1]), Path(sys.argv[2])
briefs = brief_ids_in(site)
start, cpu = time.perf_counter(), time.process_time()
index_site(root, site, briefs, root / "build" / "cache")  # as the build splits it, every part indexed (cold)
print(time.perf_counter() - start, time.process_time() - cpu)
"""

_PARSE = """
import sys, time
from pathlib import Path
import yaml
files = sorted(Path(sys.argv[1]).glob("*.yaml"))
start, cpu = time.perf_counter(), time.process_time()
for path in files:
    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
print(time.perf_counter() - start, time.process_time() - cpu)
"""

_PDF = """
import os, sys, tempfile, time
from pathlib import Path
from generator.publish import pdf
from generator.pipeline import assemble, check
from generator.model.project import Project
project = Project(Path(sys.argv[1]))
def cpu():  # this process and its rendering workers
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system
sample = check(project)[: int(sys.argv[3])]
start, started = time.perf_counter(), cpu()
jobs, _ = pdf.print_jobs(project, sample, assemble(project, sample), Path(sys.argv[2]))
with tempfile.TemporaryDirectory() as cache:
    pdf.build_pdfs(jobs, Path(cache))  # cold: nothing reused
    cold, cold_cpu = time.perf_counter() - start, cpu() - started
    start, started = time.perf_counter(), cpu()
    pdf.build_pdfs(jobs, Path(cache))  # the same briefs again: every PDF comes from the cache
    print(cold, cold_cpu, time.perf_counter() - start, cpu() - started)
"""
WARM_EDIT = re.compile(rb"^(title: .*?)$", re.MULTILINE)
"""The change the warm rebuild makes: the first brief's title gains a word."""
PREVIEW_SAVES = 5
"""Saves timed per run of the preview (their median is reported)."""
PDF_SAMPLE = 4
"""PDFs are rendered for this many briefs of each size (about 10 s each): per-brief cost does not
depend on how many other briefs the site holds, and all 1,000 would take hours on 2 cores."""


def _tree(pid: int) -> list[int]:
    """A process and all its descendants (from /proc)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for children in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                todo += [int(c) for c in children.read_text().split()]
            except OSError:
                pass
    return found


def tree_pss_kib(pid: int) -> int:
    """The proportional set size of a process and its descendants: shared pages (a forked worker's
    inherited memory) counted once across them, not once per process."""
    total = 0
    for member in _tree(pid):
        try:
            for line in Path(f"/proc/{member}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
        except (OSError, ValueError):
            pass
    return total


class TreeMemory:
    """Samples the memory of a process tree every SAMPLE_SECONDS, keeping the peak (in KiB)."""

    SAMPLE_SECONDS = 0.2

    def __init__(self, pid: int) -> None:
        self.pid, self.peak = pid, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_pss_kib(self.pid))
            self._stop.wait(self.SAMPLE_SECONDS)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float, float, str]:
    """Run a command; return its wall seconds, CPU seconds, peak memory in MiB, and stdout.

    The peak is the larger of the biggest process's resident set (``ru_maxrss``) and the sampled
    peak of all its processes together (PSS), since the generator and MkDocs fork workers."""
    os.sync()  # the step before's writes go to disk first, not during this one
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, stdout=out, stderr=err, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
        )
        memory = TreeMemory(process.pid)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        tree_peak = memory.stop()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{err.read()[-3000:]}")
        cpu = usage.ru_utime + usage.ru_stime
        return wall, cpu, max(usage.ru_maxrss, tree_peak) / 1024, out.read()  # Linux: ru_maxrss in KiB


def inner_seconds(out: str) -> tuple[float, float]:
    """The wall and CPU time a child measured around its work (excluding interpreter start and imports)."""
    wall, cpu = out.strip().splitlines()[-1].split()[:2]
    return float(wall), float(cpu)


def make_project(root: Path, count: int, seed: int) -> Path:
    """A scratch project: the repository's mkdocs.yml, docs/ and generator, with ``count`` synthetic briefs."""
    if root.exists():
        shutil.rmtree(root)
    Project(REPO).scratch_copy(root)
    write_corpus(root / "briefs", count, seed)
    return root


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


FIRST_SEARCH_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind.js", "pagefind-worker.js", "pagefind-entry.json")
RESULTS_SHOWN = 5
"""Pagefind's default UI loads the fragments of the first five results, then more on request."""


def search_queries(root: Path) -> list[str]:
    """What the benchmark types into the search at every N: the first brief's first participant by full
    name and by surname, a topic, and a word on every brief page (the worst case: its index chunk is the
    largest)."""
    import yaml

    first = yaml.safe_load(min((root / "briefs").glob("*.yaml")).read_text(encoding="utf-8"))
    name = first["participants"][0]["name"]
    return [name, name.split()[-1], "ceasefire", "talks"]


def first_search_bound_bytes(bundle: Path) -> int:
    """An upper bound of what a reader's first search fetches from the Pagefind bundle: the UI and the
    engine, the WebAssembly module, and from every part of the index (see ``parts.json``) its entry, its
    metadata and its largest index chunk (a one-word query needs one); then the five largest result
    fragments. Measured in a real browser on the Paris site, a first search fetched 330 kB, below this bound."""
    if not bundle.is_dir():
        return 0
    fixed = sum((bundle / name).stat().st_size for name in FIRST_SEARCH_FILES if (bundle / name).is_file())
    fixed += sum(p.stat().st_size for p in bundle.glob("wasm.en.pagefind"))
    parts_file = bundle / "parts.json"
    folders = [bundle, *(bundle / f for f in (json.loads(parts_file.read_text()) if parts_file.is_file() else []))]
    fragments: list[int] = []
    for folder in folders:
        fixed += sum(p.stat().st_size for p in folder.glob("*.pf_meta"))
        fixed += (folder / "pagefind-entry.json").stat().st_size if folder != bundle else 0
        chunks = sorted((p.stat().st_size for p in (folder / "index").glob("*.pf_index")), reverse=True)
        fixed += sum(chunks[:1])
        fragments += [p.stat().st_size for p in (folder / "fragment").glob("*.pf_fragment")]
    return fixed + sum(sorted(fragments, reverse=True)[:RESULTS_SHOWN])


WARM_CHANGES = ("edit", "add", "remove")
"""The warm rebuilds measured: one brief's title edited, one brief added, that brief removed again."""


def warm_rebuilds(root: Path, count: int, first: Path) -> dict[str, tuple[dict[str, float], dict[str, float]]]:
    """Wall and CPU seconds of the generator and of MkDocs, for each of :data:`WARM_CHANGES`, each made on
    the build before it (the site goes into a folder of its own: the cold site keeps its search index)."""
    timings: dict[str, tuple[dict[str, float], dict[str, float]]] = {}

    def rebuild(change: str) -> None:
        # MkDocs builds into a new folder, as `brief build` does (a staging folder swapped in; the old
        # site is deleted after the swap, outside "generator + MkDocs"), not over the last build's.
        shutil.rmtree(root / "site-warm", ignore_errors=True)
        gen_wall, gen_cpu = inner_seconds(run([str(PYTHON), "-c", _GENERATE, str(root)], root)[3])
        mk_wall, mk_cpu = run([str(PYTHON), "-c", _MKDOCS, str(root), str(root / "site-warm")], root)[:2]
        timings[change] = ({"generator": gen_wall, "mkdocs": mk_wall}, {"generator": gen_cpu, "mkdocs": mk_cpu})

    original = first.read_bytes()
    added = synthetic_brief(count)
    added_files = [root / "briefs" / added.file_name, *(root / "briefs" / "sources" / n for n in added.sources)]
    try:
        first.write_bytes(WARM_EDIT.sub(rb"\1 (revised)", original, count=1))
        rebuild("edit")
        first.write_bytes(original)
        rebuild("back")  # not reported: the corpus as it was, for the next change
        for name, text in added.sources.items():
            (root / "briefs" / "sources" / name).write_text(text, encoding="utf-8")
        added_files[0].write_text(added.yaml_text, encoding="utf-8")
        rebuild("add")
        for path in added_files:
            path.unlink()
        rebuild("remove")
    finally:
        first.write_bytes(original)
        for path in added_files:
            path.unlink(missing_ok=True)
        shutil.rmtree(root / "site-warm", ignore_errors=True)
    timings.pop("back", None)
    return timings


def measure(root: Path, count: int, runs: int, zensical: bool, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Median timings of ``runs`` runs on one project, and the size of what it built."""
    samples: dict[str, list[float]] = {
        "generator": [],
        "parse": [],
        "mkdocs": [],
        "search": [],
        "zensical": [],
        "pdf": [],
        "pdf_cached": [],
        "preview": [],
        **{f"warm_{change}_{step}": [] for change in WARM_CHANGES for step in ("generator", "mkdocs")},
    }
    cpu: dict[str, list[float]] = {key: [] for key in samples}
    peaks: dict[str, float] = {}
    generated = root / "docs" / "briefs"
    site = root / "site-mkdocs"
    pdf_file = REPO / "generator" / "publish" / "pdf.py"
    pdf_available = pdf_file.is_file() and "def build_pdfs" in pdf_file.read_text(encoding="utf-8")

    def record(key: str, wall: float, seconds: float, peak: float | None = None) -> None:
        samples[key].append(wall)
        cpu[key].append(seconds)
        if peak is not None:
            peaks[key] = max(peaks.get(key, 0.0), peak)

    for number in range(runs):
        shutil.rmtree(generated, ignore_errors=True)
        shutil.rmtree(root / "build" / "cache", ignore_errors=True)  # cold: nothing kept from a build before
        _, _, peak, out = run([str(PYTHON), "-c", _GENERATE, str(root)], root)
        record("generator", *inner_seconds(out), peak)
        _, _, _, out = run([str(PYTHON), "-c", _PARSE, str(root / "briefs")], root)
        record("parse", *inner_seconds(out))
        shutil.rmtree(site, ignore_errors=True)
        record("mkdocs", *run([str(PYTHON), "-c", _MKDOCS, str(root), str(site)], root)[:3])
        # Pagefind runs as a child of this process: its time and memory are the wall/CPU of the whole call.
        if "search" not in skip:
            record("search", *run([str(PYTHON), "-c", _PAGEFIND, str(root), str(site)], root)[:3])
        if zensical:
            shutil.rmtree(root / "site", ignore_errors=True)
            record("zensical", *run([str(ZENSICAL), "build", "--clean", "--config-file", "mkdocs.yml"], root)[:3])
        if pdf_available and "pdf" not in skip:
            sample = min(count, PDF_SAMPLE)
            _, _, peak, out = run([str(PYTHON), "-c", _PDF, str(root), str(site), str(sample)], root)
            wall, seconds, cached_wall, cached_seconds = (float(x) for x in out.strip().splitlines()[-1].split()[:4])
            record("pdf", wall / sample, seconds / sample, peak)
            record("pdf_cached", cached_wall / sample, cached_seconds / sample)
        # Save-to-reload of the one-brief preview (brief serve), on the same first brief at every N.
        first = min((root / "briefs").glob("*.yaml"))
        if "preview" not in skip:
            for seconds in save_to_reload_seconds(root, first, free_port(), runs=PREVIEW_SAVES):
                record("preview", seconds, seconds)
        # Warm rebuilds, as `make site` does them after the cold build above: one brief edited, one
        # added, one removed. The generator and MkDocs reuse what the build before kept (build/cache/).
        for change, (wall, seconds) in warm_rebuilds(root, count, first).items():
            for step in ("generator", "mkdocs"):
                record(f"warm_{change}_{step}", wall[step], seconds[step])
        print(
            f"  N={count} run {number + 1}/{runs}: generator {samples['generator'][-1]:.2f}s, "
            f"mkdocs {samples['mkdocs'][-1]:.2f}s"
            + (f", zensical {samples['zensical'][-1]:.2f}s" if zensical else "")
            + f" (load average {os.getloadavg()[0]:.1f})",
            file=sys.stderr,
            flush=True,
        )
    medians = {key: statistics.median(values) if values else None for key, values in samples.items()}
    cpu_medians = {key: statistics.median(values) if values else None for key, values in cpu.items()}
    pages = sorted(site.rglob("*.html"), key=lambda p: p.stat().st_size)
    searched = first_search_bytes(site, search_queries(root)) if "search" not in skip else {}
    print(
        f"  N={count} first searches: " + ", ".join(f"{q!r} {b / 1024:.0f} kB" for q, b in searched.items()),
        file=sys.stderr,
        flush=True,
    )
    return {
        "briefs": count,
        "runs": runs,
        "seconds": medians,
        "samples": samples,
        "cpu_seconds": cpu_medians,
        "cpu_samples": cpu,
        "build_seconds": medians["generator"] + medians["mkdocs"],
        "warm_build_seconds": {
            change: medians[f"warm_{change}_generator"] + medians[f"warm_{change}_mkdocs"] for change in WARM_CHANGES
        },
        "warm_build_cpu_seconds": {
            change: cpu_medians[f"warm_{change}_generator"] + cpu_medians[f"warm_{change}_mkdocs"]
            for change in WARM_CHANGES
        },
        "build_cpu_seconds": cpu_medians["generator"] + cpu_medians["mkdocs"],
        "site_bytes": folder_bytes(site),
        "pages": sum(1 for _ in site.rglob("*.html")),
        "largest_page": {"path": pages[-1].relative_to(site).as_posix(), "bytes": pages[-1].stat().st_size},
        "search_bundle_bytes": folder_bytes(site / "pagefind"),
        "first_search_bound_bytes": first_search_bound_bytes(site / "pagefind") if searched else None,
        "first_search_measured_bytes": searched,
        "first_search_bytes": max(searched.values()) if searched else None,
        "markdown_bytes": folder_bytes(generated),
        "peak_mib": peaks,
    }


def ratios(results: dict[int, dict[str, Any]]) -> dict[str, float | None]:
    """The ratios the targets are stated in, from the largest corpus (and the one ten times smaller).

    Each comes from wall-clock medians and, with the suffix ``_cpu``, from CPU
    seconds, which a busy machine disturbs far less.
    """
    sizes = sorted(results)
    largest = results[sizes[-1]]
    tenth = results.get(sizes[-1] // 10)
    out: dict[str, float | None] = {}
    smallest = results[sizes[0]]
    if smallest["seconds"]["preview"] and largest["seconds"]["preview"]:
        out["preview_largest_over_smallest"] = largest["seconds"]["preview"] / smallest["seconds"]["preview"]
    for change, warm in largest["warm_build_seconds"].items():
        out[f"warm_{change}_over_cold"] = warm / largest["build_seconds"]
    if tenth:
        out["largest_page_large_over_small"] = largest["largest_page"]["bytes"] / tenth["largest_page"]["bytes"]
        if largest["first_search_bytes"] and tenth["first_search_bytes"]:
            out["first_search_large_over_small"] = largest["first_search_bytes"] / tenth["first_search_bytes"]
    for suffix, seconds_key, build_key in (
        ("", "seconds", "build_seconds"),
        ("_cpu", "cpu_seconds", "build_cpu_seconds"),
    ):
        seconds = largest[seconds_key]
        if tenth:
            out["build_per_brief_large_over_small" + suffix] = (largest[build_key] / largest["briefs"]) / (
                tenth[build_key] / tenth["briefs"]
            )
            out["mkdocs_per_brief_large_over_small" + suffix] = (seconds["mkdocs"] / largest["briefs"]) / (
                tenth[seconds_key]["mkdocs"] / tenth["briefs"]
            )
        out["generator_over_build" + suffix] = seconds["generator"] / largest[build_key]
        out["generator_over_parse" + suffix] = seconds["generator"] / seconds["parse"]
        out["mkdocs_over_zensical" + suffix] = seconds["mkdocs"] / seconds["zensical"] if seconds["zensical"] else None
    return out


def _fmt(value: float | None, unit: str = "s") -> str:
    if value is None:
        return "n/a"
    return f"{value:.2f}{unit}" if unit == "s" else f"{value:.1f}{unit}"


def table(results: dict[int, dict[str, Any]], summary: dict[str, Any]) -> str:
    headers = [
        "briefs",
        "runs",
        "generator",
        "yaml parse",
        "mkdocs",
        "build",
        "ms/brief",
        "cpu ms/brief",
        "warm edit",
        "warm add",
        "warm remove",
        "edit/cold",
        "search",
        "zensical",
        "preview",
        "pdf/brief",
        "pdf cached",
        "pages",
        "site MB",
        "largest kB",
        "1st search kB",
        "bound kB",
        "index MB",
    ]
    rows = []
    for count in sorted(results):
        r = results[count]
        s = r["seconds"]
        rows.append(
            [
                str(count),
                str(r["runs"]),
                _fmt(s["generator"]),
                _fmt(s["parse"]),
                _fmt(s["mkdocs"]),
                _fmt(r["build_seconds"]),
                f"{1000 * r['build_seconds'] / count:.0f}",
                f"{1000 * r['build_cpu_seconds'] / count:.0f}",
                _fmt(r["warm_build_seconds"]["edit"]),
                _fmt(r["warm_build_seconds"]["add"]),
                _fmt(r["warm_build_seconds"]["remove"]),
                f"{r['warm_build_seconds']['edit'] / r['build_seconds']:.2f}",
                _fmt(s["search"]),
                _fmt(s["zensical"]),
                _fmt(s["preview"]),
                _fmt(s["pdf"]),
                "n/a" if s["pdf_cached"] is None else f"{1000 * s['pdf_cached']:.0f}ms",
                str(r["pages"]),
                f"{r['site_bytes'] / 2**20:.1f}",
                f"{r['largest_page']['bytes'] / 1024:.0f}",
                "n/a" if r["first_search_bytes"] is None else f"{r['first_search_bytes'] / 1024:.0f}",
                "n/a" if r["first_search_bound_bytes"] is None else f"{r['first_search_bound_bytes'] / 1024:.0f}",
                f"{r['search_bundle_bytes'] / 2**20:.1f}",
            ]
        )
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(headers)]
    lines = ["  ".join(h.rjust(w) for h, w in zip(headers, widths))]
    lines += ["  ".join(c.rjust(w) for c, w in zip(row, widths)) for row in rows]
    lines.append("")
    for name, value in summary["ratios"].items():
        lines.append(f"{name:36} {'n/a' if value is None else f'{value:.2f}'}")
    for count in sorted(results):
        peaks = ", ".join(f"{k} {v:.0f}" for k, v in results[count]["peak_mib"].items())
        lines.append(f"peak memory MiB at N={count}: {peaks}")
    for count in sorted(results):
        lines.append(f"largest page at N={count}: {results[count]['largest_page']['path']}")
    lines.append(f"machine: {summary['machine']}")
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000", help="corpus sizes, comma separated (default 10,100,1000)")
    parser.add_argument("--runs", type=int, default=3, help="runs per size below 1,000 briefs (default 3)")
    parser.add_argument("--large-runs", type=int, default=1, help="runs per size of 1,000 briefs or more (default 1)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--workdir", type=Path, default=REPO / "build" / "bench")
    parser.add_argument("--out", type=Path, default=REPO / "build" / "bench.json")
    parser.add_argument("--no-zensical", action="store_true", help="skip Zensical even if installed")
    parser.add_argument(
        "--skip",
        default="",
        help="stages to leave out, comma separated: search, pdf, preview (their columns read n/a)",
    )
    args = parser.parse_args(argv)

    zensical = ZENSICAL.exists() and not args.no_zensical
    if not zensical and not args.no_zensical:
        print(f"note: {ZENSICAL} not found (make bench installs it); the Zensical column is n/a", file=sys.stderr)
    results: dict[int, dict[str, Any]] = {}
    for count in [int(s) for s in args.sizes.split(",")]:
        runs = args.large_runs if count >= 1000 else args.runs
        print(f"N={count}: writing {count} synthetic briefs", file=sys.stderr, flush=True)
        root = make_project(args.workdir / f"n{count}", count, args.seed)
        results[count] = measure(root, count, runs, zensical, frozenset(filter(None, args.skip.split(","))))
    summary = {
        "machine": machine(),
        "seed": args.seed,
        "ratios": ratios(results),
        "peak_mib": max(max(r["peak_mib"].values()) for r in results.values()),
        "results": {str(k): v for k, v in results.items()},
    }
    print(table(results, summary))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out.relative_to(REPO) if args.out.is_relative_to(REPO) else args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
