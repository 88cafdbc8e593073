"""Dependencies of the ledger routes: the money policy and the Idempotency-Key header."""

from typing import Annotated

from fastapi import Depends, Header

from studio_kit.idempotency import KEY_MAX_LENGTH, KEY_MIN_LENGTH

from ..config import SettingsDep
from .errors import IdempotencyKeyRequired
from .service import MoneyPolicy, policy_from


async def get_policy(settings: SettingsDep) -> MoneyPolicy:
    return policy_from(settings.students_currency, settings.students_balance_low_threshold_minor)


async def optional_idempotency_key(
    idempotency_key: Annotated[
        str | None, Header(alias="Idempotency-Key", min_length=KEY_MIN_LENGTH, max_length=KEY_MAX_LENGTH)
    ] = None,
) -> str | None:
    return idempotency_key


async def required_idempotency_key(key: Annotated[str | None, Depends(optional_idempotency_key)]) -> str:
    if key is None:
        raise IdempotencyKeyRequired()
    return key


PolicyDep = Annotated[MoneyPolicy, Depends(get_policy)]
OptionalKey = Annotated[str | None, Depends(optional_idempotency_key)]
RequiredKey = Annotated[str, Depends(required_idempotency_key)]
