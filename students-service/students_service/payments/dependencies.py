"""Dependencies of online payments: the configured provider."""

from typing import Annotated

from fastapi import Depends

from ..config import SettingsDep
from .provider import PaymentProvider
from .service import provider_from


async def get_provider(settings: SettingsDep) -> PaymentProvider | None:
    return provider_from(settings)


ProviderDep = Annotated[PaymentProvider | None, Depends(get_provider)]
