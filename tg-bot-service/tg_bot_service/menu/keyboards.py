"""The main menu and the one-button way back to it."""

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, WebAppInfo

from ..texts import t
from .schemas import MenuAction, MenuItem


def _button(lang: str, key: str, action: MenuItem) -> list[InlineKeyboardButton]:
    return [InlineKeyboardButton(text=t(lang, key), callback_data=MenuAction(action=action).pack())]


def main_menu(lang: str, webapp_url: str | None) -> InlineKeyboardMarkup:
    rows = [
        _button(lang, "btn_trial", "trial"),
        _button(lang, "btn_prices", "prices"),
        _button(lang, "btn_lessons", "lessons"),
        _button(lang, "btn_contact", "contact"),
        _button(lang, "btn_language", "language"),
    ]
    if webapp_url:
        # Opens the web app inside Telegram as a Mini App; it logs in with the signed initData.
        rows.append([InlineKeyboardButton(text=t(lang, "btn_app"), web_app=WebAppInfo(url=webapp_url))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def back_to_menu(lang: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[_button(lang, "btn_menu", "menu")])
