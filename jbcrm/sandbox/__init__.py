"""Simulated Jetbuilt and Jetpack CRM servers with seeded data and fault knobs.

Use one in-process through :meth:`Sandbox.transport`, or on 127.0.0.1 through
:meth:`Sandbox.serve` / :meth:`Sandbox.serve_in_thread`.
"""

from jbcrm.sandbox._capacity import CapacityStats, ServerCapacity
from jbcrm.sandbox._faults import Faults
from jbcrm.sandbox._ratelimit import RateLimitStats, ServerRateLimit
from jbcrm.sandbox._transport import SandboxTransport
from jbcrm.sandbox.jetbuilt import JetbuiltSandbox
from jbcrm.sandbox.jetpack import JetpackSandbox

__all__ = [
    "CapacityStats",
    "Faults",
    "JetbuiltSandbox",
    "JetpackSandbox",
    "RateLimitStats",
    "SandboxTransport",
    "ServerCapacity",
    "ServerRateLimit",
]
