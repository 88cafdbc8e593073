import httpx

from studio_kit.testing.helpers import JWTSigner


class TestRooms:
    async def test_admin_creates_rooms_everyone_lists_them(
        self, client: httpx.AsyncClient, admin: dict[str, str], jwt_signer: JWTSigner
    ) -> None:
        created = await client.post("/rooms", json={"name": "Oxford", "capacity": 6}, headers=admin)
        assert created.status_code == 201
        duplicate = await client.post("/rooms", json={"name": "oxford", "capacity": 2}, headers=admin)
        assert duplicate.status_code == 409
        assert duplicate.json()["code"] == "room_exists"
        teacher = jwt_signer.headers("teacher")
        assert (await client.post("/rooms", json={"name": "Bath", "capacity": 2}, headers=teacher)).status_code == 403
        listed = (await client.get("/rooms", headers=jwt_signer.headers("student"))).json()
        assert [(room["name"], room["capacity"]) for room in listed] == [("Oxford", 6)]
