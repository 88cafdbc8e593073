"""Online payment against a provider on loopback that speaks YooKassa's API v3: the checkout,
replayed keys, and notifications duplicated, out of order, concurrent and forged."""

from __future__ import annotations

import asyncio
import uuid
from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:
    from conftest import Studio

TEMPLATE = {"name": "Eight lessons", "lessons": 8, "valid_days": 60, "price_minor": 1_234_550}
RETURN_URL = "https://studio.example.com/student/payments/return"


async def template(studio: Studio, **fields: Any) -> dict[str, Any]:
    response = await studio.client.post("/package-templates", json={**TEMPLATE, **fields}, headers=studio.admin)
    assert response.status_code == 201, response.text
    return dict(response.json())


def relay(studio: Studio) -> dict[str, str]:
    """The BFF relaying a notification: a service principal allowed to write."""
    return studio.signer.headers("service", sub="bff-service", scopes=["students:write"])


async def checkout(studio: Studio, student_id: str, template_id: str, key: str) -> httpx.Response:
    return await studio.client.post(
        f"/students/{student_id}/checkout",
        json={"template_id": template_id, "return_url": RETURN_URL},
        headers={**studio.student_headers(student_id), "Idempotency-Key": key},
    )


async def notify(client: httpx.AsyncClient, studio: Studio, body: dict[str, Any]) -> httpx.Response:
    return await client.post("/payments/webhooks/yookassa", json=body, headers=relay(studio))


async def started(studio: Studio, provider: Any) -> tuple[dict[str, Any], dict[str, Any], str]:
    """A student with an e-mail who started paying for the template: (student, checkout, provider id)."""
    offer = await template(studio)
    student = await studio.create_student(email=f"s-{uuid.uuid4().hex[:8]}@example.com")
    response = await checkout(studio, student["id"], offer["id"], f"checkout-{uuid.uuid4()}")
    assert response.status_code == 201, response.text
    provider_id = response.json()["confirmation_url"].rsplit("/", 1)[-1]
    return student, response.json(), provider_id


async def money(studio: Studio, student_id: str) -> tuple[int, list[tuple[str, int]], list[dict[str, Any]]]:
    ledger = await studio.ledger(student_id)
    entries = sorted((e["kind"], e["amount_minor"]) for e in ledger["entries"])
    return ledger["balance"]["amount_minor"], entries, await studio.packages(student_id)


class TestCheckout:
    async def test_without_a_provider_checkout_answers_503_and_records_nothing(self, studio: Studio) -> None:
        offer = await template(studio)
        student = await studio.create_student(email="no-provider@example.com")
        response = await checkout(studio, student["id"], offer["id"], "checkout-no-provider")
        assert response.status_code == 503
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["code"] == "payments_not_configured"
        assert await money(studio, student["id"]) == (0, [], [])

    async def test_creates_the_payment_with_receipt_and_replays_the_key(self, studio: Studio, provider: Any) -> None:
        offer = await template(studio)
        student = await studio.create_student(email="payer@example.com")
        first = await checkout(studio, student["id"], offer["id"], "checkout-key-0001")
        assert first.status_code == 201, first.text
        body = first.json()
        assert body["status"] == "pending"
        assert body["confirmation_url"].startswith(f"{provider.url}/pay/")

        sent = provider.requests[0]
        assert sent["idempotence_key"] == body["payment_id"]
        assert sent["body"]["amount"] == {"value": "12345.50", "currency": "RUB"}
        assert sent["body"]["capture"] is True
        assert sent["body"]["confirmation"]["return_url"] == f"{RETURN_URL}?payment_id={body['payment_id']}"
        receipt = sent["body"]["receipt"]
        assert receipt["customer"] == {"email": "payer@example.com"}
        assert receipt["items"][0]["vat_code"] == 1
        assert receipt["items"][0]["amount"] == {"value": "12345.50", "currency": "RUB"}

        again = await checkout(studio, student["id"], offer["id"], "checkout-key-0001")
        assert again.status_code == 200
        assert again.headers["Idempotent-Replayed"] == "true"
        assert again.json() == body
        assert len(provider.payments) == 1
        # The same key for another package is a different request.
        other = await template(studio, name="Four lessons", lessons=4)
        reused = await checkout(studio, student["id"], other["id"], "checkout-key-0001")
        assert reused.status_code == 422
        assert reused.json()["code"] == "idempotency_key_reused"
        assert await money(studio, student["id"]) == (0, [], [])

    async def test_concurrent_retries_of_one_key_make_one_payment(
        self, studio: Studio, provider: Any, live_url: str
    ) -> None:
        offer = await template(studio)
        student = await studio.create_student(phone="+79161234567")
        headers = {**studio.student_headers(student["id"]), "Idempotency-Key": "checkout-concurrent-1"}
        body = {"template_id": offer["id"], "return_url": RETURN_URL}
        async with httpx.AsyncClient(base_url=live_url, timeout=30) as http:
            answers = await asyncio.gather(
                *(http.post(f"/students/{student['id']}/checkout", json=body, headers=headers) for _ in range(6))
            )
        assert sorted(a.status_code for a in answers) == [200] * 5 + [201], [a.text for a in answers]
        assert len({a.json()["payment_id"] for a in answers}) == 1
        assert len(provider.payments) == 1
        assert provider.requests[0]["body"]["receipt"]["customer"] == {"phone": "+79161234567"}

    async def test_a_student_pays_only_for_themself(self, studio: Studio, provider: Any) -> None:
        offer = await template(studio)
        student = await studio.create_student(email="owner@example.com")
        response = await studio.client.post(
            f"/students/{student['id']}/checkout",
            json={"template_id": offer["id"], "return_url": RETURN_URL},
            headers={**studio.student_headers(uuid.uuid4()), "Idempotency-Key": "checkout-not-mine"},
        )
        assert response.status_code in (403, 404)
        assert provider.payments == {}

    async def test_archived_or_unknown_package_is_refused(self, studio: Studio, provider: Any) -> None:
        offer = await template(studio)
        await studio.client.patch(f"/package-templates/{offer['id']}", json={"archived": True}, headers=studio.admin)
        student = await studio.create_student(email="late@example.com")
        archived = await checkout(studio, student["id"], offer["id"], "checkout-archived")
        assert archived.status_code == 409
        assert archived.json()["code"] == "package_template_archived"
        unknown = await checkout(studio, student["id"], str(uuid.uuid4()), "checkout-unknown")
        assert unknown.status_code == 404
        assert provider.payments == {}


class TestNotifications:
    async def test_duplicated_and_concurrent_notifications_credit_once(
        self, studio: Studio, provider: Any, live_url: str
    ) -> None:
        student, paid, provider_id = await started(studio, provider)
        provider.settle(provider_id, "succeeded")
        note = provider.notification(provider_id)
        async with httpx.AsyncClient(base_url=live_url, timeout=30) as http:
            answers = await asyncio.gather(*(notify(http, studio, note) for _ in range(8)))
            assert all(a.status_code == 200 for a in answers), [a.text for a in answers]
            assert sorted(a.json()["outcome"] for a in answers) == ["credited"] + ["unchanged"] * 7
            for _ in range(3):
                late = await notify(http, studio, note)
                assert late.json()["outcome"] == "unchanged"

        balance, entries, packages = await money(studio, student["id"])
        assert balance == 0
        assert entries == [("package_purchase", -1_234_550), ("payment", 1_234_550)]
        assert [(p["lessons_total"], p["status"]) for p in packages] == [(8, "active")]
        recorded = await studio.outbox("payment.recorded")
        assert [(e["method"], e["amount_minor"]) for e in recorded] == [("online", 1_234_550)]
        status = await studio.client.get(
            f"/students/{student['id']}/online-payments/{paid['payment_id']}",
            headers=studio.student_headers(student["id"]),
        )
        assert status.json()["status"] == "succeeded"
        assert status.json()["package_id"] == packages[0]["id"]

    async def test_out_of_order_notifications_follow_the_provider(self, studio: Studio, provider: Any) -> None:
        student, _, provider_id = await started(studio, provider)
        # A stale "canceled" notification arrives after the customer paid: the provider says succeeded.
        stale = {"type": "notification", "event": "payment.canceled", "object": {"id": provider_id}}
        provider.settle(provider_id, "succeeded")
        assert (await notify(studio.client, studio, stale)).json()["outcome"] == "credited"
        succeeded = provider.notification(provider_id)
        assert (await notify(studio.client, studio, succeeded)).json()["outcome"] == "unchanged"
        assert (await notify(studio.client, studio, stale)).json()["outcome"] == "unchanged"
        balance, entries, packages = await money(studio, student["id"])
        assert (balance, len(entries), len(packages)) == (0, 2, 1)

    async def test_a_canceled_payment_credits_nothing_even_if_a_success_is_claimed(
        self, studio: Studio, provider: Any
    ) -> None:
        student, paid, provider_id = await started(studio, provider)
        provider.settle(provider_id, "canceled")
        assert (await notify(studio.client, studio, provider.notification(provider_id))).json()["outcome"] == "canceled"
        claimed = {"type": "notification", "event": "payment.succeeded", "object": {"id": provider_id}}
        assert (await notify(studio.client, studio, claimed)).json()["outcome"] == "unchanged"
        assert await money(studio, student["id"]) == (0, [], [])
        status = await studio.client.get(
            f"/students/{student['id']}/online-payments/{paid['payment_id']}",
            headers=studio.student_headers(student["id"]),
        )
        assert status.json()["status"] == "canceled"
        assert status.json()["package_id"] is None

    async def test_a_forged_notification_credits_nothing(self, studio: Studio, provider: Any) -> None:
        student, _, provider_id = await started(studio, provider)
        for forged_id in (str(uuid.uuid4()), "not-a-provider-id", provider_id):
            forged = {
                "type": "notification",
                "event": "payment.succeeded",
                "object": {"id": forged_id, "status": "succeeded", "paid": True},
            }
            # The last one names a real payment the customer has not paid: the provider says pending.
            response = await notify(studio.client, studio, forged)
            assert response.status_code == 200
            assert response.json()["outcome"] in ("unknown", "unchanged")
        assert await money(studio, student["id"]) == (0, [], [])
        assert await studio.outbox("payment.recorded") == []

    async def test_only_a_service_relays_notifications(self, studio: Studio, provider: Any) -> None:
        student, _, provider_id = await started(studio, provider)
        provider.settle(provider_id, "succeeded")
        note = provider.notification(provider_id)
        as_student = await studio.client.post(
            "/payments/webhooks/yookassa", json=note, headers=studio.student_headers(student["id"])
        )
        assert as_student.status_code == 403
        anonymous = await studio.client.post("/payments/webhooks/yookassa", json=note)
        assert anonymous.status_code == 401
        assert await money(studio, student["id"]) == (0, [], [])

    async def test_without_a_provider_a_notification_is_refused(self, studio: Studio) -> None:
        body = {"type": "notification", "event": "payment.succeeded", "object": {"id": str(uuid.uuid4())}}
        response = await notify(studio.client, studio, body)
        assert response.status_code == 503
        assert response.json()["code"] == "payments_not_configured"


class TestStatus:
    async def test_a_paid_payment_is_credited_when_the_student_checks_before_the_notification(
        self, studio: Studio, provider: Any
    ) -> None:
        student, paid, provider_id = await started(studio, provider)
        url = f"/students/{student['id']}/online-payments/{paid['payment_id']}"
        mine = studio.student_headers(student["id"])
        assert (await studio.client.get(url, headers=mine)).json()["status"] == "pending"
        provider.settle(provider_id, "succeeded")
        checked = await studio.client.get(url, headers=mine)
        assert checked.json()["status"] == "succeeded"
        assert (await notify(studio.client, studio, provider.notification(provider_id))).json()[
            "outcome"
        ] == "unchanged"
        balance, entries, packages = await money(studio, student["id"])
        assert (balance, len(entries), len(packages)) == (0, 2, 1)
        other = await studio.client.get(url, headers=studio.student_headers(uuid.uuid4()))
        assert other.status_code in (403, 404)
