"""The trial-request dialogue: its steps and its buttons."""

from typing import Literal

from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.state import State, StatesGroup

LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2", "unknown")
GOALS = ("conversation", "career", "exam", "travel", "school", "other")
TIMES_OF_DAY = ("morning", "afternoon", "evening", "any")


class TrialForm(StatesGroup):
    name = State()
    phone = State()
    age = State()
    level = State()
    goal = State()
    time = State()
    confirm = State()


# The order "Back" walks through.
STEPS: tuple[State, ...] = (
    TrialForm.name,
    TrialForm.phone,
    TrialForm.age,
    TrialForm.level,
    TrialForm.goal,
    TrialForm.time,
    TrialForm.confirm,
)


ChoiceField = Literal["age", "level", "goal", "slot", "tod"]


class TrialChoice(CallbackData, prefix="tr"):
    field: ChoiceField
    value: str


class TrialNav(CallbackData, prefix="trn"):
    action: Literal["back", "cancel", "send"]
