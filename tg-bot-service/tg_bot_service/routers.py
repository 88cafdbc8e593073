"""Every feature's router, in the order the dispatcher tries them."""

from __future__ import annotations

from aiogram import Router

from .feedback import router as feedback
from .language import router as language
from .lessons import router as lessons
from .linking import router as linking
from .menu import router as menu
from .trial import router as trial


def get_routers() -> list[Router]:
    """Every feature's router, freshly built (an aiogram router can be attached only once)."""
    # Deep-link /start comes before the plain /start; the menu's catch-alls come last.
    return [
        linking.build_router(),
        trial.build_router(),
        feedback.build_router(),
        language.build_router(),
        lessons.build_router(),
        menu.build_router(),
    ]
