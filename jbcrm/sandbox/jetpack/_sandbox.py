"""JetpackSandbox: a seeded, in-memory Jetpack CRM site behaving like the real plugin."""

from __future__ import annotations

from typing import Literal

from jbcrm.sandbox._base import Sandbox
from jbcrm.sandbox._capacity import CapacityMiddleware, ServerCapacity
from jbcrm.sandbox._faults import Faults
from jbcrm.sandbox._ratelimit import ServerRateLimit
from jbcrm.sandbox.jetpack._data import populate
from jbcrm.sandbox.jetpack._dates import SiteDates
from jbcrm.sandbox.jetpack._reference import populate_reference
from jbcrm.sandbox.jetpack._router import JetpackApp, Permalinks
from jbcrm.sandbox.jetpack._store import JetpackStore

__all__ = ["JetpackSandbox"]

Data = Literal["seeded", "reference"]


class JetpackSandbox(Sandbox):
    """A simulated WordPress site running Jetpack CRM 6.4.4's API at `/zbs_api/<endpoint>/`.

    `data="seeded"` (the default) holds about 500 contacts, 60 companies and their quotes,
    invoices, transactions and events per unit of `scale`, the same for the same `seed`;
    `data="reference"` holds the small site the real plugin's answers were recorded on (13
    contacts, 3 companies, 5 quotes, invoices and events, 6 transactions). Writes persist for
    the life of the instance. The plugin has no rate limit, so none is applied unless given.

    Site settings, switchable at runtime: `timezone` (an IANA name; how times are printed),
    `permalinks` ("plain" makes `/zbs_api/...` answer the front page) and `misconfigured`
    (unflushed rewrite rules: `/zbs_api/...` answers the theme's HTML 404 page). The
    `?zbs_api=` query route works whatever they are. `capacity` runs the site on a few PHP
    workers (`ServerCapacity`; `self.php_workers.stats` tells what they did).
    """

    def __init__(
        self,
        *,
        seed: int = 1,
        scale: float = 1.0,
        data: Data = "seeded",
        api_key: str = "jpcrm_pk_sandbox",
        api_secret: str = "jpcrm_sk_sandbox",
        misconfigured: bool = False,
        permalinks: Permalinks = "pretty",
        timezone: str = "UTC",
        faults: Faults | None = None,
        rate_limit: ServerRateLimit | None = None,
        capacity: ServerCapacity | None = None,
    ) -> None:
        self.store = JetpackStore()
        if data == "reference":
            populate_reference(self.store)
        else:
            populate(self.store, seed=seed, scale=scale)
        self.api_key = api_key
        self.api_secret = api_secret
        self._site = JetpackApp(
            self.store, api_key=api_key, api_secret=api_secret, dates=SiteDates(timezone)
        )
        self._site.misconfigured = misconfigured
        self._site.permalinks = permalinks
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
        """Whether `/zbs_api/` is broken (rewrites not flushed)."""
        return self._site.misconfigured

    @misconfigured.setter
    def misconfigured(self, value: bool) -> None:
        self._site.misconfigured = value

    @property
    def permalinks(self) -> Permalinks:
        """The site's permalink setting: "pretty" (`/%postname%/`) or "plain"."""
        return self._site.permalinks

    @permalinks.setter
    def permalinks(self, value: Permalinks) -> None:
        self._site.permalinks = value

    @property
    def timezone(self) -> str:
        """The site's time zone (Settings → General), which the plugin prints times in."""
        return self._site.dates.zone_name

    @timezone.setter
    def timezone(self, value: str) -> None:
        self._site.dates = SiteDates(value)
