import asyncio
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import text

REGISTRATION = {
    "email": "New.Student@Example.com",
    "password": "a long and unusual passphrase",
    "first_name": "Ivan",
    "last_name": "Petrov",
    "phone": "8 (912) 345-67-89",
    "timezone": "Asia/Yekaterinburg",
    "language": "en",
}


def token_from(url: str) -> str:
    return url.rsplit("#", 1)[1]


class TestRegister:
    async def test_student_registers_and_is_logged_in_at_once(self, client, api, outbox_events):
        response = await client.post("/auth/register", json=REGISTRATION)

        assert response.status_code == 201
        body = response.json()
        user = body["user"]
        assert user["email"] == "new.student@example.com"
        assert user["role"] == "student"
        assert user["phone"] == "+79123456789"
        assert user["timezone"] == "Asia/Yekaterinburg"
        assert user["email_verified"] is False
        me = await client.get("/users/me", headers=api.bearer(body["access_token"]))
        assert me.json()["id"] == user["id"]
        [verification] = await outbox_events("user.email_verification_requested")
        assert verification["data"]["user_id"] == user["id"]
        assert verification["data"]["email"] == "new.student@example.com"
        assert verification["data"]["language"] == "en"
        assert verification["data"]["verify_url"].startswith("http://localhost:8080/verify-email#")
        [registered] = await outbox_events("user.registered")
        assert registered["data"]["last_name"] == "Petrov"

    async def test_the_same_email_in_another_case_is_taken(self, client, make_user):
        await make_user("new.student@example.com")

        response = await client.post("/auth/register", json=REGISTRATION)

        assert response.status_code == 409
        assert response.json()["code"] == "email_taken"

    async def test_weak_passwords_are_refused_with_a_reason(self, client):
        for password, reason in (("short1", "too_short"), ("password123", "common"), ("x" * 129, "too_long")):
            response = await client.post("/auth/register", json={**REGISTRATION, "password": password})
            assert response.status_code == 422, password
            assert response.json()["code"] == "weak_password"
            assert response.json()["reason"] == reason

    async def test_a_password_equal_to_the_email_is_refused(self, client):
        response = await client.post("/auth/register", json={**REGISTRATION, "password": "new.student@example.com"})
        assert response.json()["code"] == "weak_password"

    async def test_malformed_fields_are_validation_errors(self, client):
        for field, value in (("email", "not-an-email"), ("phone", "12"), ("timezone", "Mars/Olympus")):
            response = await client.post("/auth/register", json={**REGISTRATION, field: value})
            assert response.status_code == 422, field
            assert response.json()["code"] == "validation_error"

    async def test_registration_is_throttled_per_client_address(self, app_factory, client_for):
        async with app_factory(sensitive_requests_per_window=2) as application, client_for(application) as client:
            statuses = []
            for n in range(3):
                response = await client.post(
                    "/auth/register",
                    json={**REGISTRATION, "email": f"s{n}@example.com"},
                    headers={"X-Forwarded-For": "203.0.113.9"},
                )
                statuses.append(response.status_code)
            assert statuses == [201, 201, 429]
            assert int(response.headers["Retry-After"]) > 0


class TestVerifyEmail:
    async def test_the_link_verifies_the_email_once(self, client, api, outbox_events):
        registered = (await client.post("/auth/register", json=REGISTRATION)).json()
        [event] = await outbox_events("user.email_verification_requested")
        token = token_from(event["data"]["verify_url"])

        verified = await client.post("/auth/verify-email", json={"token": token})
        again = await client.post("/auth/verify-email", json={"token": token})

        assert verified.status_code == 200
        assert verified.json()["email_verified"] is True
        assert again.status_code == 410
        assert again.json()["code"] == "link_invalid"
        me = await client.get("/users/me", headers=api.bearer(registered["access_token"]))
        assert me.json()["email_verified"] is True

    async def test_resend_replaces_the_old_link(self, client, api, outbox_events):
        registered = (await client.post("/auth/register", json=REGISTRATION)).json()

        resent = await client.post("/auth/verify-email/resend", headers=api.bearer(registered["access_token"]))

        assert resent.status_code == 202
        old, new = await outbox_events("user.email_verification_requested")
        old_link = await client.post("/auth/verify-email", json={"token": token_from(old["data"]["verify_url"])})
        new_link = await client.post("/auth/verify-email", json={"token": token_from(new["data"]["verify_url"])})
        assert old_link.status_code == 410
        assert new_link.status_code == 200


class TestInvitations:
    async def test_admin_invites_a_teacher_who_sets_a_password_and_is_logged_in(
        self, client, jwt_signer, outbox_events, api
    ):
        invited = await client.post(
            "/users/invitations",
            json={"email": "Teacher@Example.com", "role": "teacher", "first_name": "Olga", "language": "en"},
            headers=jwt_signer.headers("admin"),
        )
        assert invited.status_code == 201
        user_id = invited.json()["user"]["id"]
        [event] = await outbox_events("user.invited")
        assert event["data"]["user_id"] == user_id
        assert event["data"]["role"] == "teacher"
        assert event["data"]["first_name"] == "Olga"
        assert event["data"]["email"] == "teacher@example.com"
        assert event["data"]["invite_url"].startswith("http://localhost:8080/invite#")
        expires = datetime.fromisoformat(event["data"]["expires_at"])
        assert timedelta(hours=71) < expires - datetime.now(UTC) <= timedelta(hours=72)
        # Before accepting, the account has no password to guess.
        assert (await api.login("teacher@example.com", "any guess at all")).status_code == 401

        token = token_from(event["data"]["invite_url"])
        accepted = await client.post(
            "/auth/invitations/accept", json={"token": token, "password": "teaching english since 2010"}
        )

        assert accepted.status_code == 200
        assert accepted.json()["user"]["id"] == user_id
        assert accepted.json()["user"]["email_verified"] is True
        await api.login_ok("teacher@example.com", "teaching english since 2010")
        reuse = await client.post(
            "/auth/invitations/accept", json={"token": token, "password": "another fine password"}
        )
        assert reuse.status_code == 410

    async def test_an_expired_invitation_is_refused(self, client, jwt_signer, outbox_events, app):
        await client.post(
            "/users/invitations",
            json={"email": "late@example.com", "role": "student", "first_name": "Late"},
            headers=jwt_signer.headers("admin"),
        )
        [event] = await outbox_events("user.invited")
        async with app.state.database.engine.begin() as connection:
            await connection.execute(text("UPDATE one_time_token SET expires_at = now() - interval '1 second'"))

        response = await client.post(
            "/auth/invitations/accept",
            json={"token": token_from(event["data"]["invite_url"]), "password": "finally here to learn"},
        )

        assert response.status_code == 410

    async def test_only_admins_invite(self, client, jwt_signer):
        response = await client.post(
            "/users/invitations",
            json={"email": "x@example.com", "role": "admin", "first_name": "X"},
            headers=jwt_signer.headers("teacher"),
        )
        assert response.status_code == 403

    async def test_inviting_a_registered_email_is_a_conflict(self, client, jwt_signer, make_user):
        await make_user("anna@example.com")
        response = await client.post(
            "/users/invitations",
            json={"email": "anna@example.com", "role": "teacher", "first_name": "Anna"},
            headers=jwt_signer.headers("admin"),
        )
        assert response.status_code == 409


class TestPasswordReset:
    async def test_reset_sets_a_new_password_and_ends_every_session(self, client, make_user, api, outbox_events):
        user = await make_user("anna@example.com", language="en")
        session = await api.login_ok("anna@example.com")

        requested = await client.post("/auth/password-reset/request", json={"email": "ANNA@example.com"})

        assert requested.status_code == 202
        [event] = await outbox_events("user.password_reset_requested")
        assert event["data"]["user_id"] == str(user.id)
        assert event["data"]["language"] == "en"
        assert event["data"]["reset_url"].startswith("http://localhost:8080/reset-password#")
        token = token_from(event["data"]["reset_url"])

        confirmed = await client.post(
            "/auth/password-reset/confirm", json={"token": token, "password": "my brand new passphrase"}
        )

        assert confirmed.status_code == 204
        refreshed = await client.post("/auth/refresh", json={"refresh_token": session["refresh_token"]})
        assert refreshed.status_code == 401
        assert (await api.login("anna@example.com")).status_code == 401
        await api.login_ok("anna@example.com", "my brand new passphrase")
        again = await client.post(
            "/auth/password-reset/confirm", json={"token": token, "password": "yet another passphrase"}
        )
        assert again.status_code == 410

    async def test_unknown_email_gets_the_same_answer_and_no_mail(self, client, outbox_events):
        response = await client.post("/auth/password-reset/request", json={"email": "nobody@example.com"})

        assert response.status_code == 202
        assert await outbox_events("user.password_reset_requested") == []

    async def test_repeated_requests_send_one_mail_a_minute(self, client, make_user, outbox_events):
        await make_user("anna@example.com")
        for _ in range(3):
            response = await client.post("/auth/password-reset/request", json={"email": "anna@example.com"})
            assert response.status_code == 202
        assert len(await outbox_events("user.password_reset_requested")) == 1

    async def test_a_weak_new_password_is_refused_and_the_link_stays_usable(self, client, make_user, outbox_events):
        await make_user("anna@example.com")
        await client.post("/auth/password-reset/request", json={"email": "anna@example.com"})
        [event] = await outbox_events("user.password_reset_requested")
        token = token_from(event["data"]["reset_url"])

        weak = await client.post("/auth/password-reset/confirm", json={"token": token, "password": "qwerty123"})
        strong = await client.post(
            "/auth/password-reset/confirm", json={"token": token, "password": "much better phrase"}
        )

        assert weak.status_code == 422
        assert strong.status_code == 204


class TestConcurrentRegistration:
    async def test_racing_sign_ups_with_one_email_create_one_account(self, app, live_url, outbox_events):
        async with httpx.AsyncClient(base_url=live_url) as http:
            responses = await asyncio.gather(
                *(
                    http.post(
                        "/auth/register",
                        json={**REGISTRATION, "email": f"Race@{'Example' if n % 2 else 'example'}.com"},
                        headers={"X-Forwarded-For": f"198.51.100.{n}"},
                    )
                    for n in range(5)
                )
            )

        assert sorted(r.status_code for r in responses) == [201, 409, 409, 409, 409]
        assert {r.json()["code"] for r in responses if r.status_code == 409} == {"email_taken"}
        assert len(await outbox_events("user.registered")) == 1
