"""The language a Telegram user chose; kept apart from the FSM so ending a dialogue keeps it."""

from redis.asyncio import Redis

from ..texts import DEFAULT_LANGUAGE, Language, normalize_language


def _key(telegram_user_id: int) -> str:
    return f"tg:lang:{telegram_user_id}"


async def get_language(redis: Redis, telegram_user_id: int) -> Language:
    """The user's chosen language, Russian until they pick another."""
    value = await redis.get(_key(telegram_user_id))
    return normalize_language(value if isinstance(value, str) else None) if value else DEFAULT_LANGUAGE


async def set_language(redis: Redis, telegram_user_id: int, language: str) -> Language:
    """Remember the user's language for every later conversation."""
    chosen = normalize_language(language)
    await redis.set(_key(telegram_user_id), chosen)
    return chosen
