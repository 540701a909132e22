"""How much splitting the search index into parts changes what a reader finds first.

Pagefind ranks each part of a split index (see ``generator/publish/search_index.py``) by that part's own
word statistics, then merges the parts' results by score. This script takes a built site whose index is
split, makes a single index of the same pages beside it (a hard-linked copy of the site), and in
Chromium runs the same queries on both through Pagefind's own search API with the options the site's
search dialog passes (ranking, excerpt length, the other parts merged in). It prints, per query, how
many of the single index's first ten results the split index also puts in its first ten, and whether the
first result is the same.

    .venv/bin/python scripts/split_ranking.py build/bench/n1000 [--queries 40]
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from first_search import CHROMIUM, CHROMIUM_ARGS, _Quiet

from generator.publish.search_index import brief_ids_in, index_site

SHOWN = 10
"""Results compared per query: the ones a reader sees without scrolling far."""

_SEARCH = """
async ([bundle, base, query, shown]) => {
  // Opened once per page, as the site's search dialog does: the other parts are merged in once.
  if (!window.__opened) {
    window.__opened = (async () => {
      const pagefind = await import(bundle + "pagefind.js");
      const ranking = { pageLength: 0.3 };  // as docs/assets/search-pagefind.js
      await pagefind.options({ baseUrl: base, ranking: ranking, excerptLength: 12 });
      const parts = await fetch(bundle + "parts.json").then(r => r.ok ? r.json() : []).catch(() => []);
      for (const folder of parts) {
        await pagefind.mergeIndex(bundle + folder, { baseUrl: base, ranking: ranking, excerptLength: 12 });
      }
      return pagefind;
    })();
  }
  const pagefind = await window.__opened;
  const folded = query.normalize("NFD").replace(/[\\u0300-\\u036f]/g, "").normalize("NFC");
  const search = await pagefind.search(folded);
  const data = await Promise.all(search.results.slice(0, shown).map(r => r.data()));
  return data.map(d => d.url.slice(base.length));
}
"""


def queries(root: Path, count: int, seed: int = 7) -> list[str]:
    """What readers type: participants' full names and surnames, places and words of titles, drawn from
    the briefs (the same ones for the same corpus and seed)."""
    rng = random.Random(seed)
    names: set[str] = set()
    words: set[str] = set()
    for path in sorted((root / "briefs").glob("*.yaml"))[:200]:
        brief = yaml.safe_load(path.read_text(encoding="utf-8"))
        for person in brief.get("participants", []):
            names.add(person["name"])
        words.update(w.strip(",.:;()").lower() for w in str(brief.get("title", "")).split() if len(w) > 4)
    chosen = rng.sample(sorted(names), min(len(names), count // 2))
    picked = [name for name in chosen[: count // 4]] + [name.split()[-1] for name in chosen[count // 4 :]]
    picked = list(dict.fromkeys(picked))  # two people may share a surname
    picked += rng.sample(sorted(words), min(len(words), count - len(picked)))
    return picked


def compare(root: Path, count: int) -> list[dict[str, Any]]:
    site = root / "site"
    briefs = brief_ids_in(site)
    typed = queries(root, count)
    with tempfile.TemporaryDirectory(prefix="split-ranking.") as scratch:
        served = Path(scratch)
        subprocess.run(["cp", "-al", str(site), str(served / "split")], check=True)
        subprocess.run(["cp", "-al", str(site), str(served / "single")], check=True)
        shutil.rmtree(served / "single" / "pagefind")
        index_site(root, served / "single", briefs, served / "cache", per_index=len(briefs) + 1)
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(served)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_port}"
        from playwright.sync_api import sync_playwright

        rows = []
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                found: dict[str, list[list[str]]] = {}
                for kind in ("single", "split"):
                    page = browser.new_page()
                    page.set_default_timeout(120_000)
                    page.goto(f"{url}/{kind}/")
                    found[kind] = [
                        page.evaluate(_SEARCH, [f"/{kind}/pagefind/", f"/{kind}/", query, SHOWN]) for query in typed
                    ]
                    page.close()
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
    for query, single, split in zip(typed, found["single"], found["split"]):
        rows.append(
            {
                "query": query,
                "shared_in_first": len(set(single) & set(split)),
                "of": len(single),
                "same_first": bool(single) and bool(split) and single[0] == split[0],
                "single": single,
                "split": split,
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="a project whose site/ was built with a split index")
    parser.add_argument("--queries", type=int, default=40, help="queries typed (default 40)")
    parser.add_argument("--out", type=Path, help="also write every query's results here, as JSON")
    args = parser.parse_args(argv)
    rows = compare(args.root.resolve(), args.queries)
    for row in rows:
        print(
            f"{row['query']!r:32} {row['shared_in_first']:2}/{row['of']:<2} of the first {SHOWN} shared, "
            f"first result {'the same' if row['same_first'] else 'differs'}"
        )
    full = [r for r in rows if r["of"]]
    print(
        f"{len(full)} queries with results: on average {sum(r['shared_in_first'] for r in full) / len(full):.1f} of the "
        f"single index's first {SHOWN} also in the split index's first {SHOWN}; the same first result for "
        f"{sum(r['same_first'] for r in full)} of {len(full)}"
    )
    if args.out:
        args.out.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
