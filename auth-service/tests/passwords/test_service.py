import bcrypt
import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from auth_service.passwords import service as password_service
from auth_service.passwords.errors import WeakPassword
from auth_service.users.models import User


async def stored_hash(app, email: str) -> str:
    async with app.state.database.sessionmaker() as session:
        return (await session.execute(select(User.password_hash).where(User.email == email))).scalar_one()


class TestHashing:
    async def test_new_hashes_are_argon2id_at_owasp_parameters(self):
        hashed = await password_service.hash_password("a long and unusual passphrase")

        assert hashed.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
        assert await password_service.verify_password("a long and unusual passphrase", hashed) == (True, None)
        assert await password_service.verify_password("a long and unusual passphrasE", hashed) == (False, None)

    async def test_a_missing_or_foreign_hash_never_verifies(self):
        assert await password_service.verify_password("anything at all", None) == (False, None)
        assert await password_service.verify_password("anything at all", "$md5$legacy") == (False, None)

    async def test_a_legacy_bcrypt_hash_is_verified_and_rehashed_on_login(self, app, make_user, api, password):
        legacy = bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=4)).decode()
        await make_user("old@example.com", password=None)
        async with app.state.database.sessionmaker() as session, session.begin():
            user = (await session.execute(select(User).where(User.email == "old@example.com"))).scalar_one()
            user.password_hash = legacy

        await api.login_ok("old@example.com", password)

        upgraded = await stored_hash(app, "old@example.com")
        assert upgraded.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
        await api.login_ok("old@example.com", password)

    async def test_an_argon2_hash_with_old_parameters_is_upgraded(self, app, make_user, api, password):
        await make_user("anna@example.com", password=None)
        async with app.state.database.sessionmaker() as session, session.begin():
            user = (await session.execute(select(User).where(User.email == "anna@example.com"))).scalar_one()
            user.password_hash = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(password)

        await api.login_ok("anna@example.com", password)

        assert (await stored_hash(app, "anna@example.com")).startswith("$argon2id$v=19$m=19456,t=2,p=1$")

    async def test_a_bcrypt_hash_and_an_overlong_password_fail_cleanly(self):
        legacy = bcrypt.hashpw(b"short-secret", bcrypt.gensalt(rounds=4)).decode()
        assert await password_service.verify_password("y" * 100, legacy) == (False, None)


class TestPolicy:
    @pytest.mark.parametrize(
        ("password", "reason"),
        [("1234567", "too_short"), ("a" * 129, "too_long"), ("iloveyou", "common"), ("Password1", "common")],
    )
    def test_weak_passwords_are_refused(self, password, reason):
        with pytest.raises(WeakPassword) as error:
            password_service.check_policy(password)
        assert error.value.extra["reason"] == reason

    def test_the_users_own_name_is_refused(self):
        with pytest.raises(WeakPassword):
            password_service.check_policy("anna.petrova", personal=("Anna.Petrova",))

    def test_a_long_unusual_passphrase_passes(self):
        password_service.check_policy("violet tram at midnight")
