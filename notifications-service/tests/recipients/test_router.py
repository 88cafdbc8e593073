"""The internal upsert other services use to share contact details."""

import uuid

import httpx
from fastapi import FastAPI

from ..fakes import FakeSmsProvider
from ..helpers import publish, wait_for


class TestUpsert:
    async def test_service_with_scope_sets_details_that_delivery_then_uses(
        self, app: FastAPI, client: httpx.AsyncClient, jwt_signer, sms_provider: FakeSmsProvider
    ) -> None:
        user_id = uuid.uuid4()
        service = jwt_signer.headers("service", sub="service:students", scopes=["notifications:write"])
        body = {"phone": "+79990001122", "language": "en", "role": "student", "first_name": "Max"}
        saved = (await client.put(f"/internal/recipients/{user_id}", json=body, headers=service)).json()
        assert (saved["phone"], saved["language"], saved["email"]) == ("+79990001122", "en", None)
        partial = (
            await client.put(f"/internal/recipients/{user_id}", json={"email": "Max@Example.com"}, headers=service)
        ).json()
        assert (partial["email"], partial["phone"]) == ("max@example.com", "+79990001122")

        prefs = {"language": "en", "timezone": "UTC", "channels": {"billing": ["sms"]}}
        await client.put("/preferences/me", json=prefs, headers=jwt_signer.headers("student", sub=user_id))
        await publish(
            app,
            "balance.low",
            {"student_id": str(user_id), "balance_minor": 0, "threshold_minor": 100, "currency": "RUB"},
        )
        [sms] = await wait_for(lambda: _sent(sms_provider))
        assert sms == {"api_id": FakeSmsProvider.API_KEY, "to": "79990001122", "msg": "Low balance: ₽0", "json": "1"}

    async def test_needs_the_scope(self, client: httpx.AsyncClient, jwt_signer) -> None:
        url = f"/internal/recipients/{uuid.uuid4()}"
        no_scope = jwt_signer.headers("service", sub="service:bff", scopes=["other"])
        assert (await client.put(url, json={}, headers=no_scope)).status_code == 403
        assert (await client.put(url, json={}, headers=jwt_signer.headers("admin"))).status_code == 403
        bad = jwt_signer.headers("service", sub="service:students", scopes=["notifications:write"])
        response = await client.put(url, json={"phone": "12345"}, headers=bad)
        assert response.status_code == 422


async def _sent(provider: FakeSmsProvider) -> list:
    return list(provider.sent)
