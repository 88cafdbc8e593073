"""The kit's one idempotency mechanism, on real PostgreSQL through a real server."""

import asyncio
import uuid
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import func, select, update

from studio_kit.idempotency import fingerprint
from studio_kit.testing import JWTSigner


def _headers(signer: JWTSigner, sub: str, key: str | None) -> dict[str, str]:
    headers = signer.headers("admin", sub)
    if key is not None:
        headers["Idempotency-Key"] = key
    return headers


async def _count_notes(app: Any, kit: Any, text: str) -> int:
    async with app.state.database.sessionmaker() as session:
        return int((await session.execute(select(func.count()).where(kit.note.c.text == text))).scalar_one())


async def test_a_replay_returns_the_first_result_and_writes_once(
    client: httpx.AsyncClient, app: Any, kit: Any, jwt_signer: JWTSigner
) -> None:
    sub, key = str(uuid.uuid4()), uuid.uuid4().hex
    first = await client.post("/idempotent-notes", json={"text": "once"}, headers=_headers(jwt_signer, sub, key))
    again = await client.post("/idempotent-notes", json={"text": "once"}, headers=_headers(jwt_signer, sub, key))
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert "idempotent-replayed" not in first.headers
    assert again.headers["idempotent-replayed"] == "true"
    assert await _count_notes(app, kit, "once") == 1


async def test_concurrent_retries_with_one_key_write_once(
    live_url: str, app: Any, kit: Any, jwt_signer: JWTSigner
) -> None:
    sub, key = str(uuid.uuid4()), uuid.uuid4().hex
    async with httpx.AsyncClient(base_url=live_url, timeout=30) as http:
        answers = await asyncio.gather(
            *(
                http.post("/idempotent-notes", json={"text": "raced"}, headers=_headers(jwt_signer, sub, key))
                for _ in range(8)
            )
        )
    assert [answer.status_code for answer in answers] == [201] * 8
    assert len({answer.json()["id"] for answer in answers}) == 1
    assert await _count_notes(app, kit, "raced") == 1


async def test_a_key_reused_for_another_request_is_422_and_writes_nothing(
    client: httpx.AsyncClient, app: Any, kit: Any, jwt_signer: JWTSigner
) -> None:
    sub, key = str(uuid.uuid4()), uuid.uuid4().hex
    assert (
        await client.post("/idempotent-notes", json={"text": "a"}, headers=_headers(jwt_signer, sub, key))
    ).is_success
    reused = await client.post("/idempotent-notes", json={"text": "b"}, headers=_headers(jwt_signer, sub, key))
    assert reused.status_code == 422
    assert reused.headers["content-type"].startswith("application/problem+json")
    assert reused.json()["code"] == "idempotency_key_reused"
    assert await _count_notes(app, kit, "b") == 0


async def test_keys_belong_to_their_principal(
    client: httpx.AsyncClient, app: Any, kit: Any, jwt_signer: JWTSigner
) -> None:
    key = uuid.uuid4().hex
    for text in ("mine", "yours"):
        answer = await client.post(
            "/idempotent-notes", json={"text": text}, headers=_headers(jwt_signer, str(uuid.uuid4()), key)
        )
        assert answer.status_code == 201, answer.text
    assert await _count_notes(app, kit, "mine") == await _count_notes(app, kit, "yours") == 1


async def test_a_failed_write_records_nothing_so_a_retry_runs_afresh(
    client: httpx.AsyncClient, app: Any, kit: Any, jwt_signer: JWTSigner
) -> None:
    sub, key = str(uuid.uuid4()), uuid.uuid4().hex
    failed = await client.post(
        "/idempotent-notes", json={"text": "retry", "fail": True}, headers=_headers(jwt_signer, sub, key)
    )
    assert failed.status_code == 409
    assert await _count_notes(app, kit, "retry") == 0
    # The same request again is evaluated afresh (and fails again, writing nothing).
    again = await client.post(
        "/idempotent-notes", json={"text": "retry", "fail": True}, headers=_headers(jwt_signer, sub, key)
    )
    assert again.status_code == 409
    assert await _count_notes(app, kit, "retry") == 0


async def test_keys_shorter_than_eight_characters_are_refused(client: httpx.AsyncClient, jwt_signer: JWTSigner) -> None:
    answer = await client.post(
        "/idempotent-notes", json={"text": "short"}, headers=_headers(jwt_signer, str(uuid.uuid4()), "abc")
    )
    assert answer.status_code == 422
    assert answer.headers["content-type"].startswith("application/problem+json")


async def test_without_a_key_every_request_writes(
    client: httpx.AsyncClient, app: Any, kit: Any, jwt_signer: JWTSigner
) -> None:
    sub = str(uuid.uuid4())
    for _ in range(2):
        assert (
            await client.post("/idempotent-notes", json={"text": "nokey"}, headers=_headers(jwt_signer, sub, None))
        ).is_success
    assert await _count_notes(app, kit, "nokey") == 2


async def test_purge_forgets_only_keys_past_the_window(
    client: httpx.AsyncClient, app: Any, kit: Any, jwt_signer: JWTSigner
) -> None:
    sub, old, fresh = str(uuid.uuid4()), uuid.uuid4().hex, uuid.uuid4().hex
    for key in (old, fresh):
        assert (
            await client.post("/idempotent-notes", json={"text": key}, headers=_headers(jwt_signer, sub, key))
        ).is_success
    table = kit.idempotency_table
    async with app.state.database.sessionmaker() as session, session.begin():
        await session.execute(
            update(table).where(table.c.idempotency_key == old).values(created_at=func.now() - timedelta(hours=49))
        )
        assert await kit.idempotency.purge(session, timedelta(hours=48)) == 1
    async with app.state.database.sessionmaker() as session:
        kept = set((await session.execute(select(table.c.idempotency_key))).scalars())
    assert kept == {fresh}


def test_fingerprint_depends_on_method_path_and_body_not_key_order() -> None:
    assert fingerprint("post", "/a", {"x": 1, "y": 2}) == fingerprint("POST", "/a", {"y": 2, "x": 1})
    assert fingerprint("POST", "/a", {"x": 1}) != fingerprint("POST", "/b", {"x": 1})
    assert fingerprint("POST", "/a", {"x": 1}) != fingerprint("POST", "/a", {"x": 2})
