"""The foundation works end to end on the small fixture brief."""

from conftest import BuiltSite


def test_fixture_site_has_brief_pages(minimal_site: BuiltSite) -> None:
    pages = minimal_site.site / "briefs" / "geneva-talks"
    for page in ("index.html", "people/index.html", "sources/index.html"):
        assert (pages / page).is_file(), page
    html = (pages / "index.html").read_text(encoding="utf-8")
    assert "Shelling of Exampleville" in html
    assert "sources/#q-" in html
