"""One module per ``brief`` command, each imported only when its command runs (see :mod:`generator.cli`):
the edge where errors become text and exit codes.
"""
