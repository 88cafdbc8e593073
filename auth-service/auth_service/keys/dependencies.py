"""Access to the process's key ring."""

from typing import Annotated

from fastapi import Depends, Request

from .service import KeyRing


async def get_keyring(request: Request) -> KeyRing:
    keyring: KeyRing = request.app.state.keyring
    return keyring


KeyRingDep = Annotated[KeyRing, Depends(get_keyring)]
