"""Rating buttons under the "how was your lesson?" message, then an optional comment."""

import contextlib
import uuid

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from ..context import BotContext
from ..menu.keyboards import back_to_menu
from ..texts import t
from . import service as feedback_service
from .errors import CommentTooLong, FeedbackAlreadyGiven, FeedbackRejected, TelegramNotLinked
from .schemas import FeedbackForm, FeedbackRating, FeedbackRatingSpelledOut, FeedbackSkip


def skip_keyboard(lang: str, lesson_id: uuid.UUID) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=t(lang, "btn_skip"), callback_data=FeedbackSkip(lesson_id=lesson_id).pack())]
        ]
    )


async def submit(message: Message, state: FSMContext, ctx: BotContext, lang: str, comment: str | None) -> None:
    data = await state.get_data()
    try:
        await feedback_service.submit_feedback(
            ctx.clients,
            lesson_id=uuid.UUID(data["lesson_id"]),
            student_id=uuid.UUID(data["student_id"]),
            rating=int(data["rating"]),
            comment=comment,
        )
    except CommentTooLong:
        await message.answer(t(lang, "feedback_comment_too_long"))
        return
    except FeedbackAlreadyGiven:
        text = t(lang, "feedback_already")
    except FeedbackRejected:
        text = t(lang, "feedback_rejected")
    else:
        text = t(lang, "feedback_saved")
    await state.clear()
    await message.answer(text, reply_markup=back_to_menu(lang))


def build_router() -> Router:
    router = Router(name=__name__)

    @router.callback_query(FeedbackRating.filter())
    @router.callback_query(FeedbackRatingSpelledOut.filter())
    async def rated(
        query: CallbackQuery, callback_data: FeedbackRating, state: FSMContext, ctx: BotContext, lang: str
    ) -> None:
        """Take the rating and offer to add a comment before it is stored."""
        try:
            student_id = await feedback_service.find_student(ctx.clients, query.from_user.id)
        except TelegramNotLinked:
            await query.answer(t(lang, "not_linked"), show_alert=True)
            return
        await query.answer()
        if not isinstance(query.message, Message):
            return
        # The buttons go away so the same lesson is not rated twice by accident.
        with contextlib.suppress(TelegramBadRequest):
            await query.message.edit_reply_markup(reply_markup=None)
        await state.set_state(FeedbackForm.comment)
        await state.set_data(
            {"lesson_id": str(callback_data.lesson_id), "student_id": str(student_id), "rating": callback_data.rating}
        )
        await query.message.answer(
            t(lang, "feedback_thanks", rating=callback_data.rating),
            reply_markup=skip_keyboard(lang, callback_data.lesson_id),
        )

    @router.message(FeedbackForm.comment, F.text, ~F.text.startswith("/"))
    async def commented(message: Message, state: FSMContext, ctx: BotContext, lang: str) -> None:
        """Store the rating with the student's words."""
        await submit(message, state, ctx, lang, message.text)

    @router.callback_query(FeedbackForm.comment, FeedbackSkip.filter())
    async def skipped(query: CallbackQuery, state: FSMContext, ctx: BotContext, lang: str) -> None:
        """Store the rating alone."""
        await query.answer()
        if isinstance(query.message, Message):
            with contextlib.suppress(TelegramBadRequest):
                await query.message.edit_reply_markup(reply_markup=None)
            await submit(query.message, state, ctx, lang, None)

    return router
