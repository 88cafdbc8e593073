from datetime import timedelta

import jwt

from auth_service.keys.__main__ import main
from auth_service.keys.service import KeyRing


def test_the_rotation_command_writes_a_private_key_that_signs_next(service_settings, tmp_path, capsys):
    main([str(tmp_path)])
    main([str(tmp_path)])

    files = sorted(tmp_path.glob("*.pem"))
    assert len(files) == 2
    assert all(oct(path.stat().st_mode & 0o777) == "0o600" for path in files)
    keyring = KeyRing.from_settings(service_settings.model_copy(update={"jwt_keys_dir": tmp_path}))
    newest_kid = capsys.readouterr().out.strip().splitlines()[-1].rsplit("kid=", 1)[1]
    assert keyring.current.kid == newest_kid
    token = keyring.sign({"sub": "x"}, ttl=timedelta(minutes=1))
    assert jwt.get_unverified_header(token)["kid"] == newest_kid
    assert len({key["kid"] for key in keyring.jwks()["keys"]}) == 2
