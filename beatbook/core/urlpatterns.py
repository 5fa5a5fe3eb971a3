"""URL patterns of one model's standard pages, so an app's urls.py is not a hand-written list."""

from __future__ import annotations

from django.urls import path


def model_urls(prefix: str, model_name: str, views_module, class_prefix: str) -> list:
    """list/add/detail/edit/delete routes named ``<model_name>_<action>`` under ``prefix``.

    Views are looked up as ``<class_prefix>ListView``, ``DetailView``, ``EditView`` and ``DeleteView``
    in ``views_module``; a missing one (e.g. no delete page) simply has no route.
    """
    routes = [
        ("", "List", "list"),
        ("add/", "Edit", "add"),
        ("<int:pk>/", "Detail", "detail"),
        ("<int:pk>/edit/", "Edit", "edit"),
        ("<int:pk>/delete/", "Delete", "delete"),
    ]
    patterns = []
    for suffix, kind, action in routes:
        view = getattr(views_module, f"{class_prefix}{kind}View", None)
        if view is not None:
            patterns.append(path(f"{prefix}{suffix}", view.as_view(), name=f"{model_name}_{action}"))
    return patterns
