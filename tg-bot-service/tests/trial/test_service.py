# The bot speaks Russian: Cyrillic letters that look Latin are intended.
# ruff: noqa: RUF001
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from tg_bot_service.trial.errors import InvalidName, InvalidPhone
from tg_bot_service.trial.service import normalize_phone, time_of_day, validate_name


class TestValidateName:
    @pytest.mark.parametrize(
        ("typed", "kept"),
        [("  Анна   Петрова ", "Анна Петрова"), ("Jean-Luc", "Jean-Luc"), ("O'Neil", "O'Neil"), ("Ян", "Ян")],
    )
    def test_real_names_are_kept_tidy(self, typed: str, kept: str) -> None:
        assert validate_name(typed) == kept

    @pytest.mark.parametrize("typed", ["A", "12345", "Анна2", "http://spam.example", "--", "x" * 61])
    def test_anything_else_is_refused(self, typed: str) -> None:
        with pytest.raises(InvalidName):
            validate_name(typed)


class TestNormalizePhone:
    @pytest.mark.parametrize("typed", ["+7 912 345-67-89", "8 (912) 345-67-89", "9123456789", "+79123456789"])
    def test_russian_numbers_in_any_usual_form(self, typed: str) -> None:
        assert normalize_phone(typed) == "+79123456789"

    def test_a_shared_contact_comes_without_the_plus(self) -> None:
        assert normalize_phone("447946095800", from_contact=True) == "+447946095800"

    @pytest.mark.parametrize("typed", ["12", "+7 000", "phone", "+1 555"])
    def test_impossible_numbers_are_refused(self, typed: str) -> None:
        with pytest.raises(InvalidPhone):
            normalize_phone(typed)


class TestTimeOfDay:
    @pytest.mark.parametrize(("utc_hour", "expected"), [(6, "morning"), (9, "afternoon"), (14, "evening")])
    def test_is_judged_in_studio_time(self, utc_hour: int, expected: str) -> None:
        moment = datetime(2026, 12, 1, utc_hour, tzinfo=UTC)
        assert time_of_day(moment, ZoneInfo("Europe/Moscow")) == expected
