"""The blocking clients: the async ones, run on one private event loop per process.

Everything under ``jetbuilt/`` and ``jetpackcrm/`` here is generated from the async clients by
``scripts/generate_blocking.py``; the machinery it stands on is in the ``_`` modules.
"""

from jbcrm._blocking._bulk import sync_fetch_as_completed, sync_fetch_each
from jbcrm._blocking._pagination import SyncPaginator
from jbcrm._blocking.jetbuilt.client import SyncJetbuilt
from jbcrm._blocking.jetpackcrm.client import SyncJetpackCRM

__all__ = [
    "SyncJetbuilt",
    "SyncJetpackCRM",
    "SyncPaginator",
    "sync_fetch_as_completed",
    "sync_fetch_each",
]
