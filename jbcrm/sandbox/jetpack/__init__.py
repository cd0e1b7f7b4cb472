"""A simulated Jetpack CRM site (WordPress plugin API), quirks included."""

from jbcrm.sandbox.jetpack._sandbox import JetpackSandbox

__all__ = ["JetpackSandbox"]
