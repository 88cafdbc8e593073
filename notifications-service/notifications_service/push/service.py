"""Rules for Web Push subscriptions."""

import ipaddress
import uuid
from urllib.parse import urlsplit

from sqlalchemy.ext.asyncio import AsyncSession

from . import repository as push_repository
from .errors import PushEndpointNotAllowed, PushSubscriptionNotFound
from .models import PushSubscription
from .schemas import PushSubscriptionCreate


def check_endpoint(endpoint: str, *, allow_insecure: bool) -> None:
    """We POST to whatever URL a browser hands us, so it must look like a public push service."""
    parts = urlsplit(endpoint)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise PushEndpointNotAllowed()
    if allow_insecure:
        return
    if parts.scheme != "https" or parts.hostname == "localhost":
        raise PushEndpointNotAllowed()
    try:
        ipaddress.ip_address(parts.hostname)
    except ValueError:
        return
    raise PushEndpointNotAllowed()


async def subscribe(
    session: AsyncSession, user_id: uuid.UUID, data: PushSubscriptionCreate, *, allow_insecure: bool
) -> PushSubscription:
    """Store the caller's browser subscription."""
    check_endpoint(data.endpoint, allow_insecure=allow_insecure)
    return await push_repository.save_subscription(session, user_id, data.endpoint, data.keys.p256dh, data.keys.auth)


async def unsubscribe(session: AsyncSession, user_id: uuid.UUID, subscription_id: uuid.UUID) -> None:
    """Forget one of the caller's subscriptions (someone else's is reported as missing)."""
    subscription = await push_repository.get_subscription(session, subscription_id)
    if subscription is None or subscription.user_id != user_id:
        raise PushSubscriptionNotFound()
    await push_repository.delete_subscription(session, subscription)
