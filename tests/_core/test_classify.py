"""How an answer becomes data or a typed error: the status boundary, errors inside 2xx bodies
(with the body, status and attempt they came from), and a redirect not followed."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

import jbcrm
from jbcrm._core.classify import check_response
from jbcrm._core.redact import Redactor
from jbcrm._core.responses import ResponseRules

URL = "https://api.example.test/things"


class ErrorsIn200(ResponseRules):
    def body_error(self, response: httpx.Response, data: Any) -> tuple[str, int] | None:
        if isinstance(data, dict) and data.get("error"):
            return str(data.get("message", "error")), 400
        return None


def _answer(status: int, **kwargs: Any) -> httpx.Response:
    return httpx.Response(status, request=httpx.Request("GET", URL), **kwargs)


def test_a_2xx_answer_is_its_json_and_300_is_already_an_error() -> None:
    assert check_response(
        _answer(299, json={"id": 1}), rules=ResponseRules(), redactor=Redactor()
    ) == {"id": 1}
    with pytest.raises(jbcrm.APIError) as caught:
        check_response(_answer(300, json={"id": 1}), rules=ResponseRules(), redactor=Redactor())
    assert caught.value.status == 300


def test_an_error_counts_one_attempt_unless_told_otherwise() -> None:
    with pytest.raises(jbcrm.InternalServerError) as caught:
        check_response(_answer(500, json={}), rules=ResponseRules(), redactor=Redactor())
    assert caught.value.attempts == 1
    with pytest.raises(jbcrm.InternalServerError) as caught:
        check_response(_answer(500, json={}), rules=ResponseRules(), redactor=Redactor(), attempt=3)
    assert caught.value.attempts == 3


def test_an_error_inside_a_200_body_keeps_that_body_its_status_and_the_attempt() -> None:
    body = {"error": True, "message": "Invalid JSON data"}
    with pytest.raises(jbcrm.BadRequestError) as caught:
        check_response(_answer(200, json=body), rules=ErrorsIn200(), redactor=Redactor(), attempt=3)
    assert caught.value.body == body
    assert caught.value.status == 400
    assert caught.value.attempts == 3
    assert "Invalid JSON data" in str(caught.value)


def test_a_redirect_not_followed_keeps_no_body_of_the_page_it_came_with() -> None:
    answer = _answer(302, headers={"Location": "/elsewhere"}, content=b"<html>moved</html>")
    with pytest.raises(jbcrm.APIError, match="redirected to /elsewhere; not followed") as caught:
        check_response(answer, rules=ResponseRules(), redactor=Redactor())
    assert caught.value.body is None
    assert caught.value.status == 302
