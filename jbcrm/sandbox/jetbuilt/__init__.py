"""The simulated Jetbuilt API: seeded data, documented shapes, auth, pagination and limits."""

from jbcrm.sandbox.jetbuilt._edits import Edits
from jbcrm.sandbox.jetbuilt._sandbox import JETBUILT_RATE_LIMIT, JetbuiltSandbox

__all__ = ["JETBUILT_RATE_LIMIT", "Edits", "JetbuiltSandbox"]
