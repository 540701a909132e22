"""The file ``mkdocs.yml`` names as its hook: the site's MkDocs events (:mod:`generator.site.hooks`),
given the pipeline's generation stages, so that ``mkdocs build`` and ``mkdocs serve`` work directly
on the YAML briefs. It imports no MkDocs itself: MkDocs stays inside the site layer.
"""

from __future__ import annotations

from generator.pipeline import generate_project
from generator.site.hooks import BriefHooks

_HOOKS = BriefHooks(generate_project)

on_startup = _HOOKS.on_startup
on_pre_build = _HOOKS.on_pre_build
on_post_build = _HOOKS.on_post_build
on_serve = _HOOKS.on_serve
on_files = _HOOKS.on_files
on_nav = _HOOKS.on_nav
on_pre_page = _HOOKS.on_pre_page
on_env = _HOOKS.on_env
on_build_error = _HOOKS.on_build_error
on_shutdown = _HOOKS.on_shutdown
on_page_content = _HOOKS.on_page_content
