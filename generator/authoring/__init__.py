"""Writing briefs: a new brief from a template, sources added from a page or PDF, and edits made as text
so an editor's comments and layout stay.
"""
