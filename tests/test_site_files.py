"""Files registered beside the pages: a PDF for each brief and nothing else."""

from __future__ import annotations

from conftest import BuiltSite


def test_only_briefs_get_a_pdf_and_none_is_empty(minimal_site: BuiltSite) -> None:
    pdfs = sorted(str(p.relative_to(minimal_site.site)) for p in minimal_site.site.rglob("*.pdf"))
    assert pdfs == ["briefs/geneva-talks/geneva-talks.pdf"], "the people index is not a brief: no people.pdf"
    assert all((minimal_site.site / p).stat().st_size > 1000 for p in pdfs)
