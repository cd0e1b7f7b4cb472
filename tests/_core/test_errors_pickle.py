"""Every jbcrm error survives pickling with its class, message and attributes, so that process
pools and task queues (Celery) report the error the worker raised."""

from __future__ import annotations

import multiprocessing
import pickle
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import pytest

import jbcrm
from jbcrm._core.errors import JBCRMError
from jbcrm._core.failures import with_cause
from jbcrm._core.redact import Redactor

SPAWN = multiprocessing.get_context("spawn")


def every_error_class() -> Iterator[type[JBCRMError]]:
    pending: list[type[JBCRMError]] = [JBCRMError]
    while pending:
        cls = pending.pop()
        yield cls
        pending.extend(cls.__subclasses__())


def example(cls: type[JBCRMError]) -> JBCRMError:
    """An instance of ``cls`` with every argument its constructor takes."""
    if issubclass(cls, jbcrm.APIError):
        return cls(
            "no way",
            status=404,
            method="GET",
            url="https://jb.test/api/x",
            body={"errors": {"name": ["taken"]}},
            hint="look again",
            attempts=3,
        )
    if issubclass(cls, jbcrm.APIConnectionError):
        return cls("reset", method="GET", url="https://jb.test/api/x", attempts=2, sent=False)
    if issubclass(cls, jbcrm.ResponseDecodeError):
        return cls("not JSON", status=200, method="GET", url="u", excerpt="<html>", hint="h")
    if issubclass(cls, jbcrm.CrossOriginError):
        return cls("not followed", method="GET", url="https://elsewhere.test/", status=301)
    return cls("something", hint="do this")


CLASSES = sorted(every_error_class(), key=lambda cls: cls.__name__)


def test_every_public_error_class_is_covered() -> None:
    public = {getattr(jbcrm.errors, name) for name in jbcrm.errors.__all__}
    assert public <= set(CLASSES)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_an_error_round_trips_through_pickle_with_its_attributes(cls: type[JBCRMError]) -> None:
    error = with_cause(example(cls), ValueError("inner"), Redactor())
    if isinstance(error, jbcrm.APIError):
        error.retry_after = 7.0
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is cls
    assert str(copy) == str(error)
    assert repr(copy) == repr(error)
    assert vars(copy) == vars(error)
    assert (copy.cause_type, copy.cause_message) == ("ValueError", "inner")


def test_unprocessable_entity_keeps_its_field_errors_after_pickling() -> None:
    error = example(jbcrm.UnprocessableEntityError)
    assert isinstance(error, jbcrm.UnprocessableEntityError)
    copy = pickle.loads(pickle.dumps(error))
    assert copy.field_errors == {"name": ["taken"]}


def _fail_in_worker(kind: str) -> Any:
    """Runs in another process."""
    if kind == "not-found":
        raise example(jbcrm.NotFoundError)
    raise example(jbcrm.RateLimitError)


def test_an_error_raised_in_a_process_pool_reaches_the_caller_as_itself() -> None:
    with ProcessPoolExecutor(max_workers=1, mp_context=SPAWN) as pool:
        future = pool.submit(_fail_in_worker, "not-found")
        with pytest.raises(jbcrm.NotFoundError) as caught:
            future.result(timeout=60)
    assert (caught.value.status, caught.value.attempts) == (404, 3)
    assert caught.value.body == {"errors": {"name": ["taken"]}}


def test_an_error_raised_in_a_multiprocessing_pool_is_returned_not_hung() -> None:
    with SPAWN.Pool(1) as pool:
        pending = pool.apply_async(_fail_in_worker, ("rate-limit",))
        with pytest.raises(jbcrm.RateLimitError) as caught:
            pending.get(timeout=60)
    assert caught.value.status == 404
