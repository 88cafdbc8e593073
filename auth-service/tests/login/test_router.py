import asyncio
import uuid

import httpx
import jwt


class TestLogin:
    async def test_password_login_returns_a_session_and_a_verifiable_access_token(self, api, make_user, client):
        user = await make_user("Anna@Example.com", role="teacher")

        body = await api.login_ok("anna@EXAMPLE.com")

        assert body["token_type"] == "Bearer"
        assert body["expires_in"] == 15 * 60
        assert body["user"]["id"] == str(user.id)
        assert body["user"]["email"] == "anna@example.com"
        assert body["user"]["role"] == "teacher"
        assert body["refresh_token"]
        header = jwt.get_unverified_header(body["access_token"])
        assert header["alg"] == "EdDSA"
        assert header["kid"]
        jwks = (await client.get("/.well-known/jwks.json")).json()
        key = jwt.PyJWK(next(k for k in jwks["keys"] if k["kid"] == header["kid"]))
        claims = jwt.decode(body["access_token"], key, algorithms=["EdDSA"], audience="studio", issuer="studio-auth")
        assert claims["sub"] == str(user.id)
        assert claims["role"] == "teacher"
        assert uuid.UUID(claims["sid"])
        assert claims["exp"] - claims["iat"] == 15 * 60
        me = await client.get("/users/me", headers=api.bearer(body["access_token"]))
        assert me.json()["email"] == "anna@example.com"

    async def test_wrong_password_and_unknown_email_look_the_same(self, api, make_user):
        await make_user("anna@example.com")

        wrong = await api.login("anna@example.com", "not the password at all")
        unknown = await api.login("nobody@example.com", "not the password at all")

        assert wrong.status_code == unknown.status_code == 401
        assert wrong.json()["code"] == unknown.json()["code"] == "invalid_credentials"
        assert wrong.headers["content-type"] == "application/problem+json"

    async def test_deactivated_account_cannot_log_in(self, api, make_user, app):
        await make_user("gone@example.com", is_active=False)
        response = await api.login("gone@example.com")
        assert response.status_code == 403
        assert response.json()["code"] == "account_disabled"


class TestLockout:
    async def test_account_locks_after_repeated_failures_and_releases_after_its_window(
        self, app_factory, client_for, user_factory_for, password
    ):
        async with app_factory(login_max_failures=3, login_lockout_seconds=2) as application:
            await user_factory_for(application)("anna@example.com")
            async with client_for(application) as client:

                async def attempt(secret: str) -> httpx.Response:
                    return await client.post("/auth/login", json={"email": "anna@example.com", "password": secret})

                assert [(await attempt("wrong-password-1")).status_code for _ in range(2)] == [401, 401]
                tripped = await attempt("wrong-password-1")
                assert tripped.status_code == 429
                assert tripped.json()["code"] == "login_locked"
                assert tripped.headers["Retry-After"] == "2"

                # While locked even the right password is refused: that is what stops guessing.
                locked = await attempt(password)
                assert locked.status_code == 429
                assert locked.headers["Retry-After"] in ("1", "2")

                await asyncio.sleep(2.1)
                released = await attempt(password)
                assert released.status_code == 200
                assert released.json()["user"]["email"] == "anna@example.com"

    async def test_one_client_address_guessing_many_accounts_is_locked_out_alone(
        self, app_factory, client_for, user_factory_for
    ):
        async with app_factory(login_ip_max_failures=3, login_max_failures=100) as application:
            await user_factory_for(application)("anna@example.com")
            async with client_for(application) as client:
                attacker = {"X-Forwarded-For": "203.0.113.7"}
                statuses = [
                    (
                        await client.post(
                            "/auth/login",
                            json={"email": f"victim{n}@example.com", "password": "guess-guess-guess"},
                            headers=attacker,
                        )
                    ).status_code
                    for n in range(4)
                ]
                assert statuses == [401, 401, 429, 429]

                other_client = await client.post(
                    "/auth/login",
                    json={"email": "anna@example.com", "password": PASSWORD},
                    headers={"X-Forwarded-For": "198.51.100.20"},
                )
                assert other_client.status_code == 200

    async def test_a_successful_login_resets_the_account_counter(self, api, make_user):
        await make_user("anna@example.com")
        for _ in range(4):
            assert (await api.login("anna@example.com", "wrong-password-x")).status_code == 401
        await api.login_ok("anna@example.com")
        for _ in range(4):
            assert (await api.login("anna@example.com", "wrong-password-x")).status_code == 401


PASSWORD = "correct horse battery staple"


class TestDemoPassword:
    async def test_demo_password_is_refused_outside_dev(self, app_factory, client_for, user_factory_for):
        async with app_factory(environment="test") as application:
            await user_factory_for(application)("student@demo.studio", password="demo-studio-2026")
            async with client_for(application) as client:
                response = await client.post(
                    "/auth/login", json={"email": "student@demo.studio", "password": "demo-studio-2026"}
                )
        assert response.status_code == 401
        assert response.json()["code"] == "invalid_credentials"

    async def test_demo_password_works_in_dev(self, app_factory, client_for, user_factory_for):
        async with app_factory(environment="dev") as application:
            await user_factory_for(application)("student@demo.studio", password="demo-studio-2026")
            async with client_for(application) as client:
                response = await client.post(
                    "/auth/login", json={"email": "student@demo.studio", "password": "demo-studio-2026"}
                )
        assert response.status_code == 200
        assert response.json()["user"]["email"] == "student@demo.studio"
