import uuid

import pytest
from sqlalchemy import text

STUDENTS_SERVICE = {"sub": "service:students-service", "scopes": ["auth:users:write", "auth:read"]}


class TestMe:
    async def test_me_needs_a_live_session(self, client, jwt_signer):
        # A well-signed token whose session auth-service never opened.
        response = await client.get("/users/me", headers=jwt_signer.headers("student"))
        assert response.status_code == 401
        assert response.json()["code"] == "session_ended"


class TestAdminUsers:
    async def test_admin_lists_searches_and_filters_users(self, client, jwt_signer, make_user):
        await make_user("anna@example.com", first_name="Anna")
        await make_user("boris@example.com", first_name="Boris", role="teacher")
        await make_user("carla@example.com", first_name="Carla", role="teacher")
        admin = jwt_signer.headers("admin")

        teachers = (await client.get("/users", params={"role": "teacher"}, headers=admin)).json()
        found = (await client.get("/users", params={"search": "BOR"}, headers=admin)).json()
        page = (await client.get("/users", params={"size": 2, "page": 2}, headers=admin)).json()
        wildcard = (await client.get("/users", params={"search": "%"}, headers=admin)).json()

        assert teachers["total"] == 2
        assert {item["first_name"] for item in teachers["items"]} == {"Boris", "Carla"}
        assert [item["email"] for item in found["items"]] == ["boris@example.com"]
        assert (page["total"], page["page"], page["size"], len(page["items"])) == (3, 2, 2, 1)
        assert wildcard["total"] == 0

    @pytest.mark.parametrize("role", ["teacher", "student", "service"])
    async def test_only_admins_manage_users(self, client, jwt_signer, make_user, role):
        user = await make_user("anna@example.com")
        headers = jwt_signer.headers(role, sub=user.id)

        assert (await client.get("/users", headers=headers)).status_code == 403
        patched = await client.patch(f"/users/{user.id}", json={"role": "admin"}, headers=headers)
        assert patched.status_code == 403

    async def test_changing_a_role_ends_the_old_roles_sessions(self, client, jwt_signer, make_user, api):
        user = await make_user("anna@example.com")
        session = await api.login_ok("anna@example.com")

        patched = await client.patch(f"/users/{user.id}", json={"role": "teacher"}, headers=jwt_signer.headers("admin"))

        assert patched.json()["role"] == "teacher"
        assert (await client.post("/auth/refresh", json={"refresh_token": session["refresh_token"]})).status_code == 401
        fresh = await api.login_ok("anna@example.com")
        assert fresh["user"]["role"] == "teacher"

    async def test_deactivation_publishes_user_deactivated(self, client, jwt_signer, make_user, outbox_events):
        user = await make_user("anna@example.com", role="teacher")

        await client.patch(f"/users/{user.id}", json={"is_active": False}, headers=jwt_signer.headers("admin"))
        await client.patch(f"/users/{user.id}", json={"is_active": False}, headers=jwt_signer.headers("admin"))

        events = await outbox_events("user.deactivated")
        assert [event["data"] for event in events] == [{"user_id": str(user.id), "role": "teacher"}]

    async def test_an_admin_cannot_lock_themself_out(self, client, jwt_signer, make_user):
        admin = await make_user("boss@example.com", role="admin")
        headers = jwt_signer.headers("admin", sub=admin.id)

        demote = await client.patch(f"/users/{admin.id}", json={"role": "student"}, headers=headers)
        deactivate = await client.patch(f"/users/{admin.id}", json={"is_active": False}, headers=headers)
        rename = await client.patch(f"/users/{admin.id}", json={"first_name": "Big Boss"}, headers=headers)

        assert demote.status_code == deactivate.status_code == 409
        assert demote.json()["code"] == "cannot_change_own_account"
        assert rename.json()["first_name"] == "Big Boss"

    async def test_unknown_user_is_404(self, client, jwt_signer):
        response = await client.patch(
            f"/users/{uuid.uuid4()}", json={"is_active": False}, headers=jwt_signer.headers("admin")
        )
        assert response.status_code == 404
        assert response.json()["code"] == "user_not_found"


class TestInternalUsers:
    async def test_a_service_creates_the_account_with_the_profile_id(self, client, jwt_signer, outbox_events):
        profile_id = uuid.uuid4()
        service = jwt_signer.headers("service", **STUDENTS_SERVICE)
        payload = {
            "id": str(profile_id),
            "email": "Lead@Example.com",
            "role": "student",
            "first_name": "Lena",
            "last_name": "Smirnova",
            "phone": "+7 912 345 67 89",
            "invite": True,
            "language": "ru",
        }

        created = await client.post("/internal/users", json=payload, headers=service)
        retried = await client.post("/internal/users", json=payload, headers=service)

        assert created.status_code == 201
        assert created.json()["id"] == str(profile_id)
        assert created.json()["email"] == "lead@example.com"
        assert retried.status_code == 200
        assert retried.json()["id"] == str(profile_id)
        [invite] = await outbox_events("user.invited")
        assert invite["data"]["user_id"] == str(profile_id)
        fetched = await client.get(f"/internal/users/{profile_id}", headers=service)
        assert fetched.json()["phone"] == "+79123456789"

    async def test_the_same_id_with_another_email_is_a_conflict(self, client, jwt_signer, make_user):
        user = await make_user("anna@example.com")
        response = await client.post(
            "/internal/users",
            json={"id": str(user.id), "email": "other@example.com", "role": "student", "first_name": "X"},
            headers=jwt_signer.headers("service", **STUDENTS_SERVICE),
        )
        assert response.status_code == 409
        assert response.json()["code"] == "user_id_taken"

    async def test_a_service_cannot_create_admins_but_an_admin_can(self, client, jwt_signer):
        payload = {"email": "root@example.com", "role": "admin", "first_name": "Root"}

        by_service = await client.post(
            "/internal/users", json=payload, headers=jwt_signer.headers("service", **STUDENTS_SERVICE)
        )
        by_admin = await client.post("/internal/users", json=payload, headers=jwt_signer.headers("admin"))

        assert by_service.status_code == 403
        assert by_admin.status_code == 201

    async def test_creating_users_needs_the_write_scope(self, client, jwt_signer):
        payload = {"email": "x@example.com", "role": "student", "first_name": "X"}
        reader = jwt_signer.headers("service", sub="service:bff-service", scopes=["auth:read"])
        student = jwt_signer.headers("student")

        assert (await client.post("/internal/users", json=payload, headers=reader)).status_code == 403
        assert (await client.post("/internal/users", json=payload, headers=student)).status_code == 403

    async def test_unknown_telegram_id_is_404(self, client, jwt_signer):
        reader = jwt_signer.headers("service", sub="service:tg-bot-service", scopes=["auth:read"])
        response = await client.get("/internal/users/by-telegram/123", headers=reader)
        assert response.status_code == 404

    async def test_internal_reads_are_not_for_users(self, client, jwt_signer, make_user):
        await make_user("anna@example.com", telegram_id=5)
        response = await client.get("/internal/users/by-telegram/5", headers=jwt_signer.headers("admin"))
        assert response.status_code == 403

    async def test_a_service_finds_an_existing_account_by_email(self, client, jwt_signer, make_user):
        user = await make_user("anna@example.com")
        reader = jwt_signer.headers("service", **STUDENTS_SERVICE)

        found = await client.get("/internal/users/by-email/ANNA@example.com", headers=reader)
        missing = await client.get("/internal/users/by-email/nobody@example.com", headers=reader)

        assert found.json()["id"] == str(user.id)
        assert missing.status_code == 404


class TestInternalLookupBounds:
    async def test_telegram_id_beyond_bigint_is_422_not_500(self, client, jwt_signer):
        headers = jwt_signer.headers("service", sub="service:tg-bot", scopes=["auth:read"])
        response = await client.get(f"/internal/users/by-telegram/{2**70}", headers=headers)
        assert response.status_code == 422
        assert response.headers["content-type"] == "application/problem+json"


class TestInvitations:
    async def _invite(self, client, jwt_signer, email="teacher@example.com"):
        response = await client.post(
            "/users/invitations",
            json={"email": email, "role": "teacher", "first_name": "Tanya"},
            headers=jwt_signer.headers("admin"),
        )
        assert response.status_code == 201, response.text
        return response.json()["user"]

    async def test_status_tells_pending_accepted_and_never_sent(self, client, jwt_signer, make_user, outbox_events):
        invited = await self._invite(client, jwt_signer)
        registered = await make_user("anna@example.com")
        silent = await make_user("silent@example.com", password=None)
        admin = jwt_signer.headers("admin")

        response = await client.get(
            "/users/invitation-status",
            params={"user_id": [invited["id"], str(registered.id), str(silent.id)]},
            headers=admin,
        )

        assert response.status_code == 200, response.text
        by_id = {item["user_id"]: item for item in response.json()}
        assert by_id[invited["id"]]["status"] == "pending"
        assert by_id[invited["id"]]["sent_at"] is not None
        assert by_id[str(registered.id)]["status"] == "accepted"
        assert by_id[str(silent.id)]["status"] == "not_sent"

        [event] = await outbox_events("user.invited")
        token = event["data"]["invite_url"].split("#", 1)[1]
        accepted = await client.post(
            "/auth/invitations/accept", json={"token": token, "password": "teaching since 2010"}
        )
        assert accepted.status_code == 200
        after = await client.get("/users/invitation-status", params={"user_id": invited["id"]}, headers=admin)
        assert after.json()[0]["status"] == "accepted"

    async def test_an_expired_invitation_reads_expired_and_a_resend_sends_a_fresh_link(
        self, client, jwt_signer, outbox_events, app
    ):
        invited = await self._invite(client, jwt_signer)
        async with app.state.database.engine.begin() as connection:
            await connection.execute(text("UPDATE one_time_token SET expires_at = now() - interval '1 second'"))
        admin = jwt_signer.headers("admin")
        before = await client.get("/users/invitation-status", params={"user_id": invited["id"]}, headers=admin)
        assert before.json()[0]["status"] == "expired"

        resent = await client.post(f"/users/{invited['id']}/invitation", headers=admin)

        assert resent.status_code == 200, resent.text
        assert resent.json()["status"] == "pending"
        first, second = await outbox_events("user.invited")
        assert first["data"]["invite_url"] != second["data"]["invite_url"]
        token = second["data"]["invite_url"].split("#", 1)[1]
        accepted = await client.post(
            "/auth/invitations/accept", json={"token": token, "password": "teaching since 2010"}
        )
        assert accepted.status_code == 200

    async def test_resending_to_someone_who_accepted_or_is_inactive_is_refused(
        self, client, jwt_signer, make_user, outbox_events
    ):
        registered = await make_user("anna@example.com", role="teacher")
        inactive = await make_user("gone@example.com", role="teacher", password=None, is_active=False)
        admin = jwt_signer.headers("admin")

        accepted = await client.post(f"/users/{registered.id}/invitation", headers=admin)
        disabled = await client.post(f"/users/{inactive.id}/invitation", headers=admin)
        missing = await client.post(f"/users/{uuid.uuid4()}/invitation", headers=admin)

        assert (accepted.status_code, accepted.json()["code"]) == (409, "invitation_already_accepted")
        assert (disabled.status_code, disabled.json()["code"]) == (409, "invitee_inactive")
        assert missing.status_code == 404
        assert await outbox_events("user.invited") == []

    @pytest.mark.parametrize("role", ["teacher", "student"])
    async def test_only_admins_read_or_resend(self, client, jwt_signer, make_user, role):
        user = await make_user("silent@example.com", password=None)
        headers = jwt_signer.headers(role)
        assert (
            await client.get("/users/invitation-status", params={"user_id": str(user.id)}, headers=headers)
        ).status_code == 403
        assert (await client.post(f"/users/{user.id}/invitation", headers=headers)).status_code == 403
