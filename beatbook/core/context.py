"""Who is acting, in which request: kept in a context variable so that signals can audit changes.

Commands and tasks set it with ``acting_as(user, source="command")``.
"""

from __future__ import annotations

import contextlib
import contextvars
import uuid
from dataclasses import dataclass, field
from typing import Any


@dataclass
class ActionContext:
    """The actor of the current request, command or task."""

    user: Any = None
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    source: str = "web"
    remote_addr: str = ""


_current: contextvars.ContextVar[ActionContext | None] = contextvars.ContextVar(
    "beatbook_action", default=None
)


def current() -> ActionContext:
    """The current action context (a fresh "system" one outside any request)."""
    ctx = _current.get()
    if ctx is None:
        ctx = ActionContext(source="system")
        _current.set(ctx)
    return ctx


@contextlib.contextmanager
def acting_as(
    user: Any = None, source: str = "command", request_id: str | None = None, remote_addr: str = ""
):
    """Run a block as ``user`` so that audit entries name them."""
    token = _current.set(
        ActionContext(
            user=user, source=source, request_id=request_id or uuid.uuid4().hex, remote_addr=remote_addr
        )
    )
    try:
        yield _current.get()
    finally:
        _current.reset(token)
