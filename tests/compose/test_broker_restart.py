"""The broker container restarts mid-run: what happened while it was down still arrives (the
transactional outbox keeps the event, the services reconnect), and the journeys after it pass."""

from __future__ import annotations

import time
import uuid

from tests.compose.conftest import ComposePlatform
from tests.e2e.conftest import Services, eventually
from tests.support.demo import SEED


def test_an_invitation_made_while_the_broker_is_down_is_delivered_after_it_returns(
    demo_studio: ComposePlatform, services: Services
) -> None:
    stopped = demo_studio.run("stop", "rabbitmq")
    assert stopped.returncode == 0, stopped.stderr
    try:
        email = f"broker-{uuid.uuid4().hex[:8]}@e2e.demo.studio"
        since = time.time() - 1
        invited = services.call(
            "POST",
            "auth",
            "/internal/users",
            json={"email": email, "role": "student", "first_name": "Ada", "last_name": "Byron", "invite": True},
        )
        assert invited.status_code == 201, invited.text
        time.sleep(3)  # the outbox relay tries, and fails, while the broker is down
        assert SEED.invitation_token(demo_studio.mail_dir, email, since) is None, "sent without the broker?"
    finally:
        started = demo_studio.run("start", "rabbitmq")
        assert started.returncode == 0, started.stderr
    demo_studio.wait_healthy()
    token = eventually(
        lambda: SEED.invitation_token(demo_studio.mail_dir, email, since), f"the invitation to {email}", timeout=120
    )
    assert len(token) > 20
