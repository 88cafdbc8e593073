"""The expiry worker's scan of open offers stays on its partial index under a generic plan
(issue 19, ADR 0276): with 'offered' sent as a parameter it read every waitlist entry ever made."""

from datetime import UTC, datetime

from fastapi import FastAPI

from groups_service.membership.repository import LAPSED_OFFER_GROUPS
from studio_kit.testing.helpers import generic_plan


async def test_the_lapsed_offers_scan_uses_the_open_offers_index(app: FastAPI) -> None:
    values = {"now": datetime.now(UTC).isoformat(), "status_1": "offered"}  # the status as a parameter, were it one
    plan = await generic_plan(app.state.database.engine, LAPSED_OFFER_GROUPS.params(values), values)
    assert "ix_group_waitlist_entry_offer_expiry" in plan, plan
    assert "Seq Scan" not in plan, plan
