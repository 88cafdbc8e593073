"""OAuth provider listing."""

from pydantic import BaseModel


class ProviderRead(BaseModel):
    name: str
    title: str
