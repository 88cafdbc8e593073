import httpx

from studio_kit.testing import JWTSigner


class TestPolicy:
    async def test_every_role_reads_the_notice_the_service_enforces(
        self, client: httpx.AsyncClient, jwt_signer: JWTSigner
    ) -> None:
        for role in ("student", "teacher", "admin"):
            response = await client.get("/policy", headers=jwt_signer.headers(role))
            assert response.status_code == 200, response.text
            assert response.json() == {
                "cancel_notice_hours": 24,
                "currency": "RUB",
                "max_active_bookings": 10,
                "min_booking_notice_hours": 0,
            }

    async def test_anonymous_is_401(self, client: httpx.AsyncClient) -> None:
        assert (await client.get("/policy")).status_code == 401
