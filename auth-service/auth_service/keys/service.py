"""Signing keys: loaded from PEM files, the newest signs, every loaded key verifies (rotation)."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey

from studio_kit.auth import JWKSCache
from studio_kit.errors import Unauthorized

from ..config import Settings

logger = logging.getLogger("auth_service.keys")


@dataclass(frozen=True)
class SigningKey:
    kid: str
    algorithm: str
    private_key: Ed25519PrivateKey | RSAPrivateKey
    loaded_from: str
    modified_at: float

    def public_jwk(self) -> dict[str, Any]:
        """The public half as a JWK, with kid, use and alg."""
        jwk: dict[str, Any] = json.loads(_public_jwk_json(self.private_key))
        jwk.update(kid=self.kid, use="sig", alg=self.algorithm)
        return jwk


def _public_jwk_json(private_key: Ed25519PrivateKey | RSAPrivateKey) -> str:
    if isinstance(private_key, Ed25519PrivateKey):
        return jwt.algorithms.OKPAlgorithm.to_jwk(private_key.public_key())
    return jwt.algorithms.RSAAlgorithm.to_jwk(private_key.public_key())


def _thumbprint(public_jwk: dict[str, Any]) -> str:
    # RFC 7638 thumbprint: the same key gets the same kid on every replica and after restarts.
    required = ("crv", "kty", "x") if public_jwk["kty"] == "OKP" else ("e", "kty", "n")
    canonical = json.dumps({name: public_jwk[name] for name in required}, separators=(",", ":"), sort_keys=True)
    return base64.urlsafe_b64encode(hashlib.sha256(canonical.encode()).digest()).rstrip(b"=").decode()[:16]


def load_key(pem: bytes, *, loaded_from: str, modified_at: float) -> SigningKey:
    """Parse a PEM private key; its algorithm follows from the key type."""
    private_key = serialization.load_pem_private_key(pem, password=None)
    if isinstance(private_key, Ed25519PrivateKey):
        algorithm = "EdDSA"
    elif isinstance(private_key, RSAPrivateKey):
        if private_key.key_size < 2048:
            raise ValueError(f"{loaded_from}: RSA keys need at least 2048 bits")
        algorithm = "RS256"
    else:
        raise ValueError(f"{loaded_from}: only Ed25519 and RSA private keys are supported")
    public = json.loads(_public_jwk_json(private_key))
    return SigningKey(_thumbprint(public), algorithm, private_key, loaded_from, modified_at)


def generate_pem() -> bytes:
    """A new Ed25519 private key as unencrypted PKCS#8 PEM."""
    return Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def write_new_key(directory: Path) -> Path:
    """A new Ed25519 key file named after the current UTC time, private to its owner from the start."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{datetime.now(UTC):%Y%m%dT%H%M%S%fZ}.pem"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(generate_pem())
    return path


class KeyRing:
    """The keys of this process. Rotation = add a newer PEM file and restart (rolling);
    tokens signed by an older key verify until that file is removed."""

    def __init__(self, keys: list[SigningKey]) -> None:
        if not keys:
            raise RuntimeError("no signing key")
        # Newest file signs; ties broken by name so every replica picks the same key.
        self.keys = sorted(keys, key=lambda key: (key.modified_at, key.loaded_from), reverse=True)
        self.by_kid = {key.kid: key for key in self.keys}

    @property
    def current(self) -> SigningKey:
        """The key that signs new tokens."""
        return self.keys[0]

    def jwks(self) -> dict[str, Any]:
        """The JWKS document: every loaded key's public half."""
        return {"keys": [key.public_jwk() for key in self.keys]}

    def sign(self, claims: dict[str, Any], *, ttl: timedelta) -> str:
        """A JWT with these claims, stamped iat/nbf/exp, signed by the current key."""
        now = datetime.now(UTC)
        payload = {**claims, "iat": now, "nbf": now, "exp": now + ttl}
        key = self.current
        return jwt.encode(payload, key.private_key, algorithm=key.algorithm, headers={"kid": key.kid})

    @classmethod
    def from_settings(cls, settings: Settings) -> KeyRing:
        """Load every `*.pem` in JWT_KEYS_DIR; in dev/test an empty or unset directory gets a fresh key."""
        directory = settings.jwt_keys_dir
        keys: list[SigningKey] = []
        if directory is not None and directory.is_dir():
            for path in sorted(directory.glob("*.pem")):
                keys.append(load_key(path.read_bytes(), loaded_from=path.name, modified_at=path.stat().st_mtime))
        if keys:
            return cls(keys)
        if not settings.is_dev:
            raise RuntimeError(f"no signing key (*.pem) in JWT_KEYS_DIR={directory}; refusing to start")
        if directory is not None:
            path = write_new_key(directory)
            logger.warning("generated a development signing key in %s", path)
            return cls([load_key(path.read_bytes(), loaded_from=path.name, modified_at=path.stat().st_mtime)])
        pem = generate_pem()
        return cls([load_key(pem, loaded_from="memory", modified_at=0.0)])


class LocalJWKS(JWKSCache):
    """Verifies auth-service's own tokens with its in-process keys; other kids go to AUTH_JWKS_URL
    when one is configured (in tests that is the shared test signer)."""

    def __init__(self, keyring: KeyRing, fallback_url: str | None) -> None:
        super().__init__(fallback_url or "")
        self.fallback_url = fallback_url
        self.local = {key.kid: jwt.PyJWK(key.public_jwk()) for key in keyring.keys}

    async def get_key(self, kid: str) -> jwt.PyJWK:
        """The verification key for a kid: our own first, else the configured JWKS."""
        key = self.local.get(kid)
        if key is not None:
            return key
        if self.fallback_url:
            return await super().get_key(kid)
        raise Unauthorized("Unknown signing key.", reason="unknown_kid")
