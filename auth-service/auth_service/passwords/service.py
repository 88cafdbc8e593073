"""argon2id hashing through pwdlib, legacy bcrypt verification, and the password policy."""

from __future__ import annotations

import asyncio
from functools import lru_cache

from pwdlib import PasswordHash
from pwdlib.exceptions import UnknownHashError
from pwdlib.hashers.argon2 import Argon2Hasher
from pwdlib.hashers.bcrypt import BcryptHasher
from zxcvbn.frequency_lists import FREQUENCY_LISTS

from .errors import WeakPassword

MIN_LENGTH = 8
MAX_LENGTH = 128

# OWASP Password Storage Cheat Sheet: argon2id, 19 MiB, 2 iterations, 1 lane.
# The first hasher hashes; bcrypt only verifies hashes imported from the old system.
password_hash = PasswordHash((Argon2Hasher(time_cost=2, memory_cost=19456, parallelism=1), BcryptHasher()))
# Compared against when the account does not exist, so both paths cost the same.
_DUMMY_HASH = password_hash.hash("timing-equaliser-not-a-password")


# The demo studio's shared password (API.md). Logging in with it works only in ENVIRONMENT=dev.
DEMO_PASSWORD = "demo-studio-2026"


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """The 30 000 most common leaked passwords, as shipped with zxcvbn."""
    return frozenset(FREQUENCY_LISTS["passwords"])


def check_policy(password: str, *, personal: tuple[str, ...] = ()) -> None:
    """Length 8 to 128 and not a common password (nor the user's own email or name)."""
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"A password needs at least {MIN_LENGTH} characters.", reason="too_short")
    if len(password) > MAX_LENGTH:
        raise WeakPassword(f"A password has at most {MAX_LENGTH} characters.", reason="too_long")
    lowered = password.lower()
    if lowered in common_passwords() or any(item and lowered == item.lower() for item in personal):
        raise WeakPassword("This password is too common; choose another one.", reason="common")


async def hash_password(password: str) -> str:
    """Hash off the event loop: argon2 is deliberately slow."""
    return await asyncio.to_thread(password_hash.hash, password)


async def verify_password(password: str, stored_hash: str | None) -> tuple[bool, str | None]:
    """Verify, and return a new hash when the stored one is legacy (bcrypt) or has old parameters."""
    if stored_hash is None:
        await asyncio.to_thread(password_hash.verify, password, _DUMMY_HASH)
        return False, None
    try:
        return await asyncio.to_thread(password_hash.verify_and_update, password, stored_hash)
    except (UnknownHashError, ValueError):
        # ValueError: bcrypt 5 refuses passwords over 72 bytes, which never matched a legacy hash.
        return False, None
