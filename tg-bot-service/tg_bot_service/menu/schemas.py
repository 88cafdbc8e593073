"""Buttons of the main menu."""

from typing import Literal

from aiogram.filters.callback_data import CallbackData

MenuItem = Literal["menu", "trial", "prices", "lessons", "contact", "language"]


class MenuAction(CallbackData, prefix="m"):
    action: MenuItem
