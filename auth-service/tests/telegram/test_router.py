import hashlib
import hmac
import json
import time
from urllib.parse import urlencode

TELEGRAM_ID = 777000111


def sign_init_data(bot_token: str, *, auth_date: int | None = None, user_id: int = TELEGRAM_ID, **extra: str) -> str:
    """What Telegram hands a Mini App: url-encoded fields plus an HMAC keyed by the bot token."""
    fields = {
        "query_id": "AAHdF6IQAAAAAN0XohDhrOrc",
        "user": json.dumps({"id": user_id, "first_name": "Anna", "language_code": "ru"}, separators=(",", ":")),
        "auth_date": str(auth_date if auth_date is not None else int(time.time())),
        **extra,
    }
    check = "\n".join(f"{key}={fields[key]}" for key in sorted(fields))
    secret = hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()
    fields["hash"] = hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()
    return urlencode(fields)


def sign_widget(bot_token: str, *, auth_date: int | None = None, user_id: int = TELEGRAM_ID) -> dict:
    data = {
        "id": user_id,
        "first_name": "Anna",
        "username": "anna_en",
        "auth_date": auth_date if auth_date is not None else int(time.time()),
    }
    check = "\n".join(f"{key}={data[key]}" for key in sorted(data))
    secret = hashlib.sha256(bot_token.encode()).digest()
    return {**data, "hash": hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()}


class TestMiniApp:
    async def test_correctly_signed_init_data_logs_in_the_linked_user(self, client, make_user, bot_token):
        user = await make_user("anna@example.com", telegram_id=TELEGRAM_ID)

        response = await client.post("/auth/telegram/miniapp", json={"init_data": sign_init_data(bot_token)})

        assert response.status_code == 200
        assert response.json()["user"]["id"] == str(user.id)
        assert response.json()["user"]["telegram_id"] == TELEGRAM_ID

    async def test_tampered_init_data_is_refused(self, client, make_user, bot_token):
        await make_user("anna@example.com", telegram_id=TELEGRAM_ID)
        await make_user("admin@example.com", role="admin", telegram_id=1)
        signed = sign_init_data(bot_token)
        # The original prototype's hole: claim somebody else's Telegram id.
        tampered = signed.replace(f"%22id%22%3A{TELEGRAM_ID}", "%22id%22%3A1")
        assert tampered != signed

        response = await client.post("/auth/telegram/miniapp", json={"init_data": tampered})

        assert response.status_code == 401
        assert response.json()["code"] == "telegram_auth_invalid"

    async def test_init_data_signed_with_another_bots_token_is_refused(self, client, make_user):
        await make_user("anna@example.com", telegram_id=TELEGRAM_ID)
        forged = sign_init_data("999999:some-other-bot-token")

        response = await client.post("/auth/telegram/miniapp", json={"init_data": forged})

        assert response.status_code == 401
        assert response.json()["code"] == "telegram_auth_invalid"

    async def test_stale_init_data_is_refused(self, client, make_user, bot_token):
        await make_user("anna@example.com", telegram_id=TELEGRAM_ID)
        stale = sign_init_data(bot_token, auth_date=int(time.time()) - 601)

        response = await client.post("/auth/telegram/miniapp", json={"init_data": stale})

        assert response.status_code == 401
        assert "old" in response.json()["detail"]

    async def test_init_data_from_the_future_is_refused(self, client, make_user, bot_token):
        await make_user("anna@example.com", telegram_id=TELEGRAM_ID)
        future = sign_init_data(bot_token, auth_date=int(time.time()) + 3600)

        response = await client.post("/auth/telegram/miniapp", json={"init_data": future})

        assert response.status_code == 401

    async def test_unlinked_telegram_user_gets_telegram_not_linked(self, client, bot_token):
        response = await client.post("/auth/telegram/miniapp", json={"init_data": sign_init_data(bot_token)})

        assert response.status_code == 401
        assert response.json()["code"] == "telegram_not_linked"

    async def test_malformed_init_data_is_refused_not_500(self, client):
        for garbage in ("hash", "a=1&&&b", "user=%7B&hash=00"):
            response = await client.post("/auth/telegram/miniapp", json={"init_data": garbage})
            assert response.status_code == 401, garbage


class TestLoginWidget:
    async def test_correctly_signed_widget_data_logs_in(self, client, make_user, bot_token):
        user = await make_user("anna@example.com", telegram_id=TELEGRAM_ID)

        response = await client.post("/auth/telegram/login", json=sign_widget(bot_token))

        assert response.status_code == 200
        assert response.json()["user"]["id"] == str(user.id)

    async def test_widget_data_with_a_changed_field_is_refused(self, client, make_user, bot_token):
        await make_user("anna@example.com", telegram_id=TELEGRAM_ID)
        data = sign_widget(bot_token)
        data["username"] = "someone_else"

        response = await client.post("/auth/telegram/login", json=data)

        assert response.status_code == 401
        assert response.json()["code"] == "telegram_auth_invalid"

    async def test_stale_widget_data_is_refused(self, client, make_user, bot_token):
        await make_user("anna@example.com", telegram_id=TELEGRAM_ID)
        data = sign_widget(bot_token, auth_date=int(time.time()) - 301)

        response = await client.post("/auth/telegram/login", json=data)

        assert response.status_code == 401


class TestTelegramIsNoMasterKey:
    async def test_the_same_signed_data_logs_in_only_once(self, client, make_user, bot_token):
        await make_user("anna@example.com", telegram_id=TELEGRAM_ID)
        init_data = sign_init_data(bot_token)
        assert (await client.post("/auth/telegram/miniapp", json={"init_data": init_data})).status_code == 200
        replayed = await client.post("/auth/telegram/miniapp", json={"init_data": init_data})
        assert (replayed.status_code, replayed.json()["code"]) == (401, "telegram_auth_replayed")
        widget = sign_widget(bot_token)
        assert (await client.post("/auth/telegram/login", json=widget)).status_code == 200
        again = await client.post("/auth/telegram/login", json=widget)
        assert (again.status_code, again.json()["code"]) == (401, "telegram_auth_replayed")

    async def test_data_older_than_the_short_limits_is_refused(self, client, make_user, bot_token):
        await make_user("anna@example.com", telegram_id=TELEGRAM_ID)
        ten_minutes_ago = int(time.time()) - 601
        assert (
            await client.post("/auth/telegram/login", json=sign_widget(bot_token, auth_date=ten_minutes_ago))
        ).status_code == 401
        old = sign_init_data(bot_token, auth_date=ten_minutes_ago)
        assert (await client.post("/auth/telegram/miniapp", json={"init_data": old})).status_code == 401

    async def test_staff_cannot_log_in_by_telegram_alone(self, client, make_user, bot_token):
        await make_user("admin@example.com", role="admin", telegram_id=TELEGRAM_ID)
        await make_user("teacher@example.com", role="teacher", telegram_id=TELEGRAM_ID + 1)
        for telegram_id in (TELEGRAM_ID, TELEGRAM_ID + 1):
            init_data = sign_init_data(bot_token, user_id=telegram_id)
            response = await client.post("/auth/telegram/miniapp", json={"init_data": init_data})
            assert (response.status_code, response.json()["code"]) == (403, "telegram_staff_login_disabled")
            widget = await client.post("/auth/telegram/login", json=sign_widget(bot_token, user_id=telegram_id))
            assert widget.status_code == 403

    async def test_the_studio_may_let_staff_log_in_by_telegram(
        self, app_factory, client_for, user_factory_for, bot_token
    ):
        async with app_factory(telegram_staff_login=True, telegram_bot_token=bot_token) as application:
            await user_factory_for(application)("admin@example.com", role="admin", telegram_id=TELEGRAM_ID)
            async with client_for(application) as client:
                response = await client.post("/auth/telegram/miniapp", json={"init_data": sign_init_data(bot_token)})
        assert response.status_code == 200
        assert response.json()["user"]["role"] == "admin"


class TestLinking:
    async def test_bot_binds_a_chat_with_a_one_time_token(self, client, make_user, api, jwt_signer, bot_token):
        user = await make_user("anna@example.com")
        session = await api.login_ok("anna@example.com")
        bot = jwt_signer.headers("service", sub="service:tg-bot-service", scopes=["auth:telegram-link"])

        issued = await client.post("/auth/telegram/link-token", headers=api.bearer(session["access_token"]))
        assert issued.status_code == 200
        token = issued.json()["token"]
        assert issued.json()["deep_link"] == f"https://t.me/studio_test_bot?start={token}"
        assert len(token) <= 64

        linked = await client.post(
            "/internal/telegram/link", json={"token": token, "telegram_id": TELEGRAM_ID, "chat_id": 4242}, headers=bot
        )

        assert linked.status_code == 200
        assert linked.json() == {"user_id": str(user.id), "role": "student", "first_name": "Anna"}
        # From now on the Mini App logs this person in.
        miniapp = await client.post("/auth/telegram/miniapp", json={"init_data": sign_init_data(bot_token)})
        assert miniapp.json()["user"]["id"] == str(user.id)
        reader = jwt_signer.headers("service", sub="service:tg-bot-service", scopes=["auth:read"])
        found = await client.get(f"/internal/users/by-telegram/{TELEGRAM_ID}", headers=reader)
        assert found.json()["email"] == "anna@example.com"

    async def test_link_publishes_user_telegram_linked_once_even_when_the_bot_retries(
        self, client, make_user, api, jwt_signer, outbox_events
    ):
        user = await make_user("anna@example.com")
        session = await api.login_ok("anna@example.com")
        bot = jwt_signer.headers("service", sub="service:tg-bot-service", scopes=["auth:telegram-link"])
        token = (await client.post("/auth/telegram/link-token", headers=api.bearer(session["access_token"]))).json()[
            "token"
        ]
        payload = {"token": token, "telegram_id": TELEGRAM_ID, "chat_id": 4242}

        first = await client.post("/internal/telegram/link", json=payload, headers=bot)
        retry = await client.post("/internal/telegram/link", json=payload, headers=bot)

        assert first.json() == retry.json()
        events = await outbox_events("user.telegram_linked")
        assert [event["data"] for event in events] == [
            {"user_id": str(user.id), "telegram_id": TELEGRAM_ID, "chat_id": 4242, "role": "student"}
        ]

    async def test_a_spent_token_cannot_link_another_telegram_account(self, client, make_user, api, jwt_signer):
        await make_user("anna@example.com")
        session = await api.login_ok("anna@example.com")
        bot = jwt_signer.headers("service", sub="service:tg-bot-service", scopes=["auth:telegram-link"])
        token = (await client.post("/auth/telegram/link-token", headers=api.bearer(session["access_token"]))).json()[
            "token"
        ]
        await client.post("/internal/telegram/link", json={"token": token, "telegram_id": 1, "chat_id": 1}, headers=bot)

        hijack = await client.post(
            "/internal/telegram/link", json={"token": token, "telegram_id": 666, "chat_id": 666}, headers=bot
        )

        assert hijack.status_code == 410
        assert hijack.json()["code"] == "link_invalid"

    async def test_a_telegram_account_linked_elsewhere_is_a_conflict(self, client, make_user, api, jwt_signer):
        await make_user("boris@example.com", telegram_id=TELEGRAM_ID)
        await make_user("anna@example.com")
        session = await api.login_ok("anna@example.com")
        bot = jwt_signer.headers("service", sub="service:tg-bot-service", scopes=["auth:telegram-link"])
        token = (await client.post("/auth/telegram/link-token", headers=api.bearer(session["access_token"]))).json()[
            "token"
        ]

        response = await client.post(
            "/internal/telegram/link", json={"token": token, "telegram_id": TELEGRAM_ID, "chat_id": 1}, headers=bot
        )

        assert response.status_code == 409
        assert response.json()["code"] == "telegram_already_linked"

    async def test_linking_needs_the_bots_scope(self, client, jwt_signer):
        payload = {"token": "whatever", "telegram_id": 1, "chat_id": 1}
        student = jwt_signer.headers("student")
        other_service = jwt_signer.headers("service", sub="service:lessons", scopes=["auth:read"])

        assert (await client.post("/internal/telegram/link", json=payload, headers=student)).status_code == 403
        assert (await client.post("/internal/telegram/link", json=payload, headers=other_service)).status_code == 403
