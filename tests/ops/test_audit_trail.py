"""The audit trail end to end (make test-ops, on the drill's restored platform): each kind of staff
write made through the public API appears once in GET /api/admin/audit, with the admin (or the
teacher) as actor and names beside the ids, newest first, and only admins read it."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from tests.e2e.conftest import E2E_PASSWORD, Browser, Services, demo_person, eventually
from tests.e2e.test_j3_admin import group_body
from tests.support.demo import ADMIN_EMAIL, DEMO_STUDENT_EMAIL, DEMO_TEACHER_EMAIL
from tests.support.platform import Platform


def trail(browser: Browser, **params: Any) -> list[dict[str, Any]]:
    response = browser.get("/api/admin/audit", params={"size": 200, **params})
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


def recorded(browser: Browser, target_id: str, action: str) -> list[dict[str, Any]]:
    """The entries of `action` on `target_id`, once notifications-service has gathered them."""
    return eventually(
        lambda: [item for item in trail(browser, target_id=target_id) if item["action"] == action],
        f"{action} on {target_id} in the audit trail",
    )


def once_by(browser: Browser, target_id: str, action: str, actor: dict[str, Any]) -> dict[str, Any]:
    """The one entry of `action` on `target_id`, made by `actor` (a logged-in user), with their name."""
    [entry] = recorded(browser, target_id, action)
    name = f"{actor['first_name']} {actor['last_name']}".strip()
    assert entry["actor"] == {"id": actor["id"], "role": actor["role"], "name": name}, entry
    return entry


def new_student(browser: Browser, tag: str) -> str:
    created = browser.post(
        "/api/admin/students",
        json={"first_name": "Audit", "last_name": f"Money{tag}", "email": f"m{tag}@e2e.demo.studio"},
    )
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


def free_slots(browser: Browser, teacher_id: str, days_ahead: int) -> list[dict[str, str]]:
    start = datetime.now(UTC) + timedelta(days=days_ahead)
    params = {"teacher_id": teacher_id, "from": start.isoformat(), "to": (start + timedelta(days=7)).isoformat()}
    slots = browser.get("/api/admin/slots", params={**params, "duration_minutes": 60})
    assert slots.status_code == 200, slots.text
    return list(slots.json())


class TestAuditTrail:
    def test_each_staff_write_appears_once_with_the_admin_as_actor(
        self, demo_studio: Platform, browser: Browser
    ) -> None:
        admin = browser.login(ADMIN_EMAIL)
        tag = uuid.uuid4().hex[:8]
        created = browser.post(
            "/api/admin/students",
            json={"first_name": "Audit", "last_name": f"Trail{tag}", "email": f"a{tag}@e2e.demo.studio"},
        )
        assert created.status_code == 201, created.text
        student_id = created.json()["id"]
        assert browser.patch(f"/api/admin/students/{student_id}", json={"level": "B1"}).status_code == 200
        payment = {"amount_minor": 123400, "method": "cash", "comment": "audit"}
        key = {"Idempotency-Key": f"audit-{tag}"}
        pay = f"/api/admin/students/{student_id}/payments"
        assert browser.post(pay, json=payment, headers=key).status_code == 201
        assert browser.post(pay, json=payment, headers=key).status_code in (200, 201)  # a replay: not a new write
        first = browser.post("/api/admin/groups", json=group_body(f"Audit A {tag}", demo_person(DEMO_TEACHER_EMAIL)))
        second = browser.post("/api/admin/groups", json=group_body(f"Audit B {tag}", demo_person(DEMO_TEACHER_EMAIL)))
        assert (first.status_code, second.status_code) == (201, 201), first.text + second.text
        first_id, second_id = first.json()["id"], second.json()["id"]
        assert browser.post(f"/api/admin/groups/{first_id}/members", json={"student_id": student_id}).status_code == 201
        moved = browser.post(f"/api/admin/groups/{first_id}/members/{student_id}/move", json={"to_group_id": second_id})
        assert moved.status_code == 200, moved.text
        teacher = browser.post(
            "/api/admin/teachers",
            json={
                "email": f"t{tag}@e2e.demo.studio",
                "first_name": "Audit",
                "last_name": f"Teacher{tag}",
                "timezone": "Europe/London",
                "levels": ["A2"],
            },
        )
        assert teacher.status_code == 201, teacher.text

        expected = {
            (student_id, "student.created"),
            (student_id, "student.updated"),
            (student_id, "payment.recorded"),
            (first_id, "group.created"),
            (second_id, "group.created"),
            (student_id, "group.member_added"),
            (student_id, "group.member_moved"),
            (teacher.json()["id"], "teacher.created"),
        }
        for target, action in sorted(expected):
            [entry] = recorded(browser, target, action)
            assert (entry["actor"]["id"], entry["actor"]["role"]) == (admin["id"], "admin"), entry
            assert entry["target"]["id"] == target
        [paid] = recorded(browser, student_id, "payment.recorded")
        assert paid["summary"]["amount_minor"] == 123400
        [move] = recorded(browser, student_id, "group.member_moved")
        assert move["summary"] == {"from_group_id": first_id, "to_group_id": second_id}
        on_student = trail(browser, target_id=student_id)
        assert [item["at"] for item in on_student] == sorted((item["at"] for item in on_student), reverse=True)
        assert trail(browser, target_id=student_id, action="payment.recorded", actor_id=str(uuid.uuid4())) == []

    def test_only_the_admin_reads_the_trail(self, demo_studio: Platform, browser: Browser) -> None:
        browser.login(DEMO_STUDENT_EMAIL)
        assert browser.get("/api/admin/audit").status_code == 403


class TestAuditTrailPerKindOfWrite:
    """One test per kind of staff write the issue lists; the others (payments, students, groups,
    teachers) are in TestAuditTrail above."""

    def test_refund_adjustment_and_a_package_sold_frozen_and_unfrozen(
        self, demo_studio: Platform, browser: Browser
    ) -> None:
        admin = browser.login(ADMIN_EMAIL)
        tag = uuid.uuid4().hex[:8]
        student_id = new_student(browser, tag)
        refund = browser.post(
            f"/api/admin/students/{student_id}/refunds",
            json={"amount_minor": 5000, "reason": "audit"},
            headers={"Idempotency-Key": f"audit-refund-{tag}"},
        )
        adjustment = browser.post(
            f"/api/admin/students/{student_id}/adjustments",
            json={"amount_minor": -700, "reason": "audit"},
            headers={"Idempotency-Key": f"audit-adjust-{tag}"},
        )
        assert (refund.status_code, adjustment.status_code) == (201, 201), refund.text + adjustment.text
        package = browser.post(
            f"/api/admin/students/{student_id}/packages",
            json={"lessons": 4, "price_minor": 400000, "valid_until": (date.today() + timedelta(days=60)).isoformat()},
        )
        assert package.status_code == 201, package.text
        package_path = f"/api/admin/students/{student_id}/packages/{package.json()['id']}"
        until = (date.today() + timedelta(days=10)).isoformat()
        assert browser.post(f"{package_path}/freeze", json={"until": until}).status_code == 200
        assert browser.post(f"{package_path}/unfreeze").status_code == 200

        refunded = once_by(browser, student_id, "refund.recorded", admin)
        assert refunded["target"] == {"type": "student", "id": student_id, "name": f"Audit Money{tag}"}
        assert once_by(browser, student_id, "adjustment.recorded", admin)["summary"]["amount_minor"] == -700
        assert once_by(browser, student_id, "package.sold", admin)["summary"]["lessons"] == 4
        assert once_by(browser, student_id, "package.frozen", admin)["summary"]["until"] == until
        once_by(browser, student_id, "package.unfrozen", admin)

    def test_prices_teacher_rates_payroll_paid_and_the_payroll_download(
        self, demo_studio: Platform, browser: Browser
    ) -> None:
        admin = browser.login(ADMIN_EMAIL)
        # A list from a far date on: nothing booked in this run is priced by it.
        items = [{"kind": "individual", "duration_minutes": 60, "amount_minor": 321000}]
        assert browser.put("/api/admin/prices", json={"items": items, "valid_from": "2031-01-01"}).status_code == 200
        tag = uuid.uuid4().hex[:8]
        created = browser.post(
            "/api/admin/teachers",
            json={
                "email": f"rate{tag}@e2e.demo.studio",
                "first_name": "Rate",
                "last_name": f"Audit{tag}",
                "timezone": "Europe/London",
                "levels": ["B1"],
            },
        )
        assert created.status_code == 201, created.text
        teacher = created.json()["id"]
        rate = browser.put(
            f"/api/admin/teachers/{teacher}/rate", json={"amount_minor": 150000, "valid_from": "2031-01-01"}
        )
        assert rate.status_code == 200, rate.text
        # A month of the far past nobody else downloads in this run: its target is the month.
        sheet = browser.get("/api/admin/payroll", params={"month": "2024-07", "format": "csv"})
        assert sheet.status_code == 200, sheet.text

        assert once_by(browser, "2031-01-01", "prices.changed", admin)["summary"]["items"] == items
        rated = once_by(browser, teacher, "rate.set", admin)
        assert rated["target"] == {"type": "teacher", "id": teacher, "name": f"Rate Audit{tag}"}
        assert rated["summary"]["amount_minor"] == 150000
        exported = once_by(browser, "2024-07", "export.downloaded", admin)
        assert exported["target"] == {"type": "payroll", "id": "2024-07", "name": None}
        assert (exported["summary"]["export"], exported["summary"]["format"]) == ("payroll", "csv")

    def test_a_front_desk_booking_moved_and_cancelled(self, demo_studio: Platform, browser: Browser) -> None:
        admin = browser.login(ADMIN_EMAIL)
        student_id = new_student(browser, uuid.uuid4().hex[:8])
        teacher = demo_person(DEMO_TEACHER_EMAIL)
        first, later = free_slots(browser, teacher, days_ahead=9)[:2]
        body = {
            "student_id": student_id,
            "teacher_id": teacher,
            "starts_at": first["starts_at"],
            "duration_minutes": 60,
        }
        key = {"Idempotency-Key": uuid.uuid4().hex}
        booked = browser.post("/api/admin/lessons", json=body, headers=key)
        assert booked.status_code == 201, booked.text
        assert browser.post("/api/admin/lessons", json=body, headers=key).status_code == 201  # a replay
        lesson_id = booked.json()["lesson"]["id"]
        moved = browser.post(f"/api/lessons/{lesson_id}/reschedule", json={"starts_at": later["starts_at"]})
        assert moved.status_code == 200, moved.text
        cancelled = browser.post(f"/api/lessons/{lesson_id}/cancel", json={"reason": "audit"})
        assert cancelled.status_code == 200, cancelled.text

        assert once_by(browser, lesson_id, "lesson.booked", admin)["summary"]["student_id"] == student_id
        assert once_by(browser, lesson_id, "lesson.moved", admin)["target"]["type"] == "lesson"
        assert once_by(browser, lesson_id, "lesson.cancelled", admin)["summary"]["reason"] == "audit"

    def test_the_teachers_attendance_and_completion(
        self, demo_studio: Platform, browser: Browser, services: Services
    ) -> None:
        teacher_id, teacher_email = services.new_teacher(group_rate_minor=120000)
        browser.login(ADMIN_EMAIL)
        student = new_student(browser, uuid.uuid4().hex[:8])  # the demo student may have a lesson now
        lesson = services.started_group_lesson(teacher_id, [student], starts_in=timedelta(seconds=12))
        teacher = browser.login(teacher_email, E2E_PASSWORD)
        time.sleep(max(0.0, (datetime.fromisoformat(lesson["starts_at"]) - datetime.now(UTC)).total_seconds() + 0.5))
        marks = {"topic": "Audit", "attendance": [{"student_id": student, "status": "present"}]}
        assert browser.put(f"/api/lessons/{lesson['id']}/attendance", json=marks).status_code == 200
        assert browser.post(f"/api/lessons/{lesson['id']}/complete").status_code == 200

        admin = Browser(demo_studio.base_url)
        try:
            admin.login(ADMIN_EMAIL)
            marked = once_by(admin, lesson["id"], "attendance.marked", teacher)
            assert marked["summary"]["attendance"] == {student: "present"}
            once_by(admin, lesson["id"], "lesson.completed", teacher)
        finally:
            admin.close()

    def test_a_lead_moved_through_the_funnel(self, demo_studio: Platform, browser: Browser) -> None:
        admin = browser.login(ADMIN_EMAIL)
        # A request taken at the desk, so the demo studio's own new leads stay for the journeys.
        created = browser.post(
            "/api/admin/leads",
            json={"first_name": "Audit", "phone": f"+7916{uuid.uuid4().int % 10**7:07d}", "source": "phone"},
        )
        assert created.status_code == 201, created.text
        lead_id = created.json()["id"]
        assert browser.patch(f"/api/admin/leads/{lead_id}", json={"status": "contacted"}).status_code == 200

        assert once_by(browser, lead_id, "lead.updated", admin)["target"]["type"] == "lead"

    def test_the_accountants_exports_downloaded(self, demo_studio: Platform, browser: Browser) -> None:
        admin = browser.login(ADMIN_EMAIL)
        # Each kind once, over a range nobody else exports in this run; attendance comes from
        # lessons-service, the other three from students-service.
        for kind, format in (("payments", "csv"), ("ledger", "xlsx"), ("students", "csv"), ("attendance", "csv")):
            sheet = browser.get(
                f"/api/admin/exports/{kind}", params={"from": "2019-03-01", "to": "2019-03-31", "format": format}
            )
            assert sheet.status_code == 200, sheet.text
            entry = once_by(browser, kind, "export.downloaded", admin)
            assert entry["target"]["type"] == "export"
            assert entry["summary"] == {"export": kind, "from": "2019-03-01", "to": "2019-03-31", "format": format}
        refused = browser.get("/api/admin/exports/payments", params={"from": "2019-04-30", "to": "2019-04-01"})
        assert refused.status_code == 400
        assert len(recorded(browser, "payments", "export.downloaded")) == 1  # a refused export is no download

    def test_accounts_invited_deactivated_and_a_role_changed(
        self, demo_studio: Platform, browser: Browser, services: Services
    ) -> None:
        admin = browser.login(ADMIN_EMAIL)
        tag = uuid.uuid4().hex[:8]
        created = browser.post(
            "/api/admin/teachers",
            json={
                "email": f"acct{tag}@e2e.demo.studio",
                "first_name": "Account",
                "last_name": f"Audit{tag}",
                "timezone": "Europe/London",
                "levels": ["B1"],
            },
        )
        assert created.status_code == 201, created.text
        teacher_id = created.json()["id"]
        assert browser.patch(f"/api/admin/teachers/{teacher_id}", json={"status": "inactive"}).status_code == 200
        # Roles are changed on auth-service's admin API (no web screen changes a role yet).
        invited = services.call(
            "POST",
            "auth",
            "/users/invitations",
            json={"email": f"role{tag}@e2e.demo.studio", "role": "student", "first_name": "Role"},
        )
        assert invited.status_code == 201, invited.text
        user_id = invited.json()["user"]["id"]
        assert services.call("PATCH", "auth", f"/users/{user_id}", json={"role": "teacher"}).status_code == 200

        account = once_by(browser, teacher_id, "user.created", admin)
        assert account["summary"] == {"email": f"acct{tag}@e2e.demo.studio", "role": "teacher", "invited": True}
        assert account["target"]["name"] == f"Account Audit{tag}"
        once_by(browser, teacher_id, "user.deactivated", admin)
        once_by(browser, user_id, "user.invited", admin)
        changed = once_by(browser, user_id, "user.role_changed", admin)
        assert (changed["summary"]["from"], changed["summary"]["to"]) == ("student", "teacher")

    def test_the_actor_filter_lists_staff_by_name(self, demo_studio: Platform, browser: Browser) -> None:
        admin = browser.login(ADMIN_EMAIL)
        actors = browser.get("/api/admin/audit/actors")
        assert actors.status_code == 200, actors.text
        people = {person["id"]: person for person in actors.json()}
        assert people[admin["id"]]["role"] == "admin"
        assert people[demo_person(DEMO_TEACHER_EMAIL)]["role"] == "teacher"
        assert all(person["name"] for person in people.values())
