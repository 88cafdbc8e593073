"""The admin dashboard keeps cash received apart from lessons delivered, per month."""

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from bff_service.reference import service as reference_service

from ..money.test_router import eventually
from ..platform import Browser


class TestDashboardMoney:
    async def test_cash_received_is_reported_beside_lessons_delivered(
        self, admin: Browser, bff: Any, register_student: Callable[..., Any]
    ) -> None:
        _, student = await register_student()
        paid = await admin.post(
            f"/api/admin/students/{student['id']}/payments",
            json={"amount_minor": 432_100, "method": "transfer", "comment": "dashboard"},
            headers={"Idempotency-Key": uuid.uuid4().hex},
        )
        assert paid.status_code == 201, paid.text

        async def fresh_dashboard() -> dict[str, Any] | None:
            # Cached for a few seconds, and a busy machine may answer partially: ask again.
            await reference_service.invalidate(bff.state.redis, "admin-dashboard")
            body: dict[str, Any] = (await admin.get("/api/admin/dashboard")).json()
            return None if body["degraded"] else body

        body = await eventually(fresh_dashboard, timeout=60)
        assert body is not None
        this_month = datetime.now(UTC).strftime("%Y-%m")
        cash, delivered = body["cash_by_month"], body["revenue_by_month"]
        assert [m["month"] for m in cash] == [m["month"] for m in delivered]
        assert len(cash) == 6
        assert cash[-1]["month"] == this_month
        assert cash[-1]["amount_minor"] >= 432_100
