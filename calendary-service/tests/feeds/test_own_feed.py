import asyncio
import uuid
from typing import Any

import httpx

from studio_kit.testing.helpers import JWTSigner

from .test_router import book, events_of


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


class TestOwnFeed:
    async def test_the_same_link_until_regenerated_and_none_after_revoking(
        self,
        client: httpx.AsyncClient,
        cal: Any,
        booker: dict[str, str],
        jwt_signer: JWTSigner,
        teacher_id: uuid.UUID,
    ) -> None:
        student = uuid.uuid4()
        mine = await book(client, cal, booker, teacher_id, str(student), 10)
        await book(client, cal, booker, teacher_id, str(uuid.uuid4()), 12)
        headers = jwt_signer.headers("student", sub=student)

        first = await client.get("/me/feed-token", headers=headers)
        again = await client.get("/me/feed-token", headers=headers)
        assert first.status_code == again.status_code == 200
        assert first.json()["url"] == again.json()["url"]
        feed = await client.get(path_of(first.json()["url"]))
        assert set(events_of(feed.content)) == {f"{mine['id']}@calendary.studio"}

        regenerated = await client.post("/me/feed-token", headers=headers)
        assert regenerated.status_code == 201
        assert regenerated.json()["url"] != first.json()["url"]
        assert (await client.get(path_of(first.json()["url"]))).status_code == 404
        assert (await client.get("/me/feed-token", headers=headers)).json()["url"] == regenerated.json()["url"]

        assert (await client.delete("/me/feed-token", headers=headers)).status_code == 204
        assert (await client.get(path_of(regenerated.json()["url"]))).status_code == 404

    async def test_an_admins_feed_is_the_whole_studio(
        self,
        client: httpx.AsyncClient,
        cal: Any,
        booker: dict[str, str],
        jwt_signer: JWTSigner,
        teacher_id: uuid.UUID,
    ) -> None:
        one = await book(client, cal, booker, teacher_id, str(uuid.uuid4()), 10)
        two = await book(client, cal, booker, teacher_id, str(uuid.uuid4()), 14)
        issued = await client.get("/me/feed-token", headers=jwt_signer.headers("admin", sub=uuid.uuid4()))
        feed = events_of((await client.get(path_of(issued.json()["url"]))).content)
        assert {f"{one['id']}@calendary.studio", f"{two['id']}@calendary.studio"} <= set(feed)

    async def test_concurrent_first_visits_get_one_link(self, client: httpx.AsyncClient, jwt_signer: JWTSigner) -> None:
        headers = jwt_signer.headers("teacher", sub=uuid.uuid4())
        answers = await asyncio.gather(*(client.get("/me/feed-token", headers=headers) for _ in range(6)))
        assert {response.status_code for response in answers} == {200}
        urls = {response.json()["url"] for response in answers}
        assert len(urls) == 1
        assert (await client.get(path_of(urls.pop()))).status_code == 200

    async def test_a_service_has_no_feed_of_its_own(self, client: httpx.AsyncClient, booker: dict[str, str]) -> None:
        assert (await client.get("/me/feed-token", headers=booker)).status_code == 403
