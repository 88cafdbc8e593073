"""'My lessons' from the menu or /lessons."""

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message, User

from ..context import BotContext
from ..menu.keyboards import back_to_menu
from ..menu.schemas import MenuAction
from ..texts import t
from . import service as lessons_service


async def show_lessons(message: Message, user: User, ctx: BotContext, lang: str) -> None:
    account = await lessons_service.find_account(ctx.clients, user.id)
    if account is None:
        await message.answer(t(lang, "not_linked"), reply_markup=back_to_menu(lang))
        return
    text = await lessons_service.upcoming_lessons_text(
        ctx.clients, account, zone_name=ctx.settings.studio_timezone, lang=lang
    )
    await message.answer(text, reply_markup=back_to_menu(lang))


def build_router() -> Router:
    router = Router(name=__name__)

    @router.callback_query(MenuAction.filter(F.action == "lessons"))
    async def from_menu(query: CallbackQuery, ctx: BotContext, lang: str) -> None:
        """List the linked user's upcoming lessons."""
        await query.answer()
        if isinstance(query.message, Message):
            await show_lessons(query.message, query.from_user, ctx, lang)

    @router.message(Command("lessons"))
    async def from_command(message: Message, ctx: BotContext, lang: str) -> None:
        if message.from_user is not None:
            await show_lessons(message, message.from_user, ctx, lang)

    return router
