"""MkDocs, and only this layer imports it: running it, its events (the hook), converting pages on every core,
the files added to the site, the offline copy, swapping a finished site in, and the preview server.
"""
