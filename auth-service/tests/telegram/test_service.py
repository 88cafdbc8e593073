import hashlib
import hmac
import time
from urllib.parse import urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auth_service.telegram.errors import TelegramAuthInvalid
from auth_service.telegram.service import verify_init_data, verify_login_widget

BOT_TOKEN = "123456789:AAF-test-bot-token-for-auth-service"


def signed_init_data(**fields: str) -> str:
    fields = {"auth_date": str(int(time.time())), "user": '{"id":42,"first_name":"Anna"}', **fields}
    check = "\n".join(f"{key}={fields[key]}" for key in sorted(fields))
    secret = hmac.new(b"WebAppData", BOT_TOKEN.encode(), hashlib.sha256).digest()
    return urlencode({**fields, "hash": hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()})


class TestVerifyInitData:
    def test_signed_data_yields_the_telegram_user(self):
        user = verify_init_data(signed_init_data(query_id="Q1"), BOT_TOKEN, max_age=60)
        assert user == {"id": 42, "first_name": "Anna"}

    @settings(max_examples=200, deadline=None)
    @given(position=st.integers(min_value=0), replacement=st.characters(codec="ascii", exclude_characters="&="))
    def test_changing_any_single_character_breaks_the_signature(self, position, replacement):
        original = signed_init_data(query_id="Q1")
        index = position % len(original)
        tampered = original[:index] + replacement + original[index + 1 :]
        if tampered == original:
            return
        try:
            user = verify_init_data(tampered, BOT_TOKEN, max_age=60)
        except TelegramAuthInvalid:
            return
        # Only percent-encoding variants that decode to the very same data may pass.
        assert user == {"id": 42, "first_name": "Anna"}

    def test_a_hash_with_non_ascii_characters_is_refused_not_a_crash(self):
        with pytest.raises(TelegramAuthInvalid):
            verify_init_data("auth_date=1&user=%7B%7D&hash=%C3%A9", BOT_TOKEN, max_age=60)

    def test_missing_hash_is_refused(self):
        with pytest.raises(TelegramAuthInvalid):
            verify_init_data("auth_date=1&user=%7B%7D", BOT_TOKEN, max_age=60)


class TestVerifyLoginWidget:
    def test_a_non_numeric_auth_date_is_refused(self):
        data = {"id": "42", "auth_date": "yesterday"}
        check = "\n".join(f"{key}={data[key]}" for key in sorted(data))
        digest = hmac.new(hashlib.sha256(BOT_TOKEN.encode()).digest(), check.encode(), hashlib.sha256).hexdigest()

        with pytest.raises(TelegramAuthInvalid, match="auth_date"):
            verify_login_widget({**data, "hash": digest}, BOT_TOKEN, max_age=60)
