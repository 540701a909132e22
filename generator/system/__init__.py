"""The machine: git, worker processes on every core, the progress line, environment variables.

The lowest layer: it knows nothing of briefs, and every other layer may use it.
"""
