"""The deadline's phases, moved along by httpcore's trace events, and the error it gives."""

from __future__ import annotations

import httpx

import jbcrm
from jbcrm._core.deadline import CONNECTING, READING, SENDING, STARTING, WAITING, Deadline, Phase
from jbcrm._core.failures import ErrorContext
from jbcrm._core.redact import Redactor
from tests.conftest import BASE_URL


async def test_a_traced_step_moves_the_phase_when_it_starts_and_not_when_it_completes() -> None:
    phase = Phase()
    assert phase.name == STARTING
    await phase("connection.connect_tcp.started", {})
    assert phase.name == CONNECTING
    assert phase.sent is False
    await phase("connection.connect_tcp.complete", {})
    assert phase.name == CONNECTING
    await phase("http11.send_request_headers.started", {})
    assert phase.name == SENDING
    assert phase.sent is True
    await phase("http11.receive_response_headers.complete", {})
    assert phase.name == SENDING
    await phase("http11.receive_response_headers.started", {})
    assert phase.name == WAITING
    await phase("http11.response_closed.started", {})
    assert phase.name == WAITING


def test_a_deadline_error_names_the_request_the_phase_and_what_to_do() -> None:
    request = httpx.Request("GET", f"{BASE_URL}/projects/5")
    context = ErrorContext(request, Redactor(), attempt=2)
    error = Deadline(0.5).error(context, READING, sent=True)
    assert isinstance(error, jbcrm.APITimeoutError)
    assert "deadline of 0.5 s ran out while reading the body" in str(error)
    assert (error.method, error.url) == ("GET", f"{BASE_URL}/projects/5")
    assert (error.phase, error.attempts, error.sent) == (READING, 2, True)
    assert error.hint is not None
    assert "with_options(deadline=" in error.hint
    assert "covers the limiter wait, every attempt and every retry" in error.hint
