"""What the alert rules read (monitoring/prometheus/alerts.yml): messages the sender gave up on, the
dead-letter queue's depth and the outbox's oldest unpublished event, each on /metrics at scrape time."""

import httpx
from fastapi import FastAPI
from prometheus_client.parser import text_string_to_metric_families

from notifications_service.notifications.models import Notification

from ..fakes import FakeSmtp
from ..helpers import add_recipient, notifications, publish, wait_for


async def scrape(client: httpx.AsyncClient) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    text = (await client.get("/metrics")).text
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(samples: dict, name: str, **labels: str) -> float:
    matches = [v for (n, lbls), v in samples.items() if n == name and labels.items() <= dict(lbls).items()]
    assert len(matches) == 1, f"{name}{labels}: {matches}"
    return matches[0]


class TestDeliveryMetrics:
    async def test_a_message_given_up_shows_as_dead_on_its_channel(
        self, app: FastAPI, client: httpx.AsyncClient, smtp_server: FakeSmtp
    ) -> None:
        before = await scrape(client)
        assert value(before, "notification_deliveries", channel="email", status="dead") == 0
        smtp_server.fail_next(100)
        student = await add_recipient(app, email="bounced@example.com", language="en")
        payload = {"student_id": str(student), "balance_minor": 100, "threshold_minor": 1000, "currency": "RUB"}
        await publish(app, "balance.low", payload)

        async def dead() -> list[Notification]:
            return [n for n in await notifications(app) if n.status == "dead"]

        await wait_for(dead)
        smtp_server.fail_next(0)
        after = await scrape(client)
        assert value(after, "notification_deliveries", channel="email", status="dead") == 1
        assert value(after, "notification_deliveries", channel="sms", status="dead") == 0

    async def test_outbox_age_and_dead_letter_depth_are_read_at_scrape_time(self, client: httpx.AsyncClient) -> None:
        samples = await scrape(client)
        # Nothing waits: the relay has published everything and nothing was dead-lettered.
        assert value(samples, "outbox_oldest_pending_age_seconds", service="notifications-service") == 0
        assert value(samples, "consumer_dead_letter_messages", service="notifications-service") == 0
