"""The shared field types every service's schemas use."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError

from studio_kit.types import Phone


class Contact(BaseModel):
    phone: Phone


@pytest.mark.parametrize(
    "typed",
    ["+79161234567", "+7 916 123-45-67", "8 916 123 45 67", "8 (916) 123-45-67", "89161234567", " 916 123 45 67 "],
)
def test_a_russian_mobile_typed_any_usual_way_is_stored_in_e164(typed: str) -> None:
    assert Contact(phone=typed).phone == "+79161234567"


def test_a_foreign_number_keeps_its_own_country() -> None:
    assert Contact(phone="+44 20 7946 0958").phone == "+442079460958"


@pytest.mark.parametrize("typed", ["12", "not a phone", "8 916 123", "+7 000 000 00 00"])
def test_what_is_not_a_phone_number_is_refused(typed: str) -> None:
    with pytest.raises(ValidationError):
        Contact(phone=typed)
