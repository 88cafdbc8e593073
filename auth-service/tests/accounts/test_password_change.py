"""Changing the password from a signed-in session, and the revocation event the BFF consumes."""

import jwt

NEW_PASSWORD = "a brand new passphrase 2026"


def session_id(access_token: str) -> str:
    return str(jwt.decode(access_token, options={"verify_signature": False})["sid"])


async def change(client, token: str, current: str, new: str = NEW_PASSWORD):
    return await client.post(
        "/auth/password",
        json={"current_password": current, "new_password": new},
        headers={"Authorization": f"Bearer {token}"},
    )


class TestChangePassword:
    async def test_the_new_password_works_and_every_other_session_ends(
        self, api, make_user, client, password, outbox_events
    ):
        user = await make_user("anna@example.com")
        laptop = await api.login_ok("anna@example.com")
        phone = await api.login_ok("anna@example.com")

        response = await change(client, laptop["access_token"], password)

        assert response.status_code == 204, response.text
        assert (await api.login("anna@example.com")).status_code == 401
        assert (await api.login("anna@example.com", NEW_PASSWORD)).status_code == 200
        # The phone's session is over; the laptop that changed it keeps going.
        phone_refresh = await client.post("/auth/refresh", json={"refresh_token": phone["refresh_token"]})
        assert phone_refresh.status_code == 401
        laptop_refresh = await client.post("/auth/refresh", json={"refresh_token": laptop["refresh_token"]})
        assert laptop_refresh.status_code == 200
        events = await outbox_events("user.sessions_revoked")
        assert [event["data"] for event in events] == [
            {
                "user_id": str(user.id),
                "reason": "password_changed",
                "kept_session_id": session_id(laptop["access_token"]),
            }
        ]

    async def test_a_wrong_current_password_changes_nothing(self, api, make_user, client, outbox_events):
        await make_user("anna@example.com")
        tokens = await api.login_ok("anna@example.com")

        response = await change(client, tokens["access_token"], "not my password")

        assert response.status_code == 400
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["code"] == "current_password_wrong"
        assert (await api.login("anna@example.com", NEW_PASSWORD)).status_code == 401
        assert await outbox_events("user.sessions_revoked") == []

    async def test_a_weak_or_unchanged_password_is_refused(self, api, make_user, client, password):
        await make_user("anna@example.com")
        tokens = await api.login_ok("anna@example.com")

        weak = await change(client, tokens["access_token"], password, "password")
        same = await change(client, tokens["access_token"], password, password)

        assert (weak.status_code, weak.json()["code"]) == (422, "weak_password")
        assert (same.status_code, same.json()["code"]) == (400, "password_unchanged")

    async def test_a_revoked_session_cannot_change_the_password(self, api, make_user, client, password):
        await make_user("anna@example.com")
        tokens = await api.login_ok("anna@example.com")
        await client.post("/auth/logout", json={"refresh_token": tokens["refresh_token"]})

        response = await change(client, tokens["access_token"], password)

        assert response.status_code == 401


class TestRevocationEvents:
    async def test_log_out_everywhere_reset_and_role_change_announce_the_revocation(
        self, api, make_user, client, outbox_events
    ):
        user = await make_user("anna@example.com")
        await make_user("boss@example.com", role="admin")
        tokens = await api.login_ok("anna@example.com")
        admin_tokens = await api.login_ok("boss@example.com")

        await client.delete("/sessions", headers=api.bearer(tokens["access_token"]))
        changed = await client.patch(
            f"/users/{user.id}", json={"role": "teacher"}, headers=api.bearer(admin_tokens["access_token"])
        )

        assert changed.status_code == 200
        reasons = [event["data"]["reason"] for event in await outbox_events("user.sessions_revoked")]
        assert reasons == ["user_revoked", "role_changed"]
        assert all(
            event["data"]["user_id"] == str(user.id) and event["data"]["kept_session_id"] is None
            for event in await outbox_events("user.sessions_revoked")
        )


class TestBootstrapAdminMustChangePassword:
    async def test_the_bootstrap_admin_is_flagged_until_the_password_changes(self, app_factory, client_for):
        settings = {
            "auth_bootstrap_admin_email": "owner@studio.example",
            "auth_bootstrap_admin_password": "owner's very own passphrase",
        }
        async with app_factory(**settings) as application, client_for(application) as client:
            first = await client.post(
                "/auth/login", json={"email": "owner@studio.example", "password": "owner's very own passphrase"}
            )
            token = first.json()["access_token"]
            changed = await change(client, token, "owner's very own passphrase")
            again = await client.post("/auth/login", json={"email": "owner@studio.example", "password": NEW_PASSWORD})

        assert first.json()["user"]["password_change_required"] is True
        assert changed.status_code == 204
        assert again.json()["user"]["password_change_required"] is False

    async def test_a_demo_studio_may_switch_it_off(self, app_factory, client_for):
        settings = {
            "auth_bootstrap_admin_email": "owner@studio.example",
            "auth_bootstrap_admin_password": "owner's very own passphrase",
            "auth_bootstrap_admin_must_change_password": False,
        }
        async with app_factory(**settings) as application, client_for(application) as client:
            first = await client.post(
                "/auth/login", json={"email": "owner@studio.example", "password": "owner's very own passphrase"}
            )
        assert first.json()["user"]["password_change_required"] is False
