"""Text and numbers no service can store are refused with 422, never a 500 from PostgreSQL."""

import json
from typing import Any

import httpx
import pytest


def control_character_error(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "validation_error"
    [error] = body["errors"]
    assert error["type"] == "control_character"
    return error


class TestTextGuard:
    @pytest.mark.parametrize("text", ["nul\u0000here", "bell\u0007", "c1\u0085x", "lone\ud800surrogate", "\ufffe"])
    async def test_json_text_with_control_characters_is_422_and_not_stored(
        self, client: httpx.AsyncClient, text: str
    ) -> None:
        before = (await client.get("/notes")).json()
        # ensure_ascii: the JSON carries `\u0000`-style escapes, as a hostile client sends them
        content = json.dumps({"text": text})
        error = control_character_error(
            await client.post("/notes", content=content, headers={"content-type": "application/json"})
        )
        assert error["loc"] == ["body", "text"]
        assert (await client.get("/notes")).json() == before

    async def test_nested_values_and_keys_are_checked(self, client: httpx.AsyncClient) -> None:
        error = control_character_error(await client.post("/notes", json={"text": "ok", "tags": [{"a": "x\u0000"}]}))
        assert error["loc"] == ["body", "tags", 0, "a"]
        control_character_error(await client.post("/notes", json={"text": "ok", "k\u0000": 1}))

    async def test_query_and_path_with_nul_are_422(self, client: httpx.AsyncClient) -> None:
        error = control_character_error(await client.get("/notes?search=%00"))
        assert error["loc"] == ["query", "search"]
        control_character_error(await client.get("/notes/%00"))

    async def test_line_breaks_and_tabs_pass_in_json(self, client: httpx.AsyncClient) -> None:
        response = await client.post("/notes", json={"text": "line one\nline\ttwo"})
        assert response.status_code == 201
        assert "line one\nline\ttwo" in (await client.get("/notes")).json()

    async def test_single_line_fields_refuse_line_breaks_multi_line_keep_them(self, client: httpx.AsyncClient) -> None:
        refused = await client.post("/letters", json={"subject": "two\nlines", "body": "x"})
        assert refused.status_code == 422
        assert refused.json()["errors"][0]["loc"] == ["body", "subject"]
        accepted = await client.post("/letters", json={"subject": "Hello", "body": "Dear you,\r\n\tbye"})
        assert accepted.status_code == 201
        assert accepted.json()["body"] == "Dear you,\n\tbye"


class TestBounds:
    async def test_enormous_page_number_is_422_not_500(self, client: httpx.AsyncClient) -> None:
        response = await client.get("/notes/paged", params={"page": 1152921504606846976, "size": 20})
        assert response.status_code == 422
        assert response.json()["code"] == "validation_error"
        assert (await client.get("/notes/paged", params={"page": 1, "size": 101})).status_code == 422
        assert (await client.get("/notes/paged", params={"page": 10_000, "size": 100})).json() == []

    async def test_a_number_postgres_cannot_hold_is_422_not_500(self, client: httpx.AsyncClient) -> None:
        response = await client.get("/echo-number", params={"value": 2**70})
        assert response.status_code == 422, response.text
        assert response.json()["code"] == "invalid_value"
        assert (await client.get("/echo-number", params={"value": 7})).json() == 7
