"""Briefs to Markdown pages, as pure functions: a brief and its source texts in, pages out.

Templates (``templates/``) hold the layout; wording of dates and counts lives in :mod:`.wording`;
:mod:`.write` puts the pages in the generated docs folder.
"""
