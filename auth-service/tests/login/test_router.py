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
    async def test_from_the_nth_failure_each_next_attempt_waits_twice_as_long(
        self, app_factory, client_for, user_factory_for, password
    ):
        settings = {"login_max_failures": 2, "login_delay_base_seconds": 1, "login_lockout_seconds": 2}
        async with app_factory(**settings) as application:
            await user_factory_for(application)("anna@example.com")
            async with client_for(application) as client:

                async def attempt(secret: str) -> httpx.Response:
                    return await client.post("/auth/login", json={"email": "anna@example.com", "password": secret})

                assert (await attempt("wrong-password-1")).status_code == 401
                first = await attempt("wrong-password-1")
                assert (first.status_code, first.json()["code"]) == (429, "login_locked")
                assert first.headers["Retry-After"] == "1"
                # While waiting even the right password is not tried: that is what stops guessing.
                waiting = await attempt(password)
                assert waiting.status_code == 429
                await asyncio.sleep(1.1)
                second = await attempt("wrong-password-1")
                assert (second.status_code, second.headers["Retry-After"]) == (429, "2")
                await asyncio.sleep(2.1)
                capped = await attempt("wrong-password-1")
                assert (capped.status_code, capped.headers["Retry-After"]) == (429, "2")
                await asyncio.sleep(2.1)
                released = await attempt(password)
                assert released.status_code == 200
                assert released.json()["user"]["email"] == "anna@example.com"

    async def test_the_owner_at_a_known_browser_logs_in_while_a_stranger_is_being_delayed(
        self, app_factory, client_for, user_factory_for, password
    ):
        async with app_factory(login_max_failures=3, login_lockout_seconds=600) as application:
            await user_factory_for(application)("admin@example.com", role="admin")
            async with client_for(application) as client:

                async def attempt(secret: str, device: str | None = None, address: str = "198.51.100.1"):
                    body = {"email": "admin@example.com", "password": secret}
                    if device:
                        body["device_token"] = device
                    return await client.post("/auth/login", json=body, headers={"X-Forwarded-For": address})

                earlier = await attempt(password)
                assert earlier.status_code == 200
                device = earlier.json()["device_token"]
                assert device
                # Someone elsewhere tries to keep the admin out.
                stranger = [(await attempt("guess-guess-guess", address="203.0.113.66")).status_code for _ in range(6)]
                assert stranger == [401, 401, 429, 429, 429, 429]
                # A new browser waits like the stranger ...
                assert (await attempt(password)).status_code == 429
                # ... the admin's own browser does not, and a forged device token is no key.
                assert (await attempt(password, device="forged-device-token-0123456789")).status_code == 429
                again = await attempt(password, device=device)
                assert again.status_code == 200
                assert again.json()["device_token"] == device
                # The stranger is still waiting.
                assert (await attempt(password, address="203.0.113.66")).status_code == 429

    async def test_a_password_reset_lifts_the_delays_on_the_account(self, api, client, make_user, outbox_events):
        await make_user("anna@example.com")
        attacker = {"X-Forwarded-For": "203.0.113.99"}
        statuses = [
            (await api.login("anna@example.com", "guess-guess-guess", headers=attacker)).status_code for _ in range(6)
        ]
        assert statuses == [401] * 4 + [429, 429]
        assert (await api.login("anna@example.com")).status_code == 429
        await client.post("/auth/password-reset/request", json={"email": "anna@example.com"})
        [event] = await outbox_events("user.password_reset_requested")
        token = event["data"]["reset_url"].rsplit("#", 1)[1]
        confirmed = await client.post(
            "/auth/password-reset/confirm", json={"token": token, "password": "my brand new passphrase"}
        )
        assert confirmed.status_code == 204
        assert (await api.login("anna@example.com", "my brand new passphrase")).status_code == 200

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
