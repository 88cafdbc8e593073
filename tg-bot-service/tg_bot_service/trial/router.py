"""The trial-request dialogue: name → phone → adult or child → level → goal → time → confirmation."""

import uuid
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, Message, ReplyKeyboardRemove

from ..context import BotContext
from ..menu.keyboards import main_menu
from ..menu.schemas import MenuAction
from ..texts import LANGUAGES, t
from . import keyboards
from . import service as trial_service
from .errors import InvalidName, InvalidPhone, RequestNotSent
from .schemas import STEPS, TrialChoice, TrialForm, TrialNav

BACK_LABELS = {t(lang, "btn_back") for lang in LANGUAGES}
# Commands (/menu, /lessons, /start …) are not answers: they leave the dialogue to their own handlers.
NOT_COMMAND = ~F.text.startswith("/")
CANCEL_LABELS = {t(lang, "btn_cancel") for lang in LANGUAGES}


def _time_label(data: dict[str, Any], zone: ZoneInfo, lang: str) -> str:
    slot = data.get("slot")
    if slot:
        return trial_service.format_slot(datetime.fromisoformat(slot["starts_at"]), zone, lang)
    return t(lang, f"time_{data['time_of_day']}")


async def ask(message: Message, state: FSMContext, ctx: BotContext, lang: str, step: State) -> None:
    """Move the dialogue to `step` and ask its question."""
    await state.set_state(step)
    zone = ZoneInfo(ctx.settings.studio_timezone)
    if step == TrialForm.name:
        await message.answer(t(lang, "trial_ask_name"), reply_markup=keyboards.name_keyboard(lang))
    elif step == TrialForm.phone:
        await message.answer(t(lang, "trial_ask_phone"), reply_markup=keyboards.phone_keyboard(lang))
    elif step == TrialForm.age:
        await message.answer(t(lang, "trial_ask_age"), reply_markup=keyboards.age_keyboard(lang))
    elif step == TrialForm.level:
        await message.answer(t(lang, "trial_ask_level"), reply_markup=keyboards.level_keyboard(lang))
    elif step == TrialForm.goal:
        await message.answer(t(lang, "trial_ask_goal"), reply_markup=keyboards.goal_keyboard(lang))
    elif step == TrialForm.time:
        slots = await trial_service.offer_slots(ctx.clients, ctx.settings)
        await state.update_data(slots=slots)
        zone_name = ctx.settings.studio_timezone
        question = t(lang, "trial_ask_time", zone=zone_name) if slots else t(lang, "trial_ask_time_no_slots")
        await message.answer(question, reply_markup=keyboards.time_keyboard(lang, slots, zone))
    else:
        data = await state.get_data()
        summary = t(
            lang,
            "trial_confirm",
            name=data["name"],
            phone=data["phone"],
            age=t(lang, "age_child" if data["is_child"] else "age_adult"),
            level=t(lang, f"level_{data['level']}"),
            goal=t(lang, f"goal_{data['goal']}"),
            time=_time_label(data, zone, lang),
        )
        await message.answer(summary, reply_markup=keyboards.confirm_keyboard(lang))


async def cancel(message: Message, state: FSMContext, ctx: BotContext, lang: str) -> None:
    await state.clear()
    await message.answer(t(lang, "trial_cancelled"), reply_markup=ReplyKeyboardRemove())
    await message.answer(t(lang, "menu"), reply_markup=main_menu(lang, ctx.settings.webapp_url))


async def back(message: Message, state: FSMContext, ctx: BotContext, lang: str) -> None:
    current = await state.get_state()
    index = next((i for i, step in enumerate(STEPS) if step.state == current), 0)
    await ask(message, state, ctx, lang, STEPS[max(index - 1, 0)])


def build_router() -> Router:
    router = Router(name=__name__)
    in_dialogue = StateFilter(TrialForm)

    @router.callback_query(MenuAction.filter(F.action == "trial"))
    async def start_from_menu(query: CallbackQuery, state: FSMContext, ctx: BotContext, lang: str) -> None:
        """Begin a fresh trial request."""
        await query.answer()
        await state.clear()
        if isinstance(query.message, Message):
            await ask(query.message, state, ctx, lang, TrialForm.name)

    @router.message(Command("trial"))
    async def start_from_command(message: Message, state: FSMContext, ctx: BotContext, lang: str) -> None:
        await state.clear()
        await ask(message, state, ctx, lang, TrialForm.name)

    @router.message(in_dialogue, F.text.in_(CANCEL_LABELS))
    async def cancel_typed(message: Message, state: FSMContext, ctx: BotContext, lang: str) -> None:
        await cancel(message, state, ctx, lang)

    @router.message(in_dialogue, F.text.in_(BACK_LABELS))
    async def back_typed(message: Message, state: FSMContext, ctx: BotContext, lang: str) -> None:
        await back(message, state, ctx, lang)

    @router.callback_query(in_dialogue, TrialNav.filter(F.action.in_({"back", "cancel"})))
    async def navigate(
        query: CallbackQuery, callback_data: TrialNav, state: FSMContext, ctx: BotContext, lang: str
    ) -> None:
        await query.answer()
        if not isinstance(query.message, Message):
            return
        if callback_data.action == "cancel":
            await cancel(query.message, state, ctx, lang)
        else:
            await back(query.message, state, ctx, lang)

    @router.message(TrialForm.name, F.text, NOT_COMMAND)
    async def name_given(message: Message, state: FSMContext, ctx: BotContext, lang: str) -> None:
        try:
            name = trial_service.validate_name(message.text or "")
        except InvalidName:
            await message.answer(t(lang, "trial_bad_name"))
            return
        await state.update_data(name=name)
        await ask(message, state, ctx, lang, TrialForm.phone)

    @router.message(TrialForm.phone, F.contact | F.text, NOT_COMMAND)
    async def phone_given(message: Message, state: FSMContext, ctx: BotContext, lang: str) -> None:
        try:
            if message.contact is not None:
                phone = trial_service.normalize_phone(message.contact.phone_number, from_contact=True)
            else:
                phone = trial_service.normalize_phone(message.text or "")
        except InvalidPhone:
            await message.answer(t(lang, "trial_bad_phone"))
            return
        await state.update_data(phone=phone)
        await message.answer(t(lang, "trial_phone_ok", phone=phone), reply_markup=ReplyKeyboardRemove())
        await ask(message, state, ctx, lang, TrialForm.age)

    @router.callback_query(TrialForm.age, TrialChoice.filter(F.field == "age"))
    async def age_chosen(
        query: CallbackQuery, callback_data: TrialChoice, state: FSMContext, ctx: BotContext, lang: str
    ) -> None:
        await query.answer()
        await state.update_data(is_child=callback_data.value == "child")
        if isinstance(query.message, Message):
            await ask(query.message, state, ctx, lang, TrialForm.level)

    @router.callback_query(TrialForm.level, TrialChoice.filter(F.field == "level"))
    async def level_chosen(
        query: CallbackQuery, callback_data: TrialChoice, state: FSMContext, ctx: BotContext, lang: str
    ) -> None:
        await query.answer()
        await state.update_data(level=callback_data.value)
        if isinstance(query.message, Message):
            await ask(query.message, state, ctx, lang, TrialForm.goal)

    @router.callback_query(TrialForm.goal, TrialChoice.filter(F.field == "goal"))
    async def goal_chosen(
        query: CallbackQuery, callback_data: TrialChoice, state: FSMContext, ctx: BotContext, lang: str
    ) -> None:
        await query.answer()
        await state.update_data(goal=callback_data.value)
        if isinstance(query.message, Message):
            await ask(query.message, state, ctx, lang, TrialForm.time)

    @router.callback_query(TrialForm.time, TrialChoice.filter(F.field.in_({"slot", "tod"})))
    async def time_chosen(
        query: CallbackQuery, callback_data: TrialChoice, state: FSMContext, ctx: BotContext, lang: str
    ) -> None:
        await query.answer()
        data = await state.get_data()
        # The request id is fixed before the first attempt, so a retried send (or hold) is recognisably the same.
        request_id = data.get("request_id") or str(uuid.uuid4())
        await state.update_data(request_id=request_id)
        if callback_data.field == "slot":
            slots = data.get("slots", [])
            index = int(callback_data.value) if callback_data.value.isdigit() else len(slots)
            if index >= len(slots):
                if isinstance(query.message, Message):
                    await ask(query.message, state, ctx, lang, TrialForm.time)
                return
            slot = await trial_service.hold_slot(ctx.clients, slots[index], request_id)
            if slot is None:
                if isinstance(query.message, Message):
                    await query.message.answer(t(lang, "trial_slot_taken"))
                    await ask(query.message, state, ctx, lang, TrialForm.time)
                return
            zone = ZoneInfo(ctx.settings.studio_timezone)
            tod = trial_service.time_of_day(datetime.fromisoformat(slot["starts_at"]), zone)
            await state.update_data(slot=slot, time_of_day=tod)
        else:
            await state.update_data(slot=None, time_of_day=callback_data.value)
        if isinstance(query.message, Message):
            await ask(query.message, state, ctx, lang, TrialForm.confirm)

    @router.callback_query(TrialForm.confirm, TrialNav.filter(F.action == "send"))
    async def send(query: CallbackQuery, state: FSMContext, ctx: BotContext, lang: str) -> None:
        """Publish the request; on a broker failure keep every answer so the user can retry."""
        await query.answer()
        if not isinstance(query.message, Message):
            return
        data = await state.get_data()
        request = trial_service.build_request(
            data, language=lang, telegram_user_id=query.from_user.id, telegram_chat_id=query.message.chat.id
        )
        request_id = str(request.request_id)
        claim = await trial_service.claim_request(
            ctx.redis, query.from_user.id, request_id, ctx.settings.trial_requests_per_day
        )
        if claim == "duplicate":
            return  # the same request is being (or was) sent by another update of this tap
        if claim == "too_many":
            await state.clear()
            await query.message.answer(t(lang, "trial_too_many"), reply_markup=main_menu(lang, ctx.settings.webapp_url))
            return
        try:
            await trial_service.submit_request(ctx.broker, request)
        except RequestNotSent:
            await trial_service.release_request(ctx.redis, query.from_user.id, request_id)
            await query.message.answer(t(lang, "trial_not_sent"), reply_markup=keyboards.confirm_keyboard(lang))
            return
        await state.clear()
        await query.message.answer(
            t(lang, "trial_sent", name=request.name), reply_markup=main_menu(lang, ctx.settings.webapp_url)
        )

    @router.message(TrialForm.name, NOT_COMMAND)
    async def name_not_text(message: Message, lang: str) -> None:
        await message.answer(t(lang, "trial_bad_name"))

    @router.message(TrialForm.phone, NOT_COMMAND)
    async def phone_not_given(message: Message, lang: str) -> None:
        await message.answer(t(lang, "trial_bad_phone"))

    @router.message(in_dialogue, NOT_COMMAND)
    async def typed_instead_of_tapping(message: Message, state: FSMContext, ctx: BotContext, lang: str) -> None:
        """Text where a button was expected: ask the same question again."""
        current = await state.get_state()
        step = next((s for s in STEPS if s.state == current), TrialForm.name)
        await ask(message, state, ctx, lang, step)

    return router
