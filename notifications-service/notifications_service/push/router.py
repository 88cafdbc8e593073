"""Web Push: the server key for browsers and the caller's subscriptions."""

import uuid

from fastapi import APIRouter, Response

from studio_kit.db import SessionDep

from ..channels.push import public_key_of
from ..config import SettingsDep
from ..preferences.dependencies import PersonId
from . import service as push_service
from .errors import PushNotConfigured
from .schemas import PushSubscriptionCreate, PushSubscriptionRead, VapidPublicKey

router = APIRouter(prefix="/push", tags=["push"])


@router.get("/vapid-public-key", response_model=VapidPublicKey)
async def get_vapid_public_key(settings: SettingsDep) -> VapidPublicKey:
    """The VAPID application server key for `pushManager.subscribe` (public)."""
    if not settings.push_enabled:
        raise PushNotConfigured()
    return VapidPublicKey(public_key=public_key_of(settings.vapid_private_key.get_secret_value()))


@router.post("/subscriptions", status_code=201, response_model=PushSubscriptionRead)
async def create_push_subscription(
    data: PushSubscriptionCreate, settings: SettingsDep, session: SessionDep, user_id: PersonId
) -> PushSubscriptionRead:
    """Register the current browser for push messages of the caller."""
    if not settings.push_enabled:
        raise PushNotConfigured()
    subscription = await push_service.subscribe(
        session, user_id, data, allow_insecure=settings.webpush_allow_insecure_endpoints
    )
    return PushSubscriptionRead.model_validate(subscription)


@router.delete("/subscriptions/{subscription_id}", status_code=204)
async def delete_push_subscription(subscription_id: uuid.UUID, session: SessionDep, user_id: PersonId) -> Response:
    """Stop push messages to one of the caller's browsers."""
    await push_service.unsubscribe(session, user_id, subscription_id)
    return Response(status_code=204)
