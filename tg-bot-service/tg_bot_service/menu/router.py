"""/start, the main menu, prices and contacts, and the catch-alls for anything unexpected."""

from aiogram import F, Router
from aiogram.filters import Command, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from ..context import BotContext
from ..texts import t
from . import service as menu_service
from .keyboards import back_to_menu, main_menu
from .schemas import MenuAction


async def show_menu(message: Message, ctx: BotContext, lang: str, *, greet: bool = False) -> None:
    text = t(lang, "greeting", studio=ctx.settings.studio_name) if greet else t(lang, "menu")
    await message.answer(text, reply_markup=main_menu(lang, ctx.settings.webapp_url))


def build_router() -> Router:
    router = Router(name=__name__)

    @router.message(CommandStart())
    async def start(message: Message, state: FSMContext, ctx: BotContext, lang: str) -> None:
        """Greet and show the menu, leaving any unfinished dialogue."""
        await state.clear()
        await show_menu(message, ctx, lang, greet=True)

    @router.message(Command("menu", "cancel"))
    async def menu_command(message: Message, state: FSMContext, ctx: BotContext, lang: str) -> None:
        await state.clear()
        await show_menu(message, ctx, lang)

    @router.callback_query(MenuAction.filter(F.action == "menu"))
    async def menu_button(query: CallbackQuery, state: FSMContext, ctx: BotContext, lang: str) -> None:
        await query.answer()
        await state.clear()
        if isinstance(query.message, Message):
            await show_menu(query.message, ctx, lang)

    @router.callback_query(MenuAction.filter(F.action == "prices"))
    async def prices(query: CallbackQuery, ctx: BotContext, lang: str) -> None:
        await query.answer()
        if isinstance(query.message, Message):
            await query.message.answer(menu_service.prices_text(ctx.settings, lang), reply_markup=back_to_menu(lang))

    @router.callback_query(MenuAction.filter(F.action == "contact"))
    async def contact(query: CallbackQuery, ctx: BotContext, lang: str) -> None:
        await query.answer()
        if isinstance(query.message, Message):
            await query.message.answer(menu_service.contact_text(ctx.settings, lang), reply_markup=back_to_menu(lang))

    @router.callback_query()
    async def expired_button(query: CallbackQuery, lang: str) -> None:
        """A button from an old message or a finished dialogue."""
        await query.answer(t(lang, "expired_button"))

    @router.message()
    async def anything_else(message: Message, ctx: BotContext, lang: str) -> None:
        await show_menu(message, ctx, lang)

    return router
