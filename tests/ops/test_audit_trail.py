"""The audit trail end to end (make test-ops, on the drill's restored platform): each kind of staff
write made through the public API appears once in GET /api/admin/audit, with the admin as actor,
newest first, and only admins read it."""

from __future__ import annotations

import uuid
from typing import Any

from tests.e2e.conftest import Browser, demo_person, eventually
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
            assert entry["actor"] == {"id": admin["id"], "role": "admin"}, entry
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
