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
import inspect
import json
from collections.abc import Callable
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
    _strip_attributes_only_where_present(config.plugins, plugin)
    return kept


_PLUGIN_PAGE_CONTEXT = """
        if not self.config.enabled:
            return

        # Index page
        self.search_index.add_entry_from_context(page)
        page.content = re.sub(
            r"\\s?data-search-\\w+=\\"[^\\"]+\\"",
            "",
            page.content
        )
"""
"""The body of Material's ``on_page_context`` that :func:`_strip_attributes_only_where_present` stands in for."""


def _strip_attributes_only_where_present(plugins: Any, plugin: Any) -> None:
    """After indexing a page, Material's search plugin strips ``data-search-*`` attributes from its HTML
    with a regular expression that tries every space of the page: 4 s at a thousand briefs, for pages that
    have none. Where ``data-search-`` does not occur, the expression cannot match, so it is not run. Only
    while the plugin's method is the one this was written against (else it is left as it is)."""
    events = plugins.events.get("page_context", [])
    method: Callable[..., Any] | None = getattr(plugin, "on_page_context", None)
    if method is None or method not in events:
        return
    try:
        source = inspect.getsource(method)
    except (OSError, TypeError):
        return
    if not source.endswith(_PLUGIN_PAGE_CONTEXT):
        return

    def on_page_context(context: Any, *, page: Any, config: Any, nav: Any) -> Any:
        if "data-search-" in (page.content or ""):
            return method(context, page=page, config=config, nav=nav)
        if plugin.config.enabled:
            plugin.search_index.add_entry_from_context(page)
        return None

    events[events.index(method)] = on_page_context
