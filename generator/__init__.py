"""Event briefs: YAML briefs in, a searchable MkDocs site, PDFs, feeds and an offline copy out."""
