"""Jinja2 templates per message and language: a subject, a plain-text body, a short text (SMS and
push) and an autoescaped HTML body, plus the date and money formats of each language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
LANGUAGES = ("ru", "en")

_RU_MONTHS = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)
_EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_CURRENCY_SIGNS = {"RUB": "₽", "USD": "$", "EUR": "€"}


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    short: str
    html: str


def format_datetime(value: datetime, timezone: str, language: str) -> str:
    local = value.astimezone(ZoneInfo(timezone))
    month = (_RU_MONTHS if language == "ru" else _EN_MONTHS)[local.month - 1]
    return f"{local.day} {month} {local.year}, {local:%H:%M} ({timezone})"


def format_day(value: date | str, language: str) -> str:
    """A date (or an ISO date, `2026-12-09`) as people write it: `9 December 2026` / `9 декабря 2026`."""
    day = value if isinstance(value, date) else date.fromisoformat(value)
    month = (_RU_MONTHS if language == "ru" else _EN_MONTHS)[day.month - 1]
    return f"{day.day} {month} {day.year}"


def format_money(amount_minor: int, currency: str, language: str) -> str:
    sign = "-" if amount_minor < 0 else ""
    units, cents = divmod(abs(amount_minor), 100)
    symbol = _CURRENCY_SIGNS.get(currency, currency)
    if language == "ru":
        whole = f"{units:,}".replace(",", "\u00a0")
        amount = whole if cents == 0 else f"{whole},{cents:02d}"
        return f"{sign}{amount}\u00a0{symbol}"
    whole = f"{units:,}"
    amount = whole if cents == 0 else f"{whole}.{cents:02d}"
    return f"{sign}{symbol}{amount}"


class Renderer:
    def __init__(self, directory: Path = TEMPLATE_DIR) -> None:
        # Only the .html bodies are escaped: the text parts go to plain-text channels as they are.
        self.environment = Environment(
            loader=FileSystemLoader(directory),
            autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
            # Templates ship with the code: compile each once, never stat its file again.
            auto_reload=False,
            cache_size=-1,
        )

    def render(self, name: str, language: str, context: dict[str, Any]) -> Rendered:
        """Render one message in one language; the text file holds the subject, text and short blocks."""
        language = language if language in LANGUAGES else "ru"
        values = {**context, "language": language}
        text_template = self.environment.get_template(f"{language}/{name}.txt")
        blocks = text_template.new_context(values)

        def block(block_name: str) -> str:
            return "".join(text_template.blocks[block_name](blocks)).strip()

        html = self.environment.get_template(f"{language}/{name}.html").render(values)
        return Rendered(
            subject=" ".join(block("subject").split()),
            text=block("text"),
            short=" ".join(block("short").split()),
            html=html,
        )


renderer = Renderer()
