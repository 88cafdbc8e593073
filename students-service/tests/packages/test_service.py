from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from conftest import Studio

MOSCOW = ZoneInfo("Europe/Moscow")


def today() -> date:
    return datetime.now(MOSCOW).date()


async def sell(studio: Studio, student_id: str, **fields: Any) -> dict[str, Any]:
    # Valid since yesterday: the lessons these tests complete started two hours ago, which is
    # yesterday in Moscow shortly after midnight.
    body = {
        "lessons": 2,
        "price_minor": 8000,
        "valid_from": (today() - timedelta(days=1)).isoformat(),
        "valid_until": (today() + timedelta(days=30)).isoformat(),
        **fields,
    }
    response = await studio.client.post(f"/students/{student_id}/packages", json=body, headers=studio.admin)
    assert response.status_code == 201, response.text
    return dict(response.json())


class TestSale:
    async def test_sale_on_credit_debits_the_price_and_paid_sale_nets_to_zero(self, studio: Studio) -> None:
        on_credit, paid = await studio.create_student(), await studio.create_student(first_name="Paid")
        await sell(studio, on_credit["id"])
        await sell(studio, paid["id"], payment_method="card")
        credit_ledger = await studio.ledger(on_credit["id"])
        assert credit_ledger["balance"]["amount_minor"] == -8000
        assert [e["kind"] for e in credit_ledger["entries"]] == ["package_purchase"]
        paid_ledger = await studio.ledger(paid["id"])
        assert paid_ledger["balance"]["amount_minor"] == 0
        assert sorted(e["kind"] for e in paid_ledger["entries"]) == ["package_purchase", "payment"]
        assert [a["student_id"] for a in await studio.outbox("balance.low")] == [on_credit["id"]]
        assert [p["student_id"] for p in await studio.outbox("payment.recorded")] == [paid["id"]]

    async def test_sale_retried_with_its_key_creates_one_package(self, studio: Studio) -> None:
        student = await studio.create_student()
        body = {"lessons": 8, "price_minor": 32000, "valid_until": (today() + timedelta(days=60)).isoformat()}
        headers = {**studio.admin, "Idempotency-Key": "sale-key-0001"}
        url = f"/students/{student['id']}/packages"
        first = await studio.client.post(url, json=body, headers=headers)
        again = await studio.client.post(url, json=body, headers=headers)
        assert (first.status_code, again.status_code, again.json()["id"]) == (201, 200, first.json()["id"])
        assert len(await studio.packages(student["id"])) == 1
        assert await studio.balance(student["id"]) == -32000

    async def test_listing_shows_lessons_left_and_status(self, studio: Studio) -> None:
        student = await studio.create_student()
        package = await sell(studio, student["id"], lessons=4, kind="individual")
        assert (package["lessons_total"], package["lessons_left"], package["status"]) == (4, 4, "active")
        own = await studio.client.get(
            f"/students/{student['id']}/packages", headers=studio.student_headers(student["id"])
        )
        assert [p["id"] for p in own.json()] == [package["id"]]

    async def test_only_admins_sell_freeze_and_unfreeze(self, studio: Studio) -> None:
        student = await studio.create_student()
        package = await sell(studio, student["id"])
        me = studio.student_headers(student["id"])
        body = {"lessons": 1, "price_minor": 1, "valid_until": today().isoformat()}
        assert (
            await studio.client.post(f"/students/{student['id']}/packages", json=body, headers=me)
        ).status_code == 403
        until = (today() + timedelta(days=3)).isoformat()
        assert (
            await studio.client.post(f"/packages/{package['id']}/freeze", json={"until": until}, headers=me)
        ).status_code == 403
        assert (await studio.client.post(f"/packages/{package['id']}/unfreeze", headers=me)).status_code == 403


class TestSettlement:
    async def test_completed_lesson_uses_a_package_lesson_first_then_charges(self, studio: Studio) -> None:
        student = await studio.create_student()
        sid = student["id"]
        await sell(studio, sid, lessons=1, price_minor=0)
        await studio.complete_lesson([(sid, "present", 2500)])
        assert (await studio.packages(sid))[0]["status"] == "used_up"
        assert await studio.balance(sid) == 0
        await studio.complete_lesson([(sid, "late", 2500)])
        entries = (await studio.ledger(sid))["entries"]
        assert [(e["kind"], e["amount_minor"]) for e in entries] == [("lesson_charge", -2500)]

    async def test_redelivered_completion_changes_nothing_the_second_time(self, studio: Studio) -> None:
        with_package, without = await studio.create_student(), await studio.create_student(first_name="NoPkg")
        await sell(studio, with_package["id"], lessons=5, price_minor=0)
        lesson_id = uuid.uuid4()
        attendance = [(with_package["id"], "present", 2000), (without["id"], "absent", 2000)]
        await studio.complete_lesson(attendance, lesson_id=lesson_id, kind="group")
        # A fresh event id: the inbox cannot help, only the (lesson, student) keys can.
        await studio.complete_lesson(attendance, lesson_id=lesson_id, kind="group")
        assert (await studio.packages(with_package["id"]))[0]["lessons_used"] == 1
        assert [e["amount_minor"] for e in (await studio.ledger(without["id"]))["entries"]] == [-2000]

    async def test_the_same_event_delivered_twice_is_applied_once(self, studio: Studio) -> None:
        student = await studio.create_student()
        event_id = uuid.uuid4()
        data = {
            "lesson_id": str(uuid.uuid4()),
            "kind": "individual",
            "teacher_id": str(uuid.uuid4()),
            "starts_at": datetime.now(UTC).isoformat(),
            "attendance": [{"student_id": student["id"], "status": "present", "price_minor": 1000}],
        }
        assert await studio.deliver("lesson.completed", data, event_id) is True
        assert await studio.deliver("lesson.completed", data, event_id) is False
        assert await studio.balance(student["id"]) == -1000

    async def test_excused_absence_costs_nothing(self, studio: Studio) -> None:
        student = await studio.create_student()
        await sell(studio, student["id"], price_minor=0)
        await studio.complete_lesson([(student["id"], "excused", 2000)])
        assert (await studio.packages(student["id"]))[0]["lessons_used"] == 0
        assert await studio.balance(student["id"]) == 0

    async def test_expired_or_other_kind_packages_are_not_used(self, studio: Studio) -> None:
        student = await studio.create_student()
        sid = student["id"]
        await sell(
            studio,
            sid,
            price_minor=0,
            valid_from=(today() - timedelta(days=40)).isoformat(),
            valid_until=(today() - timedelta(days=10)).isoformat(),
        )
        await sell(studio, sid, price_minor=0, kind="group")
        packages = await studio.packages(sid)
        assert [p["status"] for p in packages] == ["expired", "active"]
        await studio.complete_lesson([(sid, "present", 3000)], kind="individual")
        assert [p["lessons_used"] for p in await studio.packages(sid)] == [0, 0]
        assert await studio.balance(sid) == -3000

    async def test_a_lesson_inside_the_old_validity_still_uses_the_expired_package(self, studio: Studio) -> None:
        student = await studio.create_student()
        sid = student["id"]
        await sell(
            studio,
            sid,
            price_minor=0,
            valid_from=(today() - timedelta(days=40)).isoformat(),
            valid_until=(today() - timedelta(days=10)).isoformat(),
        )
        lesson_time = datetime.combine(today() - timedelta(days=20), datetime.min.time(), MOSCOW) + timedelta(hours=12)
        await studio.complete_lesson([(sid, "present", 3000)], starts_at=lesson_time)
        assert (await studio.packages(sid))[0]["lessons_used"] == 1
        assert await studio.balance(sid) == 0

    async def test_oldest_valid_package_is_used_first(self, studio: Studio) -> None:
        student = await studio.create_student()
        older = await sell(studio, student["id"], price_minor=0)
        newer = await sell(studio, student["id"], price_minor=0)
        await studio.complete_lesson([(student["id"], "present", 1000)])
        used = {p["id"]: p["lessons_used"] for p in await studio.packages(student["id"])}
        assert used == {older["id"]: 1, newer["id"]: 0}

    async def test_late_cancel_uses_a_package_lesson_or_charges_the_late_fee(self, studio: Studio) -> None:
        with_package, without = await studio.create_student(), await studio.create_student(first_name="NoPkg")
        await sell(studio, with_package["id"], price_minor=0)
        data = {
            "lesson_id": str(uuid.uuid4()),
            "kind": "group",
            "teacher_id": str(uuid.uuid4()),
            "student_ids": [with_package["id"], without["id"]],
            "starts_at": datetime.now(UTC).isoformat(),
            "late_cancel": True,
            "cancelled_by": "student",
            "reason": None,
            "charges": [
                {"student_id": with_package["id"], "amount_minor": 1800},
                {"student_id": without["id"], "amount_minor": 1800},
            ],
        }
        await studio.deliver("lesson.cancelled", data)
        await studio.deliver("lesson.cancelled", data)
        assert (await studio.packages(with_package["id"]))[0]["lessons_used"] == 1
        entries = (await studio.ledger(without["id"]))["entries"]
        assert [(e["kind"], e["amount_minor"], e["lesson_id"]) for e in entries] == [
            ("late_cancel_charge", -1800, data["lesson_id"])
        ]

    async def test_timely_cancel_costs_nothing(self, studio: Studio) -> None:
        student = await studio.create_student()
        await studio.deliver(
            "lesson.cancelled",
            {
                "lesson_id": str(uuid.uuid4()),
                "kind": "individual",
                "starts_at": datetime.now(UTC).isoformat(),
                "late_cancel": False,
                "charges": [{"student_id": student["id"], "amount_minor": 1800}],
            },
        )
        assert await studio.balance(student["id"]) == 0


class TestFreeze:
    async def test_freeze_extends_validity_and_blocks_use_until_it_ends(self, studio: Studio) -> None:
        student = await studio.create_student()
        sid = student["id"]
        package = await sell(studio, sid, price_minor=0)
        frozen = await studio.client.post(
            f"/packages/{package['id']}/freeze",
            json={"until": (today() + timedelta(days=10)).isoformat()},
            headers=studio.admin,
        )
        assert frozen.json()["status"] == "frozen"
        assert date.fromisoformat(frozen.json()["valid_until"]) == today() + timedelta(days=40)
        during_freeze = datetime.combine(today() + timedelta(days=1), datetime.min.time(), MOSCOW) + timedelta(hours=12)
        await studio.complete_lesson([(sid, "present", 2000)], starts_at=during_freeze)
        assert (await studio.packages(sid))[0]["lessons_used"] == 0
        assert await studio.balance(sid) == -2000
        after_freeze = datetime.combine(today() + timedelta(days=12), datetime.min.time(), MOSCOW)
        await studio.complete_lesson([(sid, "present", 2000)], starts_at=after_freeze)
        assert (await studio.packages(sid))[0]["lessons_used"] == 1

    async def test_early_unfreeze_gives_back_only_the_days_actually_frozen(self, studio: Studio) -> None:
        student = await studio.create_student()
        package = await sell(studio, student["id"], price_minor=0)
        await studio.client.post(
            f"/packages/{package['id']}/freeze",
            json={"until": (today() + timedelta(days=10)).isoformat()},
            headers=studio.admin,
        )
        response = await studio.client.post(f"/packages/{package['id']}/unfreeze", headers=studio.admin)
        body = response.json()
        assert (body["status"], body["frozen_until"], body["valid_until"]) == ("active", None, package["valid_until"])

    async def test_freezing_needs_an_active_package_and_a_future_date(self, studio: Studio) -> None:
        student = await studio.create_student()
        package = await sell(studio, student["id"], price_minor=0)
        past = await studio.client.post(
            f"/packages/{package['id']}/freeze", json={"until": today().isoformat()}, headers=studio.admin
        )
        assert (past.status_code, past.json()["code"]) == (400, "invalid_freeze_period")
        not_frozen = await studio.client.post(f"/packages/{package['id']}/unfreeze", headers=studio.admin)
        assert (not_frozen.status_code, not_frozen.json()["code"]) == (409, "package_not_frozen")
        await studio.client.post(
            f"/packages/{package['id']}/freeze",
            json={"until": (today() + timedelta(days=5)).isoformat()},
            headers=studio.admin,
        )
        twice = await studio.client.post(
            f"/packages/{package['id']}/freeze",
            json={"until": (today() + timedelta(days=9)).isoformat()},
            headers=studio.admin,
        )
        assert (twice.status_code, twice.json()["code"]) == (409, "package_not_freezable")
        missing = await studio.client.post(f"/packages/{uuid.uuid4()}/unfreeze", headers=studio.admin)
        assert missing.status_code == 404
