"""The simulated Jetbuilt API: seeded data, documented shapes, auth, pagination and limits."""

from ._edits import Edits
from ._sandbox import JETBUILT_RATE_LIMIT, JetbuiltSandbox

__all__ = ["JETBUILT_RATE_LIMIT", "Edits", "JetbuiltSandbox"]
