"""Time sessions, each kept with its time entries."""

from __future__ import annotations

from jbcrm.sandbox.jetbuilt._routes._common import collection

ROUTES = collection("/time_sessions", "time_sessions")
