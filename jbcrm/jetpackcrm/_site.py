"""Where a Jetpack CRM site's API lives, and the checks made before anything is sent."""

from __future__ import annotations

import os
import warnings
from typing import Literal

import attrs

from jbcrm._core import config
from jbcrm._core.errors import ConfigurationError
from jbcrm._core.paths import path_segment

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
        return f"zbs_api/{path_segment(name)}/", {}


def site_from(url: str | None, route: str, *, allow_insecure_http: bool) -> Site:
    """Check and normalise the site URL (from the argument or ``JETPACKCRM_URL``)."""
    raw = url if url is not None else os.environ.get("JETPACKCRM_URL") or None
    if raw is None:
        raise ConfigurationError(
            "no Jetpack CRM site: pass site_url=... or set JETPACKCRM_URL",
            hint="the site URL is the WordPress address, e.g. https://crm.example.com",
        )
    if route not in ("pretty", "query"):
        raise ConfigurationError(f"route must be 'pretty' or 'query', got {route!r}")
    parsed = config.base_url(
        "site_url",
        raw,
        allow_insecure_http=allow_insecure_http,
        exposes="the API secret travels in the URL",
    )
    path = parsed.path.rstrip("/")
    # A site URL copied together with the API prefix still means the site.
    if path.endswith("/zbs_api"):
        path = path[: -len("/zbs_api")]
    site = str(parsed.copy_with(path=path or "/")).rstrip("/")
    return Site(site, "query" if route == "query" else "pretty")


def credentials_from(api_key: str | None, api_secret: str | None) -> tuple[str, str]:
    """The key pair (from the arguments or the environment), checked; odd-looking keys get a
    warning."""
    key = config.credential("api_key", api_key, "JETPACKCRM_API_KEY")
    secret = config.credential("api_secret", api_secret, "JETPACKCRM_API_SECRET")
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
