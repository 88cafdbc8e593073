"""The package catalogue and online payment through the BFF, against the real services and a
payment provider on loopback speaking YooKassa's API v3: the admin sells from the catalogue, a
student pays online, and the provider's notifications (no session, no CSRF) credit exactly once."""

import asyncio
import uuid
from collections.abc import Callable
from typing import Any

import httpx

from ..platform import Browser, Platform

TEMPLATE = {"name": "Ten lessons", "lessons": 10, "valid_days": 90, "price_minor": 1_500_000}


async def new_template(admin: Browser, **fields: Any) -> dict[str, Any]:
    response = await admin.post(
        "/api/admin/package-templates", json={**TEMPLATE, "name": f"Ten {uuid.uuid4().hex[:6]}", **fields}
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


async def statement(student: Browser) -> tuple[int, list[tuple[str, int]]]:
    ledger = (await student.get("/api/student/ledger")).json()
    return ledger["balance"]["amount_minor"], sorted((e["kind"], e["amount_minor"]) for e in ledger["entries"])


async def webhook(bff: Any, body: dict[str, Any]) -> httpx.Response:
    """The provider calling: a bare client, no cookies, no CSRF header."""
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=bff), base_url="https://testserver") as http:
        return await http.post("/api/payments/webhooks/yookassa", json=body)


class TestCatalogue:
    async def test_admin_keeps_the_catalogue_and_students_see_what_is_on_sale(
        self, admin: Browser, register_student: Callable[..., Any]
    ) -> None:
        offer = await new_template(admin)
        retired = await new_template(admin, price_minor=10)
        archived = await admin.patch(f"/api/admin/package-templates/{retired['id']}", json={"archived": True})
        assert archived.status_code == 200
        assert archived.json()["archived"] is True
        edited = await admin.patch(f"/api/admin/package-templates/{offer['id']}", json={"lessons": 12})
        assert edited.json()["lessons"] == 12

        student, _ = await register_student()
        catalogue = (await student.get("/api/student/package-templates")).json()
        ids = {t["id"] for t in catalogue}
        assert offer["id"] in ids
        assert retired["id"] not in ids
        everything = (await admin.get("/api/admin/package-templates", params={"include_archived": "true"})).json()
        assert {offer["id"], retired["id"]} <= {t["id"] for t in everything}

        refused = await student.post("/api/admin/package-templates", json=TEMPLATE)
        assert refused.status_code == 403
        no_csrf = await admin.post("/api/admin/package-templates", json=TEMPLATE, csrf=False)
        assert no_csrf.status_code == 403
        bad = await admin.post("/api/admin/package-templates", json={**TEMPLATE, "lessons": 0})
        assert bad.status_code == 422
        assert bad.headers["content-type"].startswith("application/problem+json")

    async def test_desk_sale_records_package_and_payment_once_per_key(
        self, admin: Browser, register_student: Callable[..., Any]
    ) -> None:
        offer = await new_template(admin)
        student, user = await register_student()
        body = {"template_id": offer["id"], "payment_method": "card"}
        headers = {"Idempotency-Key": f"desk-{uuid.uuid4()}"}
        first = await admin.post(f"/api/admin/students/{user['id']}/package-sales", json=body, headers=headers)
        assert first.status_code == 201, first.text
        again = await admin.post(f"/api/admin/students/{user['id']}/package-sales", json=body, headers=headers)
        assert again.status_code == 200
        assert again.headers["Idempotent-Replayed"] == "true"
        assert again.json()["id"] == first.json()["id"]
        assert await statement(student) == (0, [("package_purchase", -1_500_000), ("payment", 1_500_000)])
        packages = (await student.get("/api/student/dashboard")).json()["packages"]
        assert [p["id"] for p in packages] == [first.json()["id"]]


class TestOnlinePayment:
    async def test_student_pays_online_and_notifications_credit_exactly_once(
        self, admin: Browser, register_student: Callable[..., Any], bff: Any, platform: Platform
    ) -> None:
        offer = await new_template(admin)
        student, _ = await register_student()
        key = {"Idempotency-Key": f"checkout-{uuid.uuid4()}"}
        started = await student.post("/api/student/packages/checkout", json={"template_id": offer["id"]}, headers=key)
        assert started.status_code == 201, started.text
        checkout = started.json()
        assert set(checkout) == {"payment_id", "confirmation_url"}
        replayed = await student.post("/api/student/packages/checkout", json={"template_id": offer["id"]}, headers=key)
        assert replayed.status_code == 200
        assert replayed.json() == checkout
        provider_id = checkout["confirmation_url"].rsplit("/", 1)[-1]
        sent = next(r for r in platform.payments.requests if r["idempotence_key"] == checkout["payment_id"])
        assert sent["body"]["confirmation"]["return_url"].endswith(
            f"/student/payments/return?payment_id={checkout['payment_id']}"
        )
        assert sent["body"]["receipt"]["items"][0]["vat_code"] == 1

        # Nothing is credited before the provider says the money arrived, whatever a caller claims.
        claimed = {"type": "notification", "event": "payment.succeeded", "object": {"id": provider_id}}
        assert (await webhook(bff, claimed)).json() == {"outcome": "unchanged"}
        forged = {"type": "notification", "event": "payment.succeeded", "object": {"id": str(uuid.uuid4())}}
        assert (await webhook(bff, forged)).json() == {"outcome": "unknown"}
        assert await statement(student) == (0, [])

        platform.payments.settle(provider_id, "succeeded")
        note = platform.payments.notification(provider_id)
        answers = await asyncio.gather(*(webhook(bff, note) for _ in range(5)))
        assert sorted(a.json()["outcome"] for a in answers) == ["credited"] + ["unchanged"] * 4
        assert (await webhook(bff, note)).json() == {"outcome": "unchanged"}

        assert await statement(student) == (0, [("package_purchase", -1_500_000), ("payment", 1_500_000)])
        status = (await student.get(f"/api/student/payments/{checkout['payment_id']}")).json()
        assert status["status"] == "succeeded"
        packages = (await student.get("/api/student/dashboard")).json()["packages"]
        assert [(p["id"], p["lessons_total"]) for p in packages] == [(status["package_id"], 10)]

    async def test_another_student_cannot_read_the_payment(
        self, admin: Browser, register_student: Callable[..., Any]
    ) -> None:
        offer = await new_template(admin)
        payer, _ = await register_student()
        started = await payer.post(
            "/api/student/packages/checkout",
            json={"template_id": offer["id"]},
            headers={"Idempotency-Key": f"checkout-{uuid.uuid4()}"},
        )
        other, _ = await register_student()
        response = await other.get(f"/api/student/payments/{started.json()['payment_id']}")
        assert response.status_code == 404
        assert response.json()["code"] == "online_payment_not_found"
        missing_key = await payer.post("/api/student/packages/checkout", json={"template_id": offer["id"]})
        assert missing_key.status_code == 422
