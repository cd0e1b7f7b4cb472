"""A FastAPI app in front of Jetbuilt: one client per worker, SDK errors as HTTP answers.

    JETBUILT_API_KEY=... uvicorn examples.fastapi_app:app

Against a sandbox: ``jbcrm sandbox serve --api jetbuilt`` prints a base URL and a key; run
``JETBUILT_BASE_URL=<url> JETBUILT_API_KEY=sandbox-token uvicorn examples.fastapi_app:app``.

The client is opened in the app's lifespan, so it belongs to the server's event loop and
every request shares its connection pool and its rate limiter. A project Jetbuilt does not
have is a 404; a rate limit the SDK could not wait out is a 503 with ``Retry-After`` (the
caller should come back later, not hammer); any other Jetbuilt failure is a 502.
"""

from __future__ import annotations

import contextlib
import math
import os
from collections.abc import AsyncIterator, Callable
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse

import jbcrm
from jbcrm.jetbuilt.enums import Stage


def jetbuilt_from_environment() -> jbcrm.Jetbuilt:
    """The client for ``JETBUILT_API_KEY`` at ``JETBUILT_BASE_URL`` (default: production)."""
    return jbcrm.Jetbuilt(
        base_url=os.environ.get("JETBUILT_BASE_URL", jbcrm.JETBUILT_PRODUCTION_URL)
    )


def jetbuilt(request: Request) -> jbcrm.Jetbuilt:
    """The worker's client, for route parameters (``jb: Jetbuilt``)."""
    client: jbcrm.Jetbuilt = request.app.state.jb
    return client


Jetbuilt = Annotated[jbcrm.Jetbuilt, Depends(jetbuilt)]


def create_app(new_client: Callable[[], jbcrm.Jetbuilt] = jetbuilt_from_environment) -> FastAPI:
    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with new_client() as jb:
            app.state.jb = jb
            yield

    app = FastAPI(title="Jetbuilt projects", lifespan=lifespan)

    @app.exception_handler(jbcrm.NotFoundError)
    async def not_found(request: Request, exc: jbcrm.NotFoundError) -> JSONResponse:
        return JSONResponse({"detail": "not found in Jetbuilt"}, status_code=404)

    @app.exception_handler(jbcrm.RateLimitError)
    async def rate_limited(request: Request, exc: jbcrm.RateLimitError) -> JSONResponse:
        seconds = math.ceil(exc.retry_after or 10)  # the server's wait, when it said one
        return JSONResponse(
            {"detail": "Jetbuilt is busy, try again later"},
            status_code=503,
            headers={"Retry-After": str(seconds)},
        )

    @app.exception_handler(jbcrm.JBCRMError)
    async def upstream_failed(request: Request, exc: jbcrm.JBCRMError) -> JSONResponse:
        # The message is redacted, but it describes Jetbuilt, not this app: log it, say less.
        return JSONResponse({"detail": f"Jetbuilt failed ({type(exc).__name__})"}, status_code=502)

    @app.get("/projects")
    async def projects(jb: Jetbuilt, stage: Stage | None = None, limit: int = 25) -> Any:
        found = await jb.projects.list(stage=stage).to_list(limit=min(max(limit, 1), 100))
        return [{"id": p.id, "name": p.name, "stage": p.stage} for p in found]

    @app.get("/projects/{project_id}")
    async def project(jb: Jetbuilt, project_id: int) -> Any:
        return (await jb.projects.get(project_id)).raw

    return app


app = create_app()
