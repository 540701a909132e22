"""Event briefs: a YAML brief in, a searchable MkDocs site, PDFs, a feed and an offline copy out.

The code is in layers, each importing only those below it (``tests/test_layers.py`` checks this):
:mod:`.system` < :mod:`.model` < :mod:`.pages` < :mod:`.publish`, :mod:`.review`, :mod:`.authoring` <
:mod:`.site` (all of MkDocs) < :mod:`.pipeline` (the order of the stages) < :mod:`.commands` and
:mod:`.mkdocs_hook` < :mod:`.cli`.
"""
