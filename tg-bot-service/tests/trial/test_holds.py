# The bot speaks Russian: Cyrillic letters that look Latin are intended.
"""The slot a prospect picks is held (issue 15): the bot asks the real lessons-service, which holds it
in the real calendary-service until the admin books the trial, so nobody else is offered it."""

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from studio_kit.testing import JWTSigner

from .test_router import expected_slots, moscow_label, walk_to_time


@pytest.fixture
async def calendary(calendary_url: str, jwt_signer: JWTSigner) -> AsyncIterator[httpx.AsyncClient]:
    headers = jwt_signer.headers("service", sub="service:lessons", scopes=["calendary:book", "calendary:read"])
    async with httpx.AsyncClient(base_url=calendary_url, headers=headers) as http:
        yield http


async def offered(calendary: httpx.AsyncClient, teacher: uuid.UUID, start: datetime) -> bool:
    params = {"from": start.isoformat(), "to": (start + timedelta(hours=1)).isoformat(), "duration_minutes": 60}
    response = await calendary.get(f"/teachers/{teacher}/slots", params=params)
    assert response.status_code == 200, response.text
    return bool(response.json())


class TestTrialSlotHeld:
    async def test_the_picked_slot_is_held_and_the_request_carries_the_hold(
        self,
        chat: Any,
        bot_with_holds: tuple[httpx.AsyncClient, str],
        calendary: httpx.AsyncClient,
        trial_teacher_id: uuid.UUID,
        event_tap: Any,
    ) -> None:
        chat.client = bot_with_holds[0]
        first = expected_slots()[0]
        tap = await event_tap("trial.requested")
        time_question = await walk_to_time(chat)
        hold_id = None
        try:
            summary = await chat.tap(chat.callback(time_question, moscow_label(first)))
            assert summary["text"].endswith(f"Время: {moscow_label(first)}")
            assert not await offered(calendary, trial_teacher_id, first), "the held slot is offered to nobody"

            await chat.tap(chat.callback(summary, "✅ Отправить заявку"))

            slot = (await tap.next())["data"]["preferred_slot"]
            hold_id = slot["hold_id"]
            event = (await calendary.get(f"/internal/events/{hold_id}")).json()
            assert (event["status"], event["kind"]) == ("held", "trial")
            assert datetime.fromisoformat(event["starts_at"]) == first
            held_until = datetime.fromisoformat(slot["held_until"])
            assert timedelta(hours=23) < held_until - datetime.now(UTC) <= timedelta(hours=24)
        finally:
            if hold_id:
                await calendary.post(f"/internal/events/{hold_id}/cancel")

    async def test_a_slot_taken_meanwhile_is_refused_and_the_others_offered_again(
        self,
        chat: Any,
        bot_with_holds: tuple[httpx.AsyncClient, str],
        calendary: httpx.AsyncClient,
        trial_teacher_id: uuid.UUID,
    ) -> None:
        chat.client = bot_with_holds[0]
        first, second = expected_slots()[:2]
        time_question = await walk_to_time(chat)
        # Someone books the first slot after the bot offered it.
        taken = await calendary.post(
            "/internal/holds",
            json={
                "teacher_id": str(trial_teacher_id),
                "starts_at": first.isoformat(),
                "ends_at": (first + timedelta(hours=1)).isoformat(),
                "kind": "individual",
                "hold_seconds": 600,
            },
            headers={"Idempotency-Key": uuid.uuid4().hex},
        )
        assert taken.status_code == 201, taken.text
        try:
            again = await chat.tap(chat.callback(time_question, moscow_label(first)))

            assert "Это время только что заняли" in chat.replies()[-2]
            labels = [label for row in chat.buttons(again) for label in row]
            assert moscow_label(first) not in labels
            assert moscow_label(second) in labels
        finally:
            await calendary.post(f"/internal/events/{taken.json()['id']}/cancel")
