"""The cheap reads a dashboard makes: the balance without the statement, only active packages."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conftest import Studio


async def test_the_balance_alone_equals_the_statements_total(studio: Studio) -> None:
    student = await studio.create_student()
    sid = student["id"]
    for key, amount in (("pay-dash-0001", 300000), ("pay-dash-0002", 125000)):
        paid = await studio.client.post(
            f"/students/{sid}/payments",
            json={"amount_minor": amount, "method": "card"},
            headers={**studio.admin, "Idempotency-Key": key},
        )
        assert paid.status_code == 201, paid.text
    balance = await studio.client.get(f"/students/{sid}/balance", headers=studio.student_headers(sid))
    assert balance.status_code == 200
    assert balance.json() == {"amount_minor": 425000, "currency": "RUB"}
    assert balance.json() == (await studio.ledger(sid))["balance"]
    stranger = await studio.client.get(f"/students/{sid}/balance", headers=studio.student_headers(uuid.uuid4()))
    assert stranger.status_code in (403, 404)


async def test_packages_can_be_asked_for_by_status(studio: Studio) -> None:
    student = await studio.create_student()
    sid = student["id"]
    today = datetime.now(UTC).date()
    bodies = [
        {"lessons": 4, "price_minor": 8000, "valid_from": (today - timedelta(days=1)).isoformat()},
        {"lessons": 4, "price_minor": 8000, "valid_from": (today - timedelta(days=1)).isoformat()},
    ]
    sold = []
    for body in bodies:
        response = await studio.client.post(
            f"/students/{sid}/packages",
            json={**body, "valid_until": (today + timedelta(days=40)).isoformat()},
            headers=studio.admin,
        )
        assert response.status_code == 201, response.text
        sold.append(response.json())
    until = (today + timedelta(days=7)).isoformat()
    frozen = await studio.client.post(f"/packages/{sold[1]['id']}/freeze", json={"until": until}, headers=studio.admin)
    assert frozen.status_code == 200, frozen.text
    every = (await studio.client.get(f"/students/{sid}/packages", headers=studio.admin)).json()
    active = (
        await studio.client.get(f"/students/{sid}/packages", params={"status": "active"}, headers=studio.admin)
    ).json()
    assert len(every) == 2
    assert [p["id"] for p in active] == [p["id"] for p in every if p["status"] == "active"]
    assert [p["id"] for p in active] == [sold[0]["id"]]
    only_frozen = await studio.client.get(
        f"/students/{sid}/packages", params={"status": "frozen"}, headers=studio.admin
    )
    assert [p["id"] for p in only_frozen.json()] == [sold[1]["id"]]
