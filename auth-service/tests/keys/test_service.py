import pytest
from pydantic import ValidationError

from auth_service.config import Settings
from auth_service.keys.service import KeyRing


class TestKeyRingOutsideDev:
    def test_production_refuses_to_start_without_a_key(self, service_settings, tmp_path):
        production = service_settings.model_copy(update={"environment": "production", "jwt_keys_dir": tmp_path})

        with pytest.raises(RuntimeError, match="no signing key"):
            KeyRing.from_settings(production)
        assert list(tmp_path.iterdir()) == [], "no key is generated outside dev/test"

    def test_production_settings_require_a_keys_directory(self):
        with pytest.raises(ValidationError, match="JWT_KEYS_DIR"):
            Settings(
                _env_file=None,
                environment="production",
                jwt_keys_dir=None,
            )


class TestAccessTokenLifetime:
    def test_access_tokens_never_live_longer_than_fifteen_minutes(self):
        settings = Settings(_env_file=None, environment="test", access_token_expire_minutes=60)
        assert settings.access_token_expire_minutes == 15
