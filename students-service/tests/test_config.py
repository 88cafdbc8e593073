import pytest

from students_service.config import Settings


class TestSettings:
    def test_defaults_match_the_contract(self) -> None:
        settings = Settings(_env_file=None, environment="test")
        assert settings.students_document_max_bytes == 10 * 1024 * 1024
        assert settings.students_balance_low_threshold_minor == 0
        assert settings.students_currency == "RUB"

    def test_reads_its_variables_from_the_environment(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("STUDENTS_BALANCE_LOW_THRESHOLD_MINOR", "50000")
        monkeypatch.setenv("STUDENTS_DOCUMENTS_DIR", "/data/docs")
        settings = Settings(_env_file=None, environment="test")
        assert settings.students_balance_low_threshold_minor == 50000
        assert str(settings.students_documents_dir) == "/data/docs"

    def test_refuses_placeholder_secrets_in_production(self) -> None:
        with pytest.raises(ValueError, match="SERVICE_CLIENT_SECRET"):
            Settings(_env_file=None, environment="production", service_client_id="x", service_client_secret="changeme")
