"""The examples are tested with the fixtures users get from the jbcrm pytest plugin."""

from jbcrm.testing import jetbuilt_sandbox, jetpack_client, jetpack_sandbox

__all__ = ["jetbuilt_sandbox", "jetpack_client", "jetpack_sandbox"]
