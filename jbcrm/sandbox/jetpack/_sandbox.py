"""JetpackSandbox: a seeded, in-memory Jetpack CRM site behaving like the real plugin."""

from __future__ import annotations

from jbcrm.sandbox._base import Sandbox
from jbcrm.sandbox._capacity import CapacityMiddleware, ServerCapacity
from jbcrm.sandbox._faults import Faults
from jbcrm.sandbox._ratelimit import ServerRateLimit
from jbcrm.sandbox.jetpack._data import populate
from jbcrm.sandbox.jetpack._router import JetpackApp
from jbcrm.sandbox.jetpack._store import JetpackStore

__all__ = ["JetpackSandbox"]


class JetpackSandbox(Sandbox):
    """A simulated WordPress site running Jetpack CRM's API at `/zbs_api/<endpoint>/`.

    Seeded with about 500 contacts, 60 companies and their quotes, invoices, transactions
    and events per unit of `scale`, the same for the same `seed`. Writes persist for the
    life of the instance. The plugin has no rate limit, so none is applied unless given.
    `misconfigured=True` simulates unflushed rewrite rules: `/zbs_api/...` answers the
    theme's HTML 404 page and only the `?zbs_api=` query route works. `capacity` runs the
    site on a few PHP workers (`ServerCapacity`; `self.php_workers.stats` tells what they did).
    """

    def __init__(
        self,
        *,
        seed: int = 1,
        scale: float = 1.0,
        api_key: str = "jpcrm_pk_sandbox",
        api_secret: str = "jpcrm_sk_sandbox",
        misconfigured: bool = False,
        faults: Faults | None = None,
        rate_limit: ServerRateLimit | None = None,
        capacity: ServerCapacity | None = None,
    ) -> None:
        self.store = JetpackStore()
        populate(self.store, seed=seed, scale=scale)
        self.api_key = api_key
        self.api_secret = api_secret
        self._site = JetpackApp(
            self.store, api_key=api_key, api_secret=api_secret, misconfigured=misconfigured
        )
        self.php_workers = None if capacity is None else CapacityMiddleware(self._site, capacity)
        site = self._site if self.php_workers is None else self.php_workers
        super().__init__(site, faults=faults, rate_limit=rate_limit)

    def __repr__(self) -> str:
        return f"JetpackSandbox(contacts={len(self.store.contacts)}, base_url={self.base_url!r})"

    @property
    def base_url(self) -> str:
        """The site URL for in-process use; the API lives under `/zbs_api/`."""
        return "http://jetpack.localhost"

    @property
    def misconfigured(self) -> bool:
        """Whether `/zbs_api/` is broken (rewrites not flushed); can be switched at runtime."""
        return self._site.misconfigured

    @misconfigured.setter
    def misconfigured(self, value: bool) -> None:
        self._site.misconfigured = value
