"""The offline copy's search entries (Material's search plugin) kept per page from the last build.

The offline copy keeps Material's search, whose plugin parses every page's HTML into sections to index
them: at a thousand briefs that parse was most of a warm offline build. The entries a page gives
depend only on what the plugin reads of it (its HTML as the plugin is given it, table of contents,
address, title and metadata) and on the code and library versions, so they are filed under the digest
of those and added again, unparsed, to the same index in the same order. The plugin still writes its
index and changes the page as before.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

from generator.model.project import Project
from generator.site.converted_pages import Digested, page_digests
from generator.system.content_cache import ContentCache, code_version, digest

SEARCH_PLUGINS = ("material/search", "search")
"""The names Material's search plugin is registered under."""


class KeptSearchEntries:
    """Stands in for the search index's ``add_entry_from_context``: a page's kept entries, or the
    plugin's own parse of the page, kept for the next build."""

    def __init__(self, index: Any, cache: ContentCache, conversions: dict[str, Digested]) -> None:
        self.index = index
        self.cache = cache
        self.conversions = conversions
        self._add = index.add_entry_from_context
        self.reused = 0
        self._context = digest(code_version(), str(importlib.util.find_spec("jieba") is not None))
        """The code and library versions, and whether jieba (which the plugin uses when present) is."""

    def key(self, page: Any) -> str:
        content, toc = page_digests(page, self.conversions)
        meta = json.dumps(page.meta, sort_keys=True, default=repr, ensure_ascii=False)
        return digest(self._context, content, toc, page.url, str(page.title), meta)

    def __call__(self, page: Any) -> None:
        key = self.key(page)
        kept = self.cache.get(key)
        if isinstance(kept, list):
            self.index.entries.extend(kept)
            self.reused += 1
            return
        before = len(self.index.entries)
        self._add(page)
        self.cache.put(key, self.index.entries[before:])


def keep_search_entries(config: Any, conversions: dict[str, Digested]) -> KeptSearchEntries | None:
    """Make the configured search plugin reuse kept entries (call from ``on_env``); None without one."""
    plugin = next((config.plugins[name] for name in SEARCH_PLUGINS if name in config.plugins), None)
    index = getattr(plugin, "search_index", None)
    if index is None or not hasattr(index, "entries"):
        return None
    config_file = Path(config["config_file_path"]).resolve()
    cache = ContentCache(Project(config_file.parent).cache_dir, f"search-{config_file.stem}")
    kept = KeptSearchEntries(index, cache, conversions)
    index.add_entry_from_context = kept
    return kept
