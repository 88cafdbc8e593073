"""Feedback buttons (sent by notifications-service as `fb:<lesson_id>:<rating>`) and the comment step."""

import uuid

from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.state import State, StatesGroup
from pydantic import Field


class FeedbackRating(CallbackData, prefix="fb"):
    lesson_id: uuid.UUID
    rating: int = Field(ge=1, le=5)


class FeedbackRatingSpelledOut(FeedbackRating, prefix="feedback"):
    """The same button as notifications-service spells it today (`feedback:<lesson_id>:<rating>`)."""


class FeedbackSkip(CallbackData, prefix="fbskip"):
    lesson_id: uuid.UUID


class FeedbackForm(StatesGroup):
    comment = State()
