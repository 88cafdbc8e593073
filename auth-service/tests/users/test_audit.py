"""Admin writes on accounts leave one audit entry each (studio_kit.audit): an invitation, an
account created by an admin, a role change, a deactivation; a service's or a refused write none."""

import uuid

from sqlalchemy import select

from auth_service.database import audit_entries

STUDENTS_SERVICE = {"sub": "service:students-service", "scopes": ["auth:users:write", "auth:read"]}


async def entries(app):
    async with app.state.database.engine.connect() as connection:
        rows = await connection.execute(select(audit_entries).order_by(audit_entries.c.at))
        return [dict(row._mapping) for row in rows]


class TestAuditedAccountWrites:
    async def test_invite_create_role_change_and_deactivation_by_the_admin(self, app, client, jwt_signer, make_user):
        admin_id = uuid.uuid4()
        admin = jwt_signer.headers("admin", sub=admin_id)
        invited = await client.post(
            "/users/invitations",
            json={"email": "ivan@example.com", "role": "teacher", "first_name": "Ivan"},
            headers=admin,
        )
        assert invited.status_code == 201, invited.text
        created = await client.post(
            "/internal/users", json={"email": "root@example.com", "role": "admin", "first_name": "Root"}, headers=admin
        )
        assert created.status_code == 201, created.text
        user = await make_user("anna@example.com")
        promoted = await client.patch(f"/users/{user.id}", json={"role": "teacher"}, headers=admin)
        deactivated = await client.patch(f"/users/{user.id}", json={"is_active": False}, headers=admin)
        again = await client.patch(f"/users/{user.id}", json={"is_active": False}, headers=admin)
        assert (promoted.status_code, deactivated.status_code, again.status_code) == (200, 200, 200)

        trail = await entries(app)
        assert [(entry["action"], entry["target_id"]) for entry in trail] == [
            ("user.invited", invited.json()["user"]["id"]),
            ("user.created", created.json()["id"]),
            ("user.role_changed", str(user.id)),
            ("user.deactivated", str(user.id)),
        ]  # deactivating again changes nothing: no entry
        assert all((entry["actor_id"], entry["actor_role"]) == (str(admin_id), "admin") for entry in trail)
        assert trail[0]["summary"] == {"email": "ivan@example.com", "role": "teacher"}
        assert trail[2]["summary"] == {"from": "student", "to": "teacher", "changed": {"role": "teacher"}}

    async def test_a_service_creating_an_account_or_a_refused_change_leaves_no_entry(
        self, app, client, jwt_signer, make_user
    ):
        payload = {"email": "lena@example.com", "role": "student", "first_name": "Lena"}
        service = jwt_signer.headers("service", **STUDENTS_SERVICE)
        assert (await client.post("/internal/users", json=payload, headers=service)).status_code == 201
        admin = await make_user("boss@example.com", role="admin")
        own = await client.patch(
            f"/users/{admin.id}", json={"role": "student"}, headers=jwt_signer.headers("admin", sub=admin.id)
        )
        assert own.status_code >= 400
        assert await entries(app) == []
