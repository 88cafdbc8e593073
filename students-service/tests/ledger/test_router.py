from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import httpx
from asgi_lifespan import LifespanManager

from students_service.ledger.schemas import describe_line
from students_service.main import create_app

if TYPE_CHECKING:
    from conftest import Studio


def keyed(studio: Studio, key: str) -> dict[str, str]:
    return {**studio.admin, "Idempotency-Key": key}


class TestPayments:
    async def test_replayed_payment_returns_the_same_entry_and_records_nothing_new(self, studio: Studio) -> None:
        student = await studio.create_student()
        url = f"/students/{student['id']}/payments"
        body = {"amount_minor": 300000, "method": "card", "comment": "October"}
        first = await studio.client.post(url, json=body, headers=keyed(studio, "pay-0001-abcdef"))
        second = await studio.client.post(url, json=body, headers=keyed(studio, "pay-0001-abcdef"))
        assert (first.status_code, second.status_code) == (201, 200)
        assert second.headers["Idempotent-Replayed"] == "true"
        assert first.json() == second.json()
        ledger = await studio.ledger(student["id"])
        assert ledger["balance"] == {"amount_minor": 300000, "currency": "RUB"}
        assert [(e["kind"], e["amount_minor"]) for e in ledger["entries"]] == [("payment", 300000)]
        recorded = await studio.outbox("payment.recorded")
        assert [(e["entry_id"], e["balance_minor"]) for e in recorded] == [(first.json()["id"], 300000)]

    async def test_same_key_with_a_different_body_is_refused(self, studio: Studio) -> None:
        student = await studio.create_student()
        url = f"/students/{student['id']}/payments"
        await studio.client.post(url, json={"amount_minor": 100, "method": "cash"}, headers=keyed(studio, "k-reuse-01"))
        response = await studio.client.post(
            url, json={"amount_minor": 999, "method": "cash"}, headers=keyed(studio, "k-reuse-01")
        )
        assert response.status_code == 422
        assert response.json()["code"] == "idempotency_key_reused"
        other = await studio.create_student(first_name="Other")
        elsewhere = await studio.client.post(
            f"/students/{other['id']}/payments",
            json={"amount_minor": 100, "method": "cash"},
            headers=keyed(studio, "k-reuse-01"),
        )
        assert elsewhere.json()["code"] == "idempotency_key_reused"
        assert await studio.balance(student["id"]) == 100
        assert await studio.balance(other["id"]) == 0

    async def test_payment_needs_an_idempotency_key_and_a_positive_amount(self, studio: Studio) -> None:
        student = await studio.create_student()
        url = f"/students/{student['id']}/payments"
        missing = await studio.client.post(url, json={"amount_minor": 100, "method": "cash"}, headers=studio.admin)
        assert (missing.status_code, missing.json()["code"]) == (400, "idempotency_key_required")
        negative = await studio.client.post(
            url, json={"amount_minor": -5, "method": "cash"}, headers=keyed(studio, "neg-key-0001")
        )
        assert negative.status_code == 422
        assert await studio.balance(student["id"]) == 0

    async def test_concurrent_retries_with_one_key_make_one_entry(self, studio: Studio, live_url: str) -> None:
        student = await studio.create_student()
        url = f"{live_url}/students/{student['id']}/payments"
        async with httpx.AsyncClient(timeout=30) as http:
            responses = await asyncio.gather(
                *(
                    http.post(
                        url, json={"amount_minor": 700, "method": "online"}, headers=keyed(studio, "race-key-001")
                    )
                    for _ in range(12)
                )
            )
        assert sorted(r.status_code for r in responses) == [200] * 11 + [201]
        assert len({r.json()["id"] for r in responses}) == 1
        assert await studio.balance(student["id"]) == 700

    async def test_only_admins_record_money(self, studio: Studio) -> None:
        student = await studio.create_student()
        url = f"/students/{student['id']}/payments"
        body = {"amount_minor": 100, "method": "cash"}
        own = await studio.client.post(
            url, json=body, headers={**studio.student_headers(student["id"]), "Idempotency-Key": "self-pay-001"}
        )
        assert own.status_code == 403
        for path in ("refunds", "adjustments"):
            response = await studio.client.post(
                f"/students/{student['id']}/{path}",
                json={"amount_minor": 100, "method": "cash", "comment": "x"},
                headers=studio.student_headers(student["id"]),
            )
            assert response.status_code == 403
        assert await studio.balance(student["id"]) == 0


class TestConcurrentCharges:
    async def test_parallel_adjustments_over_http_leave_the_balance_exact(self, studio: Studio, live_url: str) -> None:
        student = await studio.create_student()
        url = f"{live_url}/students/{student['id']}/adjustments"
        async with httpx.AsyncClient(timeout=30) as http:
            responses = await asyncio.gather(
                *(
                    http.post(url, json={"amount_minor": -(i + 1) * 10, "comment": f"fee {i}"}, headers=studio.admin)
                    for i in range(20)
                )
            )
        assert {r.status_code for r in responses} == {201}
        assert await studio.balance(student["id"]) == -sum((i + 1) * 10 for i in range(20))

    async def test_parallel_lesson_charges_leave_the_balance_exact_and_alert_once(self, studio: Studio) -> None:
        student = await studio.create_student()
        await asyncio.gather(*(studio.complete_lesson([(student["id"], "present", 1500)]) for _ in range(15)))
        ledger = await studio.ledger(student["id"])
        assert ledger["balance"]["amount_minor"] == -15 * 1500
        assert len([e for e in ledger["entries"] if e["kind"] == "lesson_charge"]) == 15
        assert len(await studio.outbox("balance.low")) == 1


class TestRefundsAndAdjustments:
    async def test_refund_lowers_and_adjustment_corrects_the_balance_with_explained_lines(self, studio: Studio) -> None:
        student = await studio.create_student()
        sid = student["id"]
        await studio.client.post(
            f"/students/{sid}/payments",
            json={"amount_minor": 10000, "method": "transfer"},
            headers=keyed(studio, "pay-refund-01"),
        )
        refund = await studio.client.post(
            f"/students/{sid}/refunds",
            json={"amount_minor": 4000, "method": "transfer", "comment": "moved away"},
            headers=studio.admin,
        )
        bonus = await studio.client.post(
            f"/students/{sid}/adjustments", json={"amount_minor": 500, "comment": "loyalty bonus"}, headers=studio.admin
        )
        assert (refund.json()["amount_minor"], bonus.json()["amount_minor"]) == (-4000, 500)
        ledger = await studio.ledger(sid)
        assert ledger["balance"]["amount_minor"] == 6500 == sum(e["amount_minor"] for e in ledger["entries"])
        assert "moved away" in refund.json()["description"]
        zero = await studio.client.post(
            f"/students/{sid}/adjustments", json={"amount_minor": 0, "comment": "x"}, headers=studio.admin
        )
        assert zero.status_code == 422


class TestBalanceLow:
    async def test_alert_fires_once_per_crossing_of_the_threshold(self, studio: Studio) -> None:
        student = await studio.create_student()
        sid = student["id"]
        await studio.complete_lesson([(sid, "present", 2000)])
        await studio.complete_lesson([(sid, "present", 2000)])
        alerts = await studio.outbox("balance.low")
        assert [(a["student_id"], a["balance_minor"], a["threshold_minor"]) for a in alerts] == [(sid, -2000, 0)]
        assert await studio.balance(sid) == -4000
        await studio.client.post(
            f"/students/{sid}/payments",
            json={"amount_minor": 6000, "method": "cash"},
            headers=keyed(studio, "pay-low-0001"),
        )
        await studio.complete_lesson([(sid, "present", 2000)])
        assert len(await studio.outbox("balance.low")) == 1, "balance is 0 again, not below the threshold"
        await studio.complete_lesson([(sid, "present", 2000)])
        alerts = await studio.outbox("balance.low")
        assert [a["balance_minor"] for a in alerts] == [-2000, -2000]


class TestLedgerAccess:
    async def test_student_reads_own_ledger_only_and_teachers_never(self, studio: Studio) -> None:
        me, other = await studio.create_student(), await studio.create_student(first_name="Other")
        headers = studio.student_headers(me["id"])
        own = await studio.client.get(f"/students/{me['id']}/ledger", headers=headers)
        assert own.json() == {
            "balance": {"amount_minor": 0, "currency": "RUB"},
            "entries": [],
            "makeup_credits": {"available": 0, "items": []},
        }
        assert (await studio.client.get(f"/students/{other['id']}/ledger", headers=headers)).status_code == 404
        teacher_id = uuid.uuid4()
        await studio.deliver(
            "lesson.scheduled",
            {"lesson_id": str(uuid.uuid4()), "teacher_id": str(teacher_id), "student_ids": [me["id"]]},
        )
        teacher = studio.teacher_headers(teacher_id)
        assert (await studio.client.get(f"/students/{me['id']}/ledger", headers=teacher)).status_code == 403


class TestConfiguredThreshold:
    async def test_alert_uses_the_configured_threshold(
        self, app: Any, service_settings: Any, make_studio: Callable[..., Studio]
    ) -> None:
        # `app` gives a clean, migrated database; a second app runs on it with another threshold.
        settings = service_settings.model_copy(update={"students_balance_low_threshold_minor": 1000})
        other = create_app(settings)
        async with (
            LifespanManager(other),
            httpx.AsyncClient(transport=httpx.ASGITransport(app=other), base_url="http://testserver") as http,
        ):
            studio = make_studio(other, http)
            sid = (await studio.create_student())["id"]
            url = f"/students/{sid}/adjustments"
            await http.post(url, json={"amount_minor": 1500, "comment": "credit"}, headers=studio.admin)
            await http.post(url, json={"amount_minor": -400, "comment": "fee"}, headers=studio.admin)
            assert await studio.outbox("balance.low") == []
            await http.post(url, json={"amount_minor": -200, "comment": "fee"}, headers=studio.admin)
            alerts = await studio.outbox("balance.low")
            assert [(a["balance_minor"], a["threshold_minor"]) for a in alerts] == [(900, 1000)]


class TestLedgerLinesAsCodes:
    async def test_every_line_carries_a_code_and_parameters_an_app_renders_in_its_language(
        self, studio: Studio
    ) -> None:
        student = await studio.create_student()
        sid = student["id"]
        await studio.client.post(
            f"/students/{sid}/payments",
            json={"amount_minor": 10000, "method": "card", "comment": "за декабрь"},
            headers=keyed(studio, "pay-codes-01"),
        )
        await studio.client.post(
            f"/students/{sid}/adjustments", json={"amount_minor": -500, "comment": "fee"}, headers=studio.admin
        )
        await studio.client.post(
            f"/students/{sid}/packages",
            json={"lessons": 8, "price_minor": 8000, "kind": "individual", "valid_until": "2027-04-04"},
            headers=studio.admin,
        )
        starts = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
        await studio.complete_lesson([(sid, "present", 1500)], kind="group", starts_at=starts)

        lines = {entry["code"]: entry["params"] for entry in (await studio.ledger(sid))["entries"]}

        assert lines == {
            "payment": {"method": "card", "comment": "за декабрь"},
            "adjustment": {"comment": "fee"},
            "package_purchase": {"lessons": 8, "package_kind": "individual", "valid_until": "2027-04-04"},
            "lesson_charge": {"lesson_kind": "group", "lesson_date": "2026-11-30"},
        }

    def test_a_late_cancel_a_package_payment_and_an_unknown_sentence(self) -> None:
        assert describe_line("late_cancel_charge", "Late cancellation: individual lesson on 2026-12-01") == (
            "late_cancel_charge",
            {"lesson_kind": "individual", "lesson_date": "2026-12-01"},
        )
        assert describe_line("payment", "Payment (online) for the package") == ("package_payment", {"method": "online"})
        assert describe_line("refund", "Refund (cash): moved: away") == (
            "refund",
            {"method": "cash", "comment": "moved: away"},
        )
        assert describe_line("payment", "Imported from the old system") == (
            "other",
            {"text": "Imported from the old system"},
        )
