"""Public errors as users meet them: named by the path they import them from, pickled intact,
and with hints that say what to do (a wrong base URL, a rate limit that retries did not pass)."""

from __future__ import annotations

import pickle
import traceback
from collections.abc import Callable

import httpx
import pytest

import jbcrm
from tests.conftest import BASE_URL

MakeJetbuilt = Callable[..., jbcrm.Jetbuilt]
PUBLIC_ERRORS = [
    value
    for name in jbcrm.__all__
    if isinstance(value := getattr(jbcrm, name), type) and issubclass(value, jbcrm.JBCRMError)
]


@pytest.mark.parametrize("error", PUBLIC_ERRORS, ids=lambda error: error.__name__)
def test_every_public_error_is_named_by_jbcrm_and_found_there(error: type) -> None:
    assert error.__module__ == "jbcrm"
    assert getattr(jbcrm, error.__qualname__) is error
    assert getattr(jbcrm.errors, error.__name__, error) is error
    assert pickle.loads(pickle.dumps(error)) is error


def _answer(status: int, **kwargs: object) -> Callable[[httpx.Request], httpx.Response]:
    return lambda request: httpx.Response(status, **kwargs)  # type: ignore[arg-type]


async def test_a_traceback_names_jbcrm_not_a_private_module(make_jetbuilt: MakeJetbuilt) -> None:
    jb = make_jetbuilt(_answer(404, json={"message": "Not found"}))
    with pytest.raises(jbcrm.NotFoundError) as info:
        await jb.projects.get(1)
    shown = "".join(traceback.format_exception(info.value))
    assert "jbcrm.NotFoundError: GET" in shown
    assert "_core" not in shown.splitlines()[-1]
    copy = pickle.loads(pickle.dumps(info.value))
    assert type(copy) is jbcrm.NotFoundError
    assert (copy.status, copy.url, copy.hint) == (404, info.value.url, info.value.hint)


async def test_a_404_outside_the_api_path_says_to_check_the_base_url(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    wrong = make_jetbuilt(_answer(404, text="Not Found"), base_url="https://jetbuilt.test/apii")
    with pytest.raises(jbcrm.NotFoundError) as info:
        await wrong.projects.list().to_list()
    assert "/apii/projects" in str(info.value)
    assert "check the client's base URL" in (info.value.hint or "")
    assert "https://app.jetbuilt.com/api" in (info.value.hint or "")


async def test_a_404_inside_the_api_path_is_a_missing_record_without_that_hint(
    make_jetbuilt: MakeJetbuilt,
) -> None:
    assert BASE_URL.rstrip("/").endswith("/api")
    jb = make_jetbuilt(_answer(404, json={"message": "Not found"}))
    with pytest.raises(jbcrm.NotFoundError) as info:
        await jb.projects.get(97739)
    assert "base URL" not in (info.value.hint or "")


async def test_a_rate_limit_error_says_what_to_do(make_jetbuilt: MakeJetbuilt) -> None:
    jb = make_jetbuilt(_answer(429, text="Retry later", headers={"Retry-After": "3"}))
    with pytest.raises(jbcrm.RateLimitError) as info:
        await jb.with_options(max_retries=0).projects.get(1)
    hint = info.value.hint or ""
    assert "wait `retry_after` seconds" in hint
    assert "rate_limit" in hint
    assert "redis_url" in hint
    assert "retried within" not in hint
    assert info.value.retry_after == 3
