"""Where a Jetpack CRM site's API lives, and the checks made before anything is sent."""

from __future__ import annotations

import ipaddress
import os
import warnings
from typing import Literal

import attrs
import httpx

from jbcrm._core.errors import ConfigurationError

Route = Literal["pretty", "query"]

KEY_PREFIX = "jpcrm_pk_"
SECRET_PREFIX = "jpcrm_sk_"


@attrs.frozen
class Site:
    """A site's address and how to reach an endpoint on it.

    ``pretty`` sends ``<site>/zbs_api/<endpoint>/`` (the slash avoids WordPress's redirect,
    whose ``Location`` repeats the credentials); ``query`` sends ``<site>/?zbs_api=<endpoint>``,
    which works whatever the permalink setting.
    """

    url: str
    route: Route = "pretty"

    def endpoint(self, name: str) -> tuple[str, dict[str, str]]:
        """The path (relative to the site) and query parameters that reach ``name``."""
        if self.route == "query":
            return "", {"zbs_api": name}
        return f"zbs_api/{name}/", {}


def site_from(url: str | None, route: str, *, allow_insecure_http: bool) -> Site:
    """Check and normalise the site URL (from the argument or ``JETPACKCRM_URL``)."""
    raw = url if url is not None else os.environ.get("JETPACKCRM_URL")
    if not raw:
        raise ConfigurationError(
            "no Jetpack CRM site: pass site_url=... or set JETPACKCRM_URL",
            hint="the site URL is the WordPress address, e.g. https://crm.example.com",
        )
    if route not in ("pretty", "query"):
        raise ConfigurationError(f"route must be 'pretty' or 'query', got {route!r}")
    try:
        parsed = httpx.URL(raw.strip())
    except httpx.InvalidURL as exc:
        raise ConfigurationError(f"site_url is not a URL ({exc})") from None
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise ConfigurationError(
            "site_url must be an http(s) address with a host, e.g. https://crm.example.com"
        )
    if parsed.query or parsed.fragment or parsed.userinfo:
        raise ConfigurationError(
            "site_url must be the bare site address (no query, fragment or user name); "
            "credentials go in api_key and api_secret"
        )
    if parsed.scheme == "http" and not allow_insecure_http and not is_loopback(parsed.host):
        raise ConfigurationError(
            f"refusing plain http to {parsed.host}: the API secret travels in the URL",
            hint="use https, or pass allow_insecure_http=True for a trusted network",
        )
    path = parsed.path.rstrip("/")
    # A site URL copied together with the API prefix still means the site.
    if path.endswith("/zbs_api"):
        path = path[: -len("/zbs_api")]
    site = str(parsed.copy_with(path=path or "/")).rstrip("/")
    return Site(site, "query" if route == "query" else "pretty")


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine (``localhost``, ``*.localhost``, 127.0.0.0/8, ::1)."""
    name = host.strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def credentials_from(api_key: str | None, api_secret: str | None) -> tuple[str, str]:
    """The key pair (from the arguments or the environment); odd-looking keys get a warning."""
    key = api_key if api_key is not None else os.environ.get("JETPACKCRM_API_KEY")
    secret = api_secret if api_secret is not None else os.environ.get("JETPACKCRM_API_SECRET")
    if not key or not secret:
        raise ConfigurationError(
            "Jetpack CRM needs an API key and secret: pass api_key=... and api_secret=..., or "
            "set JETPACKCRM_API_KEY and JETPACKCRM_API_SECRET",
            hint="generate them in Jetpack CRM → Settings → API",
        )
    if not key.startswith(KEY_PREFIX) or not secret.startswith(SECRET_PREFIX):
        warnings.warn(
            f"the Jetpack CRM credentials do not look like {KEY_PREFIX}... / {SECRET_PREFIX}...; "
            "check that key and secret are not swapped or cut short",
            UserWarning,
            stacklevel=3,
        )
    return key, secret
