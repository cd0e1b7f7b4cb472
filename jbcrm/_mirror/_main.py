"""``jbcrm.mirror``: one run, from opening the database to the summary."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta

from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError

from jbcrm._core.client import BaseClient
from jbcrm._core.errors import AuthenticationError, InvalidArgumentError, JBCRMError
from jbcrm._mirror import _jetbuilt, _jetpack
from jbcrm._mirror._database import Database, async_url, describe
from jbcrm._mirror._errors import MirrorError
from jbcrm._mirror._resources import RESOURCES
from jbcrm._mirror._run import (
    MirrorSummary,
    Progress,
    Quiet,
    Run,
    finish_run,
    start_run,
    stop,
)
from jbcrm.jetbuilt.client import Jetbuilt
from jbcrm.jetpackcrm.client import JetpackCRM

Job = tuple[str, Callable[[], Awaitable[None]]]


async def run_mirror(
    client: BaseClient,
    database: str | URL,
    *,
    full: bool,
    resources: Sequence[str] | None,
    overlap: timedelta,
    progress: Progress | None,
) -> MirrorSummary:
    if isinstance(client, Jetbuilt):
        api = "jetbuilt"
    elif isinstance(client, JetpackCRM):
        api = "jetpack"
    else:
        raise InvalidArgumentError(
            f"mirror() takes a jbcrm.Jetbuilt or jbcrm.JetpackCRM client, not {type(client)!r}"
        )
    chosen = _chosen(api, resources)
    if overlap < timedelta(0):
        raise InvalidArgumentError(f"overlap must not be negative, got {overlap}")
    url = async_url(database)
    try:
        db = await Database.open(url)
    except (SQLAlchemyError, OSError) as exc:
        raise _database_error(url, exc) from None
    try:
        return await _run(client, db, api, chosen, full, overlap, progress or Quiet())
    except (SQLAlchemyError, OSError) as exc:
        raise _database_error(url, exc) from None
    finally:
        with contextlib.suppress(SQLAlchemyError, OSError):
            await db.close()


async def _run(
    client: BaseClient,
    db: Database,
    api: str,
    chosen: Sequence[str],
    full: bool,
    overlap: timedelta,
    progress: Progress,
) -> MirrorSummary:
    summary = MirrorSummary(api, await start_run(db, api, full), full)
    run = Run(client, db, summary, full, overlap, progress)
    stats = client.rate_limit_stats
    before = (stats.requests, stats.rate_limited) if stats is not None else (0, 0)
    status = "failed"
    try:
        await _all(run, await _jobs(run, api, chosen))
        status = "completed"
    except asyncio.CancelledError:
        status = "interrupted"
        raise
    finally:
        summary.elapsed = time.perf_counter() - run.started
        stats = client.rate_limit_stats
        if stats is not None:
            summary.requests = stats.requests - before[0]
            summary.rate_limited = stats.rate_limited - before[1]
        else:
            summary.requests = run.calls
        try:
            await finish_run(db, summary, status)
        except (SQLAlchemyError, OSError):
            # A cancelled statement can leave its connection unusable; the run is marked
            # interrupted by the next one anyway, and the cancellation must go on.
            if status != "interrupted":
                raise
    return summary


async def _jobs(run: Run, api: str, chosen: Sequence[str]) -> list[Job]:
    client = run.client
    if isinstance(client, Jetbuilt):
        db_ids: list[int] = []
        if {"products", "vendors"} & set(chosen):
            run.calls += 1
            company = await client.company.get()
            found = {loc.product_database_id for loc in company.locations}
            db_ids = sorted(i for i in found if i is not None)
        return _jetbuilt.jobs(run, client, chosen, db_ids)
    assert isinstance(client, JetpackCRM)
    return _jetpack.jobs(run, client, chosen)


async def _all(run: Run, jobs: Sequence[Job]) -> None:
    """Run every job at once. An API failure ends only its own job (it is recorded, and its
    checkpoint does not move); bad credentials end the run."""

    async def guarded(name: str, job: Callable[[], Awaitable[None]]) -> None:
        try:
            await job()
        except AuthenticationError:
            raise
        except JBCRMError as exc:
            error, message = type(exc).__name__, str(exc)
            run.summary.failures.append(f"{name}: {error}: {message}")
            await run.db.write(
                run.run_id, lambda writer: writer.record_error(name, "", error, message)
            )

    tasks = [asyncio.ensure_future(guarded(name, job)) for name, job in jobs]
    try:
        await asyncio.gather(*tasks)
    finally:
        await stop(tasks)


def _chosen(api: str, resources: Sequence[str] | None) -> tuple[str, ...]:
    known = RESOURCES[api]
    if resources is None:
        return known
    if isinstance(resources, str):
        resources = [resources]
    unknown = [name for name in resources if name not in known]
    if unknown or not resources:
        raise InvalidArgumentError(
            f"no such {api} resource: {', '.join(unknown) or '(none given)'}; "
            f"choose from {', '.join(known)}"
        )
    return tuple(name for name in known if name in resources)


def _database_error(url: URL, exc: BaseException) -> MirrorError:
    # The driver's message names the problem (refused, no such database, bad password)
    # without the password; the URL is shown without it too.
    detail = str(getattr(exc, "orig", None) or exc).splitlines()[0][:300]
    return MirrorError(
        f"the database at {describe(url)} failed: {type(exc).__name__}: {detail}",
        hint="check the URL, that the server is running and that the user may create tables",
    )
