import asyncio

import httpx
from sqlalchemy import text


async def refresh(client: httpx.AsyncClient, token: str) -> httpx.Response:
    return await client.post("/auth/refresh", json={"refresh_token": token})


class TestRefresh:
    async def test_refresh_rotates_the_token_and_keeps_the_session(self, api, make_user, client):
        await make_user("anna@example.com")
        first = await api.login_ok("anna@example.com")

        second = await refresh(client, first["refresh_token"])

        assert second.status_code == 200
        body = second.json()
        assert body["refresh_token"] != first["refresh_token"]
        assert body["user"]["email"] == "anna@example.com"
        sessions = (await client.get("/sessions", headers=api.bearer(body["access_token"]))).json()
        assert len(sessions) == 1
        assert sessions[0]["current"] is True

    async def test_reusing_a_spent_refresh_token_revokes_the_whole_family(self, api, make_user, client):
        await make_user("anna@example.com")
        first = await api.login_ok("anna@example.com")
        rotated = (await refresh(client, first["refresh_token"])).json()

        # An attacker replays the stolen, already-used token.
        replay = await refresh(client, first["refresh_token"])

        assert replay.status_code == 401
        assert replay.json()["code"] == "refresh_token_reused"
        # The legitimate holder's newer token dies with the family.
        legit = await refresh(client, rotated["refresh_token"])
        assert legit.status_code == 401
        assert legit.json()["code"] == "session_ended"
        me = await client.get("/users/me", headers=api.bearer(rotated["access_token"]))
        assert me.status_code == 401

    async def test_reuse_revokes_only_that_family(self, api, make_user, client):
        await make_user("anna@example.com")
        laptop = await api.login_ok("anna@example.com")
        phone = await api.login_ok("anna@example.com")
        await refresh(client, laptop["refresh_token"])
        await refresh(client, laptop["refresh_token"])

        assert (await refresh(client, phone["refresh_token"])).status_code == 200

    async def test_two_racing_refreshes_with_one_token_cannot_both_win(self, api, make_user, live_url):
        await make_user("anna@example.com")
        first = await api.login_ok("anna@example.com")

        async with httpx.AsyncClient(base_url=live_url) as http:
            results = await asyncio.gather(*(refresh(http, first["refresh_token"]) for _ in range(5)))

        # Row locking orders them: one rotation succeeds, every other caller looks like a replay.
        assert sorted(r.status_code for r in results) == [200, 401, 401, 401, 401]
        assert {r.json()["code"] for r in results if r.status_code == 401} == {"refresh_token_reused"}

    async def test_unknown_refresh_token_is_refused(self, client):
        response = await refresh(client, "made-up-token")
        assert response.status_code == 401
        assert response.json()["code"] == "invalid_refresh_token"

    async def test_session_has_an_absolute_expiry(self, app_factory, client_for, user_factory_for, password):
        async with app_factory(refresh_token_expire_days=1) as application:
            await user_factory_for(application)("anna@example.com")
            async with client_for(application) as client:
                login = await client.post("/auth/login", json={"email": "anna@example.com", "password": password})
                body = login.json()
                async with application.state.database.engine.begin() as connection:
                    await connection.execute(text("UPDATE auth_session SET expires_at = now() - interval '1 second'"))
                response = await refresh(client, body["refresh_token"])
                assert response.status_code == 401
                assert response.json()["code"] == "session_ended"


class TestDeactivation:
    async def test_deactivated_users_refresh_token_stops_working_at_once(self, api, make_user, client, jwt_signer):
        student = await make_user("anna@example.com")
        session = await api.login_ok("anna@example.com")
        admin = jwt_signer.headers("admin")

        patched = await client.patch(f"/users/{student.id}", json={"is_active": False}, headers=admin)

        assert patched.status_code == 200
        assert patched.json()["is_active"] is False
        response = await refresh(client, session["refresh_token"])
        assert response.status_code == 401
        assert (await api.login("anna@example.com")).status_code == 403


class TestLogout:
    async def test_logout_ends_the_session(self, api, make_user, client):
        await make_user("anna@example.com")
        session = await api.login_ok("anna@example.com")

        response = await client.post("/auth/logout", json={"refresh_token": session["refresh_token"]})

        assert response.status_code == 204
        assert (await refresh(client, session["refresh_token"])).status_code == 401
        assert (await client.get("/users/me", headers=api.bearer(session["access_token"]))).status_code == 401

    async def test_logout_with_an_unknown_token_is_harmless(self, client):
        assert (await client.post("/auth/logout", json={"refresh_token": "nope"})).status_code == 204


class TestOwnSessions:
    async def test_user_lists_and_revokes_their_own_sessions(self, api, make_user, client):
        await make_user("anna@example.com")
        laptop = await api.login_ok("anna@example.com", headers={"User-Agent": "Laptop browser"})
        phone = await api.login_ok("anna@example.com", headers={"User-Agent": "Phone browser"})

        listed = (await client.get("/sessions", headers=api.bearer(laptop["access_token"]))).json()
        assert {item["user_agent"] for item in listed} == {"Laptop browser", "Phone browser"}
        phone_session = next(item for item in listed if item["user_agent"] == "Phone browser")
        assert phone_session["current"] is False

        revoked = await client.delete(f"/sessions/{phone_session['id']}", headers=api.bearer(laptop["access_token"]))

        assert revoked.status_code == 204
        assert (await refresh(client, phone["refresh_token"])).status_code == 401
        remaining = (await client.get("/sessions", headers=api.bearer(laptop["access_token"]))).json()
        assert [item["user_agent"] for item in remaining] == ["Laptop browser"]

    async def test_cannot_revoke_someone_elses_session(self, api, make_user, client):
        await make_user("anna@example.com")
        await make_user("boris@example.com")
        anna = await api.login_ok("anna@example.com")
        boris = await api.login_ok("boris@example.com")
        boris_sessions = (await client.get("/sessions", headers=api.bearer(boris["access_token"]))).json()

        response = await client.delete(f"/sessions/{boris_sessions[0]['id']}", headers=api.bearer(anna["access_token"]))

        assert response.status_code == 404
        assert (await refresh(client, boris["refresh_token"])).status_code == 200

    async def test_log_out_everywhere_except_here(self, api, make_user, client):
        await make_user("anna@example.com")
        here = await api.login_ok("anna@example.com")
        elsewhere = await api.login_ok("anna@example.com")

        response = await client.delete("/sessions?except_current=true", headers=api.bearer(here["access_token"]))

        assert response.status_code == 204
        assert (await refresh(client, elsewhere["refresh_token"])).status_code == 401
        assert (await refresh(client, here["refresh_token"])).status_code == 200

    async def test_sessions_need_a_user_token(self, client, jwt_signer):
        assert (await client.get("/sessions")).status_code == 401
        service = jwt_signer.headers("service", sub="service:lessons", scopes=["auth:read"])
        assert (await client.get("/sessions", headers=service)).status_code == 401
