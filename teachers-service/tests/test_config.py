import pytest

from teachers_service.config import Settings


class TestSettings:
    def test_reads_its_variables_from_the_environment(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("TEACHERS_STUDIO_TIMEZONE", "Asia/Yekaterinburg")
        settings = Settings(_env_file=None, environment="test")
        assert (settings.teachers_studio_timezone, settings.teachers_currency) == ("Asia/Yekaterinburg", "RUB")

    def test_refuses_placeholder_secrets_in_production(self) -> None:
        with pytest.raises(ValueError, match="SERVICE_CLIENT_SECRET"):
            Settings(_env_file=None, environment="production", service_client_id="x", service_client_secret="changeme")
