"""Finished pages kept from the last build, so MkDocs runs a page through the theme only when what
the theme reads of it changed.

After a page is converted (see :mod:`generator.site.converted_pages`), MkDocs renders it through the
theme's templates: at a thousand briefs that is half of a warm build, though one edited brief changes
a handful of pages. This module files each page's finished HTML under the digest of everything its
templates are given, and the next build uses it instead of rendering:

* the build's own inputs: the code and library versions, the ``mkdocs*.yml`` files, the names of the
  plugins (but the build's own markers, :data:`generator.site.mkdocs_build.OWN_PLUGINS`), and the name and source of every template the theme and its overrides hold;
* the page: its content, table of contents, title, address, metadata and the neighbours and parents
  the theme links to (:data:`PAGE_FIELDS`);
* the navigation, as every page shows it (titles, addresses, which item is active, their metadata);
* any other value the templates ask the context for (``base_url``, ``mkdocs_version``...); a value the
  digest cannot describe makes that page render as usual.

The fields are named, not discovered, so each build checks them against the templates: if a template
reads a field of a page, a navigation item or a table-of-contents item that the digest leaves out,
nothing is kept or reused in that build, and that is logged. The page's content is the largest part of
the HTML, so an entry keeps only what the theme put around it.
"""

from __future__ import annotations

import datetime
import json
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta
from mkdocs.structure.toc import AnchorLink

from generator.model.project import Project
from generator.site.converted_pages import Digested, configuration_digest, page_digests
from generator.site.mkdocs_build import OWN_PLUGINS
from generator.system.content_cache import ContentCache, digest

log = logging.getLogger(__name__)

PAGE_FIELDS = (
    "title",
    "url",
    "canonical_url",
    "abs_url",
    "edit_url",
    "is_homepage",
    "is_index",
    "is_top_level",
    "is_page",
    "is_section",
    "is_link",
    "active",
    "meta",
)
"""What the digest takes of every page (the page being built and each one in the navigation)."""

BUILT_PAGE_FIELDS = ("content", "toc", "previous_page", "next_page", "parent", "ancestors", "children", "file")
"""What it takes, besides, of the page being built: its HTML, its contents, and the pages it links to."""

NAV_FIELDS = ("items", "pages", "homepage")
"""What it takes of the navigation (each item as a page, a section or a link)."""

TOC_FIELDS = ("title", "url", "id", "level", "children")
"""What it takes of each table-of-contents item."""

_READ_FIELDS = {
    "page": PAGE_FIELDS + BUILT_PAGE_FIELDS,
    "nav": NAV_FIELDS,
    "nav_item": PAGE_FIELDS + ("children",),
    "toc_item": TOC_FIELDS,
}
"""For the template variables that hold these things, the fields the digest takes (see :func:`unkept_fields`)."""

_FIELD = re.compile(r"(?<![\w/.-])(page|nav|nav_item|toc_item)\.([A-Za-z_]\w*)")
"""A field read of one of those variables (not a file name such as ``partials/nav.html``)."""


class _Unkeyable(Exception):
    """A value the digest cannot describe."""


def unkept_fields(sources: dict[str, str], known: dict[str, Callable[[str], bool]]) -> set[str]:
    """Fields that templates read of a page, a navigation or a table-of-contents item (by the names the
    theme gives them) which the digest leaves out; ``known[variable](field)`` says whether such an
    object has that field at all (a template may test for fields that exist only with some plugins)."""
    missing = set()
    for source in sources.values():
        for variable, field in _FIELD.findall(source):
            if field not in _READ_FIELDS[variable] and known[variable](field):
                missing.add(f"{variable}.{field}")
    return missing


def _describe(value: Any, depth: int = 0) -> Any:
    """A JSON-able description of a plain value (as page metadata holds), or _Unkeyable."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (datetime.date, datetime.datetime)):
        return ["date", value.isoformat()]
    if depth > 20:
        raise _Unkeyable("too deep")
    if isinstance(value, (list, tuple)):
        return [_describe(item, depth + 1) for item in value]
    if isinstance(value, dict):
        return {str(key): _describe(item, depth + 1) for key, item in value.items()}
    raise _Unkeyable(type(value).__name__)


def _item(item: Any, built: bool = False, depth: int = 0) -> Any:
    """A page, section or link of the navigation, described by :data:`PAGE_FIELDS` (and its children)."""
    if item is None:
        return None
    if depth > 20:
        raise _Unkeyable("navigation too deep")
    described: dict[str, Any] = {"kind": type(item).__name__}
    for field in PAGE_FIELDS:
        if hasattr(item, field):
            described[field] = _describe(getattr(item, field))
    children = getattr(item, "children", None)
    if children and not built:
        described["children"] = [_item(child, depth=depth + 1) for child in children]
    return described


def _page(page: Any, content_digest: str, toc_digest: str) -> dict[str, Any]:
    """The page being built: :data:`PAGE_FIELDS` and :data:`BUILT_PAGE_FIELDS`."""
    return {
        **_item(page, built=True),
        "src_uri": page.file.src_uri,
        "dest_uri": page.file.dest_uri,
        "content": content_digest,
        "toc": toc_digest,
        "previous_page": _item(page.previous_page, built=True),
        "next_page": _item(page.next_page, built=True),
        "parent": _item(page.parent, built=True),
        "ancestors": [_item(a, built=True) for a in page.ancestors],
        "children": None if page.children is None else [_item(c) for c in page.children],
    }


def _walk(items: Any) -> list[Any]:
    """The navigation's items, depth first."""
    return [x for item in items for x in (item, *_walk(getattr(item, "children", None) or []))]


def _nav(nav: Any) -> dict[str, Any]:
    return {
        "items": [_item(item) for item in nav.items],
        "pages": [_item(p, built=True) for p in nav.pages],
        "homepage": _item(nav.homepage, built=True),
    }


class FinishedPages:
    """The kept finished pages of one MkDocs configuration, used by one build's template environment."""

    def __init__(self, cache: ContentCache, context: str, read: frozenset[str], digests: dict[str, Digested]) -> None:
        self.cache = cache
        self.digests = digests
        """Digests already made of pages' HTML (see ParallelPages.conversions)."""
        self.context = context
        self.read = read
        """The context variables any of the theme's page templates reads."""
        self.reused = 0
        self.rendered = 0
        self._navs: dict[tuple[int, ...], Any] = {}

    @classmethod
    def for_build(
        cls, config: Any, env: jinja2.Environment, nav: Any, page: Any, digests: dict[str, Digested]
    ) -> FinishedPages | None:
        """The kept pages for this build, or None when a template reads what the digest leaves out
        (``page`` is one of the build's pages, to tell which fields a page has)."""
        config_file = Path(config["config_file_path"]).resolve()
        root = config_file.parent
        sources = _template_sources(env)
        items = [page, *(getattr(nav, "items", None) or [])]
        known = {
            "page": lambda field: hasattr(page, field),
            "nav_item": lambda field: any(hasattr(item, field) for item in items),
            "toc_item": lambda field: hasattr(AnchorLink("", "x", 0), field),
            "nav": lambda field: hasattr(nav, field),
        }
        missing = unkept_fields(sources, known)
        if missing:
            log.info("every page is rendered through the theme: its templates read %s", ", ".join(sorted(missing)))
            return None
        context = digest(
            configuration_digest(config),
            *sorted(set(config.plugins) - OWN_PLUGINS),  # the build's own markers change no page
            *(part for name in sorted(sources) for part in (name, sources[name])),
        )
        cache = ContentCache(Project(root).cache_dir, f"finished-{config_file.stem}")
        read = cache.get(digest("variables", context))
        if not isinstance(read, frozenset):
            read = _variables_read(env, sources)
            cache.put(digest("variables", context), read)
        return cls(cache, context, read, digests)

    def key(self, template: str, context: dict[str, Any]) -> str | None:
        """The digest of what the template is given, or None when a value cannot be described."""
        described: dict[str, Any] = {"template": template}
        try:
            for name in sorted(self.read & set(context)):
                value = context[name]
                if name == "config":
                    continue  # its files, the plugins and the code are in self.context
                if name == "page":
                    described[name] = _page(value, *page_digests(value, self.digests))
                elif name == "nav":
                    described[name] = self._nav(value)
                elif name in {"extra_css", "extra_javascript"}:
                    described[name] = [str(v) for v in value]
                else:
                    described[name] = _describe(value)
        except _Unkeyable:
            return None
        return digest(self.context, json.dumps(described, sort_keys=True, ensure_ascii=False))

    def _nav(self, nav: Any) -> Any:
        """The navigation's description: the same for every page but for which items are active (the
        items' titles, addresses and metadata do not change once MkDocs builds pages)."""
        active = tuple(i for i, item in enumerate(_walk(nav.items)) if item.active)
        if active not in self._navs:
            self._navs[active] = _nav(nav)
        return self._navs[active]

    def render(self, template: str, context: dict[str, Any], render: Callable[[], str]) -> str:
        """The kept finished page for this context, or ``render()`` kept for the next build."""
        page = context.get("page")
        content = getattr(page, "content", None)
        key = self.key(template, context) if page is not None else None
        if key is not None:
            kept = self.cache.get(key)
            if isinstance(kept, tuple) and len(kept) == 2 and isinstance(content, str):
                self.reused += 1
                return str(kept[0]) + content + str(kept[1])
            if isinstance(kept, str):
                self.reused += 1
                return kept
        output = render()
        if page is not None:
            self.rendered += 1
        if key is not None:
            parts = output.split(content) if content else []
            self.cache.put(key, (parts[0], parts[1]) if len(parts) == 2 else output)
        return output

    def keep_only_used(self) -> None:
        self.cache.keep_only_used()


def _template_sources(env: jinja2.Environment) -> dict[str, str]:
    """The source of each HTML template the theme and its overrides hold (icons and feeds are not pages)."""
    assert env.loader is not None
    return {name: env.loader.get_source(env, name)[0] for name in env.list_templates() if name.endswith(".html")}


def _variables_read(env: jinja2.Environment, sources: dict[str, str]) -> frozenset[str]:
    """Every variable a template takes from its context (a template that does not compile here, such as
    one needing a plugin's filter, cannot be rendered either: it fails the build if used)."""
    names: set[str] = set()
    for source in sources.values():
        try:
            names |= jinja2.meta.find_undeclared_variables(env.parse(source))
        except jinja2.TemplateError:
            continue
    return frozenset(names)


ATTRIBUTE = "brief_finished_pages"
"""The environment attribute that holds the build's :class:`FinishedPages`."""


class KeptTemplate(jinja2.Template):
    """A template whose top-level ``render`` goes through the build's :class:`FinishedPages` (includes and
    extends do not call ``render``: they are rendered as usual)."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        kept: FinishedPages | None = getattr(self.environment, ATTRIBUTE, None)
        if kept is None:
            return super().render(*args, **kwargs)
        context = dict(*args, **kwargs)
        return kept.render(self.name or "", context, lambda: jinja2.Template.render(self, context))


def keep_finished_pages(
    env: jinja2.Environment, config: Any, files: Any, nav: Any, digests: dict[str, Digested]
) -> FinishedPages | None:
    """Make ``env``'s templates reuse kept finished pages (call from MkDocs' ``on_env``, before any page
    template is loaded); None when there is no page or a template reads what the digest leaves out."""
    page = next((f.page for f in files.documentation_pages() if f.page is not None), None)
    if page is None:
        return None
    kept = FinishedPages.for_build(config, env, nav, page, digests)
    if kept is not None:
        env.template_class = KeptTemplate
        setattr(env, ATTRIBUTE, kept)
    return kept
