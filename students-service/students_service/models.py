"""Imports every domain's models so Alembic sees the whole schema."""

from .catalogue.models import PackageTemplate
from .database import Base, audit_entries, inbox_messages, outbox_messages
from .debts.models import DebtReminder
from .documents.models import Document
from .leads.models import Lead
from .ledger.models import LedgerEntry
from .makeups.models import MakeupCredit, MakeupPolicy
from .packages.models import Package, PackageUsage
from .payments.models import OnlinePayment
from .progress.models import Assessment
from .students.models import Student, TeacherStudent

__all__ = [
    "Assessment",
    "Base",
    "DebtReminder",
    "Document",
    "Lead",
    "LedgerEntry",
    "MakeupCredit",
    "MakeupPolicy",
    "OnlinePayment",
    "Package",
    "PackageTemplate",
    "PackageUsage",
    "Student",
    "TeacherStudent",
    "audit_entries",
    "inbox_messages",
    "outbox_messages",
]
