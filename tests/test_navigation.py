"""The sidebar stays the same four entries however many briefs there are; brief pages link each other."""

from __future__ import annotations

import re

from conftest import BuiltSite


def _primary_nav(html: str) -> str:
    return html.split('<nav class="md-nav md-nav--primary"', 1)[1].rsplit("</nav>", 1)[0]


def _labels(nav: str) -> list[str]:
    return re.findall(r'class="md-nav__link[^"]*"[^>]*>\s*<span class="md-ellipsis">\s*([^<]+?)\s*</span>', nav)


def test_the_sidebar_lists_only_the_site_pages_not_every_brief(minimal_site: BuiltSite) -> None:
    for page in (
        "index.html",
        "briefs/index.html",
        "briefs/geneva-talks/index.html",
        "briefs/geneva-talks/people/index.html",
        "briefs/geneva-talks/sources/index.html",
    ):
        nav = _primary_nav((minimal_site.site / page).read_text(encoding="utf-8"))
        pages = [
            label
            for label in dict.fromkeys(_labels(nav))
            if label in ("Home", "All briefs", "About", "Editing a brief")
        ]
        assert pages == ["Home", "All briefs", "About", "Editing a brief"], page
        assert not re.search(r'href="[^"#]*geneva-talks/', nav), page  # no brief page in the sidebar


def test_each_brief_page_links_to_all_briefs_and_its_sibling_pages(minimal_site: BuiltSite) -> None:
    folder = minimal_site.site / "briefs" / "geneva-talks"
    expected = {
        "index.html": ['href="../"', 'href="people/"', 'href="sources/"'],
        "people/index.html": ['href="../../"', 'href="../"', 'href="../sources/"'],
        "sources/index.html": ['href="../../"', 'href="../"', 'href="../people/"'],
    }
    for page, links in expected.items():
        html = (folder / page).read_text(encoding="utf-8")
        trail = html.split('class="brief-trail"', 1)[1].split("</p>", 1)[0]
        for link in links:
            assert link in trail, (page, link, trail)
