"""The audit screen's actor filter through the BFF: admins and teachers by name, from auth-service.
(The trail itself needs notifications-service's event consumer, which this platform does not run:
tests/ops/test_audit_trail.py covers the named entries end to end.)"""

from collections.abc import Callable
from typing import Any

from ..platform import Browser


class TestAuditTrail:
    async def test_the_actor_filter_lists_admins_and_teachers_by_name(
        self, admin: Browser, create_teacher: Callable[..., Any]
    ) -> None:
        _, teacher = await create_teacher(first_name="Zoya", last_name="Actor")

        response = await admin.get("/api/admin/audit/actors")

        assert response.status_code == 200, response.text
        people = response.json()
        assert {"id": teacher["id"], "name": "Zoya Actor", "role": "teacher"} in people
        assert [person["role"] for person in people] == sorted(person["role"] for person in people)
        assert any(person["role"] == "admin" for person in people)
