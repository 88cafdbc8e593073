"""The language menu: Russian by default, English on request."""

from aiogram import F, Router
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from ..context import BotContext
from ..menu.keyboards import main_menu
from ..menu.schemas import MenuAction
from ..texts import t
from . import service as language_service
from .schemas import LanguageChoice


def language_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(text="Русский", callback_data=LanguageChoice(code="ru").pack()),
                InlineKeyboardButton(text="English", callback_data=LanguageChoice(code="en").pack()),
            ]
        ]
    )


def build_router() -> Router:
    router = Router(name=__name__)

    @router.callback_query(MenuAction.filter(F.action == "language"))
    async def choose(query: CallbackQuery, lang: str) -> None:
        await query.answer()
        if isinstance(query.message, Message):
            await query.message.answer(t(lang, "language_choose"), reply_markup=language_keyboard())

    @router.callback_query(LanguageChoice.filter())
    async def chosen(query: CallbackQuery, callback_data: LanguageChoice, ctx: BotContext) -> None:
        """Remember the language and show the menu in it."""
        lang = await language_service.set_language(ctx.redis, query.from_user.id, callback_data.code)
        await query.answer()
        if isinstance(query.message, Message):
            await query.message.answer(t(lang, "language_set"), reply_markup=main_menu(lang, ctx.settings.webapp_url))

    return router
