import pytest
from pydantic import ValidationError

from studio_kit.config import ServiceSettings


class TestServiceSettings:
    def test_database_url_is_built_from_the_seed_variables(self) -> None:
        settings = ServiceSettings(
            _env_file=None,
            environment="dev",
            db_host="auth-db",
            postgres_db="auth_db",
            postgres_user="user",
            postgres_password="pw",
        )
        assert settings.database_url is not None
        assert settings.database_url.render_as_string(hide_password=False) == (
            "postgresql+asyncpg://user:pw@auth-db:5432/auth_db"
        )

    def test_no_database_without_host(self) -> None:
        assert ServiceSettings(_env_file=None, environment="dev").database_url is None

    @pytest.mark.parametrize("secret", ["", "changeme", "your_jwt_secret", "short"])
    def test_placeholder_secret_refused_in_production(self, secret: str) -> None:
        with pytest.raises(ValidationError, match="SERVICE_CLIENT_SECRET"):
            ServiceSettings(
                _env_file=None, environment="production", service_client_id="x", service_client_secret=secret
            )

    def test_no_secret_key_is_asked_for_since_nothing_reads_one(self) -> None:
        # SECRET_KEY signed nothing anywhere; a leftover one in an old .env is ignored.
        settings = ServiceSettings(_env_file=None, environment="production", SECRET_KEY="anything")  # type: ignore[call-arg]
        assert not hasattr(settings, "secret_key")
        assert "SECRET_KEY" not in settings.secret_fields()

    def test_placeholder_db_password_refused_in_production(self) -> None:
        with pytest.raises(ValidationError, match="POSTGRES_PASSWORD"):
            ServiceSettings(
                _env_file=None,
                environment="production",
                db_host="db",
                postgres_db="x",
                postgres_password="password",
            )

    @pytest.mark.parametrize("environment", ["dev", "test"])
    def test_placeholders_allowed_in_dev_and_test(self, environment: str) -> None:
        settings = ServiceSettings(
            _env_file=None, environment=environment, service_client_id="x", service_client_secret="changeme"
        )
        assert settings.is_dev

    def test_real_secrets_accepted_in_production(self) -> None:
        settings = ServiceSettings(
            _env_file=None,
            environment="production",
            service_client_id="x",
            service_client_secret="kR8f-2n!pQ0z-real",
            db_host="db",
            postgres_db="x",
            postgres_password="S3cure-db-pass",
        )
        assert not settings.is_dev

    def test_reads_the_environment(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("DB_HOST", "lessons-db")
        monkeypatch.setenv("POSTGRES_DB", "lessons_db")
        monkeypatch.setenv("ENVIRONMENT", "dev")
        settings = ServiceSettings(_env_file=None)
        assert settings.db_host == "lessons-db"
        assert settings.postgres_db == "lessons_db"


def test_demo_password_is_a_placeholder_outside_dev() -> None:
    with pytest.raises(ValidationError, match="POSTGRES_PASSWORD"):
        ServiceSettings(
            _env_file=None,
            environment="production",
            db_host="db",
            postgres_db="x",
            postgres_password="demo-studio-2026",
        )
