"""The brief: its types (:mod:`.brief`), loading YAML with the place of every value, and checking it.

Everything here is data and rules; errors are data too (:mod:`.errors`), turned into text only at the
edge (:mod:`generator.commands`). Imports only :mod:`generator.system`.
"""
