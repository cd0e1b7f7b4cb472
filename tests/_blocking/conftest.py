"""The sandboxes and sync clients of the jbcrm pytest plugin, for the sync client's tests."""

from jbcrm.testing import (
    jetbuilt_sandbox,
    jetpack_sandbox,
    sync_jetbuilt_client,
    sync_jetpack_client,
)

__all__ = ["jetbuilt_sandbox", "jetpack_sandbox", "sync_jetbuilt_client", "sync_jetpack_client"]
