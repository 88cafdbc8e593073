"""Ledger schemas: entries, the derived balance, and what admins record."""

import re
import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..makeups.schemas import CreditList
from ..students.schemas import Money

PaymentMethod = Literal["cash", "card", "transfer", "online"]
# Ten million roubles in kopecks: far above any real studio payment, so a typo is refused.
MAX_AMOUNT_MINOR = 1_000_000_000


# The sentences the ledger stores (ledger and packages services write them), read back into a code
# and parameters so each app says the line in its own language; `description` stays for old clients.
_LINE_PATTERNS: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    "payment": (
        ("package_payment", re.compile(r"^Payment \((?P<method>\w+)\) for the package$")),
        ("payment", re.compile(r"^Payment \((?P<method>\w+)\)(?:: (?P<comment>.*))?$", re.S)),
    ),
    "refund": (("refund", re.compile(r"^Refund \((?P<method>\w+)\)(?:: (?P<comment>.*))?$", re.S)),),
    "adjustment": (("adjustment", re.compile(r"^Adjustment(?:: (?P<comment>.*))?$", re.S)),),
    "lesson_charge": (
        ("lesson_charge", re.compile(r"^(?P<lesson_kind>\w+) lesson on (?P<lesson_date>\d{4}-\d{2}-\d{2})$")),
    ),
    "late_cancel_charge": (
        (
            "late_cancel_charge",
            re.compile(r"^Late cancellation: (?P<lesson_kind>\w+) lesson on (?P<lesson_date>\d{4}-\d{2}-\d{2})$"),
        ),
    ),
    "package_purchase": (
        (
            "package_purchase",
            re.compile(
                r"^(?P<name>.*): (?P<lessons>\d+) lessons \((?P<package_kind>\w+)\)"
                r" valid until (?P<valid_until>\d{4}-\d{2}-\d{2})$",
                re.S,
            ),
        ),
    ),
}


def describe_line(kind: str, description: str) -> tuple[str, dict[str, str | int]]:
    """A ledger line as a code and parameters; `other` with the stored text when it has no known shape."""
    for code, pattern in _LINE_PATTERNS.get(kind, ()):
        if match := pattern.match(description):
            params: dict[str, str | int] = {key: value for key, value in match.groupdict().items() if value}
            if "lesson_kind" in params:
                params["lesson_kind"] = str(params["lesson_kind"]).lower()
            if "lessons" in params:
                params["lessons"] = int(params["lessons"])
            if params.get("name") == "Package":
                del params["name"]
            return code, params
    return "other", {"text": description}


class EntryRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    kind: str
    amount_minor: int
    currency: str
    description: str = Field(description="The line in English (kept for old clients; apps render code + params)")
    method: str | None
    lesson_id: uuid.UUID | None
    package_id: uuid.UUID | None
    created_at: datetime
    code: str = Field(
        default="other",
        description="What the line says: payment, package_payment, refund, adjustment, lesson_charge,"
        " late_cancel_charge, package_purchase, or other (then params.text is the stored sentence)",
    )
    params: dict[str, str | int] = Field(
        default_factory=dict,
        description="The line's values: method, comment, lesson_kind, lesson_date, name, lessons, package_kind,"
        " valid_until (dates as YYYY-MM-DD)",
    )

    @model_validator(mode="after")
    def _derive_code(self) -> "EntryRead":
        self.code, self.params = describe_line(self.kind, self.description)
        return self


class LedgerRead(BaseModel):
    balance: Money
    entries: list[EntryRead]
    makeup_credits: CreditList = Field(
        description="What each excused absence gave back (make-up credits, lessons kept in a package)"
    )


class PaymentCreate(BaseModel):
    amount_minor: int = Field(gt=0, le=MAX_AMOUNT_MINOR)
    method: PaymentMethod
    comment: str | None = Field(default=None, max_length=300)


class RefundCreate(BaseModel):
    amount_minor: int = Field(gt=0, le=MAX_AMOUNT_MINOR, description="How much is returned to the student.")
    method: PaymentMethod
    comment: str | None = Field(default=None, max_length=300)


class AdjustmentCreate(BaseModel):
    amount_minor: int = Field(
        ge=-MAX_AMOUNT_MINOR, le=MAX_AMOUNT_MINOR, description="Signed: positive credits the student, negative debits."
    )
    comment: str = Field(min_length=1, max_length=300)

    @field_validator("amount_minor")
    @classmethod
    def _not_zero(cls, value: int) -> int:
        if value == 0:
            raise ValueError("an adjustment of zero changes nothing")
        return value
