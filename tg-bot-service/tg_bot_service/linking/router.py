"""`/start <link-token>`: the deep link the web app shows to connect Telegram."""

from aiogram import Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from ..context import BotContext
from ..menu.keyboards import main_menu
from ..texts import t
from . import service as linking_service
from .errors import LinkTokenInvalid, TelegramAlreadyLinked


def build_router() -> Router:
    router = Router(name=__name__)

    @router.message(CommandStart(deep_link=True))
    async def start_with_token(
        message: Message, command: CommandObject, state: FSMContext, ctx: BotContext, lang: str
    ) -> None:
        """Bind the chat to the account behind the token, then show the menu."""
        await state.clear()
        if message.from_user is None:
            return
        menu = main_menu(lang, ctx.settings.webapp_url)
        try:
            account = await linking_service.link_chat(
                ctx.clients, command.args or "", telegram_id=message.from_user.id, chat_id=message.chat.id
            )
        except LinkTokenInvalid:
            await message.answer(t(lang, "link_invalid"), reply_markup=menu)
            return
        except TelegramAlreadyLinked:
            await message.answer(t(lang, "link_conflict"), reply_markup=menu)
            return
        first_name = account.first_name or message.from_user.first_name
        await message.answer(t(lang, "link_ok", first_name=first_name), reply_markup=menu)

    return router
