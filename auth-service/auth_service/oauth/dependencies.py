"""The process's OAuth provider registry."""

from typing import Annotated

from fastapi import Depends, Request

from .service import ProviderRegistry


async def get_provider_registry(request: Request) -> ProviderRegistry:
    registry: ProviderRegistry = request.app.state.oauth_registry
    return registry


ProviderRegistryDep = Annotated[ProviderRegistry, Depends(get_provider_registry)]
