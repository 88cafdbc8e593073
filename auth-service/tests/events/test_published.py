import asyncio
import json

import aio_pika


class TestPublishedEvents:
    async def test_an_invitation_reaches_the_broker_as_user_invited(self, client, jwt_signer, service_settings):
        connection = await aio_pika.connect_robust(service_settings.rabbitmq_url)
        try:
            channel = await connection.channel()
            exchange = await channel.declare_exchange(
                service_settings.events_exchange, aio_pika.ExchangeType.TOPIC, durable=True
            )
            queue = await channel.declare_queue("", exclusive=True, auto_delete=True)
            await queue.bind(exchange, routing_key="user.*")

            invited = await client.post(
                "/users/invitations",
                json={"email": "olga@example.com", "role": "teacher", "first_name": "Olga"},
                headers=jwt_signer.headers("admin"),
            )

            message = await wait_for_message(queue)
        finally:
            await connection.close()
        envelope = json.loads(message.body)
        assert message.routing_key == "user.invited"
        assert envelope["type"] == "user.invited"
        assert envelope["source"] == "auth-service"
        assert envelope["data"]["user_id"] == invited.json()["user"]["id"]
        assert set(envelope["data"]) == {
            "user_id",
            "email",
            "role",
            "first_name",
            "language",
            "invite_url",
            "expires_at",
        }


async def wait_for_message(queue, timeout: float = 10.0):
    deadline = asyncio.get_running_loop().time() + timeout
    while asyncio.get_running_loop().time() < deadline:
        message = await queue.get(no_ack=True, fail=False)
        if message is not None:
            return message
        await asyncio.sleep(0.1)
    raise AssertionError("no event arrived")
