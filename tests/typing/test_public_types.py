"""What mypy --strict sees in user code: a listing's item type becomes a union only in the
lenient mode, and ``Outcome.unwrap()`` needs no ``Optional`` check."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

from mypy import api

USER_CODE = textwrap.dedent(
    """
    from decimal import Decimal
    from typing import assert_type

    import jbcrm
    from jbcrm.jetbuilt.models import Project, ProjectDetail


    async def sync(jb: jbcrm.Jetbuilt) -> None:
        listing = jb.projects.list()
        assert_type(listing, jbcrm.AsyncPaginator[Project])
        assert_type(listing.on_decode_error("raise"), jbcrm.AsyncPaginator[Project])
        lenient = listing.on_decode_error("keep_raw")
        assert_type(lenient, jbcrm.AsyncPaginator[Project | jbcrm.UndecodedRecord])
        async for item in lenient:
            if isinstance(item, jbcrm.UndecodedRecord):
                assert_type(item.error, jbcrm.ResponseDecodeError)
            else:
                assert_type(item.total, Decimal | None)
        outcomes = await jbcrm.fetch_each(jb.projects.get, [1, 2])
        detail = outcomes[0].unwrap()
        assert_type(detail, ProjectDetail)
        print(detail.name)
    """
)


def test_lenient_listings_and_unwrap_are_typed_for_user_code(tmp_path: Path) -> None:
    # The project's own mypy settings name the package to check; user code stands alone.
    options = ["--config-file", os.devnull, "--cache-dir", str(tmp_path), "--strict"]
    out, err, status = api.run([*options, "--python-version", "3.11", "-c", USER_CODE])
    assert status == 0, out + err
