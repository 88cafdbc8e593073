"""The kit's one parser of other services' problem answers (RFC 9457)."""

import httpx
import pytest

from studio_kit.errors import Conflict, ServiceUnavailable
from studio_kit.http import DownstreamProblem, raise_for_problem


class SlotTaken(Conflict):
    code = "slot_taken"
    title = "The slot is taken"


def _answer(status: int, body: object = None, **headers: str) -> httpx.Response:
    if body is None:
        return httpx.Response(status, text="<html>bad gateway</html>", headers=headers)
    return httpx.Response(status, json=body, headers={"content-type": "application/problem+json", **headers})


def test_success_raises_nothing() -> None:
    raise_for_problem(_answer(201, {"id": 1}))


def test_a_known_code_becomes_the_callers_own_error() -> None:
    with pytest.raises(SlotTaken) as caught:
        raise_for_problem(
            _answer(409, {"code": "slot_taken", "detail": "Taken at 10:00."}), known={"slot_taken": SlotTaken}
        )
    assert caught.value.detail == "Taken at 10:00."


def test_an_unknown_problem_is_carried_as_it_came() -> None:
    body = {"type": "about:blank", "status": 422, "title": "Too long", "code": "name_too_long", "field": "name"}
    with pytest.raises(DownstreamProblem) as caught:
        raise_for_problem(_answer(429, body, **{"Retry-After": "30"}), service="students")
    problem = caught.value
    assert (problem.status, problem.code, problem.title, problem.service) == (
        429,
        "name_too_long",
        "Too long",
        "students",
    )
    assert problem.extra == {"field": "name"}
    assert problem.headers() == {"Retry-After": "30"}


def test_a_5xx_without_a_problem_is_service_unavailable() -> None:
    with pytest.raises(ServiceUnavailable) as caught:
        raise_for_problem(_answer(502), service="lessons")
    assert caught.value.extra["service"] == "lessons"


def test_a_503_with_its_own_code_keeps_it() -> None:
    with pytest.raises(DownstreamProblem) as caught:
        raise_for_problem(_answer(503, {"code": "payments_not_configured", "title": "Payments off"}))
    assert caught.value.code == "payments_not_configured"
