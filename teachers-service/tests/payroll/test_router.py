import uuid

import httpx
import pytest

from studio_kit.testing.helpers import JWTSigner


@pytest.mark.parametrize("month", ["0000-01", "9999-12", "2026-13", "26-11"])
async def test_a_month_outside_the_calendar_is_a_validation_error(
    client: httpx.AsyncClient, jwt_signer: JWTSigner, month: str
) -> None:
    teacher = uuid.uuid4()
    response = await client.get(
        f"/teachers/{teacher}/payroll", params={"month": month}, headers=jwt_signer.headers("admin")
    )
    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"


async def test_a_real_month_answers(client: httpx.AsyncClient, jwt_signer: JWTSigner) -> None:
    teacher = uuid.uuid4()
    response = await client.get(
        f"/teachers/{teacher}/payroll", params={"month": "2026-11"}, headers=jwt_signer.headers("admin")
    )
    assert response.status_code == 200, response.text
    assert response.json()["lines"] == []
