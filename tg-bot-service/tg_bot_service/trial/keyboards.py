"""Keyboards of the trial dialogue: reply keyboards where the user types, inline ones where they pick."""

from datetime import datetime
from zoneinfo import ZoneInfo

from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)

from ..texts import t
from .schemas import GOALS, LEVELS, TIMES_OF_DAY, ChoiceField, TrialChoice, TrialNav
from .service import format_slot


def _choice(text: str, field: ChoiceField, value: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=TrialChoice(field=field, value=value).pack())


def _nav_row(lang: str) -> list[InlineKeyboardButton]:
    return [
        InlineKeyboardButton(text=t(lang, "btn_back"), callback_data=TrialNav(action="back").pack()),
        InlineKeyboardButton(text=t(lang, "btn_cancel"), callback_data=TrialNav(action="cancel").pack()),
    ]


def _pairs(buttons: list[InlineKeyboardButton]) -> list[list[InlineKeyboardButton]]:
    return [buttons[i : i + 2] for i in range(0, len(buttons), 2)]


def name_keyboard(lang: str) -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(keyboard=[[KeyboardButton(text=t(lang, "btn_cancel"))]], resize_keyboard=True)


def phone_keyboard(lang: str) -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(
        keyboard=[
            [KeyboardButton(text=t(lang, "btn_share_phone"), request_contact=True)],
            [KeyboardButton(text=t(lang, "btn_back")), KeyboardButton(text=t(lang, "btn_cancel"))],
        ],
        resize_keyboard=True,
    )


def age_keyboard(lang: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [_choice(t(lang, "age_adult"), "age", "adult"), _choice(t(lang, "age_child"), "age", "child")],
            _nav_row(lang),
        ]
    )


def level_keyboard(lang: str) -> InlineKeyboardMarkup:
    buttons = [_choice(t(lang, f"level_{level}"), "level", level) for level in LEVELS]
    return InlineKeyboardMarkup(inline_keyboard=[*_pairs(buttons), _nav_row(lang)])


def goal_keyboard(lang: str) -> InlineKeyboardMarkup:
    buttons = [_choice(t(lang, f"goal_{goal}"), "goal", goal) for goal in GOALS]
    return InlineKeyboardMarkup(inline_keyboard=[*_pairs(buttons), _nav_row(lang)])


def time_keyboard(lang: str, slots: list[dict[str, str]], zone: ZoneInfo) -> InlineKeyboardMarkup:
    slot_buttons = [
        _choice(format_slot(datetime.fromisoformat(slot["starts_at"]), zone, lang), "slot", str(index))
        for index, slot in enumerate(slots)
    ]
    time_buttons = [_choice(t(lang, f"time_{value}"), "tod", value) for value in TIMES_OF_DAY]
    return InlineKeyboardMarkup(inline_keyboard=[*_pairs(slot_buttons), *_pairs(time_buttons), _nav_row(lang)])


def confirm_keyboard(lang: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=t(lang, "btn_send"), callback_data=TrialNav(action="send").pack())],
            _nav_row(lang),
        ]
    )
