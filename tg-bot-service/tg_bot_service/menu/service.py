"""The studio's static information, rendered in the user's language."""

from ..config import Settings
from ..texts import t


def format_rubles(amount_minor: int) -> str:
    rubles, kopecks = divmod(amount_minor, 100)
    whole = f"{rubles:,}".replace(",", "\u00a0")
    return f"{whole} ₽" if not kopecks else f"{whole},{kopecks:02d} ₽"


def prices_text(settings: Settings, lang: str) -> str:
    """Lesson formats with the configured prices ("on request" where none is set)."""

    def price(amount_minor: int) -> str:
        return format_rubles(amount_minor) if amount_minor else t(lang, "price_on_request")

    return t(
        lang,
        "prices",
        individual=price(settings.price_individual_minor),
        group=price(settings.price_group_minor),
    )


def contact_text(settings: Settings, lang: str) -> str:
    """How to reach the studio: the configured channels, or this chat when none is set."""
    lines = [
        t(lang, key, value=value)
        for key, value in (
            ("contact_phone", settings.studio_phone),
            ("contact_email", settings.studio_email),
            ("contact_telegram", settings.studio_telegram),
        )
        if value
    ] or [t(lang, "contact_here")]
    return t(lang, "contact", studio=settings.studio_name, lines="\n".join(lines))
