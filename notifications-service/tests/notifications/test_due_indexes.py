"""The sender's and the reminder scanner's claims stay on their partial indexes under PostgreSQL's
generic plan (issue 19).

asyncpg prepares every statement and PostgreSQL may plan a prepared statement once for any
parameters after five runs. A generic plan cannot use a partial index whose predicate names
constants (`WHERE status IN ('pending', ...)`) when the statement sends those constants as
parameters: it then scans the whole table on every pass, and the table only grows. The booking
profile showed exactly that: 416 scans reading 285 792 notification rows in a 20 s level."""

from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import Select

from notifications_service.notifications.repository import CLAIM_DUE
from notifications_service.reminders.repository import CLAIM_DUE_REMINDERS
from studio_kit.testing.helpers import generic_plan


@pytest.mark.parametrize(
    ("statement", "index"),
    [(CLAIM_DUE, "ix_notification_due"), (CLAIM_DUE_REMINDERS, "ix_reminder_due")],
    ids=["notifications", "reminders"],
)
async def test_the_claim_uses_its_partial_index_under_a_generic_plan(
    app: FastAPI, statement: Select[Any], index: str
) -> None:
    values = {"now": datetime.now(UTC).isoformat(), "limit": 50}
    plan = await generic_plan(app.state.database.engine, statement.params(values), values)
    assert index in plan, plan
    assert "Seq Scan" not in plan, plan
