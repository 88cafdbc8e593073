import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta

import httpx
import pytest

from studio_kit.testing import JWTSigner

OpenTeacher = Callable[[str], Awaitable[None]]


def at(days: int, hour: int = 10) -> datetime:
    return datetime.now(UTC).replace(hour=hour, minute=0, second=0, microsecond=0) + timedelta(days=days)


@pytest.fixture
async def teacher(open_teacher: OpenTeacher) -> str:
    teacher_id = str(uuid.uuid4())
    await open_teacher(teacher_id)
    return teacher_id


def prices(*items: tuple[str, int, int], valid_from: date | None = None) -> dict[str, object]:
    body: dict[str, object] = {
        "items": [
            {"kind": kind, "duration_minutes": minutes, "amount_minor": amount} for kind, minutes, amount in items
        ]
    }
    if valid_from is not None:
        body["valid_from"] = valid_from.isoformat()
    return body


async def book(
    client: httpx.AsyncClient, jwt_signer: JWTSigner, teacher: str, starts_at: datetime, minutes: int
) -> httpx.Response:
    headers = {**jwt_signer.headers("student", sub=uuid.uuid4()), "Idempotency-Key": f"key-{uuid.uuid4()}"}
    body = {"teacher_id": teacher, "starts_at": starts_at.isoformat(), "duration_minutes": minutes}
    return await client.post("/lessons", json=body, headers=headers)


class TestPriceList:
    async def test_without_a_list_the_configured_defaults_apply(
        self, client: httpx.AsyncClient, admin: dict[str, str]
    ) -> None:
        response = await client.get("/prices", headers=admin)

        assert response.status_code == 200, response.text
        assert response.json()["items"] == []
        assert response.json()["defaults"] == {"individual": 200_000, "trial": 0}

    async def test_admin_sets_prices_and_everyone_reads_them(
        self, client: httpx.AsyncClient, admin: dict[str, str], jwt_signer: JWTSigner
    ) -> None:
        response = await client.put(
            "/prices", json=prices(("individual", 60, 250_000), ("individual", 45, 190_000)), headers=admin
        )
        assert response.status_code == 200, response.text

        read = await client.get("/prices", headers=jwt_signer.headers("student", sub=uuid.uuid4()))
        assert {(i["duration_minutes"], i["amount_minor"]) for i in read.json()["items"]} == {
            (45, 190_000),
            (60, 250_000),
        }

    async def test_only_admins_change_prices(self, client: httpx.AsyncClient, jwt_signer: JWTSigner) -> None:
        teacher = jwt_signer.headers("teacher", sub=uuid.uuid4())

        response = await client.put("/prices", json=prices(("individual", 60, 1)), headers=teacher)

        assert response.status_code == 403
        assert (await client.get("/prices", headers=teacher)).json()["items"] == []

    async def test_a_list_cannot_start_in_the_past(self, client: httpx.AsyncClient, admin: dict[str, str]) -> None:
        yesterday = date.today() - timedelta(days=2)

        response = await client.put("/prices", json=prices(("individual", 60, 1), valid_from=yesterday), headers=admin)

        assert response.status_code == 400
        assert response.json()["code"] == "valid_from_in_past"

    async def test_a_duplicated_duration_is_malformed(self, client: httpx.AsyncClient, admin: dict[str, str]) -> None:
        body = prices(("individual", 60, 1), ("individual", 60, 2))

        assert (await client.put("/prices", json=body, headers=admin)).status_code == 422

    async def test_a_future_list_applies_from_its_date(self, client: httpx.AsyncClient, admin: dict[str, str]) -> None:
        await client.put("/prices", json=prices(("individual", 60, 200_000)), headers=admin)
        later = date.today() + timedelta(days=10)
        await client.put("/prices", json=prices(("individual", 60, 260_000), valid_from=later), headers=admin)

        now = await client.get("/prices", headers=admin)
        then = await client.get("/prices", params={"on": later.isoformat()}, headers=admin)

        assert now.json()["items"][0]["amount_minor"] == 200_000
        assert then.json()["items"][0]["amount_minor"] == 260_000


class TestBookingChargesFromThePriceList:
    async def test_the_lesson_stores_the_price_of_its_kind_and_length(
        self, client: httpx.AsyncClient, admin: dict[str, str], jwt_signer: JWTSigner, teacher: str
    ) -> None:
        await client.put(
            "/prices", json=prices(("individual", 60, 250_000), ("individual", 90, 340_000)), headers=admin
        )

        long = await book(client, jwt_signer, teacher, at(days=3), 90)

        assert long.status_code == 201, long.text
        assert long.json()["price_minor"] == 340_000

    async def test_the_price_valid_on_the_lessons_date_applies(
        self, client: httpx.AsyncClient, admin: dict[str, str], jwt_signer: JWTSigner, teacher: str
    ) -> None:
        await client.put("/prices", json=prices(("individual", 60, 200_000)), headers=admin)
        rise = date.today() + timedelta(days=5)
        await client.put("/prices", json=prices(("individual", 60, 260_000), valid_from=rise), headers=admin)

        before = await book(client, jwt_signer, teacher, at(days=2), 60)
        after = await book(client, jwt_signer, teacher, at(days=8), 60)

        assert before.json()["price_minor"] == 200_000
        assert after.json()["price_minor"] == 260_000

    async def test_a_later_price_change_keeps_booked_lessons_price(
        self, client: httpx.AsyncClient, admin: dict[str, str], jwt_signer: JWTSigner, teacher: str
    ) -> None:
        await client.put("/prices", json=prices(("individual", 60, 200_000)), headers=admin)
        booked = (await book(client, jwt_signer, teacher, at(days=4), 60)).json()

        await client.put("/prices", json=prices(("individual", 60, 999_000)), headers=admin)
        read = await client.get(f"/lessons/{booked['id']}", headers=admin)

        assert read.json()["price_minor"] == 200_000

    async def test_an_unlisted_length_of_a_listed_kind_is_refused(
        self, client: httpx.AsyncClient, admin: dict[str, str], jwt_signer: JWTSigner, teacher: str
    ) -> None:
        await client.put("/prices", json=prices(("individual", 60, 200_000)), headers=admin)

        response = await book(client, jwt_signer, teacher, at(days=3), 45)

        assert response.status_code == 409
        assert response.json()["code"] == "duration_not_priced"
        assert (await client.get("/lessons", headers=admin)).json()["total"] == 0
