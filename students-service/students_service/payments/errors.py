"""Errors of online payments."""

from studio_kit.errors import Conflict, NotFound, ServiceUnavailable


class PaymentsNotConfigured(ServiceUnavailable):
    code = "payments_not_configured"
    title = "Online payment is not set up for this studio"


class PaymentProviderUnavailable(ServiceUnavailable):
    code = "payment_provider_unavailable"
    title = "The payment provider is unavailable, please try again later"


class OnlinePaymentNotFound(NotFound):
    code = "online_payment_not_found"
    title = "Payment not found"


class ReceiptContactMissing(Conflict):
    code = "receipt_contact_missing"
    title = "A receipt needs the student's e-mail or phone"
