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
from sqlalchemy import Select, text

from notifications_service.notifications.repository import CLAIM_DUE
from notifications_service.reminders.repository import CLAIM_DUE_REMINDERS


async def generic_plan(app: FastAPI, statement: Select[Any], values: dict[str, Any]) -> str:
    """EXPLAIN of the statement as PostgreSQL plans it for any parameters."""
    async with app.state.database.engine.connect() as connection:
        compiled = statement.params(values).compile(
            dialect=connection.dialect, compile_kwargs={"render_postcompile": True}
        )
        names = list(compiled.positiontup or [])
        parameters = ", ".join(f"'{values[name]}'" for name in names)
        await connection.execute(text("SET plan_cache_mode = force_generic_plan"))
        await connection.exec_driver_sql(f"PREPARE claim AS {compiled}")
        try:
            rows = await connection.exec_driver_sql(f"EXPLAIN EXECUTE claim({parameters})")
            return "\n".join(row[0] for row in rows)
        finally:
            await connection.exec_driver_sql("DEALLOCATE claim")
            await connection.rollback()


@pytest.mark.parametrize(
    ("statement", "index"),
    [(CLAIM_DUE, "ix_notification_due"), (CLAIM_DUE_REMINDERS, "ix_reminder_due")],
    ids=["notifications", "reminders"],
)
async def test_the_claim_uses_its_partial_index_under_a_generic_plan(
    app: FastAPI, statement: Select[Any], index: str
) -> None:
    plan = await generic_plan(app, statement, {"now": datetime.now(UTC).isoformat(), "limit": 50})
    assert index in plan, plan
    assert "Seq Scan" not in plan, plan
